/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A tiny PD program for the tool's unit tests: it defines every symbol the
 * patch stage writes (as libmicrokit does), setvar targets of the right and
 * the wrong size, a large .bss, and the monitor's spec symbols, so one ELF
 * serves the elf, patch, layout and spec tests. It never runs.
 *
 * Built with -DHOST_DATA for the host variant, where the patched symbols
 * must live in .data for a file to carry them.
 */
#include <stdint.h>

#ifdef HOST_DATA
#define PATCHED __attribute__((section(".data")))
#else
#define PATCHED
#endif

PATCHED char microkit_name[64];
PATCHED uint8_t microkit_passive;
PATCHED uint64_t microkit_irqs;
PATCHED uint64_t microkit_notifications;
PATCHED uint64_t microkit_pps;
PATCHED uint64_t shared_vaddr;
PATCHED uint64_t shared_size;
PATCHED uint64_t device_paddr;
PATCHED uint32_t small_var;
PATCHED uint64_t monitor_spec_vaddr;
PATCHED uint64_t monitor_spec_size;

/* Initialised data: a non-zero page. */
uint64_t table[4] = {1, 2, 3, 4};
/* 64 KiB of .bss: 16 zero pages. */
uint8_t big_bss[0x10000];

int dup_fn_user(void);

static int __attribute__((noinline)) dup_fn(int x)
{
    return x * 3 + (int)table[x & 3];
}

int __attribute__((noinline)) helper(int x)
{
    return dup_fn(x) + big_bss[x & 0xffff] + dup_fn_user();
}

void _start(void)
{
    volatile int sink = helper((int)microkit_irqs);
    (void)sink;
    for (;;) {
    }
}
