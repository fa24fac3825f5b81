/* SPDX-License-Identifier: BSD-2-Clause */
/* Arm PL011 UART (QEMU virt and others): transmit only. */
#include <stdint.h>

#include "loader.h"

#define UARTDR    0x00
#define UARTFR    0x18
#define UARTCR    0x30
#define FR_TXFF   (1u << 5)
#define CR_UARTEN (1u << 0)
#define CR_TXE    (1u << 8)

static volatile uint32_t *uart;

static inline volatile uint32_t *reg(unsigned off)
{
    return (volatile uint32_t *)((uintptr_t)uart + off);
}

void uart_init(uintptr_t base)
{
    uart = (volatile uint32_t *)base;
    /* Firmware usually enabled it already; make sure transmit is on. */
    *reg(UARTCR) |= CR_UARTEN | CR_TXE;
}

void uart_putc(char c)
{
    while (*reg(UARTFR) & FR_TXFF) {
    }
    *reg(UARTDR) = (uint8_t)c;
}
