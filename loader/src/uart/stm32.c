/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * STMicroelectronics USART (STM32MP2), set up by firmware: TDR, ISR.TXE
 * (TXFNF with the FIFO on).
 */
#include "loader.h"

const struct uart_desc uart_kind = {
    .data = 0x28,
    .status = 0x1c,
    .ready_mask = 1u << 7,
    .ready_when_clear = 0,
    .enable = 0,
    .enable_mask = 0,
};
