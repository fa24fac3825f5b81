/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Arm PL011 UART (QEMU virt and others): UARTDR, UARTFR.TXFF (full);
 * UARTCR's UARTEN and TXE are set at start in case firmware left them off.
 */
#include "loader.h"

const struct uart_desc uart_kind = {
    .data = 0x00,
    .status = 0x18,
    .ready_mask = 1u << 5,
    .ready_when_clear = 1,
    .enable = 0x30,
    .enable_mask = (1u << 0) | (1u << 8),
};
