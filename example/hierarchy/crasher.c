/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * crasher: faults in init by writing to an unmapped address. Its parent
 * restarts it at its entry point; .data and .bss are not reset by a
 * restart, so the run counter keeps counting.
 */
#include <microkit.h>

/* Not a constant, so the compiler cannot see (and reject) the bad store. */
seL4_Word bad_address = 0x10;

static unsigned runs;

void init(void)
{
    runs++;
    microkit_dbg_puts("crasher: run ");
    microkit_dbg_put32(runs);
    microkit_dbg_puts(", about to fault\n");
    *(volatile seL4_Word *)bad_address = runs;
    microkit_dbg_puts("crasher: still running (unexpected)\n");
}

void notified(microkit_channel ch)
{
}
