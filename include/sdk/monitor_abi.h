/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the host tool needs to know about monitor.elf: the contract between
 * the monitor and the tool (tool/patch.c, tool/memplan.c), in include/sdk/
 * so that both compile the same definitions.
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
#ifndef SDK_MONITOR_ABI_H
#define SDK_MONITOR_ABI_H

#define MONITOR_LINK_VADDR        0x8a000000ull
#define MONITOR_SPEC_VADDR_SYMBOL "monitor_spec_vaddr"
#define MONITOR_SPEC_SIZE_SYMBOL  "monitor_spec_size"
#define MONITOR_SPEC_SECTION      ".data.monitor_spec"

/*
 * Virtual addresses the monitor uses for itself at run time, outside its
 * image: a 1 GiB-aligned window where it maps frames to fill them. PD
 * layouts are unaffected (separate VSpaces); listed so that a future
 * monitor image never grows into it. It lies in the first 512 GiB, as the
 * monitor's image does, so that on an EL1 kernel (VSpace root at level 0)
 * the level-1 table the kernel made for the image covers it too: two page
 * tables make the window on either kind of kernel.
 */
#define MONITOR_SCRATCH_VADDR 0x4000000000ull
/* RISC-V 64: Sv39 user addresses end at 0x3ffffff000, so the window is lower (128 GiB). */
#define MONITOR_SCRATCH_VADDR_RISCV64 0x2000000000ull

/*
 * The monitor's two-level CSpace. At start the monitor creates a "system"
 * CNode S of 2^k slots (seL4 slots are 2^MONITOR_SLOT_BITS bytes) and a
 * 2-slot root CNode R, and makes R its CSpace root: R slot 0 holds its
 * initial CNode (so the kernel's caps keep their numbers) and R slot 1
 * holds S, whose slot s is CPtr (1 << 63) | s. S holds a cap to every spec
 * object (object i in slot i), then one frame-cap copy per map, two caps per
 * IRQ and one badged fault endpoint per thread. Counting every map (page
 * tables too) and a few spare slots keeps the formula simple; the tool
 * reserves RAM for S and R with it, so both must use this function.
 */
#define MONITOR_SLOT_BITS       5
#define MONITOR_CSPACE_MIN_BITS 6
#define MONITOR_CSPACE_MAX_BITS 20
#define MONITOR_CSPACE_SPARE    16
#define MONITOR_ROOT_CNODE_BITS 1 /* R: 2 slots, no guard */

/* Slots the monitor needs in S for a spec with these table sizes. */
static inline unsigned long long monitor_cspace_slots(unsigned long long objects,
                                                      unsigned long long maps,
                                                      unsigned long long irqs,
                                                      unsigned long long threads)
{
    return objects + maps + 2 * irqs + threads + MONITOR_CSPACE_SPARE;
}

/* log2 of S's slot count: the slots rounded up to a power of two (at least 2^6). */
static inline unsigned monitor_cspace_bits(unsigned long long slots)
{
    unsigned bits = MONITOR_CSPACE_MIN_BITS;
    while (bits < 63 && (1ull << bits) < slots) {
        bits++;
    }
    return bits;
}

#endif /* SDK_MONITOR_ABI_H */
