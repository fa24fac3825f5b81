/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ping (core 0): three notification round trips with pong (core 1), then
 * the turn goes to client (core 2); when client reports back, done.
 */
#include "core.h"

#define PONG   0
#define CLIENT 1
#define ROUNDS 3

static unsigned rounds;

void init(void)
{
    say("notifying pong");
    show_core_once();
    microkit_notify(PONG);
}

void notified(microkit_channel ch)
{
    if (ch == CLIENT) {
        say("client is done: all four cores took part");
        return;
    }
    rounds++;
    microkit_dbg_puts("ping: round ");
    microkit_dbg_put32(rounds);
    microkit_dbg_puts(" back from pong\n");
    if (rounds < ROUNDS) {
        microkit_notify(PONG);
    } else {
        say("handing over to client");
        microkit_notify(CLIENT);
    }
}
