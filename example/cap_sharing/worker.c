/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * worker: counts the notifications it handles. It does not know that
 * scheduler can stop it; while it is stopped, notifications wait for it.
 */
#include <microkit.h>

static unsigned ticks;

void init(void)
{
    microkit_dbg_puts("worker: init\n");
}

void notified(microkit_channel ch)
{
    ticks++;
    microkit_dbg_puts("worker: tick ");
    microkit_dbg_put32(ticks);
    microkit_dbg_puts(" (channel ");
    microkit_dbg_put32(ch);
    microkit_dbg_puts(")\n");
}
