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

static int has_room(void)
{
    int bit = (*reg(uart_kind.status) & uart_kind.ready_mask) != 0;
    return uart_kind.ready_when_clear ? !bit : bit;
}

void uart_putc(char c)
{
    while (!has_room()) {
    }
    *reg(uart_kind.data) = (uint8_t)c;
}
