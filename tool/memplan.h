/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The physical memory plan (part of the layout stage): emulate where the
 * seL4 kernel puts itself, the user image (monitor + boot spec) and the root
 * task's boot objects, derive the RAM untypeds the monitor will receive, and
 * place every object in them with the monitor's own placement code
 * (include/sdk/placement.h), in the order the monitor creates them (its own
 * CNodes, then the spec's objects, then its scratch page tables).
 * A system that does not fit is an error at build time, naming the largest
 * consumers.
 */
#ifndef TOOL_MEMPLAN_H
#define TOOL_MEMPLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "board.h"
#include "diag.h"
#include "kernel.h"
#include "layout.h"

/* Page tables the monitor creates for its scratch window, after the spec's objects. */
#define MEMPLAN_MONITOR_TABLES 2

struct untyped {
    uint64_t paddr;
    unsigned size_bits;
};

struct memplan {
    uint64_t ui_p_start, ui_p_end;             /* user image */
    uint64_t rootserver_start, rootserver_end; /* root task's boot objects */
    VEC(struct untyped) untypeds;              /* RAM untypeds, in bootinfo order */
    uint64_t ram_free;                         /* bytes in those untypeds */
    uint64_t needed;       /* bytes of non-device objects and the monitor's own objects */
    unsigned cspace_bits;  /* log2 of the slots of the monitor's system CNode */
    uint64_t cspace_paddr; /* where it lies (BS_ANY_PADDR if it fits nowhere) */
    uint64_t root_paddr;   /* the monitor's root CNode, placed after it */
};

/*
 * Plan for a user image of `ui_size` bytes whose virtual range starts at
 * `ui_vaddr`. Sets each object's plan_paddr and each MR's paddr (and
 * `contiguous`). Returns 0, or -1 after reporting why the system does not fit.
 */
int memplan_build(struct layout *lay, const struct system *sys, const struct board *b,
                  const struct kernel *k, uint64_t ui_size, uint64_t ui_vaddr, struct memplan *mp,
                  struct diag *d);
void memplan_free(struct memplan *mp);

/*
 * Choose fixed addresses for the regions flagged in `want` (indexed by MR;
 * regions without phys_addr whose address a setvar needs): each goes at the
 * start of the highest RAM untyped of `mp` that can hold it whole and has no
 * other fixed object, so the monitor must create it exactly there. Calls
 * layout_set_mr_paddr and layout_resort; run memplan_build again afterwards.
 * Returns 0, or -1 after reporting a region that fits nowhere.
 */
int memplan_place_regions(struct layout *lay, const struct system *sys, const bool *want,
                          const struct memplan *mp, struct diag *d);

/*
 * Bytes of the block the kernel carves for the root task's objects, for a
 * root CNode of 2^cnode_bits bytes, a TCB of 2^tcb_bits bytes and a user
 * image of `ui_bytes` at `ui_vaddr`; the block is aligned to its largest
 * object (the CNode or the VSpace). `hyp`: a hypervisor kernel, whose
 * VSpace is 8 KiB and starts at level 1; an EL1 kernel's is 4 KiB and
 * starts at level 0, which adds one table per 512 GiB span.
 */
uint64_t memplan_rootserver_bytes(unsigned cnode_bits, unsigned tcb_bits, uint64_t ui_vaddr,
                                  uint64_t ui_bytes, bool hyp);

/*
 * The monitor's own CSpace (include/sdk/monitor_abi.h): log2 of the
 * slots of its system CNode for this layout, and the bytes of that CNode
 * plus its 2-slot root CNode (0 when the slots exceed the monitor's limit).
 * The monitor creates both before the spec's objects.
 */
unsigned memplan_cspace_bits(const struct layout *lay);
uint64_t memplan_cspace_bytes(const struct layout *lay);

/* Bytes of RAM the layout's non-device objects take. */
uint64_t memplan_needed(const struct layout *lay);

/* "2.5 GiB", "12 KiB", "100 bytes". */
void format_size(uint64_t bytes, char *buf, size_t n);

#endif /* TOOL_MEMPLAN_H */
