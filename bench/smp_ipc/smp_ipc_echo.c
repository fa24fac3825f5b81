/* SPDX-License-Identifier: BSD-2-Clause */
/* Notification round-trip benchmark: the echo (near and far run this). */
#include <microkit.h>

void init(void)
{
}

void notified(microkit_channel ch)
{
    microkit_notify(ch);
}
