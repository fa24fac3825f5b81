/* SPDX-License-Identifier: BSD-2-Clause */
/* The untyped placement policy (include/sdk/placement.h). */
#include <stddef.h>
#include <stdint.h>

#include "sdk/bootspec.h"
#include "sdk/placement.h"

static uint64_t end_of(const struct pl_untyped *u)
{
    return u->paddr + (1ull << u->size_bits);
}

/*
 * Moves the search hint past untypeds first_fit() never takes from: full
 * ones and device memory. Boot info lists the device untypeds first on
 * most boards (a hundred on qemu_virt_aarch64), and every object placed
 * anywhere scanned them: a quarter of the monitor's own instructions for
 * 60 PDs.
 */
static void skip_spent(struct pl_state *p)
{
    while (p->first_free < p->count &&
           (p->uts[p->first_free].device ||
            p->uts[p->first_free].watermark == end_of(&p->uts[p->first_free]))) {
        p->first_free++;
    }
}

void pl_init(struct pl_state *p, struct pl_untyped *uts, uint32_t count)
{
    p->uts = uts;
    p->count = count;
    p->first_free = 0;
    p->run_lo = 0;
    p->run_hi = 0;
    for (uint32_t i = 0; i < count; i++) {
        uts[i].watermark = uts[i].paddr;
        uts[i].has_fixed = 0;
    }
    skip_spent(p);
}

/* Marks the RAM untypeds the collected run overlaps, and empties the run. */
static void mark_run(struct pl_state *p)
{
    for (uint32_t i = 0; p->run_hi > p->run_lo && i < p->count; i++) {
        struct pl_untyped *u = &p->uts[i];
        if (!u->device && p->run_lo < end_of(u) && p->run_hi > u->paddr) {
            u->has_fixed = 1;
        }
    }
    p->run_lo = 0;
    p->run_hi = 0;
}

/* Runs, not objects: a large fixed region is thousands of frames, and boot info lists hundreds of
 * untypeds. */
void pl_mark_fixed(struct pl_state *p, uint64_t paddr, uint64_t bytes)
{
    if (paddr != p->run_hi) {
        mark_run(p);
        p->run_lo = paddr;
    }
    p->run_hi = paddr + bytes;
}

void pl_mark_fixed_end(struct pl_state *p)
{
    mark_run(p);
}

/* [at, at + 2^bits) aligned inside u after its watermark, without wrapping around. */
static int fits_after_watermark(const struct pl_untyped *u, unsigned bits, uint64_t *at)
{
    uint64_t mask = (1ull << bits) - 1;
    uint64_t a = (u->watermark + mask) & ~mask;
    if (a < u->watermark || a > end_of(u) || (1ull << bits) > end_of(u) - a) {
        return 0;
    }
    *at = a;
    return 1;
}

static void take(struct pl_state *p, uint32_t i, uint64_t at, unsigned bits, struct pl_place *out)
{
    struct pl_untyped *u = &p->uts[i];
    out->ut = i;
    out->paddr = at;
    out->from = u->watermark;
    u->watermark = at + (1ull << bits);
    skip_spent(p);
}

static int first_fit(struct pl_state *p, unsigned bits, unsigned flags, struct pl_place *out)
{
    for (uint32_t i = p->first_free; i < p->count; i++) {
        const struct pl_untyped *u = &p->uts[i];
        uint64_t at;
        if (!u->device && !((flags & PL_AVOID_FIXED) && u->has_fixed) &&
            fits_after_watermark(u, bits, &at)) {
            take(p, i, at, bits, out);
            return 0;
        }
    }
    return PL_NO_ROOM;
}

/* The untyped holding [paddr, paddr + 2^bits), preferring the kind asked for; -1 if none. */
static int covering(const struct pl_state *p, uint64_t paddr, unsigned bits, int device)
{
    uint64_t size = 1ull << bits;
    for (int pass = 0; pass < 2; pass++) {
        for (uint32_t i = 0; i < p->count; i++) {
            const struct pl_untyped *u = &p->uts[i];
            if ((pass == 1 || u->device == device) && paddr >= u->paddr && paddr < end_of(u) &&
                size <= end_of(u) - paddr) {
                return (int)i;
            }
        }
    }
    return -1;
}

int pl_alloc(struct pl_state *p, uint64_t paddr, unsigned bits, unsigned flags,
             struct pl_place *out)
{
    if (paddr == BS_ANY_PADDR) {
        return first_fit(p, bits, flags, out);
    }
    int i = covering(p, paddr, bits, (flags & PL_DEVICE) != 0);
    if (i < 0) {
        return PL_NO_ROOM;
    }
    if (p->uts[i].watermark > paddr) {
        return PL_IN_USE;
    }
    take(p, (uint32_t)i, paddr, bits, out);
    return 0;
}

unsigned pl_block_bits(uint64_t base, uint64_t end, unsigned max_bits)
{
    unsigned bits = 63 - (unsigned)__builtin_clzll(end - base);
    if (base != 0 && (unsigned)__builtin_ctzll(base) < bits) {
        bits = (unsigned)__builtin_ctzll(base);
    }
    return bits > max_bits ? max_bits : bits;
}
