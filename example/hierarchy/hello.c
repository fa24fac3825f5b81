/* SPDX-License-Identifier: BSD-2-Clause */
/* hello: the lowest-priority child; it runs once the others are blocked. */
#include <microkit.h>

void init(void)
{
    microkit_dbg_puts("hello, world\n");
}

void notified(microkit_channel ch)
{
}
