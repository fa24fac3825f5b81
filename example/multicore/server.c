/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * server (core 3): answers a protected call with its argument plus one. It
 * is not passive, so the call crosses from client's core to this one and
 * the reply back.
 */
#include "core.h"

void init(void)
{
}

void notified(microkit_channel ch)
{
}

microkit_msginfo protected(microkit_channel ch, microkit_msginfo msginfo)
{
    say("protected call from client");
    show_core_once();
    microkit_mr_set(0, microkit_mr_get(0) + 1);
    return microkit_msginfo_new(0, 1);
}
