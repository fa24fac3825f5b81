/* SPDX-License-Identifier: BSD-2-Clause */
/* client: calls the passive server twice and prints its answers. */
#include <microkit.h>

/* The SDF's id, from the header the build generates (docs/reports.md); the
 * example's own number with an SDK that generates none. */
#if __has_include("sdf/client.h")
#include "sdf/client.h"
#define SERVER CH_SERVER
#else
#define SERVER 0
#endif

static void call_server(seL4_Word value)
{
    microkit_mr_set(0, value);
    microkit_ppcall(SERVER, microkit_msginfo_new(0, 1));
    microkit_dbg_puts("client: server doubled ");
    microkit_dbg_put32(value);
    microkit_dbg_puts(" to ");
    microkit_dbg_put32(microkit_mr_get(0));
    microkit_dbg_puts("\n");
}

void init(void)
{
    microkit_dbg_puts("client: init\n");
    call_server(21);
    call_server(1000);
}

void notified(microkit_channel ch)
{
}
