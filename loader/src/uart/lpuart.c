/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * NXP Low Power UART (i.MX 8QXP), set up by firmware: DATA, STAT.TDRE
 * (transmit data register empty).
 */
#include "loader.h"

const struct uart_desc uart_kind = {
    .data = 0x1c,
    .status = 0x14,
    .ready_mask = 1u << 23,
    .ready_when_clear = 0,
    .enable = 0,
    .enable_mask = 0,
};
