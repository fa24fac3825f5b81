/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memplan.h"
#include "sdk/monitor_abi.h" /* the monitor's CSpace sizing, so the plan matches it exactly */
#include "sdk/placement.h"
#include "util.h"

#define KIB4             0x1000ull
#define PAGE_BITS        12
#define MAX_UNTYPED_BITS 47

struct range {
    uint64_t base, end;
};

struct ranges {
    struct range *items;
    size_t count, cap;
};

void format_size(uint64_t bytes, char *buf, size_t n)
{
    static const char *const units[] = {"KiB", "MiB", "GiB", "TiB"};
    if (bytes < 1024) {
        snprintf(buf, n, "%llu bytes", (unsigned long long)bytes);
        return;
    }
    double v = (double)bytes / 1024;
    unsigned u = 0;
    while (v >= 1024 && u < 3) {
        v /= 1024;
        u++;
    }
    if (v == (double)(uint64_t)v) {
        snprintf(buf, n, "%llu %s", (unsigned long long)v, units[u]);
    } else {
        snprintf(buf, n, "%.1f %s", v, units[u]);
    }
}

/* Remove [base, end) from the sorted, disjoint set `r`. */
static void carve(struct ranges *r, uint64_t base, uint64_t end)
{
    struct ranges out = {0};
    for (size_t i = 0; i < r->count; i++) {
        struct range x = r->items[i];
        if (end <= x.base || base >= x.end) {
            *VEC_PUSH(out) = x;
            continue;
        }
        if (x.base < base) {
            *VEC_PUSH(out) = (struct range){x.base, base};
        }
        if (end < x.end) {
            *VEC_PUSH(out) = (struct range){end, x.end};
        }
    }
    free(r->items);
    *r = out;
}

static int cmp_range(const void *a, const void *b)
{
    const struct range *x = a, *y = b;
    return x->base < y->base ? -1 : x->base > y->base;
}

static void ram_ranges(const struct board *b, struct ranges *r)
{
    for (size_t i = 0; i < b->ram.count; i++) {
        *VEC_PUSH(*r) =
            (struct range){b->ram.items[i].base, b->ram.items[i].base + b->ram.items[i].size};
    }
    xsort(r->items, r->count, sizeof(*r->items), cmp_range);
}

/* Place the user image right after the kernel, or in the first free RAM above it. */
static int place_user_image(struct ranges *fr, const struct kernel *k, uint64_t size,
                            struct memplan *mp)
{
    uint64_t want = align_up(k->ki_end, KIB4);
    for (size_t i = 0; i < fr->count; i++) {
        uint64_t base = fr->items[i].base > want ? fr->items[i].base : want;
        base = align_up(base, KIB4);
        if (fr->items[i].end > base && fr->items[i].end - base >= size) {
            mp->ui_p_start = base;
            mp->ui_p_end = base + size;
            carve(fr, base, base + size);
            return 0;
        }
    }
    return -1;
}

static uint64_t spans(uint64_t lo, uint64_t hi, uint64_t span)
{
    return (align_up(hi, span) - align_down(lo, span)) / span;
}

/*
 * Bytes of the root task's boot objects, as seL4 16.0.0 sums them
 * (calculate_rootserver_size): root CNode, TCB, IPC buffer (4 KiB), boot
 * info frame (4 KiB), ASID pool (4 KiB), VSpace (8 KiB: hypervisor, 40-bit
 * IPA; 4 KiB at EL1), scheduling context (128 bytes, MCS) and one 4 KiB table
 * per 1 GiB and per 2 MiB span of the initial thread's virtual range (user
 * image, IPC buffer, boot info), and at EL1 per 512 GiB span too
 * (arch_get_n_paging). Extra boot info pages exist only when a DTB is passed;
 * the loader passes none.
 */
uint64_t memplan_rootserver_bytes(unsigned cnode_bits, unsigned tcb_bits, uint64_t ui_vaddr,
                                  uint64_t ui_bytes, bool hyp)
{
    uint64_t ui_vend = ui_vaddr + ui_bytes + 2 * KIB4;
    uint64_t n_paging = spans(ui_vaddr, ui_vend, 1ull << 30) + spans(ui_vaddr, ui_vend, 1ull << 21);
    if (!hyp) {
        n_paging += spans(ui_vaddr, ui_vend, 1ull << 39);
    }
    uint64_t pages = 3; /* IPC buffer, boot info, ASID pool */
    uint64_t vspace = hyp ? 1ull << 13 : 1ull << 12;
    return (1ull << cnode_bits) + (1ull << tcb_bits) + pages * KIB4 + vspace + (1ull << 7) +
           n_paging * KIB4;
}

/* As the kernel does: the top-most aligned fit, scanning regions from the highest. */
static int place_rootserver(struct ranges *fr, const struct kernel *k, unsigned tcb_bits,
                            uint64_t ui_vaddr, struct memplan *mp)
{
    unsigned cnode_bits = k->root_cnode_bits + 5;
    uint64_t size = memplan_rootserver_bytes(cnode_bits, tcb_bits, ui_vaddr,
                                             mp->ui_p_end - mp->ui_p_start, k->hyp || k->riscv);
    if (k->riscv) {
        /* Sv39: tables per 1 GiB and 2 MiB span as at EL2, but a 4 KiB VSpace (a page table). */
        size -= KIB4;
    }
    uint64_t align = 1ull << (cnode_bits > 13 ? cnode_bits : 13);
    for (size_t i = fr->count; i-- > 0;) {
        struct range r = fr->items[i];
        if (r.end - r.base < size) {
            continue;
        }
        uint64_t start = align_down(r.end - size, align);
        if (start >= r.base) {
            mp->rootserver_start = start;
            mp->rootserver_end = start + size;
            carve(fr, start, start + size);
            return 0;
        }
    }
    return -1;
}

/* Split [base, end) into aligned power-of-two untypeds, as the kernel does on kernel addresses. */
static void split(struct memplan *mp, uint64_t base, uint64_t end, uint64_t pptr)
{
    uint64_t v = base + pptr, ve = end + pptr;
    while (v < ve) {
        unsigned bits = pl_block_bits(v, ve, MAX_UNTYPED_BITS);
        if (bits >= 4) {
            *VEC_PUSH(mp->untypeds) = (struct untyped){v - pptr, bits};
            mp->ram_free += 1ull << bits;
        }
        v += 1ull << bits;
    }
}

struct consumer {
    const char *what;
    char *name;
    const struct srcpos *pos; /* the element in the SDF */
    uint64_t bytes;
};

static int cmp_consumer(const void *x, const void *y)
{
    const struct consumer *a = x, *b = y;
    if (a->bytes != b->bytes) {
        return a->bytes > b->bytes ? -1 : 1;
    }
    return strcmp(a->name, b->name);
}

/* PDs and regions by the RAM they take, largest first: MRs by their frames, PDs by the rest. */
static struct consumer *consumers(const struct layout *lay, const struct system *sys, size_t *n)
{
    *n = sys->pds.count + sys->mrs.count;
    struct consumer *c = xcalloc(*n + 1, sizeof(*c));
    for (size_t i = 0; i < sys->pds.count; i++) {
        const struct pd *pd = &sys->pds.items[i];
        c[i] = (struct consumer){"protection domain", pd->name, &pd->pos, 0};
    }
    for (size_t i = 0; i < sys->mrs.count; i++) {
        const struct mr *mr = &sys->mrs.items[i];
        c[sys->pds.count + i] = (struct consumer){"memory region", mr->name, &mr->pos, 0};
    }
    for (size_t i = 0; i < lay->objects.count; i++) {
        const struct lay_object *o = &lay->objects.items[i];
        if (o->flags & BS_OBJ_FLAG_DEVICE) {
            continue;
        }
        if (o->mr >= 0) {
            c[sys->pds.count + (size_t)o->mr].bytes += lay_object_bytes(o);
        } else if (o->owner >= 0) {
            c[o->owner].bytes += lay_object_bytes(o);
        }
    }
    xsort(c, *n, sizeof(*c), cmp_consumer);
    return c;
}

/* The five largest consumers, each at its line in the SDF. */
static void explain(const struct consumer *c, size_t n, struct diag *d)
{
    for (size_t i = 0; i < n && i < 5 && c[i].bytes; i++) {
        char sz[32];
        format_size(c[i].bytes, sz, sizeof(sz));
        diag_report(d, SEV_NOTE, c[i].pos, NULL, NULL, "%-10s %s '%s'", sz, c[i].what, c[i].name);
    }
}

/* Where the SDF asks for object `o`: its region, else its PD; NULL for the monitor's own. */
static const struct srcpos *object_pos(const struct system *sys, const struct lay_object *o)
{
    if (o->mr >= 0) {
        return &sys->mrs.items[o->mr].pos;
    }
    return o->owner >= 0 ? &sys->pds.items[o->owner].pos : NULL;
}

/*
 * The system does not fit: the error is at the SDF line of what does not
 * fit (too little RAM in all: the largest consumer), and notes give the
 * lines of the largest consumers.
 */
static void no_fit(const struct layout *lay, const struct system *sys, const struct memplan *mp,
                   const struct lay_object *o, struct diag *d)
{
    char need[32], have[32];
    format_size(mp->needed, need, sizeof(need));
    format_size(mp->ram_free, have, sizeof(have));
    const char *hint = "make memory regions smaller, or use fewer or smaller stacks";
    size_t n;
    struct consumer *c = consumers(lay, sys, &n);
    if (mp->needed > mp->ram_free) {
        diag_error(d, n && c[0].bytes ? c[0].pos : NULL, "memory-exhausted", hint,
                   "the system needs %s of RAM but the board has %s free after the kernel and "
                   "monitor",
                   need, have);
    } else {
        diag_error(d, object_pos(sys, o), "memory-exhausted", hint,
                   "%s '%s' (%llu bytes) does not fit in the board's free RAM: the system needs %s "
                   "of %s, and free memory is split into blocks",
                   lay_type_name(o->type), lay->strings.buf + o->name,
                   (unsigned long long)lay_object_bytes(o), need, have);
    }
    diag_report(d, SEV_NOTE, NULL, NULL, NULL, "the largest consumers of RAM are:");
    explain(c, n, d);
    free(c);
}

static int fixed_error(const struct layout *lay, const struct system *sys, const struct memplan *mp,
                       const struct lay_object *o, struct diag *d)
{
    const struct mr *mr = o->mr >= 0 ? &sys->mrs.items[o->mr] : NULL;
    diag_error(d, mr ? &mr->pos : NULL, "mr-phys-addr-used",
               "pick a physical address outside the kernel, the user image and the root task's "
               "objects (see the memory map in the report)",
               "%s at physical address 0x%llx is not free RAM: the kernel image, the monitor image "
               "[0x%llx, 0x%llx) or the root task's objects [0x%llx, 0x%llx) use it, or another "
               "region does",
               lay->strings.buf + o->name, (unsigned long long)o->paddr,
               (unsigned long long)mp->ui_p_start, (unsigned long long)mp->ui_p_end,
               (unsigned long long)mp->rootserver_start, (unsigned long long)mp->rootserver_end);
    return -1;
}

/* Slots the monitor's system CNode needs for this layout (monitor_abi.h). */
static uint64_t cspace_slots(const struct layout *lay)
{
    return monitor_cspace_slots(lay->objects.count, lay->maps.count, lay->irqs.count,
                                lay->threads.count);
}

unsigned memplan_cspace_bits(const struct layout *lay)
{
    return monitor_cspace_bits(cspace_slots(lay));
}

uint64_t memplan_cspace_bytes(const struct layout *lay)
{
    unsigned bits = memplan_cspace_bits(lay);
    if (bits > MONITOR_CSPACE_MAX_BITS) {
        return 0; /* refused by check_cap_slots; the monitor would create nothing */
    }
    return (1ull << (bits + MONITOR_SLOT_BITS)) +
           (1ull << (MONITOR_ROOT_CNODE_BITS + MONITOR_SLOT_BITS));
}

/* The monitor's view of its RAM untypeds (include/sdk/placement.h), empty. */
static struct pl_untyped *plan_untypeds(const struct memplan *mp, struct pl_state *pl)
{
    struct pl_untyped *uts = xcalloc(mp->untypeds.count + 1, sizeof(*uts));
    for (size_t i = 0; i < mp->untypeds.count; i++) {
        uts[i].paddr = mp->untypeds.items[i].paddr;
        uts[i].size_bits = (uint8_t)mp->untypeds.items[i].size_bits;
    }
    pl_init(pl, uts, (uint32_t)mp->untypeds.count);
    return uts;
}

/* As the monitor's cspace.c: the untypeds holding fixed-address RAM objects (which come first). */
static void mark_fixed(const struct layout *lay, struct pl_state *pl)
{
    for (size_t i = 0; i < lay->objects.count; i++) {
        const struct lay_object *o = &lay->objects.items[i];
        if (o->paddr == BS_ANY_PADDR) {
            break;
        }
        if (!(o->flags & BS_OBJ_FLAG_DEVICE)) {
            pl_mark_fixed(pl, o->paddr, lay_object_bytes(o));
        }
    }
    pl_mark_fixed_end(pl);
}

/*
 * The monitor's system CNode S and root CNode R, created before every spec
 * object, first fit in untypeds without fixed-address objects.
 */
static int monitor_cnodes(const struct layout *lay, struct memplan *mp, struct pl_state *pl)
{
    unsigned bits = memplan_cspace_bits(lay);
    struct pl_place s, r;
    mp->cspace_bits = bits;
    if (bits > MONITOR_CSPACE_MAX_BITS) {
        return 0;
    }
    mark_fixed(lay, pl);
    if (pl_alloc(pl, BS_ANY_PADDR, bits + MONITOR_SLOT_BITS, PL_AVOID_FIXED, &s) != 0) {
        mp->cspace_paddr = BS_ANY_PADDR;
        return -1;
    }
    mp->cspace_paddr = s.paddr;
    mp->root_paddr = BS_ANY_PADDR;
    if (pl_alloc(pl, BS_ANY_PADDR, MONITOR_ROOT_CNODE_BITS + MONITOR_SLOT_BITS, PL_AVOID_FIXED,
                 &r) != 0) {
        return -1;
    }
    mp->root_paddr = r.paddr;
    return 0;
}

/* The monitor creates the two page tables of its scratch window after every spec object. */
static int scratch_tables(struct pl_state *pl)
{
    struct pl_place at;
    for (int i = 0; i < MEMPLAN_MONITOR_TABLES; i++) {
        if (pl_alloc(pl, BS_ANY_PADDR, PAGE_BITS, 0, &at) != 0) {
            return -1;
        }
    }
    return 0;
}

/* Every object where the monitor will create it; device objects are where they must be. */
static int place_objects(struct layout *lay, const struct system *sys, const struct memplan *mp,
                         struct pl_state *pl, struct diag *d)
{
    for (size_t i = 0; i < lay->objects.count; i++) {
        struct lay_object *o = &lay->objects.items[i];
        struct pl_place at;
        o->plan_paddr = o->paddr;
        if (o->flags & BS_OBJ_FLAG_DEVICE) {
            continue;
        }
        if (pl_alloc(pl, o->paddr, o->bytes_bits, 0, &at) == 0) {
            o->plan_paddr = at.paddr;
        } else if (o->paddr != BS_ANY_PADDR) {
            return fixed_error(lay, sys, mp, o, d);
        } else {
            no_fit(lay, sys, mp, o, d);
            return -1;
        }
    }
    return 0;
}

static int simulate(struct layout *lay, const struct system *sys, struct memplan *mp,
                    struct diag *d)
{
    struct pl_state pl;
    struct pl_untyped *uts = plan_untypeds(mp, &pl);
    int rc = 0;
    if (monitor_cnodes(lay, mp, &pl)) {
        char sz[32];
        format_size(memplan_cspace_bytes(lay), sz, sizeof(sz));
        diag_error(d, NULL, "memory-exhausted",
                   "make memory regions smaller, or use 2 MiB pages for large regions",
                   "no free RAM block without fixed-address regions can hold the monitor's cap "
                   "tables (%s for 2^%u cap slots), which it creates before the system's objects",
                   sz, mp->cspace_bits);
        rc = -1;
    }
    if (!rc) {
        rc = place_objects(lay, sys, mp, &pl, d);
    }
    if (!rc && scratch_tables(&pl)) {
        diag_error(d, NULL, "memory-exhausted", "make memory regions smaller",
                   "no RAM is left for the monitor's two scratch page tables (8 KiB), which it "
                   "creates after the system's objects");
        rc = -1;
    }
    free(uts);
    return rc;
}

static void mr_addresses(struct layout *lay)
{
    for (size_t i = 0; i < lay->num_mrs; i++) {
        struct lay_mr *m = &lay->mrs[i];
        if (!m->frames) {
            continue;
        }
        uint64_t off;
        const struct lay_object *o = lay->objects.items;
        m->paddr = o[lay_mr_frame(m, 0, &off)].plan_paddr;
        m->contiguous = true;
        for (uint32_t k = 1; k < m->frames; k++) {
            uint32_t f = lay_mr_frame(m, k, &off);
            if (o[f].plan_paddr != m->paddr + off) {
                m->contiguous = false;
                break;
            }
        }
    }
}

/*
 * The monitor holds a cap to every object, one more for every frame mapping,
 * two per IRQ and one per thread in its system CNode (monitor_abi.h), which
 * has at most 2^MONITOR_CSPACE_MAX_BITS slots; whether its memory fits is
 * the memory plan's business.
 */
static int check_cap_slots(const struct layout *lay, struct diag *d)
{
    uint64_t need = cspace_slots(lay);
    if (memplan_cspace_bits(lay) <= MONITOR_CSPACE_MAX_BITS) {
        return 0;
    }
    uint64_t frame_maps = lay->maps.count - lay->num_pt_maps;
    diag_error(d, NULL, "monitor-cap-slots",
               "use 2 MiB pages for large regions (page_size=\"0x200000\") or map them into fewer "
               "protection domains",
               "the monitor needs %llu cap slots (%zu objects and %llu frame mappings) but its "
               "system CNode holds at most %llu (2^%u)",
               (unsigned long long)need, lay->objects.count, (unsigned long long)frame_maps,
               1ull << MONITOR_CSPACE_MAX_BITS, MONITOR_CSPACE_MAX_BITS);
    return -1;
}

int memplan_build(struct layout *lay, const struct system *sys, const struct board *b,
                  const struct kernel *k, uint64_t ui_size, uint64_t ui_vaddr, struct memplan *mp,
                  struct diag *d)
{
    memset(mp, 0, sizeof(*mp));
    struct ranges fr = {0};
    ram_ranges(b, &fr);
    carve(&fr, k->paddr, k->ki_end);
    int rc = -1;
    if (place_user_image(&fr, k, align_up(ui_size, KIB4), mp)) {
        diag_error(d, NULL, "memory-exhausted", NULL,
                   "no free RAM above the kernel for the monitor and boot spec (%llu bytes)",
                   (unsigned long long)ui_size);
    } else if (place_rootserver(&fr, k, kernel_tcb_bits(k), ui_vaddr, mp)) {
        diag_error(d, NULL, "memory-exhausted", NULL,
                   "no free RAM region can hold the root task's boot objects");
    } else {
        uint64_t pptr = k->pptr_offset;
        split(mp, k->paddr, k->ki_boot_end, pptr);
        for (size_t i = 0; i < fr.count; i++) {
            split(mp, fr.items[i].base, fr.items[i].end, pptr);
        }
        mp->needed =
            memplan_needed(lay) + memplan_cspace_bytes(lay) + MEMPLAN_MONITOR_TABLES * KIB4;
        rc = check_cap_slots(lay, d);
        rc |= simulate(lay, sys, mp, d);
        mr_addresses(lay);
    }
    free(fr.items);
    return rc;
}

int memplan_place_regions(struct layout *lay, const struct system *sys, const bool *want,
                          const struct memplan *mp, struct diag *d)
{
    size_t n = mp->untypeds.count;
    struct pl_state pl;
    struct pl_untyped *uts = plan_untypeds(mp, &pl);
    mark_fixed(lay, &pl);
    int rc = 0;
    for (size_t r = 0; r < sys->mrs.count; r++) {
        if (!want[r]) {
            continue;
        }
        const struct mr *mr = &sys->mrs.items[r];
        size_t i = n;
        while (i-- > 0) {
            struct pl_untyped *u = &uts[i];
            uint64_t at = align_up(u->watermark, mr->page_size);
            if (!u->has_fixed && at + mr->size <= u->paddr + (1ull << u->size_bits)) {
                layout_set_mr_paddr(lay, (int)r, at);
                u->watermark = at + mr->size;
                break;
            }
        }
        if (i == (size_t)-1) {
            diag_error(d, &mr->pos, "mr-no-contiguous-ram", "give the region a phys_addr",
                       "memory region '%s' (%llu bytes) needs one physical address for a setvar, "
                       "but no free RAM block can hold it whole",
                       mr->name, (unsigned long long)mr->size);
            rc = -1;
        }
    }
    free(uts);
    layout_resort(lay);
    return rc;
}

uint64_t memplan_needed(const struct layout *lay)
{
    uint64_t n = 0;
    for (size_t i = 0; i < lay->objects.count; i++) {
        const struct lay_object *o = &lay->objects.items[i];
        n += (o->flags & BS_OBJ_FLAG_DEVICE) ? 0 : lay_object_bytes(o);
    }
    return n;
}

void memplan_free(struct memplan *mp)
{
    free(mp->untypeds.items);
    memset(mp, 0, sizeof(*mp));
}
