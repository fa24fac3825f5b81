/* SPDX-License-Identifier: BSD-2-Clause */
/* Check rules about memory: regions, maps, and the names they refer to. */
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "checks_internal.h"
#include "num.h"
#include "util.h"

/* Above this many candidates "did you mean" hints are skipped: they cost O(n) each. */
#define HINT_MAX_CANDIDATES 1000

static char *did_you_mean(const char *word, const char **names)
{
    const char *near = names ? closest_name(word, names) : NULL;
    return near ? xasprintf("did you mean '%s'?", near) : NULL;
}

static const char **mr_names(const struct system *sys)
{
    if (sys->mrs.count > HINT_MAX_CANDIDATES) {
        return NULL;
    }
    const char **names = xcalloc(sys->mrs.count + 1, sizeof(*names));
    size_t n = 0;
    for (size_t i = 0; i < sys->mrs.count; i++) {
        if (sys->mrs.items[i].name) {
            names[n++] = sys->mrs.items[i].name;
        }
    }
    return names;
}

static const char **pd_names(const struct system *sys)
{
    const char **names = xcalloc(sys->pds.count + 1, sizeof(*names));
    size_t n = 0;
    for (size_t i = 0; i < sys->pds.count && i < HINT_MAX_CANDIDATES; i++) {
        if (sys->pds.items[i].name) {
            names[n++] = sys->pds.items[i].name;
        }
    }
    return names;
}

static void resolve_maps(struct system *sys, struct map *maps, size_t n, const char **names,
                         struct diag *d)
{
    for (size_t i = 0; i < n; i++) {
        maps[i].mr = system_find_mr(sys, maps[i].mr_name);
        if (maps[i].mr < 0) {
            char *hint = did_you_mean(maps[i].mr_name, names);
            rule_report(d, R_MAP_MR_UNKNOWN, &maps[i].pos, hint, maps[i].mr_name);
            free(hint);
        }
    }
}

static void resolve_setvars(struct system *sys, struct pd *pd, const char **names, struct diag *d)
{
    for (size_t i = 0; i < pd->setvars.count; i++) {
        struct setvar *sv = &pd->setvars.items[i];
        sv->mr = system_find_mr(sys, sv->mr_name);
        if (sv->mr < 0 && sv->kind == SETVAR_REGION_PADDR) {
            /* Map setvars name the map's region, reported with the map already. */
            char *hint = did_you_mean(sv->mr_name, names);
            rule_report(d, R_SETVAR_MR_UNKNOWN, &sv->pos, hint, sv->symbol, sv->mr_name);
            free(hint);
        }
    }
}

void checks_resolve(struct system *sys, struct diag *d)
{
    const char **mrs = mr_names(sys);
    for (size_t i = 0; i < sys->pds.count; i++) {
        struct pd *pd = &sys->pds.items[i];
        resolve_maps(sys, pd->maps.items, pd->maps.count, mrs, d);
        if (pd->vm) {
            resolve_maps(sys, pd->vm->maps.items, pd->vm->maps.count, mrs, d);
        }
        resolve_setvars(sys, pd, mrs, d);
    }
    free(mrs);
    const char **pds = pd_names(sys);
    for (size_t i = 0; i < sys->channels.count; i++) {
        for (int e = 0; e < 2; e++) {
            struct channel_end *end = &sys->channels.items[i].end[e];
            end->pd = system_find_pd(sys, end->pd_name);
            if (end->pd < 0) {
                char *hint = did_you_mean(end->pd_name, pds);
                rule_report(d, R_CH_PD_UNKNOWN, &end->pos, hint, end->pd_name);
                free(hint);
            }
        }
    }
    free(pds);
}

/* ---- ranges and overlaps ---- */

struct range {
    uint64_t start;
    uint64_t end; /* exclusive; UINT64_MAX when it wrapped */
    size_t index; /* document order */
};

static int range_cmp(const void *a, const void *b)
{
    const struct range *x = a, *y = b;
    if (x->start != y->start) {
        return x->start < y->start ? -1 : 1;
    }
    return x->index < y->index ? -1 : x->index > y->index;
}

/* Calls `report(ctx, later, earlier)` for each range overlapping one before it. */
static void find_overlaps(struct range *r, size_t n, void (*report)(void *, size_t, size_t),
                          void *ctx)
{
    qsort(r, n, sizeof(*r), range_cmp);
    size_t reach = 0; /* the range reaching furthest so far */
    for (size_t i = 1; i < n; i++) {
        if (r[i].start < r[reach].end) {
            report(ctx, r[i].index, r[reach].index);
        }
        if (r[i].end > r[reach].end) {
            reach = i;
        }
    }
}

static uint64_t end_of(uint64_t start, uint64_t size)
{
    return start + size < start ? UINT64_MAX : start + size;
}

/* ---- memory regions ---- */

static void check_mr_values(const struct mr *mr, struct diag *d)
{
    const char *name = name_of(mr->name);
    unsigned long long ps = mr->page_size;
    if (mr->size == 0) {
        rule_report(d, R_MR_SIZE_ZERO, &mr->pos, NULL, name);
    }
    if (ps != PAGE_SIZE_SMALL && ps != PAGE_SIZE_LARGE) {
        rule_report(d, R_MR_PAGE_SIZE, &mr->pos, NULL, ps, name);
        return;
    }
    if (!is_aligned(mr->size, ps)) {
        rule_report(d, R_MR_SIZE_ALIGN, &mr->pos, NULL, (unsigned long long)mr->size, name, ps);
    }
    if (mr->has_phys && !is_aligned(mr->phys_addr, ps)) {
        rule_report(d, R_MR_PHYS_ALIGN, &mr->pos, NULL, (unsigned long long)mr->phys_addr, name,
                    ps);
    }
    if (mr->has_phys && end_of(mr->phys_addr, mr->size) == UINT64_MAX) {
        rule_report(d, R_MR_PHYS_WRAP, &mr->pos, NULL, name, (unsigned long long)mr->phys_addr,
                    (unsigned long long)mr->size);
    }
}

struct mr_ctx {
    const struct system *sys;
    struct diag *d;
};

static void report_mr_overlap(void *ctx, size_t later, size_t earlier)
{
    struct mr_ctx *c = ctx;
    const struct mr *a = &c->sys->mrs.items[later], *b = &c->sys->mrs.items[earlier];
    if (a->pos.line < b->pos.line || (a->pos.line == b->pos.line && a->pos.col < b->pos.col)) {
        const struct mr *t = a;
        a = b;
        b = t;
    }
    rule_report(c->d, R_MR_PHYS_OVERLAP, &a->pos, NULL, name_of(a->name),
                (unsigned long long)a->phys_addr, (unsigned long long)end_of(a->phys_addr, a->size),
                name_of(b->name), (unsigned long long)b->phys_addr,
                (unsigned long long)end_of(b->phys_addr, b->size));
}

static void check_phys_overlap(const struct system *sys, struct diag *d)
{
    struct range *r = xcalloc(sys->mrs.count, sizeof(*r));
    size_t n = 0;
    for (size_t i = 0; i < sys->mrs.count; i++) {
        const struct mr *mr = &sys->mrs.items[i];
        if (mr->has_phys && mr->size > 0) {
            r[n++] = (struct range){mr->phys_addr, end_of(mr->phys_addr, mr->size), i};
        }
    }
    struct mr_ctx ctx = {sys, d};
    find_overlaps(r, n, report_mr_overlap, &ctx);
    free(r);
}

static void check_board(const struct system *sys, const struct board *b, struct diag *d)
{
    for (size_t i = 0; i < sys->mrs.count; i++) {
        const struct mr *mr = &sys->mrs.items[i];
        if (!mr->has_phys || mr->size == 0 || end_of(mr->phys_addr, mr->size) == UINT64_MAX) {
            continue;
        }
        if (!board_is_ram(b, mr->phys_addr, mr->size) &&
            !board_is_device(b, mr->phys_addr, mr->size)) {
            rule_report(d, R_MR_PHYS_BOARD, &mr->pos, NULL, name_of(mr->name),
                        (unsigned long long)mr->phys_addr,
                        (unsigned long long)(mr->phys_addr + mr->size), b->name);
        }
    }
}

static void mark_used(bool *used, const struct map *maps, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (maps[i].mr >= 0) {
            used[maps[i].mr] = true;
        }
    }
}

static void check_unused(const struct system *sys, struct diag *d)
{
    bool *used = xcalloc(sys->mrs.count, sizeof(*used));
    for (size_t i = 0; i < sys->pds.count; i++) {
        const struct pd *pd = &sys->pds.items[i];
        mark_used(used, pd->maps.items, pd->maps.count);
        if (pd->vm) {
            mark_used(used, pd->vm->maps.items, pd->vm->maps.count);
        }
    }
    for (size_t i = 0; i < sys->mrs.count; i++) {
        if (!used[i] && sys->mrs.items[i].name) {
            rule_report(d, R_MR_UNUSED, &sys->mrs.items[i].pos, NULL, sys->mrs.items[i].name);
        }
    }
    free(used);
}

void checks_mrs(struct system *sys, const struct board *board, struct diag *d)
{
    for (size_t i = 0; i < sys->mrs.count; i++) {
        check_mr_values(&sys->mrs.items[i], d);
    }
    check_phys_overlap(sys, d);
    if (board) {
        check_board(sys, board, d);
    }
    check_unused(sys, d);
}

/* ---- maps ---- */

struct map_ctx {
    const struct system *sys;
    const struct map *maps;
    const char *kind; /* "protection domain" or "virtual machine" */
    const char *owner;
    struct diag *d;
};

static uint64_t map_size(const struct system *sys, const struct map *m)
{
    return m->mr >= 0 ? sys->mrs.items[m->mr].size : 0;
}

static void report_map_overlap(void *ctx, size_t later, size_t earlier)
{
    struct map_ctx *c = ctx;
    const struct map *a = &c->maps[later], *b = &c->maps[earlier];
    if (later < earlier) {
        const struct map *t = a;
        a = b;
        b = t;
    }
    rule_report(c->d, R_MAP_OVERLAP, &a->pos, NULL, a->mr_name, (unsigned long long)a->vaddr,
                (unsigned long long)end_of(a->vaddr, map_size(c->sys, a)), b->mr_name,
                (unsigned long long)b->vaddr,
                (unsigned long long)end_of(b->vaddr, map_size(c->sys, b)), c->kind, c->owner);
}

static void check_one_map(const struct map_ctx *c, const struct map *m, uint64_t limit)
{
    if (m->perms == PERM_W) {
        rule_report(c->d, R_MAP_WRITE_ONLY, &m->pos, NULL, m->mr_name);
    }
    if (m->mr < 0) {
        return;
    }
    const struct mr *mr = &c->sys->mrs.items[m->mr];
    bool page_ok = mr->page_size == PAGE_SIZE_SMALL || mr->page_size == PAGE_SIZE_LARGE;
    if (page_ok && !is_aligned(m->vaddr, mr->page_size)) {
        rule_report(c->d, R_MAP_ALIGN, &m->pos, NULL, (unsigned long long)m->vaddr, m->mr_name,
                    (unsigned long long)mr->page_size);
    }
    uint64_t end = end_of(m->vaddr, mr->size);
    if (end > limit) {
        rule_report(c->d, R_MAP_LIMIT, &m->pos, NULL, m->mr_name, (unsigned long long)m->vaddr,
                    (unsigned long long)end, (unsigned long long)limit, c->kind, c->owner);
    }
}

static void check_space(struct map_ctx *c, size_t n, uint64_t limit)
{
    struct range *r = xcalloc(n, sizeof(*r));
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        check_one_map(c, &c->maps[i], limit);
        uint64_t size = map_size(c->sys, &c->maps[i]);
        if (size > 0) {
            r[k++] = (struct range){c->maps[i].vaddr, end_of(c->maps[i].vaddr, size), i};
        }
    }
    find_overlaps(r, k, report_map_overlap, c);
    free(r);
}

void checks_maps(struct system *sys, struct diag *d)
{
    for (size_t i = 0; i < sys->pds.count; i++) {
        const struct pd *pd = &sys->pds.items[i];
        struct map_ctx c = {sys, pd->maps.items, "protection domain", name_of(pd->name), d};
        check_space(&c, pd->maps.count, pd_map_limit(pd->stack_size));
        if (pd->vm) {
            struct map_ctx v = {sys, pd->vm->maps.items, "virtual machine", name_of(pd->vm->name),
                                d};
            check_space(&v, pd->vm->maps.count, VM_MAP_LIMIT);
        }
    }
}

/* ---- derived page sizes ---- */

static void clear_unaligned(bool *large_ok, const struct map *maps, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (maps[i].mr >= 0 && !is_aligned(maps[i].vaddr, PAGE_SIZE_LARGE)) {
            large_ok[maps[i].mr] = false;
        }
    }
}

void checks_page_sizes(struct system *sys)
{
    bool *large_ok = xcalloc(sys->mrs.count, sizeof(*large_ok));
    for (size_t i = 0; i < sys->mrs.count; i++) {
        const struct mr *mr = &sys->mrs.items[i];
        large_ok[i] = !mr->page_size_given && mr->size > 0 &&
                      is_aligned(mr->size, PAGE_SIZE_LARGE) &&
                      (!mr->has_phys || is_aligned(mr->phys_addr, PAGE_SIZE_LARGE));
    }
    for (size_t i = 0; i < sys->pds.count; i++) {
        const struct pd *pd = &sys->pds.items[i];
        clear_unaligned(large_ok, pd->maps.items, pd->maps.count);
        if (pd->vm) {
            clear_unaligned(large_ok, pd->vm->maps.items, pd->vm->maps.count);
        }
    }
    for (size_t i = 0; i < sys->mrs.count; i++) {
        if (large_ok[i]) {
            sys->mrs.items[i].page_size = PAGE_SIZE_LARGE;
        }
    }
    free(large_ok);
}
