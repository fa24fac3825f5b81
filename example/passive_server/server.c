/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * server: a passive PD. It runs init on its own scheduling context; after
 * that, libmicrokit tells the monitor it is ready, the monitor takes the
 * scheduling context away, and the server only runs while serving a call,
 * on the caller's scheduling context.
 */
#include <microkit.h>

static seL4_Word calls;

void init(void)
{
    microkit_dbg_puts("server: init, passive=");
    microkit_dbg_put32(microkit_passive);
    microkit_dbg_puts("\n");
}

void notified(microkit_channel ch)
{
}

microkit_msginfo protected(microkit_channel ch, microkit_msginfo msginfo)
{
    calls++;
    microkit_dbg_puts("server: call ");
    microkit_dbg_put32(calls);
    microkit_dbg_puts(" from channel ");
    microkit_dbg_put32(ch);
    microkit_dbg_puts(", running on the client's scheduling context\n");
    microkit_mr_set(0, microkit_mr_get(0) * 2);
    return microkit_msginfo_new(0, 1);
}
