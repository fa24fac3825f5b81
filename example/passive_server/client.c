/* SPDX-License-Identifier: BSD-2-Clause */
/* client: calls the passive server twice and prints its answers. */
#include <microkit.h>

#define SERVER 0

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
