/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Regions of mixed page sizes (layout stage). A region whose page size the
 * SDF left to the tool keeps 4 KiB pages by Microkit's rule unless its size
 * and every address are 2 MiB-aligned (check_page_sizes). Its user-visible
 * behaviour only depends on that page size (vaddr alignment, sizes), so the
 * tool may still back its 2 MiB-aligned middle with 2 MiB frames when that
 * cannot be seen: every map places the middle 2 MiB-aligned, the physical
 * address is nobody's business (no phys_addr, no setvar region_paddr). The
 * kernel then retypes and maps one object per 2 MiB instead of 512, and no
 * level-3 table is needed for those spans.
 */
#include "layout.h"

#define MIB2 (1ull << 21)
#define KIB4 (1ull << 12)

/* A setvar region_paddr makes the tool choose one address for the whole region. */
static bool needs_paddr(const struct system *sys, int mr)
{
    for (size_t p = 0; p < sys->pds.count; p++) {
        const struct pd *pd = &sys->pds.items[p];
        for (size_t i = 0; i < pd->setvars.count; i++) {
            const struct setvar *sv = &pd->setvars.items[i];
            if (sv->kind == SETVAR_REGION_PADDR && sv->mr == mr) {
                return true;
            }
        }
    }
    return false;
}

/*
 * Fold the maps of region `mr` into *res (vaddr modulo 2 MiB, UINT64_MAX
 * until a first map is seen); false when two maps disagree.
 */
static bool same_residue(const struct map *maps, size_t n, int mr, uint64_t *res)
{
    for (size_t i = 0; i < n; i++) {
        if (maps[i].mr != mr) {
            continue;
        }
        uint64_t r = maps[i].vaddr % MIB2;
        if (*res != UINT64_MAX && *res != r) {
            return false;
        }
        *res = r;
    }
    return true;
}

/* The common vaddr modulo 2 MiB of every map of `mr`; false when none or they differ. */
static bool map_residue(const struct system *sys, int mr, uint64_t *res)
{
    *res = UINT64_MAX;
    for (size_t p = 0; p < sys->pds.count; p++) {
        const struct pd *pd = &sys->pds.items[p];
        if (!same_residue(pd->maps.items, pd->maps.count, mr, res)) {
            return false;
        }
        if (pd->vm && !same_residue(pd->vm->maps.items, pd->vm->maps.count, mr, res)) {
            return false;
        }
    }
    return *res != UINT64_MAX;
}

bool layout_mixed_split(const struct system *sys, size_t i, uint32_t *head, uint32_t *large)
{
    const struct mr *mr = &sys->mrs.items[i];
    uint64_t res;
    if (mr->page_size_given || mr->page_size != PAGE_SIZE_SMALL || mr->has_phys ||
        mr->size < MIB2 || needs_paddr(sys, (int)i) || !map_residue(sys, (int)i, &res) ||
        res % KIB4) {
        return false;
    }
    uint64_t lead = (MIB2 - res) % MIB2;
    if (mr->size < lead + MIB2) {
        return false;
    }
    *head = (uint32_t)(lead / KIB4);
    *large = (uint32_t)((mr->size - lead) / MIB2);
    return true;
}

uint32_t lay_mr_frame(const struct lay_mr *m, uint32_t k, uint64_t *offset)
{
    if (!m->large_frames) {
        *offset = (uint64_t)k << m->page_bits;
        return m->first_frame + k;
    }
    uint64_t head = (uint64_t)m->head_frames * KIB4;
    if (k < m->head_frames) {
        *offset = (uint64_t)k * KIB4;
        return m->first_frame + k;
    }
    if (k < m->head_frames + m->large_frames) {
        *offset = head + (uint64_t)(k - m->head_frames) * MIB2;
        return m->first_large + (k - m->head_frames);
    }
    uint32_t t = k - m->head_frames - m->large_frames;
    *offset = head + (uint64_t)m->large_frames * MIB2 + (uint64_t)t * KIB4;
    return m->first_frame + m->head_frames + t;
}
