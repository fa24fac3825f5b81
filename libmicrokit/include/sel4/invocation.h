/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Invocation labels of seL4 16.0.0 for AArch64, MCS, hypervisor support and
 * SMC calls. The generic labels are followed directly by the AArch64 ones
 * and then the ARM ones, as one sequence. A kernel built with
 * CONFIG_HARDWARE_DEBUG_API (the debug config) has four more TCB labels, so
 * every label from TCBSetTLSBase on is 4 higher there. Without
 * CONFIG_ARM_HYPERVISOR_SUPPORT (an EL1 kernel) the five VCPU labels are not
 * there, so the IRQ control labels after them are 5 lower; with
 * CONFIG_ENABLE_SMP_SUPPORT IRQ control has GetTriggerCore instead of
 * IssueSGISignal (libsel4's object-api-arch.xml conditions).
 */
#ifndef SEL4_INVOCATION_H
#define SEL4_INVOCATION_H

#include <sel4/config.h>

enum invocation_label {
    InvalidInvocation,
    UntypedRetype,
    TCBReadRegisters,
    TCBWriteRegisters,
    TCBCopyRegisters,
    TCBConfigure,
    TCBSetPriority,
    TCBSetMCPriority,
    TCBSetSchedParams,
    TCBSetTimeoutEndpoint,
    TCBSetIPCBuffer,
    TCBSetSpace,
    TCBSuspend,
    TCBResume,
    TCBBindNotification,
    TCBUnbindNotification,
#ifdef CONFIG_HARDWARE_DEBUG_API
    TCBSetBreakpoint,
    TCBGetBreakpoint,
    TCBUnsetBreakpoint,
    TCBConfigureSingleStepping,
#endif
    TCBSetTLSBase,
    TCBSetFlags,
    CNodeRevoke,
    CNodeDelete,
    CNodeCancelBadgedSends,
    CNodeCopy,
    CNodeMint,
    CNodeMove,
    CNodeMutate,
    CNodeRotate,
    IRQIssueIRQHandler,
    IRQAckIRQ,
    IRQSetIRQHandler,
    IRQClearIRQHandler,
    DomainSetSet,
    DomainScheduleConfigure,
    DomainScheduleSetStart,
    SchedControlConfigureFlags,
    SchedContextBind,
    SchedContextUnbind,
    SchedContextUnbindObject,
    SchedContextConsumed,
    SchedContextYieldTo,
    nInvocationLabels
};

#ifdef CONFIG_ARCH_RISCV
#include <sel4/arch_invocation.h> /* libmicrokit/arch/riscv64/include */
#else
enum sel4_arch_invocation_label {
    ARMVSpaceClean_Data = nInvocationLabels,
    ARMVSpaceInvalidate_Data,
    ARMVSpaceCleanInvalidate_Data,
    ARMVSpaceUnify_Instruction,
    ARMSMCCall,
    nSeL4ArchInvocationLabels
};

enum arch_invocation_label {
    ARMPageTableMap = nSeL4ArchInvocationLabels,
    ARMPageTableUnmap,
    ARMPageMap,
    ARMPageUnmap,
    ARMPageClean_Data,
    ARMPageInvalidate_Data,
    ARMPageCleanInvalidate_Data,
    ARMPageUnify_Instruction,
    ARMPageGetAddress,
    ARMASIDControlMakePool,
    ARMASIDPoolAssign,
#ifdef CONFIG_ARM_HYPERVISOR_SUPPORT
    ARMVCPUSetTCB,
    ARMVCPUInjectIRQ,
    ARMVCPUReadReg,
    ARMVCPUWriteReg,
    ARMVCPUAckVPPI,
#endif
    ARMIRQIssueIRQHandlerTrigger,
#ifdef CONFIG_ENABLE_SMP_SUPPORT
    ARMIRQIssueIRQHandlerTriggerCore,
#else
    ARMIRQIssueSGISignal,
#endif
    nArchInvocationLabels,
#ifndef CONFIG_ARM_HYPERVISOR_SUPPORT
    /*
     * Not invocations of a kernel without hypervisor support (it has no
     * VCPU objects either): numbered past the end so that the VCPU wrappers
     * still compile, and a kernel given one refuses it.
     */
    ARMVCPUSetTCB,
    ARMVCPUInjectIRQ,
    ARMVCPUReadReg,
    ARMVCPUWriteReg,
    ARMVCPUAckVPPI,
#endif
};

/* The label seL4_IRQControl_GetTrigger sends (sel4/client.h). */
#define SEL4_IRQ_ISSUE_TRIGGER_LABEL ARMIRQIssueIRQHandlerTrigger
#endif /* CONFIG_ARCH_RISCV */

#endif /* SEL4_INVOCATION_H */
