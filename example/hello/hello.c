/* SPDX-License-Identifier: BSD-2-Clause */
/* The smallest system: one PD that prints a line from init. */
#include <microkit.h>

void init(void)
{
    microkit_dbg_puts("hello, world\n");
}

void notified(microkit_channel ch)
{
}
