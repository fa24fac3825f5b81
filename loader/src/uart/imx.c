/* SPDX-License-Identifier: BSD-2-Clause */
/* NXP i.MX UART (i.MX8M family): transmit only, set up by U-Boot. */
#include <stdint.h>

#include "loader.h"

#define UTXD      0x40
#define USR2      0x98
#define USR2_TXFE (1u << 14)

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
    while (!(*reg(USR2) & USR2_TXFE)) {
    }
    *reg(UTXD) = (uint8_t)c;
}
