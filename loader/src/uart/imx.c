/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * NXP i.MX UART (i.MX8M family), set up by U-Boot: UTXD, USR2.TXFE (transmit
 * FIFO empty).
 */
#include "loader.h"

const struct uart_desc uart_kind = {
    .data = 0x40,
    .status = 0x98,
    .ready_mask = 1u << 14,
    .ready_when_clear = 0,
    .enable = 0,
    .enable_mask = 0,
};
