/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * 16550-compatible UART with 32-bit registers four bytes apart (the
 * DesignWare 8250 of Rockchip SoCs), set up by firmware: THR, LSR.THRE
 * (register 5 at 0x14).
 */
#include "loader.h"

const struct uart_desc uart_kind = {
    .data = 0x00,
    .status = 0x14,
    .ready_mask = 1u << 5,
    .ready_when_clear = 0,
    .enable = 0,
    .enable_mask = 0,
};
