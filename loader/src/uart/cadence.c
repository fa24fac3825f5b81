/* SPDX-License-Identifier: BSD-2-Clause */
/* Cadence UART (Zynq UltraScale+: ZCU102, Ultra96, Kria): transmit only, set up by firmware. */
#include <stdint.h>

#include "loader.h"

#define SR        0x2c
#define FIFO      0x30
#define SR_TXFULL (1u << 4)

static volatile uint32_t *uart;

static inline volatile uint32_t *reg(unsigned off)
{
    return (volatile uint32_t *)((uintptr_t)uart + off);
}

void uart_init(uintptr_t base)
{
    uart = (volatile uint32_t *)base;
}

void uart_putc(char c)
{
    while (*reg(SR) & SR_TXFULL) {
    }
    *reg(FIFO) = (uint8_t)c;
}
