/* SPDX-License-Identifier: BSD-2-Clause */
/* xping (core 0): 10000 notification round trips with xpong (core 1); a lost wake-up hangs it. */
#include <microkit.h>

#define PONG   0
#define ROUNDS 10000

static unsigned rounds;

void init(void)
{
    microkit_notify(PONG);
}

void notified(microkit_channel ch)
{
    if (++rounds < ROUNDS) {
        microkit_notify(PONG);
        return;
    }
    microkit_dbg_puts("xping: ");
    microkit_dbg_put32(rounds);
    microkit_dbg_puts(" round trips across cores\n");
}
