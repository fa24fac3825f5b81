/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Placing kernel objects in the untyped memory the kernel hands the root
 * task. Each untyped is a bump allocator that mirrors seL4's own retype
 * rule: a retype of N objects of 2^b bytes starts at the untyped's
 * watermark rounded up to 2^b and advances it by N * 2^b.
 *
 * Policy (the host tool plans with the same one):
 *   - objects without a fixed physical address go to the first non-device
 *     untyped, in boot-info order, where they fit after alignment; the tool
 *     sorts them largest first, so alignment wastes nothing;
 *   - an object with a fixed physical address goes to the untyped (device or
 *     RAM) that covers it; the gap between the watermark and the address is
 *     filled with padding untypeds of the largest sizes alignment allows,
 *     which stay unused.
 * The tool (tool/memplan.c) predicts each object's physical address with
 * this same policy, so the two must change together.
 * Consecutive objects of one type and size that land back to back in one
 * untyped are created with one retype call (up to 256).
 */
#ifndef MONITOR_ALLOC_H
#define MONITOR_ALLOC_H

#include <stdint.h>

#include <sdk/bootspec.h>
#include <sel4/sel4.h>

#define ALLOC_MAX_UNTYPED CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS

struct untyped {
    uint64_t paddr;
    uint64_t watermark; /* first free physical address */
    seL4_CPtr cap;
    uint8_t size_bits;
    uint8_t device;
    uint8_t has_fixed; /* a fixed-address RAM object of the spec lies in it */
};

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
    struct untyped uts[ALLOC_MAX_UNTYPED];
    uint32_t num_uts;
    uint64_t ram_bytes; /* total non-device untyped memory at start */
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

/* Marks the untypeds that [lo, hi) overlaps as holding a fixed-address object. */
void alloc_mark_fixed(struct alloc *a, uint64_t lo, uint64_t hi);

/*
 * As alloc_object() with BS_ANY_PADDR, but only in untyped RAM without
 * fixed-address objects (alloc_mark_fixed), and retyped at once. For the
 * monitor's own CNodes, created before the spec's objects: kept away from
 * the untypeds that fixed addresses need, so those stay where the tool
 * planned them.
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
