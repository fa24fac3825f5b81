/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the serial example's PDs agree on: every queue is a 4 KiB region
 * (serial.system) of one-byte elements, and a symbol the tool patches with
 * a region's address (setvar_vaddr) is an 8-byte variable in .data (host
 * executables carry no bytes for .bss, so patching .bss would not work on
 * the simulator).
 */
#ifndef EXAMPLE_SERIAL_QUEUE_H
#define EXAMPLE_SERIAL_QUEUE_H

#include <microkit_queue.h>

#define SERIAL_QUEUE_SIZE 0x1000
#define SETVAR            __attribute__((section(".data")))

static inline void serial_queue_init(struct microkit_queue *q, uintptr_t region)
{
    microkit_queue_init(q, (void *)region, SERIAL_QUEUE_SIZE, 1);
}

#endif /* EXAMPLE_SERIAL_QUEUE_H */
