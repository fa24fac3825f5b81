/* SPDX-License-Identifier: BSD-2-Clause */
/* The profile's PL011 output (prof_out.h). */
#include <sel4/sel4.h>

#include "bench.h"
#include "boot.h"
#include "prof_out.h"

#ifdef MONITOR_HAVE_PROFILE

/* The scratch window's last small page (its page table spans 2 MiB). */
#define UART_WINDOW_OFFSET 0x1ff000u

static volatile uint32_t *uart;

static void out_c(char c)
{
    while (uart[0x18 / 4] & (1u << 5)) { /* FR.TXFF */
    }
    uart[0] = (uint32_t)(unsigned char)c;
}

void prof_puts(const char *s)
{
    while (*s) {
        out_c(*s++);
    }
}

void prof_putu(uint64_t v)
{
    char buf[24];
    int n = 0;
    do {
        buf[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n) {
        out_c(buf[--n]);
    }
}

void prof_putpct(uint64_t part, uint64_t whole)
{
    uint64_t t = whole ? part * 1000 / whole : 0;
    prof_putu(t / 10);
    out_c('.');
    prof_putu(t % 10);
    out_c('%');
}

int prof_out_map(struct boot *b, uint64_t uart_paddr)
{
    struct kobj k = {seL4_ARM_SmallPageObject, 0, seL4_PageBits};
    seL4_CPtr slot = boot_new_slot(b);
    uint64_t pa = uart_paddr & ~(uint64_t)0xfff;
    if (!slot || alloc_object(&b->alloc, &k, pa, 1, slot, "profile uart") ||
        alloc_flush(&b->alloc) || boot_scratch_tables(b)) {
        return -1;
    }
    uint8_t *va = b->scratch + UART_WINDOW_OFFSET;
    if (seL4_ARM_Page_Map(slot, seL4_CapInitThreadVSpace, (seL4_Word)va, seL4_ReadWrite,
                          seL4_ARM_ExecuteNever) != seL4_NoError) {
        return -1;
    }
    uart = (volatile uint32_t *)(va + (uart_paddr & 0xfff));
    return 0;
}

#endif
