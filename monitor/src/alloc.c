/* SPDX-License-Identifier: BSD-2-Clause */
#include "alloc.h"
#include "print.h"

#define MAX_RETYPE 256

void alloc_init(struct alloc *a, const seL4_BootInfo *bi)
{
    seL4_Word n = bi->untyped.end - bi->untyped.start;
    a->num_uts = 0;
    a->ram_bytes = 0;
    a->pending.count = 0;
    a->pending_name = "";
    a->root = 0;
    a->next_slot = 0;
    a->slot_end = 0;
    a->init_next = bi->empty.start;
    a->init_end = bi->empty.end;
    for (seL4_Word i = 0; i < n && i < CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS; i++) {
        const seL4_UntypedDesc *d = &bi->untypedList[i];
        struct untyped *u = &a->uts[a->num_uts++];
        u->paddr = d->paddr;
        u->watermark = d->paddr;
        u->cap = bi->untyped.start + i;
        u->size_bits = d->sizeBits;
        u->device = d->isDevice;
        u->has_fixed = 0;
        if (!d->isDevice) {
            a->ram_bytes += 1ull << d->sizeBits;
        }
    }
}

const char *sel4_error_name(seL4_Error err)
{
    static const char *const names[] = {
        "seL4_NoError",          "seL4_InvalidArgument",  "seL4_InvalidCapability",
        "seL4_IllegalOperation", "seL4_RangeError",       "seL4_AlignmentError",
        "seL4_FailedLookup",     "seL4_TruncatedMessage", "seL4_DeleteFirst",
        "seL4_RevokeFirst",      "seL4_NotEnoughMemory",
    };
    if ((unsigned)err >= sizeof(names) / sizeof(names[0])) {
        return "unknown error";
    }
    return names[err];
}

static uint64_t end_of(const struct untyped *u)
{
    return u->paddr + (1ull << u->size_bits);
}

static uint64_t align_up(uint64_t v, unsigned bits)
{
    uint64_t mask = (1ull << bits) - 1;
    return (v + mask) & ~mask;
}

static int retype(const struct alloc *a, const struct untyped *u, seL4_Word type,
                  seL4_Word size_arg, seL4_CPtr slot, seL4_Word count, const char *name)
{
    seL4_Error err;
    if (slot & ALLOC_SYSTEM_SLOT) {
        /* R slot 1 (index 1, depth 1 from R) is the system CNode. */
        err = seL4_Untyped_Retype(u->cap, type, size_arg, a->root, 1, 1, slot & ~ALLOC_SYSTEM_SLOT,
                                  count);
    } else {
        err =
            seL4_Untyped_Retype(u->cap, type, size_arg, seL4_CapInitThreadCNode, 0, 0, slot, count);
    }
    if (err != seL4_NoError) {
        mon_error("creating '");
        mon_puts(name);
        mon_puts("' failed: ");
        mon_puts(sel4_error_name(err));
        mon_puts("\n");
        return -1;
    }
    return 0;
}

int alloc_flush(struct alloc *a)
{
    struct pending_retype *p = &a->pending;
    if (p->count == 0) {
        return 0;
    }
    seL4_Word count = p->count;
    p->count = 0;
    return retype(a, &a->uts[p->ut], p->type, p->size_arg, p->first_slot, count, a->pending_name);
}

/* The untypeds and what is left of them, to explain a failed allocation. */
static void dump_untypeds(const struct alloc *a)
{
    for (uint32_t i = 0; i < a->num_uts; i++) {
        const struct untyped *u = &a->uts[i];
        mon_error(u->device ? "  device untyped " : "  ram untyped    ");
        mon_puthex64(u->paddr);
        mon_puts(" 2^");
        mon_putdec(u->size_bits);
        mon_puts(", ");
        mon_putdec(end_of(u) - u->watermark);
        mon_puts(" bytes free\n");
    }
}

static void no_memory(const struct alloc *a, const char *name, unsigned bits, uint64_t paddr)
{
    mon_error("not enough memory for object '");
    mon_puts(name);
    mon_puts("' (");
    mon_putdec(1ull << bits);
    mon_puts(" bytes");
    if (paddr != BS_ANY_PADDR) {
        mon_puts(" at ");
        mon_puthex(paddr);
    }
    mon_puts("); the untypeds from boot info:\n");
    dump_untypeds(a);
}

/* Queues the object for a (possibly shared) retype at `start` in untyped `i`. */
static int place(struct alloc *a, uint32_t i, const struct kobj *k, uint64_t start, seL4_CPtr slot,
                 const char *name)
{
    struct pending_retype *p = &a->pending;
    uint64_t size = 1ull << k->mem_bits;
    a->uts[i].watermark = start + size;
    if (p->count > 0 && p->count < MAX_RETYPE && p->ut == i && p->type == k->type &&
        p->size_arg == k->size_arg && p->first_slot + p->count == slot && p->next_paddr == start) {
        p->count++;
        p->next_paddr += size;
        return 0;
    }
    if (alloc_flush(a) != 0) {
        return -1;
    }
    p->ut = i;
    p->type = k->type;
    p->size_arg = k->size_arg;
    p->first_slot = slot;
    p->count = 1;
    p->next_paddr = start + size;
    a->pending_name = name;
    return 0;
}

/* First fit in RAM, in boot info order; -1 if nothing fits. */
static int first_fit(const struct alloc *a, const struct kobj *k, int unfixed, uint64_t *start)
{
    uint64_t size = 1ull << k->mem_bits;
    for (uint32_t i = 0; i < a->num_uts; i++) {
        const struct untyped *u = &a->uts[i];
        uint64_t at = align_up(u->watermark, k->mem_bits);
        if (!u->device && !(unfixed && u->has_fixed) && at >= u->watermark && at <= end_of(u) &&
            size <= end_of(u) - at) {
            *start = at;
            return (int)i;
        }
    }
    return -1;
}

static int alloc_anywhere(struct alloc *a, const struct kobj *k, seL4_CPtr slot, const char *name)
{
    uint64_t start;
    int i = first_fit(a, k, 0, &start);
    if (i < 0) {
        no_memory(a, name, k->mem_bits, BS_ANY_PADDR);
        return -1;
    }
    return place(a, (uint32_t)i, k, start, slot, name);
}

int alloc_object_unfixed(struct alloc *a, const struct kobj *k, seL4_CPtr slot, const char *name)
{
    uint64_t start;
    if (alloc_flush(a) != 0) {
        return -1;
    }
    int i = first_fit(a, k, 1, &start);
    if (i < 0) {
        no_memory(a, name, k->mem_bits, BS_ANY_PADDR);
        return -1;
    }
    a->uts[i].watermark = start + (1ull << k->mem_bits);
    return retype(a, &a->uts[i], k->type, k->size_arg, slot, 1, name);
}

void alloc_mark_fixed(struct alloc *a, uint64_t lo, uint64_t hi)
{
    for (uint32_t i = 0; i < a->num_uts; i++) {
        struct untyped *u = &a->uts[i];
        if (!u->device && lo < end_of(u) && hi > u->paddr) {
            u->has_fixed = 1;
        }
    }
}

/* The untyped holding [paddr, paddr + size), preferring the expected kind. */
static int covering(const struct alloc *a, uint64_t paddr, uint64_t size, int device)
{
    for (int pass = 0; pass < 2; pass++) {
        for (uint32_t i = 0; i < a->num_uts; i++) {
            const struct untyped *u = &a->uts[i];
            if ((pass == 1 || u->device == !!device) && paddr >= u->paddr && paddr < end_of(u) &&
                size <= end_of(u) - paddr) {
                return (int)i;
            }
        }
    }
    return -1;
}

int alloc_init_slot(struct alloc *a, seL4_CPtr *slot)
{
    if (a->init_next >= a->init_end) {
        mon_error("out of cap slots in the monitor's initial cnode\n");
        return -1;
    }
    *slot = a->init_next++;
    return 0;
}

/*
 * Fills untyped `i` with padding untypeds from its watermark up to `paddr`.
 * The padding is not used again: the tool predicts every object's physical
 * address (PDs may be told them), and its plan does not reuse padding.
 */
static int pad_to(struct alloc *a, uint32_t i, uint64_t paddr, const char *name)
{
    while (a->uts[i].watermark < paddr) {
        struct untyped *u = &a->uts[i];
        uint64_t wm = u->watermark;
        unsigned bits = 63 - (unsigned)__builtin_clzll(paddr - wm);
        if (wm != 0 && (unsigned)__builtin_ctzll(wm) < bits) {
            bits = (unsigned)__builtin_ctzll(wm);
        }
        if (bits > seL4_MaxUntypedBits) {
            bits = seL4_MaxUntypedBits;
        }
        seL4_CPtr slot;
        if (alloc_init_slot(a, &slot) != 0 ||
            retype(a, u, seL4_UntypedObject, bits, slot, 1, name) != 0) {
            return -1;
        }
        u->watermark = wm + (1ull << bits);
    }
    return 0;
}

static int alloc_fixed(struct alloc *a, const struct kobj *k, uint64_t paddr, int device,
                       seL4_CPtr slot, const char *name)
{
    if (alloc_flush(a) != 0) {
        return -1;
    }
    int i = covering(a, paddr, 1ull << k->mem_bits, device);
    if (i < 0) {
        no_memory(a, name, k->mem_bits, paddr);
        return -1;
    }
    if (a->uts[i].watermark > paddr) {
        mon_error("physical address ");
        mon_puthex(paddr);
        mon_puts(" of object '");
        mon_puts(name);
        mon_puts("' is already in use\n");
        return -1;
    }
    if (pad_to(a, (uint32_t)i, paddr, name) != 0) {
        return -1;
    }
    a->uts[i].watermark = paddr + (1ull << k->mem_bits);
    return retype(a, &a->uts[i], k->type, k->size_arg, slot, 1, name);
}

int alloc_object(struct alloc *a, const struct kobj *k, uint64_t paddr, int device, seL4_CPtr slot,
                 const char *name)
{
    if (paddr == BS_ANY_PADDR) {
        return alloc_anywhere(a, k, slot, name);
    }
    return alloc_fixed(a, k, paddr, device, slot, name);
}
