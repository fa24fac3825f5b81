/* SPDX-License-Identifier: BSD-2-Clause */
/* Prints the ids the tool patched in through setvar_id (Microkit 2.3). */
#include <microkit.h>

seL4_Word peer_ch = 99;
seL4_Word dev_irq = 99;
seL4_Word kid = 99;

static void show(const char *what, seL4_Word v)
{
    microkit_dbg_puts(what);
    microkit_dbg_put32((seL4_Uint32)v);
    microkit_dbg_puts("\n");
}

void init(void)
{
    show("setvar_id: channel ", peer_ch);
    show("setvar_id: irq ", dev_irq);
    show("setvar_id: child ", kid);
}

void notified(microkit_channel ch)
{
}
