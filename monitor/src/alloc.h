/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Creating kernel objects from the untyped memory the kernel hands the root
 * task. Where each object goes is the SDK's one placement policy
 * (include/sdk/placement.h, common/placement.c), which the tool's memory
 * plan runs too, so every object lands where the tool predicted (PDs may be
 * told the addresses). This file does the kernel's part: Untyped_Retype
 * into the monitor's slots, padding untypeds up to fixed physical addresses,
 * and batching: consecutive objects of one type and size that land back to
 * back in one untyped are created with one retype call (up to 256).
 */
#ifndef MONITOR_ALLOC_H
#define MONITOR_ALLOC_H

#include <stdint.h>

#include <sdk/bootspec.h>
#include <sdk/placement.h>
#include <sel4/sel4.h>

#define ALLOC_MAX_UNTYPED CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS

/* A retype not yet performed: objects [first_slot, first_slot + count). */
struct pending_retype {
    uint32_t ut; /* index in alloc.uts */
    seL4_Word type;
    seL4_Word size_arg;
    seL4_CPtr first_slot;
    seL4_Word count;
    uint64_t next_paddr;
};

struct alloc {
    struct pl_untyped uts[ALLOC_MAX_UNTYPED]; /* boot info's untypeds, in its order */
    struct pl_state pl;                       /* the placement state over uts */
    seL4_CPtr first_cap;                      /* the cap of uts[0]; the others follow */
    uint64_t ram_bytes;                       /* total non-device untyped memory at start */
    struct pending_retype pending;
    const char *pending_name; /* first object of the pending retype */
    seL4_CPtr root;           /* the monitor's root CNode R, once it exists (else 0) */
    seL4_CPtr next_slot;      /* next free slot of the system CNode S, and its end; */
    seL4_CPtr slot_end;       /* both set by the caller after alloc_init() */
    seL4_CPtr init_next;      /* next free slot of the initial CNode (padding, */
    seL4_CPtr init_end;       /* scratch tables): boot info's empty range */
};

/* What the kernel is asked to create: seL4 object type, its size argument and its size. */
struct kobj {
    seL4_Word type;
    seL4_Word size_arg;
    unsigned mem_bits; /* log2 of the bytes it takes in an untyped */
};

/* Starts from boot info's untyped list and empty slot range. */
void alloc_init(struct alloc *a, const seL4_BootInfo *bi);

/*
 * Slots are CPtrs in the monitor's CSpace (boot.h): below 2^63 a slot of
 * the initial CNode, reached from seL4_CapInitThreadCNode; with bit 63 set
 * a slot of the system CNode S, reached through `root` (R slot 1).
 */
#define ALLOC_SYSTEM_SLOT ((seL4_CPtr)1 << 63)

/* A fresh slot of the initial CNode: 0 on success, -1 after a message. */
int alloc_init_slot(struct alloc *a, seL4_CPtr *slot);

/*
 * As alloc_object() with BS_ANY_PADDR, but only in untyped RAM without
 * fixed-address objects (PL_AVOID_FIXED; pl_mark_fixed() on a->pl first),
 * and retyped at once. For the monitor's own CNodes, created before the
 * spec's objects: kept away from the untypeds that fixed addresses need, so
 * those stay where the tool planned them.
 */
int alloc_object_unfixed(struct alloc *a, const struct kobj *k, seL4_CPtr slot, const char *name);

/*
 * Creates one object described by `k` into `slot` of the monitor's CNode,
 * at physical address `paddr` (BS_ANY_PADDR for anywhere; `device` says
 * which kind of untyped a fixed address lies in). Returns 0, or -1 after
 * printing why, naming the object `name`. The retype may be deferred to
 * batch it with the next objects: call alloc_flush() before using the cap.
 */
int alloc_object(struct alloc *a, const struct kobj *k, uint64_t paddr, int device, seL4_CPtr slot,
                 const char *name);

/* Performs the deferred retype, if any. Returns 0 or -1 after printing why. */
int alloc_flush(struct alloc *a);

/* Name of an seL4_Error, for messages. */
const char *sel4_error_name(seL4_Error err);

#endif /* MONITOR_ALLOC_H */
