/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The seL4 kernel as an input: find a kernel ELF and its generated
 * configuration (gen_config.json), read both, and check the configuration
 * against what the board and the build configuration require.
 */
#ifndef TOOL_KERNEL_H
#define TOOL_KERNEL_H

#include <stdbool.h>
#include <stdint.h>

#include "board.h"
#include "diag.h"
#include "elfload.h"
#include "json.h"

struct kernel {
    char *elf_path;
    char *config_path;
    struct json_flat config;
    struct elf_file elf;
    bool hyp;          /* ARM_HYPERVISOR_SUPPORT */
    bool riscv;        /* SEL4_ARCH riscv64: Sv39, 4 KiB VSpaces, no hypervisor */
    bool printing;     /* PRINTING */
    bool hw_debug_api; /* HARDWARE_DEBUG_API: TCBs are 4 KiB, labels shift */
    unsigned root_cnode_bits;
    uint64_t paddr_user_device_top;
    uint64_t paddr; /* physical address of the first loadable segment */
    uint64_t vaddr; /* its virtual address */
    /*
     * Kernel virtual minus physical address of RAM in the kernel's window,
     * which aligns its untypeds: vaddr - paddr on AArch64; on RISC-V 64 the
     * window starts at PPTR_BASE 0xffffffc000000000 for physical 0 (Sv39),
     * away from where the kernel image is linked.
     */
    uint64_t pptr_offset;
    uint64_t ki_end;      /* paddr of ki_end: the end of the kernel image */
    uint64_t ki_boot_end; /* paddr of ki_boot_end: boot code freed after boot */
};

/* Where the kernel comes from. */
struct kernel_source {
    /*
     * --kernel DIR: a seL4 build or install folder holding kernel.elf or
     * bin/kernel.elf and gen_config/kernel/, libsel4/include/kernel/ or
     * include/kernel/gen_config.json.
     */
    const char *dir;
    /*
     * --override-kernel FILE (Microkit 2.3): a kernel ELF; its configuration
     * is the gen_config.json of a seL4 build folder it sits in, else the
     * SDK's. A folder is taken as --kernel.
     */
    const char *override;
    /*
     * Neither: the SDK's board/<board>/<config>/elf/sel4.elf, with
     * elf/sel4.json (its configuration, installed with it by `microkit sdk
     * add-kernel`) or include/kernel/gen_config.json.
     */
    const char *sdk_root, *board, *config;
    /* With `override`: never fall back to the SDK's configuration. */
    bool own_config;
};

/* Find the kernel and read it and its configuration. 0, or -1 after saying what to provide. */
int kernel_load(const struct kernel_source *src, struct kernel *k, struct diag *d);
void kernel_free(struct kernel *k);

/*
 * Check the kernel configuration against the one the SDK is built for
 * (tool/kconfig.h: every option, for board `b` and `config`). A mismatch in
 * an option PDs or the tool depend on is an error ("kernel-config"), one in
 * how the kernel was compiled a warning ("kernel-config-build"); all are
 * reported. Returns the number of errors.
 */
int kernel_check(const struct kernel *k, const struct board *b, const char *config, struct diag *d);

/* Log2 of a TCB object's size for this kernel (12 with HARDWARE_DEBUG_API, else 11). */
unsigned kernel_tcb_bits(const struct kernel *k);

#endif /* TOOL_KERNEL_H */
