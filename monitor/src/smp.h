/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Multicore (the smp- configurations): which core's SchedControl cap
 * configures a thread's scheduling context. On MCS the scheduling context's
 * core decides where its thread runs (seL4 has no TCB affinity call on MCS:
 * binding the SC in TCB_SetSchedParams moves the thread to that core), so
 * the SchedControl cap is all the monitor needs to place a PD.
 */
#ifndef MONITOR_SMP_H
#define MONITOR_SMP_H

#include <sdk/bootspec.h>
#include <sel4/sel4.h>

#include "boot.h"

/*
 * The SchedControl cap of thread `p`'s core (boot info holds one per node,
 * schedcontrol.start + core); 0 after "MON|ERROR: ..." when the kernel has
 * no such core (a spec built for more cores than the kernel has).
 */
seL4_CPtr smp_sched_control(const struct boot *b, const struct bs_pd *p);

/*
 * The handler of IRQ `q` into slot `handler` of the monitor's CSpace. On an
 * SMP kernel the IRQ goes to the core of the PD that receives it (the PD
 * whose CNode gets the handler cap), as Microkit 2.3 routes it, with
 * IRQControl_GetTriggerCore (the only form seL4 takes for a PPI there);
 * otherwise, and on RISC-V (whose kernel has no per-core form: the PLIC
 * routes device IRQs itself), IRQControl_GetTrigger.
 */
seL4_Error smp_irq_get(const struct boot *b, const struct bs_irq *q, seL4_CPtr handler);

/* Cores the kernel runs on: boot info's SchedControl caps. */
unsigned smp_cores(const seL4_BootInfo *bi);

#endif /* MONITOR_SMP_H */
