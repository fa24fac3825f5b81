/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A driver-style PD: it reads the ARM generic timer the kernel exports to
 * user level when the configuration says so, and says which path it took.
 * The test compiles it with EXPECT_TIMER (qemu_virt_aarch64) or without
 * (host) to prove the kernel's CONFIG_* macros reach PD code.
 */
#include <microkit.h>

#if CONFIG_EXPORT_PCNT_USER && CONFIG_EXPORT_PTMR_USER
#ifndef EXPECT_TIMER
#error "CONFIG_EXPORT_PCNT_USER and CONFIG_EXPORT_PTMR_USER are set on a board without the timer"
#endif
static seL4_Word counter(void)
{
    seL4_Word v;
    __asm__ volatile("isb; mrs %0, cntpct_el0" : "=r"(v));
    return v;
}

static seL4_Word frequency(void)
{
    seL4_Word v;
    __asm__ volatile("mrs %0, cntfrq_el0" : "=r"(v));
    return v;
}

void init(void)
{
    seL4_Word start = counter(), tick = frequency() / 10;
    for (int i = 1; i <= 3; i++) {
        while (counter() - start < (seL4_Word)i * tick) {
        }
        microkit_dbg_puts("timer: tick\n");
    }
    microkit_dbg_puts("timer: generic timer on " MICROKIT_BOARD "\n");
}
#else
#ifdef EXPECT_TIMER
#error "CONFIG_EXPORT_PCNT_USER and CONFIG_EXPORT_PTMR_USER must reach PD code"
#endif
void init(void)
{
    microkit_dbg_puts("timer: no exported timer on " MICROKIT_BOARD "\n");
}
#endif

void notified(microkit_channel ch)
{
}
