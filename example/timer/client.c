/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * client: asks the timer driver for a timeout one second ahead, ten times,
 * and prints a tick each time the driver's notification arrives, with
 * whether at least a second has passed since the previous one (by the
 * driver's clock, TIMER_NOW).
 */
#include <stdint.h>

#include <microkit.h>

#include "timer_client.h"

#define TIMER 0
#define TICKS 10

static uint64_t last;
static unsigned ticks;

static uint64_t now(void)
{
    microkit_ppcall(TIMER, microkit_msginfo_new(TIMER_NOW, 0));
    return microkit_mr_get(0);
}

static void set_timeout(uint64_t ns)
{
    microkit_mr_set(0, ns);
    microkit_msginfo reply = microkit_ppcall(TIMER, microkit_msginfo_new(TIMER_SET_TIMEOUT, 1));
    if (microkit_msginfo_get_label(reply) != TIMER_OK) {
        microkit_dbg_puts("client: set_timeout refused\n");
    }
}

void init(void)
{
    microkit_dbg_puts("client: ten ticks, one second apart\n");
    last = now();
    set_timeout(NS_PER_S);
}

void notified(microkit_channel ch)
{
    if (ch != TIMER || ticks == TICKS) {
        return;
    }
    uint64_t t = now();
    ticks++;
    microkit_dbg_puts("client: tick ");
    microkit_dbg_put32(ticks);
    microkit_dbg_puts(t - last >= NS_PER_S ? ", a second after the last\n"
                                           : ", EARLY: less than a second after the last\n");
    last = t;
    if (ticks < TICKS) {
        set_timeout(NS_PER_S);
    } else {
        microkit_dbg_puts("client: done\n");
    }
}
