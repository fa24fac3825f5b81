/* SPDX-License-Identifier: BSD-2-Clause */
/* Counts the IRQs it is notified of, acknowledging each one. */
#include <microkit.h>

static seL4_Uint32 count;

void init(void)
{
    microkit_dbg_puts("dev: waiting for IRQs\n");
}

void notified(microkit_channel ch)
{
    count++;
    microkit_dbg_puts("dev: irq on channel ");
    microkit_dbg_put32(ch);
    microkit_dbg_puts(", count ");
    microkit_dbg_put32(count);
    microkit_dbg_puts("\n");
    microkit_irq_ack(ch);
}
