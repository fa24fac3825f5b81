/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Prints the values the tool patched into this (stripped) program through
 * the symbols of its unstripped copy, and the prefilled region's text.
 */
#include <microkit.h>

/* In .data, so the same source works on the host simulator (no .bss bytes). */
#define SETVAR __attribute__((section(".data")))

seL4_Word message_vaddr SETVAR = 1;
seL4_Word message_size SETVAR = 1;
seL4_Word message_length SETVAR = 1;

static void show(const char *name, seL4_Word value)
{
    microkit_dbg_puts("symbols: ");
    microkit_dbg_puts(name);
    microkit_dbg_puts(" = ");
    microkit_dbg_put32((seL4_Uint32)value);
    microkit_dbg_puts("\n");
}

void init(void)
{
    const char *text = (const char *)message_vaddr;
    show("message_size", message_size);
    show("message_length", message_length);
    microkit_dbg_puts("symbols: message: ");
    for (seL4_Word i = 0; i < message_length; i++) {
        microkit_dbg_putc(text[i]);
        if (text[i] == '\n' && i + 1 < message_length) {
            microkit_dbg_puts("symbols: message: ");
        }
    }
    seL4_Word zero = 1;
    for (seL4_Word i = message_length; i < message_size; i++) {
        zero &= text[i] == 0;
    }
    show("zero after the file", zero);
}

void notified(microkit_channel ch)
{
}
