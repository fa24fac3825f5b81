/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * BCM2835-family auxiliary mini UART (Raspberry Pi 4), set up by firmware:
 * AUX_MU_IO, AUX_MU_LSR bit 5 (room for a byte).
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
