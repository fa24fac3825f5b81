/* SPDX-License-Identifier: BSD-2-Clause */
#include "alloc.h"
#include "print.h"

/* Objects per Untyped_Retype: the kernel's fan-out limit (256 in every configuration here). */
#ifdef CONFIG_RETYPE_FAN_OUT_LIMIT
#define MAX_RETYPE CONFIG_RETYPE_FAN_OUT_LIMIT
#else
#define MAX_RETYPE 256
#endif

void alloc_init(struct alloc *a, const seL4_BootInfo *bi)
{
    seL4_Word n = bi->untyped.end - bi->untyped.start;
    if (n > CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS) {
        n = CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS;
    }
    a->first_cap = bi->untyped.start;
    a->ram_bytes = 0;
    a->pending.count = 0;
    a->pending_name = "";
    a->root = 0;
    a->next_slot = 0;
    a->slot_end = 0;
    a->init_next = bi->empty.start;
    a->init_end = bi->empty.end;
    for (seL4_Word i = 0; i < n; i++) {
        const seL4_UntypedDesc *d = &bi->untypedList[i];
        a->uts[i].paddr = d->paddr;
        a->uts[i].size_bits = d->sizeBits;
        a->uts[i].device = d->isDevice;
        if (!d->isDevice) {
            a->ram_bytes += 1ull << d->sizeBits;
        }
    }
    pl_init(&a->pl, a->uts, (uint32_t)n);
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

static int retype(const struct alloc *a, uint32_t ut, seL4_Word type, seL4_Word size_arg,
                  seL4_CPtr slot, seL4_Word count, const char *name)
{
    seL4_CPtr cap = a->first_cap + ut;
    seL4_Error err;
    if (slot & ALLOC_SYSTEM_SLOT) {
        /* R slot 1 (index 1, depth 1 from R) is the system CNode. */
        err = seL4_Untyped_Retype(cap, type, size_arg, a->root, 1, 1, slot & ~ALLOC_SYSTEM_SLOT,
                                  count);
    } else {
        err = seL4_Untyped_Retype(cap, type, size_arg, seL4_CapInitThreadCNode, 0, 0, slot, count);
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
    return retype(a, p->ut, p->type, p->size_arg, p->first_slot, count, a->pending_name);
}

/* The untypeds and what is left of them, to explain a failed allocation. */
static void dump_untypeds(const struct alloc *a)
{
    for (uint32_t i = 0; i < a->pl.count; i++) {
        const struct pl_untyped *u = &a->uts[i];
        mon_error(u->device ? "  device untyped " : "  ram untyped    ");
        mon_puthex64(u->paddr);
        mon_puts(" 2^");
        mon_putdec(u->size_bits);
        mon_puts(", ");
        mon_putdec(u->paddr + (1ull << u->size_bits) - u->watermark);
        mon_puts(" bytes free\n");
    }
}

/* Says why pl_alloc() refused the object (PL_NO_ROOM or PL_IN_USE); returns -1. */
static int refused(const struct alloc *a, int why, const char *name, unsigned bits, uint64_t paddr)
{
    if (why == PL_IN_USE) {
        mon_error("physical address ");
        mon_puthex(paddr);
        mon_puts(" of object '");
        mon_puts(name);
        mon_puts("' is already in use\n");
        return -1;
    }
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
    return -1;
}

/* Queues the object placed at `at` for a (possibly shared) retype. */
static int queue(struct alloc *a, const struct pl_place *at, const struct kobj *k, seL4_CPtr slot,
                 const char *name)
{
    struct pending_retype *p = &a->pending;
    uint64_t size = 1ull << k->mem_bits;
    if (p->count > 0 && p->count < MAX_RETYPE && p->ut == at->ut && p->type == k->type &&
        p->size_arg == k->size_arg && p->first_slot + p->count == slot &&
        p->next_paddr == at->paddr) {
        p->count++;
        p->next_paddr += size;
        return 0;
    }
    if (alloc_flush(a) != 0) {
        return -1;
    }
    p->ut = at->ut;
    p->type = k->type;
    p->size_arg = k->size_arg;
    p->first_slot = slot;
    p->count = 1;
    p->next_paddr = at->paddr + size;
    a->pending_name = name;
    return 0;
}

int alloc_object_unfixed(struct alloc *a, const struct kobj *k, seL4_CPtr slot, const char *name)
{
    struct pl_place at;
    if (alloc_flush(a) != 0) {
        return -1;
    }
    int rc = pl_alloc(&a->pl, BS_ANY_PADDR, k->mem_bits, PL_AVOID_FIXED, &at);
    if (rc != 0) {
        return refused(a, rc, name, k->mem_bits, BS_ANY_PADDR);
    }
    return retype(a, at.ut, k->type, k->size_arg, slot, 1, name);
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
 * Fills [from, to) of untyped `ut` with padding untypeds, so that the
 * kernel's watermark reaches `to`. The padding is not used again: the tool
 * predicts every object's physical address, and its plan does not reuse
 * padding.
 */
static int pad(struct alloc *a, uint32_t ut, uint64_t from, uint64_t to, const char *name)
{
    while (from < to) {
        unsigned bits = pl_block_bits(from, to, seL4_MaxUntypedBits);
        seL4_CPtr slot;
        if (alloc_init_slot(a, &slot) != 0 ||
            retype(a, ut, seL4_UntypedObject, bits, slot, 1, name) != 0) {
            return -1;
        }
        from += 1ull << bits;
    }
    return 0;
}

int alloc_object(struct alloc *a, const struct kobj *k, uint64_t paddr, int device, seL4_CPtr slot,
                 const char *name)
{
    struct pl_place at;
    /* Padding and a fixed object are retyped at once: what is queued goes first. */
    if (paddr != BS_ANY_PADDR && alloc_flush(a) != 0) {
        return -1;
    }
    int rc = pl_alloc(&a->pl, paddr, k->mem_bits, device ? PL_DEVICE : 0, &at);
    if (rc != 0) {
        return refused(a, rc, name, k->mem_bits, paddr);
    }
    if (paddr == BS_ANY_PADDR) {
        return queue(a, &at, k, slot, name);
    }
    if (pad(a, at.ut, at.from, at.paddr, name) != 0) {
        return -1;
    }
    return retype(a, at.ut, k->type, k->size_arg, slot, 1, name);
}
