/* SPDX-License-Identifier: BSD-2-Clause */
/* Reads a read-only map, then writes to it: the write must fault. */
#include <microkit.h>

seL4_Word ro_vaddr;

void init(void)
{
    volatile seL4_Word *p = (volatile seL4_Word *)ro_vaddr;
    microkit_dbg_puts("rofault: read ");
    microkit_dbg_put32((seL4_Uint32)p[0]);
    microkit_dbg_puts("\n");
    p[1] = 1;
    microkit_dbg_puts("rofault: the write did not fault\n");
}

void notified(microkit_channel ch)
{
}
