/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * restarter: parent of `crasher` (child id 1) and `hello` (child id 2).
 * Each fault of a child arrives in fault(); the child is restarted at its
 * entry point until it has faulted MAX_FAULTS times, then it is stopped.
 */
#include <microkit.h>

/* The SDF's id, from the header the build generates (docs/reports.md); the
 * example's own number with an SDK that generates none. */
#if __has_include("sdf/restarter.h")
#include "sdf/restarter.h"
#define CRASHER CHILD_CRASHER
#else
#define CRASHER 1
#endif
#define MAX_FAULTS 4
#define PD_ENTRY   0x200000

static unsigned faults;

static void put_hex(seL4_Word x)
{
    static const char digits[] = "0123456789abcdef";
    int shift = 60;
    microkit_dbg_puts("0x");
    while (shift > 0 && ((x >> shift) & 0xf) == 0) {
        shift -= 4;
    }
    for (; shift >= 0; shift -= 4) {
        microkit_dbg_putc(digits[(x >> shift) & 0xf]);
    }
}

void init(void)
{
    microkit_dbg_puts("restarter: starting\n");
}

void notified(microkit_channel ch)
{
}

seL4_Bool fault(microkit_child child, microkit_msginfo msginfo, microkit_msginfo *reply_msginfo)
{
    faults++;
    microkit_dbg_puts("restarter: fault ");
    microkit_dbg_put32(faults);
    microkit_dbg_puts(" from child ");
    microkit_dbg_put32(child);
    microkit_dbg_puts(", label ");
    microkit_dbg_put32(microkit_msginfo_get_label(msginfo));
    if (microkit_msginfo_get_label(msginfo) == seL4_Fault_VMFault) {
        microkit_dbg_puts(", address ");
        put_hex(microkit_mr_get(seL4_VMFault_Addr));
    }
    microkit_dbg_puts("\n");
    if (faults < MAX_FAULTS) {
        microkit_pd_restart(child, PD_ENTRY);
        microkit_dbg_puts("restarter: restarted child\n");
    } else {
        microkit_pd_stop(child);
        microkit_dbg_puts("restarter: too many faults, child stopped\n");
    }
    /* The child was restarted or stopped: there is nothing to reply to. */
    return seL4_False;
}
