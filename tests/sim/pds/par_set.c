/* SPDX-License-Identifier: BSD-2-Clause */
/* par_set (core 1): sets the flag par_spin (core 0) spins on. */
#include <stdint.h>

#include <microkit.h>

uintptr_t flags;

void init(void)
{
    __atomic_store_n((volatile uint32_t *)flags, 1, __ATOMIC_RELEASE);
}

void notified(microkit_channel ch)
{
}
