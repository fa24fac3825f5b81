/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * One program, five PDs, each doing what its name says, so the monitor's
 * boot and fault paths are exercised on a real kernel:
 *   pinned   reads two prefilled MRs: a RAM frame at a fixed physical
 *            address and a 2 MiB large page (fills through both windows)
 *   server   passive: the monitor moves its scheduling context away
 *   nullptr  writes to address 0x10 (VM fault, data abort)
 *   stack    recurses until it runs off its stack (stack overflow hint)
 *   undef    executes an undefined instruction (user exception)
 *   nofpu    fpu="false": touches an FPU register (the FPU trap, reported
 *            as such)
 */
#include <stdint.h>
#include <microkit.h>

uintptr_t pinned_vaddr;
uintptr_t large_vaddr;

static volatile int sink;

static void recurse(int n)
{
    volatile char buf[512];
    buf[0] = (char)n;
    recurse(n + 1);
    sink += buf[0];
}

static int named(const char *s)
{
    for (int i = 0; s[i] != '\0' || microkit_name[i] != '\0'; i++) {
        if (s[i] != microkit_name[i]) {
            return 0;
        }
    }
    return 1;
}

void init(void)
{
    if (named("pinned")) {
        microkit_dbg_puts("pinned: ");
        microkit_dbg_puts((const char *)pinned_vaddr);
        microkit_dbg_puts("pinned: ");
        microkit_dbg_puts((const char *)(large_vaddr + 0x100000));
    } else if (named("server")) {
        microkit_dbg_puts("server: init\n");
    } else if (named("nullptr")) {
        *(volatile int *)0x10 = 1;
    } else if (named("stack")) {
        recurse(0);
    } else if (named("undef")) {
#ifdef __riscv
        asm volatile("unimp");
#else
        asm volatile("udf #0");
#endif
    } else if (named("nofpu")) {
#ifdef __riscv
        asm volatile("fmv.d.x f0, zero");
#else
        asm volatile("fmov d0, xzr");
#endif
    }
}

void notified(microkit_channel ch)
{
}
