/* SPDX-License-Identifier: BSD-2-Clause */
/* STMicroelectronics USART (STM32MP2): transmit only, set up by the firmware. */
#include <stdint.h>

#include "loader.h"

#define ISR     0x1c
#define TDR     0x28
#define ISR_TXE (1u << 7) /* TXFNF with the FIFO on */

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
    while (!(*reg(ISR) & ISR_TXE)) {
    }
    *reg(TDR) = (uint8_t)c;
}
