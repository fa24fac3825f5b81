/* SPDX-License-Identifier: BSD-2-Clause */
/* Amlogic Meson UART (ODROID-C2, ODROID-C4): transmit only, set up by the firmware. */
#include <stdint.h>

#include "loader.h"

#define WFIFO     0x00
#define STATUS    0x0c
#define ST_TXFULL (1u << 21)

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
    while (*reg(STATUS) & ST_TXFULL) {
    }
    *reg(WFIFO) = (uint8_t)c;
}
