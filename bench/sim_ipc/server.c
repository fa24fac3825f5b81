/* SPDX-License-Identifier: BSD-2-Clause */
/* Simulator IPC benchmark, server side (priority 20): answers calls, echoes notifications. */
#include <microkit.h>

#define CLIENT 2

void init(void)
{
}

void notified(microkit_channel ch)
{
    microkit_notify(CLIENT);
}

microkit_msginfo protected(microkit_channel ch, microkit_msginfo msginfo)
{
    microkit_mr_set(0, microkit_mr_get(0) + 1);
    return microkit_msginfo_new(0, 1);
}
