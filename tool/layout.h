/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The layout stage: from the system model, the board and the loaded ELFs,
 * decide every PD's virtual layout (ELF segments, stack, IPC buffer, maps),
 * its cap slots, and every kernel object the monitor will create, with the
 * caps, mappings, frame fills, IRQs and thread settings that the boot spec
 * (spec.h) records. Objects are kept sorted in the order the monitor
 * creates them: fixed physical addresses first (ascending), then by size,
 * largest first, then in a stable order.
 *
 * Virtual layout of a PD (AArch64, hypervisor kernel, 40-bit PA):
 *     ELF segments (from SDK_PD_TEXT_BASE), maps anywhere below the stack,
 *     stack [SDK_PD_STACK_TOP - stack_size, SDK_PD_STACK_TOP), one guard page,
 *     IPC buffer at SDK_PD_IPC_BUFFER_VADDR.
 * The VSpace root is level 1 (1024 entries of 1 GiB); one level-2 table per
 * 1 GiB span used, one level-3 table per 2 MiB span holding 4 KiB pages.
 */
#ifndef TOOL_LAYOUT_H
#define TOOL_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "board.h"
#include "diag.h"
#include "elfload.h"
#include "model.h"
#include "sdk/bootspec.h"

/* A string table: NUL-terminated strings addressed by byte offset. */
struct strtab {
    char *buf;
    size_t len;
    size_t cap;
};
uint32_t strtab_add(struct strtab *t, const char *s);
uint32_t strtab_addf(struct strtab *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Owner of an object, for the report and the memory plan. */
#define LAY_OWNER_MONITOR (-1)

enum lay_use {
    LAY_USE_KERNEL, /* TCB, SC, CNode, endpoints, ... */
    LAY_USE_PAGING, /* VSpace and page tables */
    LAY_USE_ELF,
    LAY_USE_STACK,
    LAY_USE_IPC,
    LAY_USE_MR
};

struct lay_object {
    uint64_t paddr;      /* fixed physical address, or BS_ANY_PADDR */
    uint64_t plan_paddr; /* where the memory plan expects it (BS_ANY_PADDR: not planned) */
    uint8_t type;        /* enum bs_object_type */
    uint8_t size_bits;   /* as bs_object (CNode: log2 slots) */
    uint8_t bytes_bits;  /* log2 of the memory it takes */
    uint8_t use;         /* enum lay_use */
    uint16_t flags;      /* BS_OBJ_FLAG_* */
    uint32_t name;       /* string offset */
    int32_t owner;       /* PD index, or LAY_OWNER_MONITOR */
    int32_t mr;          /* MR index, or -1 */
};

/* Bytes of frame content to place: `len` bytes from `data` at `dest_offset`. */
struct lay_fill {
    uint32_t obj;
    uint32_t dest_offset;
    uint32_t len;
    const uint8_t *data;
};

struct lay_pd {
    bool needs_ep;
    uint32_t tcb, sc, cnode, vspace, notification, endpoint, reply, ipc_buffer;
    uint64_t stack_bottom, stack_top;
    uint64_t elf_lo, elf_hi; /* page-aligned span of the ELF segments */
    uint32_t elf_frames, stack_frames, page_tables, mr_frames; /* counts */
    uint64_t bytes;      /* memory its objects take (MR frames counted once, at the first mapper) */
    uint32_t vm_vspace;  /* BS_NONE unless it has a VM */
    uint32_t root_cnode; /* CSpace root of a PD with a <cspace> (sdk/limits.h); BS_NONE otherwise */
    uint32_t vm_page_tables;
    size_t maps_first, maps_end;       /* its frame maps in layout.maps */
    size_t vm_maps_first, vm_maps_end; /* its VM's */
};

struct lay_mr {
    uint32_t first_frame;
    uint32_t frames;
    unsigned page_bits;
    bool device;
    uint64_t paddr;  /* fixed, or planned, physical address of frame 0 */
    bool contiguous; /* paddr is meaningful for every frame (fixed or planned contiguous) */
    bool placed;     /* no phys_addr in the SDF: the tool chose a fixed address */
    /*
     * Mixed page sizes (layout_mixed.c; page_bits stays 12): frames counts
     * them all; the 4 KiB ones are first_frame.. (head_frames below the
     * 2 MiB ones, then the rest), the large_frames 2 MiB ones first_large..
     */
    uint32_t head_frames;
    uint32_t large_frames; /* 0: one page size */
    uint32_t first_large;
};

struct layout_input {
    const struct system *sys;
    const struct board *board;
    struct elf_file *const *pd_elfs; /* one per PD */
    const uint8_t *const *prefill;   /* per MR, NULL for none */
    const size_t *prefill_len;
    unsigned tcb_bits; /* 12 debug, 11 otherwise */
    bool benchmark;    /* own TCB cap at SDK_CAP_TCB */
};

struct layout {
    struct strtab strings;
    VEC(struct lay_object) objects;
    VEC(struct bs_cap) caps;
    VEC(struct bs_map) maps; /* page tables (upper levels first), then frames */
    VEC(struct lay_fill) fills;
    VEC(struct bs_irq) irqs;
    VEC(struct bs_pd) threads; /* PDs in system order, then VM vCPUs */
    struct lay_pd *pds;
    size_t num_pds;
    struct lay_mr *mrs;
    size_t num_mrs;
    uint32_t monitor_fault_ep;
    uint32_t monitor_reply;
    size_t num_pt_maps;            /* maps[0 .. num_pt_maps) are page tables */
    VEC(struct bs_sched) schedule; /* the domain schedule (layout_domains.c) */
    uint32_t schedule_start;       /* BS_NONE without <domains> */
    uint64_t timer_hz;             /* the board's timer frequency, 0 without a board */
    bool maps_borrowed;            /* maps.items points into a boot spec (layout_borrow_maps) */
};

/*
 * Build the layout. Problems (maps overlapping a PD's ELF or stack,
 * phys_addr outside the board's memory, ...) are reported with the SDF
 * position; returns 0, or -1 when any was found.
 */
int layout_build(const struct layout_input *in, struct layout *lay, struct diag *d);
void layout_free(struct layout *lay);

/* The domain schedule of `sys` in kernel indexes (index_shift applied), and the timer frequency. */
void layout_domains(const struct system *sys, const struct board *board, struct layout *lay);

/*
 * What layout_build checks first, from the numbers alone, before it creates
 * a single object (layout_limits.c), so that a tiny SDF asking for 2^27
 * frames is refused at once instead of after minutes and gigabytes:
 *   - every PD's program image: no segment in the kernel half or above the
 *     user address space (0x10000000000) ("elf-segment-address"), none over
 *     the stack, its guard pages or the IPC buffer ("elf-overlaps-stack"),
 *     and an entry point inside an executable segment ("elf-entry");
 *   - the frames and frame mappings of regions, maps, program images and
 *     stacks fit the monitor's system CNode, 2^MONITOR_CSPACE_MAX_BITS slots
 *     ("monitor-cap-slots"), and the frames that need RAM fit the board's
 *     RAM ("memory-exhausted"); each reported at the SDF line of the
 *     largest consumer.
 * Returns 0, or -1 after reporting every problem.
 */
int layout_check_limits(const struct layout_input *in, struct diag *d);

/*
 * Give MR `mr` (which has no phys_addr) the fixed physical address `paddr`,
 * as if the SDF said so; call layout_resort() afterwards to restore the
 * creation order. Used for regions whose address a setvar needs.
 */
void layout_set_mr_paddr(struct layout *lay, int mr, uint64_t paddr);
void layout_resort(struct layout *lay);

/*
 * Large systems have hundreds of thousands of maps: once the final boot spec
 * holds an identical copy, free the layout's and read the spec's (`maps`,
 * which must outlive the layout's use of it).
 */
void layout_borrow_maps(struct layout *lay, const struct bs_map *maps);

/*
 * Whether region `mr` (no page_size, phys_addr or setvar region_paddr; 4 KiB
 * pages by Microkit's rule) gets 2 MiB frames for its middle: every map
 * (PD or VM) has the same vaddr modulo 2 MiB and a 2 MiB-aligned piece
 * fits. Sets the 4 KiB frames before it and the 2 MiB frames.
 */
bool layout_mixed_split(const struct system *sys, size_t mr, uint32_t *head, uint32_t *large);

/* Frame `k` of a region in address order: its object index, and its byte offset in *offset. */
uint32_t lay_mr_frame(const struct lay_mr *m, uint32_t k, uint64_t *offset);

/* Bytes an object takes. */
static inline uint64_t lay_object_bytes(const struct lay_object *o)
{
    return 1ull << o->bytes_bits;
}

/* "TCB", "frame", ... for reports. */
const char *lay_type_name(unsigned type);

#endif /* TOOL_LAYOUT_H */
