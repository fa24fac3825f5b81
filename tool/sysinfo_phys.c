/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The physical memory map of a build (sysinfo.h): the kernel, the user
 * image, the root task's boot objects, every object the monitor creates at
 * its fixed or planned address (runs of neighbours with the same owner
 * merged), and the RAM of the untypeds no object takes.
 */
#include <stdlib.h>
#include <string.h>

#include "sdk/monitor_abi.h"
#include "sysinfo.h"
#include "util.h"

static enum si_owner object_owner(const struct lay_object *o)
{
    switch (o->use) {
    case LAY_USE_ELF:
        return SI_OWN_PD_ELF;
    case LAY_USE_STACK:
        return SI_OWN_PD_STACK;
    case LAY_USE_IPC:
        return SI_OWN_PD_IPC;
    case LAY_USE_MR:
        return SI_OWN_MR;
    case LAY_USE_PAGING:
        return SI_OWN_PAGING;
    default:
        return SI_OWN_OBJECTS;
    }
}

static void add_range(struct sysinfo *si, uint64_t paddr, uint64_t size, enum si_owner owner,
                      int pd, int mr, unsigned type, bool device)
{
    struct si_prange *last = si->phys.count ? &si->phys.items[si->phys.count - 1] : NULL;
    if (last && last->paddr + last->size == paddr && last->owner == owner && last->pd == pd &&
        last->mr == mr && last->type == type && last->device == device) {
        last->size += size;
        last->count++;
        return;
    }
    struct si_prange *r = VEC_PUSH(si->phys);
    *r = (struct si_prange){paddr, size, owner, pd, mr, type, device, 1};
}

/* By address; the loader, which overlaps free RAM, after the range it starts in. */
static int cmp_prange(const void *a, const void *b)
{
    const struct si_prange *x = a, *y = b;
    if (x->paddr != y->paddr) {
        return x->paddr < y->paddr ? -1 : 1;
    }
    return (x->owner == SI_OWN_LOADER) - (y->owner == SI_OWN_LOADER);
}

/* Neighbouring free ranges (of different untypeds) as one. */
static void merge_free(struct sysinfo *si)
{
    size_t out = 0;
    struct si_prange *last_free = NULL;
    for (size_t i = 0; i < si->phys.count; i++) {
        struct si_prange r = si->phys.items[i];
        if (r.owner == SI_OWN_FREE && last_free && last_free->paddr + last_free->size == r.paddr) {
            last_free->size += r.size;
            continue;
        }
        si->phys.items[out] = r;
        if (r.owner == SI_OWN_FREE) {
            last_free = &si->phys.items[out];
        } else if (r.owner != SI_OWN_LOADER) {
            last_free = NULL;
        }
        out++;
    }
    si->phys.count = out;
}

static int cmp_obj(const void *a, const void *b)
{
    const struct lay_object *const *x = a, *const *y = b;
    uint64_t pa = (*x)->paddr != BS_ANY_PADDR ? (*x)->paddr : (*x)->plan_paddr;
    uint64_t pb = (*y)->paddr != BS_ANY_PADDR ? (*y)->paddr : (*y)->plan_paddr;
    return pa < pb ? -1 : pa > pb;
}

/* Every placed object, by address, merged into runs. */
static void object_ranges(struct sysinfo *si, const struct layout *lay)
{
    const struct lay_object **v = xcalloc(lay->objects.count + 1, sizeof(*v));
    size_t n = 0;
    for (size_t i = 0; i < lay->objects.count; i++) {
        const struct lay_object *o = &lay->objects.items[i];
        if (o->paddr != BS_ANY_PADDR || o->plan_paddr != BS_ANY_PADDR) {
            v[n++] = o;
        }
    }
    xsort(v, n, sizeof(*v), cmp_obj);
    for (size_t i = 0; i < n; i++) {
        const struct lay_object *o = v[i];
        enum si_owner own = object_owner(o);
        unsigned type = own == SI_OWN_OBJECTS || own == SI_OWN_PAGING ? o->type : 0;
        add_range(si, o->paddr != BS_ANY_PADDR ? o->paddr : o->plan_paddr, lay_object_bytes(o), own,
                  own == SI_OWN_MR ? -1 : o->owner, o->mr, type,
                  (o->flags & BS_OBJ_FLAG_DEVICE) != 0);
    }
    free(v);
}

/* Gaps of untyped `u` not covered by any range found so far (which are sorted). */
static void free_ranges(struct sysinfo *si, const struct untyped *u, size_t used)
{
    uint64_t at = u->paddr, end = u->paddr + (1ull << u->size_bits);
    for (size_t i = 0; i < used && at < end; i++) {
        const struct si_prange *r = &si->phys.items[i];
        if (r->paddr + r->size <= at || r->paddr >= end) {
            continue;
        }
        uint64_t start = r->paddr, next = r->paddr + r->size;
        if (start > at) {
            /* The push may move the items: r is not used after it. */
            struct si_prange *f = VEC_PUSH(si->phys);
            *f = (struct si_prange){at, start - at, SI_OWN_FREE, -1, -1, 0, false, 0};
        }
        at = next;
    }
    if (at < end) {
        struct si_prange *f = VEC_PUSH(si->phys);
        *f = (struct si_prange){at, end - at, SI_OWN_FREE, -1, -1, 0, false, 0};
    }
}

static void totals(struct sysinfo *si, const struct board *b)
{
    si->pd_bytes = xcalloc(si->num_pds + 1, sizeof(*si->pd_bytes));
    for (size_t i = 0; i < b->ram.count; i++) {
        si->ram_bytes += b->ram.items[i].size;
    }
    for (size_t i = 0; i < si->phys.count; i++) {
        const struct si_prange *r = &si->phys.items[i];
        if (r->device) {
            continue;
        }
        si->owner_bytes[r->owner] += r->size;
        if (r->owner == SI_OWN_LOADER) {
            continue;
        }
        if (r->pd >= 0 && (size_t)r->pd < si->num_pds) {
            si->pd_bytes[r->pd] += r->size;
        }
    }
    si->free_bytes = si->owner_bytes[SI_OWN_FREE];
}

void sysinfo_phys_map(struct sysinfo *si, const struct si_build_in *in)
{
    const struct kernel *k = in->kernel;
    const struct memplan *mp = in->mp;
    add_range(si, k->paddr, k->ki_end - k->paddr, SI_OWN_KERNEL, -1, -1, 0, false);
    add_range(si, mp->ui_p_start, mp->ui_p_end - mp->ui_p_start, SI_OWN_MONITOR, -1, -1, 0, false);
    add_range(si, mp->rootserver_start, mp->rootserver_end - mp->rootserver_start,
              SI_OWN_ROOTSERVER, -1, -1, 0, false);
    /* The system CNode and the root CNode are placed apart (memplan.c). */
    if (memplan_cspace_bytes(in->lay) && mp->cspace_paddr != BS_ANY_PADDR) {
        add_range(si, mp->cspace_paddr, 1ull << (mp->cspace_bits + MONITOR_SLOT_BITS),
                  SI_OWN_MONITOR_CSPACE, -1, -1, 0, false);
    }
    if (memplan_cspace_bytes(in->lay) && mp->root_paddr != BS_ANY_PADDR) {
        add_range(si, mp->root_paddr, 1ull << (MONITOR_ROOT_CNODE_BITS + MONITOR_SLOT_BITS),
                  SI_OWN_MONITOR_CSPACE, -1, -1, 0, false);
    }
    object_ranges(si, in->lay);
    xsort(si->phys.items, si->phys.count, sizeof(*si->phys.items), cmp_prange);
    size_t used = si->phys.count;
    for (size_t i = 0; i < mp->untypeds.count; i++) {
        free_ranges(si, &mp->untypeds.items[i], used);
    }
    if (in->loader_size) {
        /* Overlaps free RAM: the loader's memory is free once the kernel runs. */
        add_range(si, in->loader_link, in->loader_size, SI_OWN_LOADER, -1, -1, 0, false);
    }
    xsort(si->phys.items, si->phys.count, sizeof(*si->phys.items), cmp_prange);
    merge_free(si);
    si->loader_paddr = in->loader_link;
    si->loader_size = in->loader_size;
    totals(si, in->board);
}
