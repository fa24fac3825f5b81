/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The RISC-V 64 loader's own interfaces (crt0.S, main.c, mmu.c, harts.c,
 * hart_entry.S here); the
 * rest of the loader (the image check, printing, the UART) is shared with
 * AArch64 through loader.h.
 */
#ifndef LOADER_RISCV64_H
#define LOADER_RISCV64_H

#include <stdint.h>

#include "sdk/image.h"

/* Sv39 tables for the loader, the UART and the kernel window; 0, or -1 after saying why. */
int mmu_build_sv39(const struct sdk_image_header *h, uintptr_t uart_base);
/* satp := the tables built, Sv39; the loader keeps running (identity map). */
void mmu_start_sv39(void);

/* From crt0.S: a0 = hart id, a1 = DTB physical address. Never returns. */
void riscv_main(uint64_t hart_id, uint64_t dtb);
/* From crt0.S's trap vector. */
void riscv_trap(uint64_t scause, uint64_t stval, uint64_t sepc);

/*
 * seL4's entry on RISC-V: init_kernel's arguments in a0..a7 (the last two,
 * hart id and core id, are read by SMP kernels only).
 */
typedef void (*riscv_kernel_entry_fn)(uint64_t ui_p_reg_start, uint64_t ui_p_reg_end,
                                      uint64_t pv_offset, uint64_t v_entry, uint64_t dtb_paddr,
                                      uint64_t dtb_size, uint64_t hart_id, uint64_t core_id);

/*
 * On the boot hart with its MMU on, for an SMP kernel: start every other
 * hart the kernel was built for (SBI HSM hart_start), one at a time, each
 * waited for until its MMU is on. Returns at once in a single-core
 * configuration; halts with an LDR|ERROR line when a hart does not start.
 */
void harts_boot(uint64_t boot_hart);
/* hart_entry.S: where a started hart begins (a0 = hart id, a1 = its core number). */
void hart_secondary_entry(void);
/* From hart_entry.S, on the hart's own stack: MMU on, then the kernel as `core`. */
void harts_secondary_main(uint64_t hart_id, uint64_t core);
/* Enter seL4 on this hart as logical core `core` (hart id in a6, core in a7). Never returns. */
void riscv_enter_kernel(const struct sdk_image_header *h, uint64_t hart_id, uint64_t core);

#endif /* LOADER_RISCV64_H */
