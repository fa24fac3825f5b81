/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * mmio_bad: device accesses the simulator refuses (docs/simulator.md,
 * Device models), chosen by the PD's name: 'rep' copies into the UART with
 * `rep movsb` (an instruction the decoder does not take), 'noreg' reads an
 * offset of the UART's page that holds no register, 'wide' makes a 64-bit
 * load of a 32-bit PL011 register. Each must be reported and fault.
 */
#include <stdint.h>
#include <string.h>

#include <microkit.h>

#define UART 0x2000000ul

void init(void)
{
    volatile uint8_t *u = (volatile uint8_t *)UART;
    if (!strcmp(microkit_name, "rep")) {
        static const char msg[4] = "abc";
        void *dst = (void *)UART;
        const void *src = msg;
        size_t n = 3;
        __asm__ volatile("rep movsb" : "+D"(dst), "+S"(src), "+c"(n) : : "memory");
    } else if (!strcmp(microkit_name, "noreg")) {
        (void)*(volatile uint32_t *)(u + 0x800);
    } else {
        (void)*(volatile uint64_t *)(u + 0x38);
    }
    microkit_dbg_puts("did not fault\n");
}

void notified(microkit_channel ch)
{
}
