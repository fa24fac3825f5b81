/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Internal interfaces of the bare-metal AArch64 loader. One file per step:
 *
 *     crt0.S       entry, parking of secondary CPUs, stack, .bss, main()
 *     arch.S       exception-level changes, cache maintenance, MMU switch-on,
 *                  exception vectors, the jump to the kernel
 *     loader.c     main(): the boot sequence, step by step
 *     image.c      the image check (shared), header print, region copy
 *     mmu.c        page tables for the loader, the UART and the kernel window
 *     gic.c        GICv2 set-up seL4 expects
 *     smp.c        secondary cores for an SMP kernel (PSCI CPU_ON), smp_entry.S
 *     print.c      the tiny printf used for LDR| messages
 *     string.c     memcpy / memset (no libc here)
 *     uart.c       the UART: wait for room, write a byte (one routine)
 *     uart/<kind>.c one UART description per kind (uart_kind); the
 *                  build picks one
 *
 * CRC-32 and the image check are the SDK's (include/sdk/crc32.h,
 * include/sdk/image_check.h; common/crc32.c, common/image_check.c), compiled in.
 *
 * Board facts arrive as build-time macros (BOARD_UART_BASE, BOARD_GICD_BASE,
 * BOARD_GICC_BASE, BOARD_PA_BITS) generated from the board file; the image
 * header's uart_base, when non-zero, overrides the UART base once the header
 * has been verified.
 */
#ifndef LOADER_H
#define LOADER_H

#include <stddef.h>
#include <stdint.h>

#include "sdk/image.h"

/* Linker-script symbols. */
extern char _loader_start[];
extern char _loader_end[]; /* end of .bss */
extern struct sdk_image_header _image_header;

/*
 * A transmit-only UART of 32-bit registers that firmware has set up: wait
 * until (status & ready_mask) is non-zero (or zero, with ready_when_clear),
 * then write the byte to the data register. An enable_mask, if any, is set
 * in the enable register at start. Each uart/<kind>.c defines `uart_kind`, its description.
 */
struct uart_desc {
    uint32_t data; /* register offsets from the UART base */
    uint32_t status;
    uint32_t ready_mask;
    uint32_t ready_when_clear; /* non-zero: the bit means "full", not "room" */
    uint32_t enable;           /* register offset, used when enable_mask != 0 */
    uint32_t enable_mask;
    uint32_t byte_regs; /* non-zero: 8-bit registers (status, data), e.g. ns16550a */
};
extern const struct uart_desc uart_kind;

void uart_init(uintptr_t base);
void uart_putc(char c);

/* Printing. Informational messages appear only when enabled; errors always. */
void print_enable(int on);
int print_enabled(void);
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Image: every check before anything is copied; 0 = good. */
int image_verify(const struct sdk_image_header *h);
void image_print(const struct sdk_image_header *h);
void image_copy(const struct sdk_image_header *h);
const struct sdk_image_region *image_regions(const struct sdk_image_header *h);
uint64_t image_end(const struct sdk_image_header *h);

/* Exception levels. */
unsigned current_el(void);
void el3_to_el2(void); /* returns at EL2, same stack */
void el2_to_el1(void); /* returns at EL1, same stack */
void el2_setup_hyp(void);
void set_vbar(void);

/* GICv2 distributor and CPU interface set-up (no-op without a GICv2). */
void gic_init(void);
void gic_init_cpu(void); /* the banked part, on each core */

/* Page tables and MMU. */
void mmu_build(const struct sdk_image_header *h, unsigned el, uintptr_t uart_base);
void mmu_enable_el2(uint64_t mair, uint64_t tcr, uint64_t ttbr0);
void mmu_enable_el1(uint64_t mair, uint64_t tcr, uint64_t ttbr0, uint64_t ttbr1);
void mmu_start(unsigned el);
void mmu_start_secondary(unsigned el); /* the same tables, no cache invalidation */
void dcache_invalidate_all(void);
void icache_invalidate_all(void);

/* Jump to the kernel with the seL4 boot arguments in x0..x5; never returns. */
typedef void (*kernel_entry_fn)(uint64_t ui_p_reg_start, uint64_t ui_p_reg_end, uint64_t pv_offset,
                                uint64_t v_entry, uint64_t dtb_paddr, uint64_t dtb_size);

/* Called from the exception vectors; prints and halts. */
void loader_exception(uint64_t vector, uint64_t esr, uint64_t far, uint64_t elr);

/* Stop this CPU for good. */
__attribute__((noreturn)) void halt(void);

/* No libc: our own. */
void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);

#endif /* LOADER_H */
