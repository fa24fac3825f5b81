/* SPDX-License-Identifier: BSD-2-Clause */
/* Signals three channels (one twice) before the receiver runs. */
#include <microkit.h>

void init(void)
{
    microkit_dbg_puts("sender: notifying 1 2 3 1\n");
    microkit_notify(1);
    microkit_notify(2);
    microkit_notify(3);
    microkit_notify(1);
    microkit_dbg_puts("sender: done\n");
}

void notified(microkit_channel ch)
{
}
