/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A bare-metal AArch64 guest for the example VMM. It runs at EL1 in the
 * VM with the MMU off and sees, at guest-physical addresses:
 *   0x40000000  its RAM (this program, loaded by the VMM's system)
 *   0x08010000  a GIC CPU interface: seL4's virtual one (GICV), mapped
 *   0x09000000  a PL011 UART, which is not mapped: every access faults to
 *               the VMM, which performs it
 * It prints a greeting, takes five virtual timer interrupts (the VMM
 * injects each one), then leaves with an hvc.
 */
#include <stdint.h>

#define UART_BASE  0x09000000ul
#define UART_DR    0x000
#define UART_FR    0x018
#define UART_TXFF  0x20
#define GICC_BASE  0x08010000ul
#define GICC_CTLR  0x000
#define GICC_PMR   0x004
#define GICC_IAR   0x00c
#define GICC_EOIR  0x010
#define VTIMER_IRQ 27
#define TICKS      5
#define TICK_HZ    50

static volatile unsigned ticks;
static uint64_t interval;

static inline void mmio_write(uintptr_t addr, uint32_t v)
{
    *(volatile uint32_t *)addr = v;
}

static inline uint32_t mmio_read(uintptr_t addr)
{
    return *(volatile uint32_t *)addr;
}

static void putc(char c)
{
    while (mmio_read(UART_BASE + UART_FR) & UART_TXFF) {
    }
    *(volatile uint8_t *)(UART_BASE + UART_DR) = (uint8_t)c;
}

static void puts(const char *s)
{
    for (; *s; s++) {
        putc(*s);
    }
}

static void timer_arm(uint64_t after)
{
    __asm__ volatile("msr cntv_tval_el0, %0" ::"r"(after));
    __asm__ volatile("msr cntv_ctl_el0, %0; isb" ::"r"(1ul)); /* enabled, not masked */
}

static void timer_off(void)
{
    __asm__ volatile("msr cntv_ctl_el0, %0; isb" ::"r"(0ul));
}

/* Called from the IRQ vector (start.S). */
void guest_irq(void)
{
    uint32_t iar = mmio_read(GICC_BASE + GICC_IAR);
    if ((iar & 0x3ff) == VTIMER_IRQ) {
        ticks++;
        puts("guest: tick ");
        putc((char)('0' + ticks));
        puts("\n");
        if (ticks < TICKS) {
            timer_arm(interval);
        } else {
            timer_off();
        }
    }
    mmio_write(GICC_BASE + GICC_EOIR, iar);
}

void guest_main(void)
{
    uint64_t el;
    __asm__ volatile("mrs %0, CurrentEL" : "=r"(el));
    puts(el >> 2 == 1 ? "guest: hello from EL1\n" : "guest: not at EL1?\n");
    uint64_t freq;
    __asm__ volatile("mrs %0, cntfrq_el0" : "=r"(freq));
    interval = freq / TICK_HZ;
    mmio_write(GICC_BASE + GICC_PMR, 0xf0);
    mmio_write(GICC_BASE + GICC_CTLR, 1);
    timer_arm(interval);
    __asm__ volatile("msr daifclr, #2"); /* unmask IRQs */
    while (ticks < TICKS) {
        __asm__ volatile("wfi");
    }
    __asm__ volatile("msr daifset, #2");
    puts("guest: five ticks, leaving\n");
}
