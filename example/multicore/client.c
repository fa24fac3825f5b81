/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * client (core 2): on its turn, a protected call to server (core 3) with
 * one word; prints the reply and gives the turn back to ping.
 */
#include "core.h"

#define PING   0
#define SERVER 1

void init(void)
{
}

void notified(microkit_channel ch)
{
    say("calling server with 42");
    show_core_once();
    microkit_mr_set(0, 42);
    microkit_msginfo reply = microkit_ppcall(SERVER, microkit_msginfo_new(0, 1));
    microkit_dbg_puts("client: server replied ");
    microkit_dbg_put32(microkit_mr_get(0));
    microkit_dbg_puts(" (");
    microkit_dbg_put32(microkit_msginfo_get_count(reply));
    microkit_dbg_puts(" word)\n");
    microkit_notify(PING);
}
