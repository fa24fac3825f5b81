/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Both PDs of bigpages.system. The writer fills every 64-bit word of both
 * regions with a value derived from its offset and region, reads them back
 * and notifies the reader, which checks every word through its own maps (at
 * other addresses, on the same frames).
 */
#include <microkit.h>

/* In .data, so the same source works on the host simulator (no .bss bytes). */
#define SETVAR __attribute__((section(".data")))

seL4_Word plain_vaddr SETVAR = 1;
seL4_Word plain_size SETVAR = 1;
seL4_Word offset_vaddr SETVAR = 1;
seL4_Word offset_size SETVAR = 1;
seL4_Word pre_vaddr SETVAR = 0; /* the reader's only */
seL4_Word pre_size SETVAR = 0;
seL4_Word pre_length SETVAR = 0;

#define WRITER_CH 2 /* the reader's channel to the writer */
#define READER_CH 1 /* the writer's channel to the reader */

static seL4_Word pattern(seL4_Word off, seL4_Word salt)
{
    return (off * 0x9e3779b97f4a7c15ull) ^ salt;
}

static void fill(seL4_Word vaddr, seL4_Word size, seL4_Word salt)
{
    volatile seL4_Word *w = (volatile seL4_Word *)vaddr;
    for (seL4_Word i = 0; i < size / sizeof(seL4_Word); i++) {
        w[i] = pattern(i, salt);
    }
}

/* Words that differ from the pattern. */
static seL4_Word check(seL4_Word vaddr, seL4_Word size, seL4_Word salt)
{
    const volatile seL4_Word *w = (const volatile seL4_Word *)vaddr;
    seL4_Word bad = 0;
    for (seL4_Word i = 0; i < size / sizeof(seL4_Word); i++) {
        bad += w[i] != pattern(i, salt);
    }
    return bad;
}

static void report(const char *what, seL4_Word size, seL4_Word bad)
{
    microkit_dbg_puts(microkit_name);
    microkit_dbg_puts(": ");
    microkit_dbg_puts(what);
    microkit_dbg_puts(" ");
    microkit_dbg_put32((seL4_Uint32)(size / 1024));
    microkit_dbg_puts(" KiB, words wrong: ");
    microkit_dbg_put32((seL4_Uint32)bad);
    microkit_dbg_puts("\n");
}

static void check_both(void)
{
    report("plain", plain_size, check(plain_vaddr, plain_size, 0x1111));
    report("offset", offset_size, check(offset_vaddr, offset_size, 0x2222));
}

/* The prefilled region: its text, then zeros to its end. */
static void show_prefill(void)
{
    const volatile char *text = (const volatile char *)pre_vaddr;
    seL4_Word nonzero = 0;
    microkit_dbg_puts(microkit_name);
    microkit_dbg_puts(": pre: ");
    for (seL4_Word i = 0; i < pre_length; i++) {
        microkit_dbg_putc(text[i]);
    }
    for (seL4_Word i = pre_length; i < pre_size; i++) {
        nonzero += text[i] != 0;
    }
    report("pre", pre_size, nonzero);
}

void init(void)
{
    if (pre_vaddr) {
        show_prefill();
    }
    if (microkit_name[0] != 'w') {
        return;
    }
    fill(plain_vaddr, plain_size, 0x1111);
    fill(offset_vaddr, offset_size, 0x2222);
    check_both();
    microkit_notify(READER_CH);
}

void notified(microkit_channel ch)
{
    if (ch == WRITER_CH) {
        check_both();
    }
}
