/* SPDX-License-Identifier: BSD-2-Clause */
/* Calls the server with a label and ten message registers. */
#include <microkit.h>

static void put_hex(seL4_Word x)
{
    char buf[19] = "0x";
    for (int i = 0; i < 16; i++) {
        buf[2 + i] = "0123456789abcdef"[(x >> (60 - 4 * i)) & 0xf];
    }
    buf[18] = '\0';
    microkit_dbg_puts(buf);
}

void init(void)
{
    for (int i = 0; i < 10; i++) {
        microkit_mr_set(i, (seL4_Word)(i * i + 7));
    }
    microkit_msginfo r = microkit_ppcall(3, microkit_msginfo_new(0x1234, 10));
    microkit_dbg_puts("client: reply label ");
    put_hex(microkit_msginfo_get_label(r));
    microkit_dbg_puts(" count ");
    microkit_dbg_put32((seL4_Uint32)microkit_msginfo_get_count(r));
    microkit_dbg_puts("\n");
    for (unsigned i = 0; i < microkit_msginfo_get_count(r); i++) {
        microkit_dbg_puts("client: mr ");
        put_hex(microkit_mr_get(i));
        microkit_dbg_puts("\n");
    }
}

void notified(microkit_channel ch)
{
}
