/* SPDX-License-Identifier: BSD-2-Clause */
/* BCM2835-family auxiliary mini UART (Raspberry Pi 4): transmit only, set up by firmware. */
#include <stdint.h>

#include "loader.h"

#define MU_IO        0x00
#define MU_LSR       0x14
#define LSR_TX_EMPTY (1u << 5) /* room for at least one byte */

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
    while (!(*reg(MU_LSR) & LSR_TX_EMPTY)) {
    }
    *reg(MU_IO) = (uint8_t)c;
}
