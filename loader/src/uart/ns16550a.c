/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * 16550A with byte-wide registers one byte apart (QEMU's virt machines,
 * reg-shift 0), set up by firmware: THR at 0, LSR.THRE (register 5 at 5).
 */
#include "loader.h"

const struct uart_desc uart_kind = {
    .data = 0x00,
    .status = 0x05,
    .ready_mask = 1u << 5,
    .ready_when_clear = 0,
    .enable = 0,
    .enable_mask = 0,
    .byte_regs = 1,
};
