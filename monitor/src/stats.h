/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Where the monitor's boot time goes (debug builds only): every kernel
 * invocation is counted and timed by kind through the invocation wrappers'
 * trace hook (libmicrokit/include/sel4/client.h, SEL4_CLIENT_TRACE, which
 * monitor/CMakeLists.txt defines for the debug configuration), every
 * seL4_DebugPutChar by mon_putc(). stats_report() appends the totals to the
 * "boot spec executed" line:
 *
 *   ...: retype 9 calls 812 us, cnode 3 calls 40 us, ..., 2 untypeds cleared (72 KiB)
 *
 * In other builds every hook is an empty inline function.
 */
#ifndef MONITOR_STATS_H
#define MONITOR_STATS_H

#include <stdint.h>

#include <sel4/sel4.h>

struct boot;

/* The generic timer's count. */
static inline uint64_t stats_now(void)
{
    uint64_t v;
#if defined(__aarch64__)
    asm volatile("isb; mrs %0, cntpct_el0" : "=r"(v));
#elif defined(__riscv)
    asm volatile("rdtime %0" : "=r"(v));
#else
    v = 0;
#endif
    return v;
}

#if defined(SEL4_CLIENT_TRACE) && defined(CONFIG_DEBUG_BUILD)
/* One seL4_DebugPutChar that took `ticks`. */
void stats_putchar(uint64_t ticks);
/* Prints the totals (no newline): `hz` converts ticks to microseconds. */
void stats_report(const struct boot *b, uint64_t hz);
#else
static inline void stats_putchar(uint64_t ticks)
{
    (void)ticks;
}

static inline void stats_report(const struct boot *b, uint64_t hz)
{
    (void)b;
    (void)hz;
}
#endif

#endif /* MONITOR_STATS_H */
