/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the host tool needs to know about monitor.elf.
 *
 * The monitor is one PT_LOAD segment (read, write, execute) linked at
 * MONITOR_LINK_VADDR, entry `_start`. The tool appends the boot spec
 * (include/sdk/bootspec.h) to the monitor's image in the user image region
 * and patches two 64-bit little-endian variables, found by symbol name in
 * the ELF symbol table; both lie in the section MONITOR_SPEC_SECTION, which
 * is part of the loaded file image (PROGBITS), so patching them means
 * rewriting 8 bytes of the segment's file data each:
 *
 *   monitor_spec_vaddr  virtual address of the spec's first byte as the
 *                       monitor sees it (the kernel maps the whole user
 *                       image region for the root task)
 *   monitor_spec_size   bytes in the spec (bs_header.size)
 *
 * Unpatched, both are 0 and the monitor stops with
 * `MON|ERROR: no boot spec (monitor.elf was not patched by the tool)`.
 */
#ifndef MONITOR_ABI_H
#define MONITOR_ABI_H

#define MONITOR_LINK_VADDR        0x8a000000ull
#define MONITOR_SPEC_VADDR_SYMBOL "monitor_spec_vaddr"
#define MONITOR_SPEC_SIZE_SYMBOL  "monitor_spec_size"
#define MONITOR_SPEC_SECTION      ".data.monitor_spec"

/*
 * Virtual addresses the monitor uses for itself at run time, outside its
 * image: a 1 GiB-aligned window where it maps frames to fill them. PD
 * layouts are unaffected (separate VSpaces); listed so that a future
 * monitor image never grows into it.
 */
#define MONITOR_SCRATCH_VADDR 0x8000000000ull

#endif /* MONITOR_ABI_H */
