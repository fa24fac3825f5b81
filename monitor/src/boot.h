/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Executing the boot spec, in the order include/sdk/bootspec.h defines:
 *
 *   1. objects.c  create every object from the untypeds (alloc.c)
 *   2. fill.c     fill frames: map each into the monitor's scratch window,
 *                 copy or inflate its data, clean caches, unmap
 *   3. vspace.c   assign VSpaces to the ASID pool, map page tables and frames
 *   4. caps.c     IRQ handlers, then caps into PD CNodes
 *   5. threads.c  scheduling contexts, TCB set-up (FPU flag, domain), then resume
 *   6. domains.c  the domain schedule, when the spec has one
 *
 * Before them, cspace.c gives the monitor a two-level CSpace (monitor_abi.h):
 * object i of the spec is created into slot i of the system CNode S, CPtr
 * `obj_base + i` (obj_base = ALLOC_SYSTEM_SLOT); the caps made from the spec
 * (frame cap copies, IRQ handlers, badged caps) take the next free slots of
 * S; the monitor's own (R and S themselves, padding untypeds, scratch page
 * tables) take slots of the initial CNode from boot info's first empty one.
 * CNode invocations name a slot by its full CPtr from the root CNode R
 * (boot_root(), depth seL4_WordBits). Each stage prints `MON|ERROR: ...` and
 * returns -1 on failure.
 */
#ifndef MONITOR_BOOT_H
#define MONITOR_BOOT_H

#include <stdint.h>

#include <sdk/bootspec_read.h>
#include <sel4/sel4.h>

#include "alloc.h"

struct boot {
    const struct bs_spec *spec;
    const seL4_BootInfo *bi;
    struct alloc alloc;
    seL4_CPtr obj_base;
    uint8_t *scratch;        /* the scratch window's virtual address */
    seL4_CPtr scratch_pt[2]; /* its page tables, once created */
    uint64_t timer_hz; /* the timer's frequency (CNTFRQ_EL0), set before boot_run; 0: unknown */
};

/* Runs every stage. `scratch` is MONITOR_SCRATCH_VADDR on the target. */
int boot_run(struct boot *b, const struct bs_spec *spec, const seL4_BootInfo *bi, void *scratch);

/* The cap of object `index`. */
static inline seL4_CPtr boot_cap(const struct boot *b, uint32_t index)
{
    return b->obj_base + index;
}

/* The monitor's CSpace root R, for CNode invocations on its own slots. */
static inline seL4_CPtr boot_root(const struct boot *b)
{
    return b->alloc.root;
}

/* The scratch window's page tables, made on first use (fill.c); 0 or -1. */
int boot_scratch_tables(struct boot *b);

/* A fresh slot of the system CNode, or 0 (after a message) when none is left. */
seL4_CPtr boot_new_slot(struct boot *b);

/*
 * Prints "MON|ERROR: <what> '<object name>' failed: <error>" when err is
 * not seL4_NoError (`what` reads on into the name: "setting the ipc buffer
 * of"); returns 0 for no error, -1 otherwise.
 */
int boot_check(const struct boot *b, seL4_Error err, const char *what, uint32_t obj);

/* The kernel object for a spec object; 0, or -1 for an unknown type. */
int boot_kobj(const struct bs_object *o, struct kobj *k);

/* The stages, in order. */
int boot_cspace(struct boot *b);
int boot_objects(struct boot *b);
int boot_fill(struct boot *b);
int boot_vspaces(struct boot *b);
int boot_irqs(struct boot *b);
int boot_caps(struct boot *b);
int boot_threads(struct boot *b);
int boot_start(struct boot *b);
int boot_domains(struct boot *b);

#endif /* MONITOR_BOOT_H */
