/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * par_spin (core 0, high priority): spins until par_set (core 1, lower
 * priority) writes the flag. On one virtual CPU par_set never runs; with
 * --cpus 2 the two run at once.
 */
#include <stdint.h>

#include <microkit.h>

uintptr_t flags;

void init(void)
{
    while (!__atomic_load_n((volatile uint32_t *)flags, __ATOMIC_ACQUIRE)) {
    }
    microkit_dbg_puts("par_spin: par_set ran on core 1 while core 0 spun\n");
}

void notified(microkit_channel ch)
{
}
