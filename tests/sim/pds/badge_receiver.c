/* SPDX-License-Identifier: BSD-2-Clause */
/* Prints each channel it is notified on: its own ids, each once. */
#include <microkit.h>

void init(void)
{
    microkit_dbg_puts("receiver: init\n");
}

void notified(microkit_channel ch)
{
    microkit_dbg_puts("receiver: notified ");
    microkit_dbg_put32(ch);
    microkit_dbg_puts("\n");
}
