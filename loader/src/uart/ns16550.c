/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * 16550-compatible UART with 32-bit registers four bytes apart (the
 * DesignWare 8250 of Rockchip SoCs): transmit only, set up by firmware.
 */
#include <stdint.h>

#include "loader.h"

#define THR      0x00
#define LSR      0x14 /* register 5, four bytes apart */
#define LSR_THRE (1u << 5)

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
    while (!(*reg(LSR) & LSR_THRE)) {
    }
    *reg(THR) = (uint8_t)c;
}
