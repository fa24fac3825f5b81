/* SPDX-License-Identifier: BSD-2-Clause */
/* Shared set-up of the monitor's interpreter tests: a fake boot info. */
#ifndef MONITOR_TEST_H
#define MONITOR_TEST_H

#include <sel4/sel4.h>

struct fake_untyped {
    seL4_Word paddr;
    unsigned bits;
    int device;
};

/*
 * Boot info with empty slots [300, 2^17), sched control 20, untypeds from cap
 * 100; also gives the untypeds to the fake kernel (fake_set_untypeds).
 */
void make_bootinfo(seL4_BootInfo *bi, const struct fake_untyped *uts, unsigned n);

#define FIRST_EMPTY   300
#define FIRST_UNTYPED 100
#define SCHED_CONTROL 20

#endif /* MONITOR_TEST_H */
