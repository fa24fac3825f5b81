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
    bool printing;     /* PRINTING */
    bool hw_debug_api; /* HARDWARE_DEBUG_API: TCBs are 4 KiB, labels shift */
    unsigned root_cnode_bits;
    uint64_t paddr_user_device_top;
    uint64_t paddr;       /* physical address of the first loadable segment */
    uint64_t vaddr;       /* its virtual address */
    uint64_t ki_end;      /* paddr of ki_end: the end of the kernel image */
    uint64_t ki_boot_end; /* paddr of ki_boot_end: boot code freed after boot */
};

/*
 * Find the kernel. `dir` (from --kernel) names a seL4 build or install
 * folder holding kernel.elf or bin/kernel.elf and gen_config/kernel/,
 * libsel4/include/kernel/ or include/kernel/gen_config.json; when NULL the
 * SDK's board/<board>/<config>/elf/sel4.elf and
 * board/<board>/<config>/include/kernel/gen_config.json are used. Reads
 * both files. Returns 0, or -1 after saying what to provide.
 */
int kernel_load(const char *dir, const char *sdk_root, const char *board, const char *config,
                struct kernel *k, struct diag *d);
void kernel_free(struct kernel *k);

/*
 * Check the kernel configuration against the board's required options and
 * the build configuration ("debug", "release", "benchmark"). Every mismatch
 * is reported. Returns the number of mismatches.
 */
int kernel_check(const struct kernel *k, const struct board *b, const char *config, struct diag *d);

/* Log2 of a TCB object's size for this kernel (12 with HARDWARE_DEBUG_API, else 11). */
unsigned kernel_tcb_bits(const struct kernel *k);

#endif /* TOOL_KERNEL_H */
