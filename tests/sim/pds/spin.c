/* SPDX-License-Identifier: BSD-2-Clause */
/* Never blocks: the run only ends when the runner is stopped. */
#include <microkit.h>

void init(void)
{
    microkit_dbg_puts("spin: start\n");
    for (volatile int i = 0;; i++) {
    }
}

void notified(microkit_channel ch)
{
}
