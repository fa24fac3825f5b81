/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * setvar: the tool writes the virtual address and size of a mapped memory
 * region, and the physical address of a region, into variables of this
 * program. The PD prints them and uses the mappings.
 */
#include <microkit.h>

/*
 * Each setvar symbol is an 8-byte variable. On the target the tool can also
 * patch .bss, but host executables carry no bytes for .bss, so the variables
 * are placed in .data to work on both.
 */
#define SETVAR __attribute__((section(".data")))

seL4_Word shared_vaddr SETVAR;
seL4_Word shared_size SETVAR;
seL4_Word fixed_vaddr SETVAR;
seL4_Word fixed_paddr SETVAR;
/* Patched in the parent ('setvar') and in the child ('child'), respectively. */
seL4_Word child_id SETVAR = ~0ul;
seL4_Word child_channel SETVAR = ~0ul;
seL4_Word parent_channel SETVAR = ~0ul;

static int is_child(void)
{
    static const char name[] = "child";
    for (unsigned i = 0; i < sizeof(name); i++) {
        if (microkit_name[i] != name[i]) {
            return 0;
        }
    }
    return 1;
}

static void put_hex(seL4_Word x)
{
    static const char digits[] = "0123456789abcdef";
    int shift = 60;
    microkit_dbg_puts("0x");
    while (shift > 0 && ((x >> shift) & 0xf) == 0) {
        shift -= 4;
    }
    for (; shift >= 0; shift -= 4) {
        microkit_dbg_putc(digits[(x >> shift) & 0xf]);
    }
}

static void show(const char *name, seL4_Word value)
{
    microkit_dbg_puts("setvar: ");
    microkit_dbg_puts(name);
    microkit_dbg_puts(" = ");
    put_hex(value);
    microkit_dbg_puts("\n");
}

/* Write a pattern over the whole region and check it reads back. */
static void exercise(const char *name, seL4_Word vaddr, seL4_Word size)
{
    volatile seL4_Word *p = (volatile seL4_Word *)vaddr;
    seL4_Word words = size / sizeof(seL4_Word);
    seL4_Word zero = 1, ok = 1;
    for (seL4_Word i = 0; i < words; i++) {
        zero &= p[i] == 0;
        p[i] = vaddr + i;
    }
    for (seL4_Word i = 0; i < words; i++) {
        ok &= p[i] == vaddr + i;
    }
    microkit_dbg_puts("setvar: ");
    microkit_dbg_puts(name);
    microkit_dbg_puts(zero ? " was zeroed, " : " was NOT zeroed, ");
    microkit_dbg_puts(ok ? "read back ok\n" : "read back FAILED\n");
}

void init(void)
{
    if (is_child()) {
        return; /* it speaks when notified, after the parent is done */
    }
    show("shared_vaddr", shared_vaddr);
    show("shared_size", shared_size);
    show("fixed_vaddr", fixed_vaddr);
    show("fixed_paddr", fixed_paddr);
    exercise("shared", shared_vaddr, shared_size);
    exercise("fixed", fixed_vaddr, 0x1000);
    show("child_id", child_id);
    show("child_channel", child_channel);
    microkit_notify(child_channel);
}

void notified(microkit_channel ch)
{
    if (is_child()) {
        show("child: notified on channel", ch);
        show("child: parent_channel", parent_channel);
    }
}
