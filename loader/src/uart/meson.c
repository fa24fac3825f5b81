/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Amlogic Meson UART (ODROID-C2, ODROID-C4), set up by firmware: WFIFO,
 * STATUS bit 21 (transmit FIFO full).
 */
#include "loader.h"

const struct uart_desc uart_kind = {
    .data = 0x00,
    .status = 0x0c,
    .ready_mask = 1u << 21,
    .ready_when_clear = 1,
    .enable = 0,
    .enable_mask = 0,
};
