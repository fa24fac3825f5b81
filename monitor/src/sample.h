/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The on-target sampling profiler (docs/profiling.md, "On target"), run by
 * profile_run() on a benchmark kernel (MCS, track_utilisation):
 *
 *   sample_run()     gives the monitor's scheduling context a budget below
 *                    its period (SAMPLE_BUDGET_US of SAMPLE_PERIOD_US) and
 *                    loops: seL4_Yield (which under MCS gives up the rest
 *                    of the head refill, so the monitor, at the highest
 *                    priority, next runs at its next replenishment and
 *                    preempts whatever PD runs then), serve any fault on
 *                    the fault endpoint (seL4_NBRecv), take one sample.
 *                    Returns after SAMPLE_IDLE_STOP samples in a row in
 *                    which no PD ran: the system is idle.
 *   sample_report()  prints per PD its samples and its top functions.
 *   sample_end()     gives the monitor its round-robin time slice back.
 *
 * A sample: every PD's utilisation counters are read; of the PDs whose
 * counters moved since the last sample, those in a blocking system call are
 * dropped, and the highest-priority one left was running (sample_rule.h).
 * Its pc (seL4_TCB_ReadRegisters) is resolved to a function with the
 * symbols the tool puts in the boot spec (symbol.h).
 */
#ifndef MONITOR_SAMPLE_H
#define MONITOR_SAMPLE_H

#define SAMPLE_PERIOD_US 1000u
#define SAMPLE_BUDGET_US 500u /* a cap: a yield gives the rest of it up */
#define SAMPLE_IDLE_STOP 10u  /* idle samples in a row that end the profile */

struct boot;

void sample_run(struct boot *b);
void sample_report(const struct boot *b);
void sample_end(const struct boot *b);

#endif /* MONITOR_SAMPLE_H */
