/* SPDX-License-Identifier: BSD-2-Clause */
/* The loader's UART output, for every kind the build can pick (uart/<kind>.c). */
#include <stdint.h>

#include "loader.h"

static uintptr_t uart;

static volatile uint32_t *reg(uint32_t off)
{
    return (volatile uint32_t *)(uart + off);
}

void uart_init(uintptr_t base)
{
    uart = base;
    if (uart_kind.enable_mask) {
        *reg(uart_kind.enable) |= uart_kind.enable_mask;
    }
}

static volatile uint8_t *reg8(uint32_t off)
{
    return (volatile uint8_t *)(uart + off);
}

static uint32_t status(void)
{
    return uart_kind.byte_regs ? *reg8(uart_kind.status) : *reg(uart_kind.status);
}

static int has_room(void)
{
    int bit = (status() & uart_kind.ready_mask) != 0;
    return uart_kind.ready_when_clear ? !bit : bit;
}

void uart_putc(char c)
{
    while (!has_room()) {
    }
    if (uart_kind.byte_regs) {
        *reg8(uart_kind.data) = (uint8_t)c;
    } else {
        *reg(uart_kind.data) = (uint8_t)c;
    }
}
