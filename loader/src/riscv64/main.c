/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The RISC-V 64 loader's boot sequence (src/loader.c is AArch64's): crt0.S
 * chose the boot hart, set the stack, zeroed .bss and installed the trap
 * vector. Verify the image as on AArch64, copy the regions, map the kernel
 * window with Sv39, start the other harts for an SMP kernel (harts.c) and
 * jump to seL4 in S-mode with its boot arguments, as core 0.
 */
#include "loader.h"
#include "riscv64/riscv.h"

#ifndef BOARD_UART_BASE
#error "BOARD_UART_BASE must come from the board file"
#endif

void halt(void)
{
    for (;;) {
        __asm__ volatile("wfi");
    }
}

void riscv_trap(uint64_t scause, uint64_t stval, uint64_t sepc)
{
    log_error("trap in loader: scause 0x%lx, stval 0x%lx, sepc 0x%lx", (unsigned long)scause,
              (unsigned long)stval, (unsigned long)sepc);
    halt();
}

static int wants_printing(const struct sdk_image_header *h)
{
    return h->magic == SDK_IMAGE_MAGIC && (h->flags & SDK_IMAGE_FLAG_PRINT);
}

void riscv_main(uint64_t hart_id, uint64_t dtb)
{
    const struct sdk_image_header *h = &_image_header;
    uintptr_t uart_base = BOARD_UART_BASE;

    uart_init(uart_base);
    print_enable(wants_printing(h));
    log_info("loader starting on hart %lu (DTB at 0x%lx)", (unsigned long)hart_id,
             (unsigned long)dtb);
    if (image_verify(h)) {
        log_error("halting");
        halt();
    }
    if (h->uart_base && h->uart_base != uart_base) {
        uart_base = h->uart_base;
        uart_init(uart_base);
    }
    image_print(h);
    image_copy(h);
    if (mmu_build_sv39(h, uart_base) != 0) {
        halt();
    }
    mmu_start_sv39();
    log_info("MMU on (Sv39)");
    harts_boot(hart_id);
    log_info("jumping to kernel");
    riscv_enter_kernel(h, hart_id, 0);
}
