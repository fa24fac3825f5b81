/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The profile on target (docs/profiling.md, "On target"). When the tool
 * patched monitor_profile_uart (microkit build --profile) and the kernel
 * tracks utilisation (KernelBenchmarks=track_utilisation, the benchmark
 * configuration), profile_run() resets the kernel's counters, samples the
 * running PD every millisecond (sample.h) until the system is idle, then
 * prints on the PL011 at that physical address (the benchmark kernel does
 * not print) each PD's cycles, and its samples and top functions, and
 * returns to serve faults. Otherwise it does nothing.
 */
#ifndef MONITOR_PROFILE_H
#define MONITOR_PROFILE_H

struct boot;

void profile_run(struct boot *b);

#endif /* MONITOR_PROFILE_H */
