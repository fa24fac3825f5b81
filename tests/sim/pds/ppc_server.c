/* SPDX-License-Identifier: BSD-2-Clause */
/* Answers a protected call: reports what it got, replies with six words. */
#include <microkit.h>

void init(void)
{
}

void notified(microkit_channel ch)
{
}

microkit_msginfo protected(microkit_channel ch, microkit_msginfo msginfo)
{
    seL4_Word sum = 0;
    unsigned n = (unsigned)microkit_msginfo_get_count(msginfo);
    for (unsigned i = 0; i < n; i++) {
        sum += microkit_mr_get(i);
    }
    microkit_dbg_puts("server: channel ");
    microkit_dbg_put32(ch);
    microkit_dbg_puts(" label ");
    microkit_dbg_put32((seL4_Uint32)microkit_msginfo_get_label(msginfo));
    microkit_dbg_puts(" count ");
    microkit_dbg_put32(n);
    microkit_dbg_puts(" sum ");
    microkit_dbg_put32((seL4_Uint32)sum);
    microkit_dbg_puts("\n");
    for (unsigned i = 0; i < 6; i++) {
        microkit_mr_set(i, sum * (i + 1));
    }
    return microkit_msginfo_new(0x55, 6);
}
