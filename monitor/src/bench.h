/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * seL4 16.0.0's benchmark system calls with KernelBenchmarks=track_utilisation
 * (libsel4's syscall.h; libmicrokit's headers leave them out), for the
 * on-target profile (profile.c, sample.c). AArch64 only.
 */
#ifndef MONITOR_BENCH_H
#define MONITOR_BENCH_H

#include <sel4/sel4.h>

enum { SYS_RESET_LOG = -22, SYS_FINALIZE_LOG = -23, SYS_GET_UTIL = -26, SYS_RESET_UTIL = -27 };

/* Words of the IPC buffer after SYS_GET_UTIL (libsel4's benchmark_utilisation_types.h). */
enum { U_TCB = 0, U_SCHEDULES = 1, U_TOTAL = 9 };

#if defined(CONFIG_BENCHMARK_TRACK_UTILISATION) && defined(__aarch64__)
#define MONITOR_HAVE_PROFILE 1

/* A benchmark system call: its number in x7, its one argument (a TCB cap or 0) in x0. */
static inline void bench_call(long sys, seL4_Word arg)
{
    register seL4_Word x0 __asm__("x0") = arg;
    register seL4_Word x7 __asm__("x7") = (seL4_Word)sys;
    asm volatile("svc #0" : "+r"(x0) : "r"(x7) : "x1", "x2", "x3", "x4", "x5", "x6", "memory");
}
#endif

#endif /* MONITOR_BENCH_H */
