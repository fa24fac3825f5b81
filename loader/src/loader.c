/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The loader's boot sequence. crt0.S has parked the other CPUs, set the
 * stack, zeroed .bss and installed the exception vectors; main() does the
 * rest, one step per line, and ends in the kernel.
 */
#include "loader.h"
#include "sdk/crc32.h"
#include "smp.h"

#ifndef BOARD_UART_BASE
#error "BOARD_UART_BASE must come from the board file"
#endif

void halt(void)
{
    for (;;) {
        __asm__ volatile("wfe");
    }
}

void loader_exception(uint64_t vector, uint64_t esr, uint64_t far, uint64_t elr)
{
    log_error("exception in loader at EL%u: vector %lu, ESR 0x%lx, FAR 0x%lx, ELR 0x%lx",
              current_el(), (unsigned long)vector, (unsigned long)esr, (unsigned long)far,
              (unsigned long)elr);
    halt();
}

/* Only a header whose magic matches may switch printing on. */
static int wants_printing(const struct sdk_image_header *h)
{
    return h->magic == SDK_IMAGE_MAGIC && (h->flags & SDK_IMAGE_FLAG_PRINT);
}

/*
 * Bring the CPU to the level the kernel runs at: EL2 for a hypervisor
 * kernel, EL1 otherwise. Returns that level.
 */
static unsigned set_exception_level(const struct sdk_image_header *h)
{
    unsigned el = current_el();
    log_info("running at EL%u", el);
    if (el == 3) {
        el3_to_el2();
        set_vbar();
        el = current_el();
        log_info("dropped from EL3 to EL%u", el);
    }
    if (h->flags & SDK_IMAGE_FLAG_HYP) {
        if (el != 2) {
            log_error("the kernel is a hypervisor build but the loader runs at EL%u", el);
            halt();
        }
        el2_setup_hyp();
        return el;
    }
    if (el == 2) {
        el2_to_el1();
        set_vbar();
        el = current_el();
        log_info("dropped from EL2 to EL%u", el);
    }
    return el;
}

static void jump_to_kernel(const struct sdk_image_header *h)
{
    kernel_entry_fn entry = (kernel_entry_fn)(uintptr_t)h->kernel_entry;
    log_info("jumping to kernel");
    entry(h->ui_p_reg_start, h->ui_p_reg_end, h->pv_offset, h->v_entry, h->dtb_paddr, h->dtb_size);
    log_error("kernel returned");
    halt();
}

void main(void);

/*
 * The image check's CRC-32 with the CPU's CRC32 instructions where it has
 * them (ID_AA64ISAR0_EL1.CRC32, bits 19:16): about 5 ms less of a boot
 * under QEMU for a 0.5 MB image (docs/performance.md).
 */
static void crc_setup(void)
{
    uint64_t isar0;
    __asm__ volatile("mrs %0, id_aa64isar0_el1" : "=r"(isar0));
    if ((isar0 >> 16) & 0xf) {
        sdk_crc32_enable_aarch64();
    }
}

void main(void)
{
    const struct sdk_image_header *h = &_image_header;
    uintptr_t uart_base = BOARD_UART_BASE;

    uart_init(uart_base);
    print_enable(wants_printing(h));
    log_info("loader starting");
    crc_setup();
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
    if (current_el() >= 2) {
        gic_init();
    }
    unsigned el = set_exception_level(h);
    mmu_build(h, el, uart_base);
    mmu_start(el);
    log_info("MMU on at EL%u", el);
    smp_boot();
    jump_to_kernel(h);
}
