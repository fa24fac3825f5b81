/* SPDX-License-Identifier: BSD-2-Clause */
/* Secondary cores (smp.c). */
#ifndef LOADER_SMP_H
#define LOADER_SMP_H

/*
 * On the primary core, at the kernel's exception level with its MMU on,
 * just before it enters the kernel: TPIDR_EL1 = 0, then, for an SMP kernel, every other
 * core started, set up like this one and sent into the kernel. Halts with
 * an LDR|ERROR line when a core does not start.
 */
void smp_boot(void);

#endif /* LOADER_SMP_H */
