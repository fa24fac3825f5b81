/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The patch stage: write the values a PD learns from the SDF into its ELF
 * (the in-memory copy; the user's file is never changed), and tell the
 * monitor where its boot spec lies.
 *
 * PD symbols: microkit_name (PD name, up to 64 bytes, NUL padded),
 * microkit_passive (1 byte), microkit_irqs, microkit_notifications,
 * microkit_pps (u64 LE channel masks) and every setvar (u64 LE, the symbol
 * must be exactly 8 bytes). Monitor symbols: monitor_spec_vaddr and
 * monitor_spec_size (u64 LE).
 */
#ifndef TOOL_PATCH_H
#define TOOL_PATCH_H

#include <stdint.h>

#include "diag.h"
#include "elfload.h"
#include "layout.h"
#include "model.h"

/*
 * Physical address of MR `mr` as a setvar region_paddr sees it: its
 * phys_addr, else the planned address when `lay` has one and the region is
 * planned contiguously. Returns 0 and sets *out, or -1.
 */
int patch_mr_paddr(const struct system *sys, const struct layout *lay, int mr, uint64_t *out);

/*
 * Patch PD `p` of `sys` into `elf`. `lay` (may be NULL) supplies planned
 * physical addresses of regions without phys_addr; when NULL those setvars
 * get 0. Returns 0, or -1 after reporting every problem with its SDF line.
 */
int patch_pd(const struct system *sys, size_t p, const struct layout *lay, struct elf_file *elf,
             struct diag *d);

/* Patch the monitor's monitor_spec_vaddr and monitor_spec_size. */
int patch_monitor(struct elf_file *monitor, uint64_t spec_vaddr, uint64_t spec_size,
                  struct diag *d);

/*
 * For the host simulator: read the host (x86-64 or AArch64) ELF of PD `p`
 * from `in_path`, patch it as patch_pd does (regions without phys_addr get
 * 0), and write the result to `out_path`. The patched symbols must be in
 * initialised data (not .bss) for a file to carry them.
 */
int patch_host_elf(const struct system *sys, size_t p, const char *in_path, const char *out_path,
                   struct diag *d);

#endif /* TOOL_PATCH_H */
