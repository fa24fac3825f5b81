/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Cadence UART (Zynq UltraScale+: ZCU102, Ultra96, Kria), set up by
 * firmware: FIFO, SR.TXFULL (full).
 */
#include "loader.h"

const struct uart_desc uart_kind = {
    .data = 0x30,
    .status = 0x2c,
    .ready_mask = 1u << 4,
    .ready_when_clear = 1,
    .enable = 0,
    .enable_mask = 0,
};
