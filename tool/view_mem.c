/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The memory bars of `microkit view`: a PD's virtual address space and the
 * board's physical memory, as rows of <div>s whose widths the CSS flex
 * layout takes from each segment's weight. No script is needed to draw them.
 */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "view_internal.h"

static void put_seg(FILE *f, const char *kind, double weight, const char *ref, uint64_t start,
                    uint64_t size, const char *label)
{
    fprintf(f, "<%s class=\"seg %s\" style=\"flex:%.4f 1 0\"", ref[0] ? "a" : "div", kind, weight);
    if (ref[0]) {
        fprintf(f, " href=\"#%s\"", ref);
    }
    fprintf(f, " title=\"0x%" PRIx64 "-0x%" PRIx64 " (0x%" PRIx64 " bytes) ", start, start + size,
            size);
    view_text(f, label);
    fputs("\"><span>", f);
    view_text(f, label);
    fprintf(f, "</span></%s>", ref[0] ? "a" : "div");
}

static double weight(uint64_t size, enum view_scale scale, uint64_t total)
{
    switch (scale) {
    case VIEW_LINEAR:
        return total ? (double)size / (double)total * 100.0 : 0;
    case VIEW_SQRT:
        return sqrt((double)size) / 64.0;
    default:
        return size > 0x1000 ? log2((double)size / 4096.0) + 1 : 1;
    }
}

void view_bar(FILE *f, const struct view_seg *segs, size_t n, enum view_scale scale)
{
    bool linear = scale == VIEW_LINEAR;
    uint64_t total = n ? segs[n - 1].start + segs[n - 1].size - segs[0].start : 0;
    fprintf(f, "<div class=\"bar%s\">", linear ? " linear" : "");
    for (size_t i = 0; i < n; i++) {
        const struct view_seg *s = &segs[i];
        if (i > 0) {
            uint64_t end = segs[i - 1].start + segs[i - 1].size;
            if (s->start > end) {
                put_seg(f, linear ? "free" : "gap",
                        linear ? weight(s->start - end, scale, total) : 0, "", end, s->start - end,
                        linear ? "free" : "unmapped");
            }
        }
        if (s->size) {
            put_seg(f, s->kind, weight(s->size, scale, total), s->ref, s->start, s->size, s->label);
        }
    }
    fputs("</div>\n", f);
}

static const char *vkind_class(enum si_vkind k)
{
    static const char *const names[] = {"elf", "stack", "ipc", "map", "vmmap"};
    return k <= SI_V_VM_MAP ? names[k] : "map";
}

void view_pd_bar(FILE *f, const struct system *sys, const struct si_pd *sp)
{
    size_t n = 0;
    struct view_seg *segs = xcalloc(sp->vmap.count + 1, sizeof(*segs));
    for (size_t i = 0; i < sp->vmap.count; i++) {
        const struct si_vrange *v = &sp->vmap.items[i];
        if (v->kind == SI_V_VM_MAP || v->size == 0) {
            continue;
        }
        struct view_seg *s = &segs[n++];
        s->start = v->vaddr;
        s->size = v->size;
        s->kind = vkind_class(v->kind);
        snprintf(s->label, sizeof(s->label), "%s",
                 v->mr >= 0 ? sys->mrs.items[v->mr].name : si_vkind_name(v->kind));
        if (v->mr >= 0) {
            snprintf(s->ref, sizeof(s->ref), "mr%d", v->mr);
        }
    }
    view_bar(f, segs, n, VIEW_SQRT);
    free(segs);
}

static int cmp_seg(const void *a, const void *b)
{
    const struct view_seg *x = a, *y = b;
    return (x->start > y->start) - (x->start < y->start);
}

/* The fixed regions inside [base, base + size), with the rest as free segments, as one bar. */
static void range_bar(FILE *f, const struct system *sys, const struct mem_range *r,
                      const char *kind)
{
    struct view_seg *segs = xcalloc(sys->mrs.count + 2, sizeof(*segs));
    size_t n = 0;
    segs[n++] = (struct view_seg){r->base, 0, "", kind, ""};
    for (size_t i = 0; i < sys->mrs.count; i++) {
        const struct mr *mr = &sys->mrs.items[i];
        if (mr->has_phys && mr->phys_addr >= r->base && mr->phys_addr - r->base < r->size) {
            struct view_seg *s = &segs[n++];
            *s = (struct view_seg){mr->phys_addr, mr->size, "", "mr", ""};
            snprintf(s->label, sizeof(s->label), "%s", mr->name);
            snprintf(s->ref, sizeof(s->ref), "mr%zu", i);
        }
    }
    xsort(segs + 1, n - 1, sizeof(*segs), cmp_seg);
    segs[n++] = (struct view_seg){r->base + r->size, 0, "", kind, ""};
    fprintf(f, "<div class=\"range\"><div class=\"rlabel\">%s 0x%" PRIx64 "-0x%" PRIx64 "</div>",
            kind, r->base, r->base + r->size);
    view_bar(f, segs, n, VIEW_LINEAR);
    fputs("</div>\n", f);
    free(segs);
}

/* True when a region with phys_addr lies in range `r`. */
static bool holds_region(const struct system *sys, const struct mem_range *r)
{
    for (size_t i = 0; i < sys->mrs.count; i++) {
        const struct mr *mr = &sys->mrs.items[i];
        if (mr->has_phys && mr->phys_addr >= r->base && mr->phys_addr - r->base < r->size) {
            return true;
        }
    }
    return false;
}

static const char *owner_class(enum si_owner o)
{
    static const char *const names[] = {"loader", "kernel",  "monitor", "objects",
                                        "elf",    "stack",   "ipc",     "mr",
                                        "paging", "objects", "objects", "free"};
    return o < SI_OWN_COUNT ? names[o] : "objects";
}

static void prange_seg(const struct system *sys, const struct si_prange *r, struct view_seg *s)
{
    *s = (struct view_seg){r->paddr, r->size, "", owner_class(r->owner), ""};
    const char *name = r->mr >= 0   ? sys->mrs.items[r->mr].name
                       : r->pd >= 0 ? sys->pds.items[r->pd].name
                                    : "";
    snprintf(s->label, sizeof(s->label), "%s%s%s", si_owner_name(r->owner), name[0] ? " " : "",
             name);
    if (r->mr >= 0) {
        snprintf(s->ref, sizeof(s->ref), "mr%d", r->mr);
    } else if (r->pd >= 0) {
        snprintf(s->ref, sizeof(s->ref), "pd%d", r->pd);
    }
}

/* The ranges of a build inside `m`, to scale; the loader, which overlaps free RAM, left out. */
static void built_bar(FILE *f, const struct system *sys, const struct sysinfo *si,
                      const struct mem_range *m, const char *kind)
{
    struct view_seg *segs = xcalloc(si->phys.count + 2, sizeof(*segs));
    size_t n = 0;
    segs[n++] = (struct view_seg){m->base, 0, "", kind, ""};
    for (size_t i = 0; i < si->phys.count; i++) {
        const struct si_prange *r = &si->phys.items[i];
        const struct view_seg *last = &segs[n - 1];
        if (r->owner == SI_OWN_LOADER || r->paddr < last->start + last->size ||
            r->paddr < m->base || r->paddr - m->base >= m->size) {
            continue;
        }
        prange_seg(sys, r, &segs[n++]);
    }
    segs[n++] = (struct view_seg){m->base + m->size, 0, "", kind, ""};
    fprintf(f, "<div class=\"range\"><div class=\"rlabel\">%s 0x%" PRIx64 "-0x%" PRIx64 "</div>",
            kind, m->base, m->base + m->size);
    view_bar(f, segs, n, VIEW_LINEAR);
    fputs("<div class=\"rlabel\">the same, not to scale (widths grow with the logarithm of "
          "the size):</div>",
          f);
    view_bar(f, segs, n, VIEW_LOG);
    fputs("</div>\n", f);
    free(segs);
}

static void owner_totals(FILE *f, const struct sysinfo *si)
{
    fputs("<table><tr><th>owner</th><th>bytes</th></tr>", f);
    for (int o = SI_OWN_KERNEL; o < SI_OWN_COUNT; o++) {
        if (si->owner_bytes[o]) {
            fprintf(f, "<tr><td>%s</td><td>0x%" PRIx64 "</td></tr>", si_owner_name(o),
                    si->owner_bytes[o]);
        }
    }
    fprintf(f, "<tr><th>RAM</th><th>0x%" PRIx64 "</th></tr></table>\n", si->ram_bytes);
}

static void view_phys_built(FILE *f, const struct system *sys, const struct board *board,
                            const struct sysinfo *si)
{
    for (size_t i = 0; i < board->ram.count; i++) {
        built_bar(f, sys, si, &board->ram.items[i], "ram");
    }
    for (size_t i = 0; i < board->devices.count; i++) {
        if (holds_region(sys, &board->devices.items[i])) {
            built_bar(f, sys, si, &board->devices.items[i], "dev");
        }
    }
    owner_totals(f, si);
}

void view_phys(FILE *f, const struct system *sys, const struct board *board,
               const struct sysinfo *si)
{
    if (si && si->built) {
        view_phys_built(f, sys, board, si);
        return;
    }
    uint64_t placed = 0;
    size_t count = 0;
    for (size_t i = 0; i < sys->mrs.count; i++) {
        if (!sys->mrs.items[i].has_phys) {
            placed += sys->mrs.items[i].size;
            count++;
        }
    }
    for (size_t i = 0; i < board->ram.count; i++) {
        range_bar(f, sys, &board->ram.items[i], "ram");
    }
    for (size_t i = 0; i < board->devices.count; i++) {
        if (holds_region(sys, &board->devices.items[i])) {
            range_bar(f, sys, &board->devices.items[i], "dev");
        }
    }
    fprintf(f,
            "<p class=\"note\">Regions with phys_addr are drawn where they are; the build places "
            "the other %zu region%s (0x%" PRIx64
            " bytes), the kernel, the monitor and the PDs' programs in RAM.</p>\n",
            count, count == 1 ? "" : "s", placed);
}
