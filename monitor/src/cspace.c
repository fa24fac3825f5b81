/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Stage 0: the monitor's two-level CSpace (monitor_abi.h). The initial
 * CNode the kernel gives the root task has 2^17 slots, too few for a cap
 * per object and per frame mapping of a large system, so the monitor makes
 * a system CNode S sized from the spec and a 2-slot root CNode R:
 *
 *   R slot 0: the initial CNode, guard 0 of 64 - 1 - 17 bits, so a CPtr
 *             below 2^17 still names the same initial cap;
 *   R slot 1: S, guard 0 of 64 - 1 - k bits, so CPtr (1 << 63) | s names
 *             slot s of S.
 *
 * R (no guard, radix 1) becomes the monitor's CSpace root. Both CNodes are
 * created before any spec object, in the first RAM untyped that fits and
 * holds no fixed-address object, so the fixed objects still find their
 * addresses free; the tool's memory plan makes the same choice.
 */
#include <sdk/monitor_abi.h>

#include "boot.h"
#include "print.h"

/* The untypeds that fixed-address RAM objects need; fixed objects come first, ascending. */
static void mark_fixed(struct boot *b)
{
    const struct bs_spec *s = b->spec;
    for (uint32_t i = 0; i < s->hdr->num_objects; i++) {
        const struct bs_object *o = &s->objects[i];
        struct kobj k;
        if (o->paddr == BS_ANY_PADDR) {
            break;
        }
        if (!(o->flags & BS_OBJ_FLAG_DEVICE) && boot_kobj(o, &k) == 0) {
            pl_mark_fixed(&b->alloc.pl, o->paddr, 1ull << k.mem_bits);
        }
    }
    pl_mark_fixed_end(&b->alloc.pl);
}

static int cspace_check(seL4_Error err, const char *what)
{
    if (err == seL4_NoError) {
        return 0;
    }
    mon_error(what);
    mon_puts(" failed: ");
    mon_puts(sel4_error_name(err));
    mon_puts("\n");
    return -1;
}

/* Creates S (2^bits slots) and R, fills R and makes it the monitor's CSpace root. */
static int make_cnodes(struct boot *b, unsigned bits, seL4_CPtr *root)
{
    struct kobj ks = {seL4_CapTableObject, bits, bits + seL4_SlotBits};
    struct kobj kr = {seL4_CapTableObject, MONITOR_ROOT_CNODE_BITS,
                      MONITOR_ROOT_CNODE_BITS + seL4_SlotBits};
    seL4_CPtr r, s;
    if (alloc_init_slot(&b->alloc, &r) != 0 || alloc_init_slot(&b->alloc, &s) != 0 ||
        alloc_object_unfixed(&b->alloc, &ks, s, "monitor system cnode") != 0 ||
        alloc_object_unfixed(&b->alloc, &kr, r, "monitor root cnode") != 0) {
        return -1;
    }
    /* A CNode cap's data word is its guard size (bits 0-5) and guard (above): guard 0. */
    seL4_Word init_guard = seL4_WordBits - MONITOR_ROOT_CNODE_BITS - b->bi->initThreadCNodeSizeBits;
    seL4_Word sys_guard = seL4_WordBits - MONITOR_ROOT_CNODE_BITS - bits;
    if (cspace_check(seL4_CNode_Mint(r, 0, MONITOR_ROOT_CNODE_BITS, seL4_CapInitThreadCNode,
                                     seL4_CapInitThreadCNode, seL4_WordBits, seL4_AllRights,
                                     init_guard),
                     "placing the initial cnode in the monitor's root cnode") != 0 ||
        cspace_check(seL4_CNode_Mint(r, 1, MONITOR_ROOT_CNODE_BITS, seL4_CapInitThreadCNode, s,
                                     seL4_WordBits, seL4_AllRights, sys_guard),
                     "placing the system cnode in the monitor's root cnode") != 0 ||
        cspace_check(seL4_TCB_SetSpace(seL4_CapInitThreadTCB, seL4_CapNull, r, 0,
                                       seL4_CapInitThreadVSpace, 0),
                     "switching the monitor to its root cnode") != 0) {
        return -1;
    }
    *root = r;
    return 0;
}

int boot_cspace(struct boot *b)
{
    const struct bs_header *h = b->spec->hdr;
    unsigned long long slots =
        monitor_cspace_slots(h->num_objects, h->num_maps, h->num_irqs, h->num_pds);
    unsigned bits = monitor_cspace_bits(slots);
    if (bits > MONITOR_CSPACE_MAX_BITS) {
        mon_error("the spec needs ");
        mon_putdec(slots);
        mon_puts(" cap slots; the monitor's system cnode holds at most 2^");
        mon_putdec(MONITOR_CSPACE_MAX_BITS);
        mon_puts("\n");
        return -1;
    }
    mark_fixed(b);
    seL4_CPtr root;
    if (make_cnodes(b, bits, &root) != 0) {
        return -1;
    }
    b->alloc.root = root;
    b->obj_base = ALLOC_SYSTEM_SLOT;
    b->alloc.next_slot = b->obj_base + h->num_objects;
    b->alloc.slot_end = b->obj_base + (1ull << bits);
    return 0;
}
