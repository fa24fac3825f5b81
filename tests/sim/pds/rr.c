/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Two of these at one priority: each sets its flag, then spins until the
 * other's is set. Only time slicing between equal priorities lets both finish.
 */
#include <microkit.h>

seL4_Word flags_vaddr;

void init(void)
{
    volatile seL4_Word *flags = (volatile seL4_Word *)flags_vaddr;
    int me = microkit_name[0] == 'a' ? 0 : 1;
    microkit_dbg_puts(microkit_name);
    microkit_dbg_puts(": start\n");
    flags[me] = 1;
    while (!flags[1 - me]) {
    }
    microkit_dbg_puts(microkit_name);
    microkit_dbg_puts(": done\n");
}

void notified(microkit_channel ch)
{
}
