/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * mmio: volatile loads and stores of 8, 16, 32 and 64 bits, plain and
 * read-modify-write, on the host board's PL011 and timer (docs/simulator.md,
 * Device models), each checked against what the register model must give;
 * then the timer's level-triggered IRQ: it stays up across one
 * microkit_irq_ack (delivered again), and goes once STATUS is cleared.
 */
#include <stdint.h>

#include <microkit.h>

#define UART 0x2000000ul
#define TMR  0x2001000ul
#define IRQ  3

#define R8(a)  (*(volatile uint8_t *)(a))
#define R16(a) (*(volatile uint16_t *)(a))
#define R32(a) (*(volatile uint32_t *)(a))
#define R64(a) (*(volatile uint64_t *)(a))

static unsigned irqs;

static void check(const char *what, uint64_t got, uint64_t want)
{
    microkit_dbg_puts(got == want ? "ok   " : "FAIL ");
    microkit_dbg_puts(what);
    if (got != want) {
        microkit_dbg_puts(": got ");
        microkit_dbg_put32((uint32_t)got);
    }
    microkit_dbg_puts("\n");
}

static void uart(void)
{
    R8(UART + 0x00) = 'h';            /* DR, 8-bit store of a constant */
    R32(UART + 0x00) = (uint32_t)'i'; /* DR, 32-bit store */
    R16(UART + 0x00) = '\n';          /* DR, 16-bit store */
    check("fr rxfe|txfe (16-bit load)", R16(UART + 0x18), 0x90);
    check("periphid0 (8-bit load)", R8(UART + 0xfe0), 0x11);
    check("pcellid3 (32-bit load)", R32(UART + 0xffc), 0xb1);
    R8(UART + 0x39) = 0x01; /* IMSC bits 15..8: byte 1 */
    check("imsc byte 1 (8-bit store)", R32(UART + 0x38), 0x100);
    R32(UART + 0x38) |= 0x10; /* read-modify-write */
    check("imsc |= rx", R32(UART + 0x38), 0x110);
    R32(UART + 0x38) = 0;
    uint32_t lcr = 0x70;
    R32(UART + 0x2c) = lcr; /* from a register */
    check("lcr_h read back", R32(UART + 0x2c), 0x70);
}

static void timer(void)
{
    check("freq 1 MHz", R32(TMR + 0x18), 1000000);
    check("count 0 (64-bit load, virtual clock)", R64(TMR + 0x00), 0);
    R64(TMR + 0x08) = 0x123456789ull; /* COMPARE, 64-bit store */
    check("compare lo", R32(TMR + 0x08), 0x23456789);
    check("compare hi", R32(TMR + 0x0c), 0x1);
    R32(TMR + 0x0c) = 0;
    R32(TMR + 0x08) = 0; /* the deadline is now */
    check("status before enable", R32(TMR + 0x14), 0);
    R32(TMR + 0x10) = 1; /* enable: expired at once, the IRQ line goes up */
    check("status expired", R32(TMR + 0x14), 1);
}

void init(void)
{
    uart();
    timer();
}

void notified(microkit_channel ch)
{
    if (ch != IRQ) {
        return;
    }
    irqs++;
    microkit_dbg_puts("irq ");
    microkit_dbg_put32(irqs);
    microkit_dbg_puts("\n");
    if (irqs >= 2) {
        R32(TMR + 0x14) = 1; /* clear EXPIRED: the line goes down */
    }
    microkit_irq_ack(IRQ); /* with the line still up (the first time), it comes again */
}
