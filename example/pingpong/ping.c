/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ping: notifies pong, makes a protected call to it with two arguments,
 * then exchanges notifications with it for a few rounds.
 */
#include <microkit.h>

/* The SDF's id, from the header the build generates (docs/reports.md); the
 * example's own number with an SDK that generates none. */
#if __has_include("sdf/ping.h")
#include "sdf/ping.h"
#define PONG CH_PONG
#else
#define PONG 0
#endif
#define ROUNDS 3

static unsigned rounds;

void init(void)
{
    microkit_dbg_puts("ping: init\n");
    microkit_notify(PONG);

    microkit_dbg_puts("ping: calling pong with 42 and 8\n");
    microkit_mr_set(0, 42);
    microkit_mr_set(1, 8);
    microkit_msginfo reply = microkit_ppcall(PONG, microkit_msginfo_new(1, 2));
    microkit_dbg_puts("ping: reply label ");
    microkit_dbg_put32(microkit_msginfo_get_label(reply));
    microkit_dbg_puts(", ");
    microkit_dbg_put32(microkit_msginfo_get_count(reply));
    microkit_dbg_puts(" word: ");
    microkit_dbg_put32(microkit_mr_get(0));
    microkit_dbg_puts("\n");
}

void notified(microkit_channel ch)
{
    rounds++;
    microkit_dbg_puts("ping: notified on channel ");
    microkit_dbg_put32(ch);
    microkit_dbg_puts(", round ");
    microkit_dbg_put32(rounds);
    microkit_dbg_puts("\n");
    if (rounds < ROUNDS) {
        microkit_notify(PONG);
    } else {
        microkit_dbg_puts("ping: done\n");
    }
}
