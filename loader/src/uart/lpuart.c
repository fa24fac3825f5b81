/* SPDX-License-Identifier: BSD-2-Clause */
/* NXP Low Power UART (i.MX 8QXP): transmit only, set up by the firmware. */
#include <stdint.h>

#include "loader.h"

#define STAT      0x14
#define DATA      0x1c
#define STAT_TDRE (1u << 23)

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
    while (!(*reg(STAT) & STAT_TDRE)) {
    }
    *reg(DATA) = (uint8_t)c;
}
