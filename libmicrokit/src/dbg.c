/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Debug output and crashing. Output goes to the kernel's debug console, one
 * character per call, and only in configurations with CONFIG_PRINTING.
 */
#include <microkit.h>

void microkit_dbg_putc(int c)
{
#ifdef CONFIG_PRINTING
    seL4_DebugPutChar((char)c);
#else
    (void)c;
#endif
}

void microkit_dbg_puts(const char *s)
{
    while (*s) {
        microkit_dbg_putc(*s++);
    }
}

static void put_decimal(seL4_Uint32 x)
{
    char buf[10];
    int n = 0;
    do {
        buf[n++] = (char)('0' + x % 10);
        x /= 10;
    } while (x != 0);
    while (n > 0) {
        microkit_dbg_putc(buf[--n]);
    }
}

void microkit_dbg_put8(seL4_Uint8 x)
{
    put_decimal(x);
}

void microkit_dbg_put32(seL4_Uint32 x)
{
    put_decimal(x);
}

/*
 * Store to address `err`: the resulting VM fault carries the error code as
 * its address, which the monitor (or the parent's fault()) reports.
 */
void microkit_internal_crash(seL4_Error err)
{
    *(volatile seL4_Word *)(seL4_Word)err = 0;
    for (;;) {
    }
}

/* For assert() in PD code; weak so a PD may supply its own. */
void __assert_fail(const char *assertion, const char *file, unsigned int line, const char *function)
    __attribute__((noreturn));

__attribute__((weak)) void __assert_fail(const char *assertion, const char *file, unsigned int line,
                                         const char *function)
{
    microkit_dbg_puts(microkit_name);
    microkit_dbg_puts("|assert failed: ");
    microkit_dbg_puts(assertion);
    microkit_dbg_puts(" ");
    microkit_dbg_puts(file);
    microkit_dbg_puts(":");
    microkit_dbg_put32(line);
    microkit_dbg_puts(" ");
    microkit_dbg_puts(function);
    microkit_dbg_puts("\n");
    microkit_internal_crash(0);
}
