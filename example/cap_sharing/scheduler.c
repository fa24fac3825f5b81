/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * scheduler: stops and starts worker through worker's TCB cap, which the
 * system description puts in slot 1 of scheduler's CSpace root. worker has
 * the higher priority, so it runs as soon as it is notified or resumed, and
 * each of its lines comes before scheduler's next one.
 */
#include <microkit.h>

#define WORKER          0
#define WORKER_TCB_SLOT 1
#define WORKER_SC_SLOT  2

static void put_hex(seL4_Word x)
{
    static const char digits[] = "0123456789abcdef";
    microkit_dbg_puts("0x");
    for (int shift = 60; shift >= 0; shift -= 4) {
        microkit_dbg_putc(digits[(x >> shift) & 0xf]);
    }
}

static void put_slot(const char *what, seL4_Word slot)
{
    microkit_dbg_puts("scheduler: ");
    microkit_dbg_puts(what);
    microkit_dbg_puts(" in slot ");
    microkit_dbg_put32(slot);
    microkit_dbg_puts(", cptr ");
    put_hex(microkit_cspace_root_slot_to_cptr(slot));
    microkit_dbg_puts("\n");
}

static void check(seL4_Error err, const char *what)
{
    if (err != seL4_NoError) {
        microkit_dbg_puts("scheduler: ");
        microkit_dbg_puts(what);
        microkit_dbg_puts(" failed with error ");
        microkit_dbg_put32(err);
        microkit_dbg_puts("\n");
    }
}

void init(void)
{
    seL4_CPtr tcb = microkit_cspace_root_slot_to_cptr(WORKER_TCB_SLOT);
    put_slot("worker's TCB", WORKER_TCB_SLOT);
    put_slot("worker's scheduling context", WORKER_SC_SLOT);
    put_slot("no cap", MICROKIT_MAX_USER_CAPS);

    microkit_dbg_puts("scheduler: notifying worker\n");
    microkit_notify(WORKER);

    check(seL4_TCB_Suspend(tcb), "seL4_TCB_Suspend");
    microkit_dbg_puts("scheduler: worker suspended; notifying it twice\n");
    microkit_notify(WORKER);
    microkit_notify(WORKER);
    microkit_dbg_puts("scheduler: resuming worker\n");
    check(seL4_TCB_Resume(tcb), "seL4_TCB_Resume");
    microkit_dbg_puts("scheduler: worker resumed\n");

    microkit_dbg_puts("scheduler: notifying worker\n");
    microkit_notify(WORKER);
    check(seL4_TCB_Suspend(tcb), "seL4_TCB_Suspend");
    microkit_dbg_puts("scheduler: worker suspended for good; done\n");
}

void notified(microkit_channel ch)
{
}
