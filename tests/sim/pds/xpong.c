/* SPDX-License-Identifier: BSD-2-Clause */
/* xpong (core 1): answers each notification from xping (core 0) with one. */
#include <microkit.h>

#define PING 0

void init(void)
{
}

void notified(microkit_channel ch)
{
    microkit_notify(PING);
}
