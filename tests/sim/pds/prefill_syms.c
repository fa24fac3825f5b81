/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Prints what the tool patched in through Microkit 2.3's setvar_prefill_size
 * and setvar_size for a region sized from its prefill file, and the file's
 * first line and last bytes as mapped. Run stripped, with the symbols from
 * this unstripped file (path_for_symbols).
 */
#include <stdint.h>

#include <microkit.h>

uintptr_t blob_vaddr = 1;
uint64_t blob_size = 1;
uint64_t blob_data_size = 1;

static void show(const char *what, uint64_t v)
{
    microkit_dbg_puts(what);
    microkit_dbg_put32((seL4_Uint32)v);
    microkit_dbg_puts("\n");
}

void init(void)
{
    const char *data = (const char *)blob_vaddr;
    show("prefill: region size ", blob_size);
    show("prefill: data size ", blob_data_size);
    microkit_dbg_puts("prefill: first line: ");
    for (uint64_t i = 0; i < blob_data_size && data[i] != '\n'; i++) {
        microkit_dbg_putc(data[i]);
    }
    microkit_dbg_puts("\nprefill: last bytes: ");
    for (uint64_t i = blob_data_size - 4; i < blob_data_size - 1; i++) {
        microkit_dbg_putc(data[i]);
    }
    uint64_t zero = 1;
    for (uint64_t i = blob_data_size; i < blob_size; i++) {
        zero &= data[i] == 0;
    }
    show("\nprefill: zero after the data ", zero);
}

void notified(microkit_channel ch)
{
}
