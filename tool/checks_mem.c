/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Check rules about memory: regions (sizes, alignment, overlap, the board,
 * use) and maps (perms, alignment, limit, overlap per address space); with
 * a board, what regions and maps need of its RAM and of the monitor's cap
 * slots, counted from the numbers so that a 200-byte file asking for 2^27
 * frames is refused before anything is built.
 */
#include <stdlib.h>

#include "checks_internal.h"
#include "num.h"
#include "sdk/monitor_abi.h"
#include "util.h"

uint64_t pd_map_limit(uint64_t stack_size)
{
    return pd_map_limit_at(stack_size, SDK_PD_STACK_TOP);
}

uint64_t pd_map_limit_at(uint64_t stack_size, uint64_t stack_top)
{
    uint64_t below = stack_size + PAGE_SIZE_SMALL; /* the stack and its guard page */
    if (stack_size > stack_top || below > stack_top) {
        return 0;
    }
    return stack_top - below;
}

/* The top of a PD's stack on `board`'s architecture; AArch64's without a board. */
static uint64_t stack_top_of(const struct board *board)
{
    if (board && board->arch == BOARD_ARCH_RISCV64) {
        return SDK_PD_STACK_TOP_RISCV64; /* Sv39: seL4_UserTop is 0x3ffffff000 */
    }
    return SDK_PD_STACK_TOP;
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
    xsort(r, n, sizeof(*r), range_cmp);
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

void check_region_sizes(struct system *sys, const struct board *board, struct diag *d)
{
    for (size_t i = 0; i < sys->mrs.count; i++) {
        const struct mr *mr = &sys->mrs.items[i];
        /* Without a size the prefill file's is taken; the inputs stage reports on that. */
        if (mr->size == 0 && mr->size_given) {
            rule_report(d, R_MR_SIZE_ZERO, &mr->pos, NULL, name_of(mr->name));
        }
        if (mr->page_size != PAGE_SIZE_SMALL && mr->page_size != PAGE_SIZE_LARGE) {
            rule_report(d, R_MR_PAGE_SIZE, &mr->pos, NULL, (unsigned long long)mr->page_size,
                        name_of(mr->name));
        }
    }
}

/* Runs after "region-sizes" passed: the page size is 4 KiB or 2 MiB. */
static void check_mr_alignment(const struct mr *mr, struct diag *d)
{
    const char *name = name_of(mr->name);
    unsigned long long ps = mr->page_size;
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

void check_region_alignment(struct system *sys, const struct board *board, struct diag *d)
{
    for (size_t i = 0; i < sys->mrs.count; i++) {
        check_mr_alignment(&sys->mrs.items[i], d);
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

void check_region_overlap(struct system *sys, const struct board *board, struct diag *d)
{
    struct range *r = xcalloc(sys->mrs.count, sizeof(*r));
    size_t n = 0;
    for (size_t i = 0; i < sys->mrs.count; i++) {
        const struct mr *mr = &sys->mrs.items[i];
        if (mr->has_phys) {
            r[n++] = (struct range){mr->phys_addr, end_of(mr->phys_addr, mr->size), i};
        }
    }
    struct mr_ctx ctx = {sys, d};
    find_overlaps(r, n, report_mr_overlap, &ctx);
    free(r);
}

/* Runs after "region-alignment" passed: no region wraps around the end of memory. */
void check_region_board(struct system *sys, const struct board *board, struct diag *d)
{
    for (size_t i = 0; board && i < sys->mrs.count; i++) {
        const struct mr *mr = &sys->mrs.items[i];
        if (mr->has_phys && !board_is_ram(board, mr->phys_addr, mr->size) &&
            !board_is_device(board, mr->phys_addr, mr->size)) {
            rule_report(d, R_MR_PHYS_BOARD, &mr->pos, NULL, name_of(mr->name),
                        (unsigned long long)mr->phys_addr,
                        (unsigned long long)(mr->phys_addr + mr->size), board->name);
        }
    }
}

static void mark_used(bool *used, const struct map *maps, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        used[maps[i].mr] = true;
    }
}

/*
 * Runs after "regions-resolved" passed: every map names its region, so a
 * misspelt name does not make the region it meant look unused.
 */
void check_regions_used(struct system *sys, const struct board *board, struct diag *d)
{
    bool *used = xcalloc(sys->mrs.count + 1, sizeof(*used));
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

/*
 * The map checks take each map on its own: they skip a map whose region is
 * unknown ("regions-resolved" reported it) rather than need that check, so
 * one misspelt region does not hide the problems of the other maps.
 */
typedef void map_fn(struct map_ctx *c, size_t n, uint64_t limit);

/* Calls `fn` for each address space: every PD's, and its virtual machine's. */
static void each_space(struct system *sys, const struct board *board, struct diag *d, map_fn *fn)
{
    uint64_t top = stack_top_of(board);
    for (size_t i = 0; i < sys->pds.count; i++) {
        const struct pd *pd = &sys->pds.items[i];
        struct map_ctx c = {sys, pd->maps.items, "protection domain", name_of(pd->name), d};
        fn(&c, pd->maps.count, pd_map_limit_at(pd->stack_size, top));
        if (pd->vm) {
            struct map_ctx v = {sys, pd->vm->maps.items, "virtual machine", name_of(pd->vm->name),
                                d};
            fn(&v, pd->vm->maps.count, VM_MAP_LIMIT);
        }
    }
}

/* Runs after "region-sizes" passed: every page size is 4 KiB or 2 MiB. */
static void space_perms_align(struct map_ctx *c, size_t n, uint64_t limit)
{
    for (size_t i = 0; i < n; i++) {
        const struct map *m = &c->maps[i];
        if (m->perms == PERM_W) {
            rule_report(c->d, R_MAP_WRITE_ONLY, &m->pos, NULL, m->mr_name);
        }
        uint64_t ps = m->mr >= 0 ? c->sys->mrs.items[m->mr].page_size : 0;
        if (ps && !is_aligned(m->vaddr, ps)) {
            rule_report(c->d, R_MAP_ALIGN, &m->pos, NULL, (unsigned long long)m->vaddr, m->mr_name,
                        (unsigned long long)ps);
        }
    }
}

void check_maps(struct system *sys, const struct board *board, struct diag *d)
{
    each_space(sys, board, d, space_perms_align);
}

/* perms="" is valid syntax (Microkit accepts it) but maps frames no thread may touch. */
static void space_access(struct map_ctx *c, size_t n, uint64_t limit)
{
    for (size_t i = 0; i < n; i++) {
        const struct map *m = &c->maps[i];
        if (m->perms == 0) {
            rule_report(c->d, R_MAP_PERMS_NONE, &m->pos, NULL, m->mr_name, c->kind, c->owner);
        }
    }
}

void check_map_access(struct system *sys, const struct board *board, struct diag *d)
{
    each_space(sys, board, d, space_access);
}

/* Runs after "stacks" passed: `limit` comes from a valid stack size. */
static void space_limit(struct map_ctx *c, size_t n, uint64_t limit)
{
    for (size_t i = 0; i < n; i++) {
        const struct map *m = &c->maps[i];
        uint64_t end = end_of(m->vaddr, map_size(c->sys, m));
        if (m->mr >= 0 && end > limit) {
            rule_report(c->d, R_MAP_LIMIT, &m->pos, NULL, m->mr_name, (unsigned long long)m->vaddr,
                        (unsigned long long)end, (unsigned long long)limit, c->kind, c->owner);
        }
    }
}

void check_map_limits(struct system *sys, const struct board *board, struct diag *d)
{
    each_space(sys, board, d, space_limit);
}

static void space_overlap(struct map_ctx *c, size_t n, uint64_t limit)
{
    struct range *r = xcalloc(n + 1, sizeof(*r));
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t size = map_size(c->sys, &c->maps[i]);
        if (size > 0) {
            r[k++] = (struct range){c->maps[i].vaddr, end_of(c->maps[i].vaddr, size), i};
        }
    }
    find_overlaps(r, k, report_map_overlap, c);
    free(r);
}

void check_map_overlap(struct system *sys, const struct board *board, struct diag *d)
{
    each_space(sys, board, d, space_overlap);
}

/* ---- derived page sizes ---- */

static void clear_unaligned(bool *large_ok, const struct map *maps, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!is_aligned(maps[i].vaddr, PAGE_SIZE_LARGE)) {
            large_ok[maps[i].mr] = false;
        }
    }
}

/* Runs after "regions-resolved" passed: every map names its region. */
void check_page_sizes(struct system *sys, const struct board *board, struct diag *d)
{
    bool *large_ok = xcalloc(sys->mrs.count + 1, sizeof(*large_ok));
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

/* ---- what regions need of the board (board known, page sizes derived) ---- */

static uint64_t sat_add(uint64_t a, uint64_t b)
{
    return a + b < a ? UINT64_MAX : a + b;
}

static uint64_t board_ram_bytes(const struct board *b)
{
    uint64_t total = 0;
    for (size_t i = 0; i < b->ram.count; i++) {
        total = sat_add(total, b->ram.items[i].size);
    }
    return total;
}

/* A region takes RAM unless its phys_addr puts it in device memory. */
static bool needs_ram(const struct board *b, const struct mr *mr)
{
    return !mr->has_phys || !board_is_device(b, mr->phys_addr, mr->size);
}

/* Each region on its own: one larger than all of the board's RAM can never be built. */
void check_region_ram(struct system *sys, const struct board *board, struct diag *d)
{
    uint64_t ram = board ? board_ram_bytes(board) : 0;
    for (size_t i = 0; board && i < sys->mrs.count; i++) {
        const struct mr *mr = &sys->mrs.items[i];
        if (needs_ram(board, mr) && mr->size > ram) {
            rule_report(d, R_MR_TOO_LARGE, &mr->pos, NULL, name_of(mr->name),
                        (unsigned long long)mr->size, board->name, (unsigned long long)ram);
        }
    }
}

/* The index of the largest of `n` values, or 0. */
static size_t largest(const uint64_t *v, size_t n)
{
    size_t best = 0;
    for (size_t i = 1; i < n; i++) {
        best = v[i] > v[best] ? i : best;
    }
    return best;
}

/* Runs after "region-ram" passed: every region fits alone, but together they may not. */
void check_regions_ram(struct system *sys, const struct board *board, struct diag *d)
{
    size_t n = sys->mrs.count;
    if (!board || !n) {
        return;
    }
    uint64_t *bytes = xcalloc(n, sizeof(*bytes)), total = 0;
    for (size_t i = 0; i < n; i++) {
        bytes[i] = needs_ram(board, &sys->mrs.items[i]) ? sys->mrs.items[i].size : 0;
        total = sat_add(total, bytes[i]);
    }
    if (total > board_ram_bytes(board)) {
        const struct mr *big = &sys->mrs.items[largest(bytes, n)];
        rule_report(d, R_MR_RAM_TOTAL, &big->pos, NULL, (unsigned long long)total, board->name,
                    (unsigned long long)board_ram_bytes(board), name_of(big->name),
                    (unsigned long long)big->size);
    }
    free(bytes);
}

static void count_maps_of(uint64_t *maps, const struct map *m, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        maps[m[i].mr]++;
    }
}

/* Cap slots region `mr` takes in the monitor's CNode: one per frame, one per mapped frame. */
static uint64_t region_slots(const struct mr *mr, uint64_t maps)
{
    uint64_t frames = mr->size / mr->page_size;
    return frames > UINT64_MAX / (maps + 1) ? UINT64_MAX : frames * (maps + 1);
}

/*
 * Runs after "page-sizes": every map names its region and every region has
 * its final page size. The monitor holds a cap to every frame and one more
 * for every frame it maps (include/sdk/monitor_abi.h); the rest of the
 * system only adds to that, so a sum already above the CNode's size is an
 * error now, before the build would lay out every frame to find it.
 */
void check_region_cap_slots(struct system *sys, const struct board *board, struct diag *d)
{
    size_t n = sys->mrs.count;
    if (!board || !n) {
        return;
    }
    uint64_t *maps = xcalloc(n, sizeof(*maps)), *slots = xcalloc(n, sizeof(*slots)), total = 0;
    for (size_t i = 0; i < sys->pds.count; i++) {
        const struct pd *pd = &sys->pds.items[i];
        count_maps_of(maps, pd->maps.items, pd->maps.count);
        if (pd->vm) {
            count_maps_of(maps, pd->vm->maps.items, pd->vm->maps.count);
        }
    }
    for (size_t i = 0; i < n; i++) {
        slots[i] = region_slots(&sys->mrs.items[i], maps[i]);
        total = sat_add(total, slots[i]);
    }
    uint64_t limit = 1ull << MONITOR_CSPACE_MAX_BITS;
    if (sat_add(total, MONITOR_CSPACE_SPARE) > limit) {
        size_t b = largest(slots, n);
        const struct mr *big = &sys->mrs.items[b];
        rule_report(d, R_SYS_CAP_SLOTS, &big->pos, NULL, (unsigned long long)total,
                    (unsigned long long)limit, MONITOR_CSPACE_MAX_BITS, name_of(big->name),
                    (unsigned long long)(big->size / big->page_size), (unsigned long long)maps[b],
                    (unsigned long long)slots[b]);
    }
    free(slots);
    free(maps);
}
