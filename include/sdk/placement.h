/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The untyped placement policy: where each kernel object is carved from the
 * untyped memory the kernel hands the root task. Freestanding
 * (common/placement.c), compiled into the monitor, which creates every
 * object where this module says, and into the tool, whose memory plan
 * (tool/memplan.c) makes the same calls on the untypeds it predicts the
 * kernel will hand out; so the plan's addresses are the monitor's, and
 * "does not fit" is known at build time.
 *
 * Each untyped is a bump allocator mirroring seL4's retype rule: objects of
 * 2^b bytes start at the untyped's watermark rounded up to 2^b, and the
 * watermark moves past them. The policy:
 *   - an object without a fixed physical address goes to the first RAM
 *     (non-device) untyped, in boot-info order, where it fits after
 *     alignment (the tool sorts such objects largest first, so alignment
 *     wastes nothing);
 *   - with PL_AVOID_FIXED, the same, but skipping the untypeds that hold a
 *     fixed-address RAM object, so that those addresses stay free;
 *   - an object with a fixed physical address goes to the untyped that
 *     covers it, one of the kind it asks for (PL_DEVICE or RAM) if there is
 *     one, else any; the memory between the watermark and the address is
 *     given up (the monitor fills it with padding untypeds, pl_block_bits()
 *     sized, never used again). An address below the watermark is in use.
 *
 * The order of calls, which the monitor follows and the tool simulates: the
 * untypeds of boot info (pl_init); every fixed-address RAM object of the
 * spec, in table order (pl_mark_fixed, pl_mark_fixed_end); the monitor's
 * system CNode, then its root CNode (PL_AVOID_FIXED); every spec object in
 * table order (bootspec.h sorts fixed addresses first, ascending; device
 * objects only from device untypeds, which the tool does not model); the
 * two page tables of the monitor's scratch window.
 */
#ifndef SDK_PLACEMENT_H
#define SDK_PLACEMENT_H

#include <stdint.h>

/* One untyped: where it is and how much of it is used. */
struct pl_untyped {
    uint64_t paddr;
    uint64_t watermark; /* first free byte */
    uint8_t size_bits;
    uint8_t device;    /* device memory (boot info's isDevice) */
    uint8_t has_fixed; /* a fixed-address RAM object lies in it (pl_mark_fixed) */
};

/* The untypeds in boot-info order, in storage the caller owns. */
struct pl_state {
    struct pl_untyped *uts;
    uint32_t count;
    uint32_t first_free;     /* untypeds before this one are full or device (a search hint) */
    uint64_t run_lo, run_hi; /* the run of back-to-back fixed objects being marked */
};

/* pl_alloc() flags. */
#define PL_DEVICE      1u /* the fixed address lies in device memory */
#define PL_AVOID_FIXED 2u /* anywhere, but not in an untyped with a fixed-address object */

/* pl_alloc() results besides 0. */
#define PL_NO_ROOM (-1) /* nothing fits (anywhere), or no untyped covers the address (fixed) */
#define PL_IN_USE  (-2) /* the fixed address lies below its untyped's watermark */

/* Where pl_alloc() put an object. */
struct pl_place {
    uint32_t ut;    /* index of the untyped */
    uint64_t paddr; /* the object's first byte */
    uint64_t from;  /* the untyped's watermark before: [from, paddr) is skipped */
};

/*
 * Takes uts[0, count), whose paddr, size_bits and device are set, as empty
 * untypeds (watermarks at their start, no fixed objects).
 */
void pl_init(struct pl_state *p, struct pl_untyped *uts, uint32_t count);

/*
 * Notes a fixed-address RAM object [paddr, paddr + bytes). Call it for each
 * in ascending order, then pl_mark_fixed_end(): back-to-back objects are
 * collected into runs, and every RAM untyped a run overlaps gets has_fixed.
 */
void pl_mark_fixed(struct pl_state *p, uint64_t paddr, uint64_t bytes);
void pl_mark_fixed_end(struct pl_state *p);

/*
 * Places an object of 2^bits bytes at `paddr` (BS_ANY_PADDR: anywhere) as
 * the policy above says, and moves that untyped's watermark past it.
 * Returns 0 with *out filled, or PL_NO_ROOM / PL_IN_USE with nothing
 * changed.
 */
int pl_alloc(struct pl_state *p, uint64_t paddr, unsigned bits, unsigned flags,
             struct pl_place *out);

/*
 * log2 of the largest block at `base` that is aligned to its size, ends at
 * or before `end` (> base) and has at most 2^max_bits bytes: how the kernel
 * cuts free memory into untypeds, and how the monitor pads up to a fixed
 * address.
 */
unsigned pl_block_bits(uint64_t base, uint64_t end, unsigned max_bits);

#endif /* SDK_PLACEMENT_H */
