/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Time partitioning: this program never blocks, it watches the clock. When
 * the time between two readings is far more than the loop takes, another
 * domain had the CPU: a new slot of ours has begun. It reports its first
 * three slots, with how long the CPU was away, then returns from init.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime on the host, even with -std=c99 */

#include <kernel/gen_config.h>
#include <microkit.h>
#include <stdint.h>

#ifdef CONFIG_PLAT_MICROKIT_HOST
#include <time.h>
#endif

#define SLOTS   3
#define AWAY_MS 100 /* half the other domain's 200 ms slot: host stalls are shorter */

/* Milliseconds on a monotonic clock: the generic timer's counter (AArch64), time (RISC-V). */
static uint64_t now_ms(void)
{
#ifdef CONFIG_PLAT_MICROKIT_HOST
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
#elif defined(__riscv)
    /* The time CSR counts at the board's timer frequency (CONFIG_TIMER_FREQUENCY). */
    uint64_t count;
    __asm__ __volatile__("rdtime %0" : "=r"(count));
    return count / (CONFIG_TIMER_FREQUENCY / 1000);
#else
    uint64_t count, hz;
    __asm__ __volatile__("isb; mrs %0, cntpct_el0" : "=r"(count));
    __asm__ __volatile__("mrs %0, cntfrq_el0" : "=r"(hz));
    return count / (hz / 1000);
#endif
}

static void put_slot(int slot)
{
    microkit_dbg_puts(microkit_name);
    microkit_dbg_puts(": running in slot ");
    microkit_dbg_putc((char)('0' + slot));
    if (slot > 1) {
        microkit_dbg_puts(" (the CPU was away for at least 100 ms)");
    }
    microkit_dbg_puts("\n");
}

void init(void)
{
    int slot = 1;
    put_slot(slot);
    uint64_t last = now_ms();
    while (slot < SLOTS) {
        uint64_t t = now_ms();
        if (t - last >= AWAY_MS) {
            put_slot(++slot);
        }
        last = t;
    }
    microkit_dbg_puts(microkit_name);
    microkit_dbg_puts(": done\n");
}

void notified(microkit_channel ch)
{
}
