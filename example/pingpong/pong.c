/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pong: answers each notification from ping with one of its own, and serves
 * ping's protected call by adding the two message registers it was sent.
 */
#include <microkit.h>

/* The SDF's id, from the header the build generates (docs/reports.md); the
 * example's own number with an SDK that generates none. */
#if __has_include("sdf/pong.h")
#include "sdf/pong.h"
#define PING CH_PING
#else
#define PING 1
#endif

void init(void)
{
    microkit_dbg_puts("pong: init\n");
}

void notified(microkit_channel ch)
{
    microkit_dbg_puts("pong: notified on channel ");
    microkit_dbg_put32(ch);
    microkit_dbg_puts("\n");
    microkit_notify(PING);
}

microkit_msginfo protected(microkit_channel ch, microkit_msginfo msginfo)
{
    seL4_Word a = microkit_mr_get(0);
    seL4_Word b = microkit_mr_get(1);
    microkit_dbg_puts("pong: protected call on channel ");
    microkit_dbg_put32(ch);
    microkit_dbg_puts(", label ");
    microkit_dbg_put32(microkit_msginfo_get_label(msginfo));
    microkit_dbg_puts(", ");
    microkit_dbg_put32(microkit_msginfo_get_count(msginfo));
    microkit_dbg_puts(" words: ");
    microkit_dbg_put32(a);
    microkit_dbg_puts(" ");
    microkit_dbg_put32(b);
    microkit_dbg_puts("\n");
    microkit_mr_set(0, a + b);
    return microkit_msginfo_new(0, 1);
}
