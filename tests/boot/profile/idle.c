/* SPDX-License-Identifier: BSD-2-Clause */
/* Waits; counts the notifications it gets (tests/boot/profile). */
#include <microkit.h>

static volatile unsigned long count;

void init(void)
{
}

void notified(microkit_channel ch)
{
    (void)ch;
    count++;
}
