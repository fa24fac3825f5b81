/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Invocation labels of seL4 16.0.0 for RISC-V 64, included by
 * sel4/invocation.h after the generic labels: RISC-V has no sel4_arch
 * labels, so the arch labels start at nInvocationLabels (39; there is no
 * HardwareDebugAPI, so debug and release agree). They match the generated
 * invocations_all.json of a qemu-riscv-virt build.
 */
#ifndef SEL4_ARCH_INVOCATION_H
#define SEL4_ARCH_INVOCATION_H

enum sel4_arch_invocation_label { nSeL4ArchInvocationLabels = nInvocationLabels };

enum arch_invocation_label {
    RISCVPageTableMap = nSeL4ArchInvocationLabels,
    RISCVPageTableUnmap,
    RISCVPageMap,
    RISCVPageUnmap,
    RISCVPageGetAddress,
    RISCVASIDControlMakePool,
    RISCVASIDPoolAssign,
    RISCVIRQIssueIRQHandlerTrigger,
    nArchInvocationLabels
};

/* The label seL4_IRQControl_GetTrigger sends (sel4/client.h). */
#define SEL4_IRQ_ISSUE_TRIGGER_LABEL RISCVIRQIssueIRQHandlerTrigger

#endif /* SEL4_ARCH_INVOCATION_H */
