/* SPDX-License-Identifier: BSD-2-Clause */
/* pong (core 1): answers each notification from ping (core 0) with one. */
#include "core.h"

#define PING 0

void init(void)
{
}

void notified(microkit_channel ch)
{
    say("notified by ping, notifying back");
    show_core_once();
    microkit_notify(PING);
}
