/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Per-PD utilisation on target (docs/profiling.md, "On target"). When the
 * tool patched monitor_profile_uart (microkit build --profile) and the
 * kernel tracks utilisation (KernelBenchmarks=track_utilisation, the
 * benchmark configuration), profile_run() resets the kernel's counters,
 * drops the monitor to priority 0 and, when it runs again (every PD of a
 * higher priority is blocked: the system is idle), prints each PD's cycles
 * on the PL011 at that physical address (the benchmark kernel does not
 * print), then returns the monitor to its priority. Otherwise it does
 * nothing.
 */
#ifndef MONITOR_PROFILE_H
#define MONITOR_PROFILE_H

struct boot;

void profile_run(struct boot *b);

#endif /* MONITOR_PROFILE_H */
