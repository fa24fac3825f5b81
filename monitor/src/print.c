/* SPDX-License-Identifier: BSD-2-Clause */
#include <sel4/sel4.h>

#include "print.h"
#include "stats.h"

void mon_putc(char c)
{
#ifdef CONFIG_PRINTING
    uint64_t t = stats_now();
    seL4_DebugPutChar(c);
    stats_putchar(stats_now() - t);
#else
    (void)c;
#endif
}

void mon_puts(const char *s)
{
    while (*s) {
        mon_putc(*s++);
    }
}

static void put_digits(uint64_t v, unsigned base, int min_digits)
{
    char buf[24];
    int n = 0;
    do {
        buf[n++] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v != 0 || n < min_digits);
    while (n > 0) {
        mon_putc(buf[--n]);
    }
}

void mon_puthex64(uint64_t v)
{
    mon_puts("0x");
    put_digits(v, 16, 16);
}

void mon_puthex(uint64_t v)
{
    mon_puts("0x");
    put_digits(v, 16, 1);
}

void mon_putdec(uint64_t v)
{
    put_digits(v, 10, 1);
}

void mon_error(const char *s)
{
    mon_puts("MON|ERROR: ");
    mon_puts(s);
}

void mon_info(const char *s)
{
    mon_puts("MON|INFO: ");
    mon_puts(s);
}
