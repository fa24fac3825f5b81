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
    fprintf(f, "<%s class=\"seg %s\" style=\"flex-grow:%.4f\"", ref[0] ? "a" : "div", kind, weight);
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

static double weight(uint64_t size, bool linear, uint64_t total)
{
    if (linear) {
        return total ? (double)size / (double)total * 100.0 : 0;
    }
    return sqrt((double)size) / 64.0;
}

void view_bar(FILE *f, const struct view_seg *segs, size_t n, bool linear)
{
    uint64_t total = n ? segs[n - 1].start + segs[n - 1].size - segs[0].start : 0;
    fprintf(f, "<div class=\"bar%s\">", linear ? " linear" : "");
    for (size_t i = 0; i < n; i++) {
        const struct view_seg *s = &segs[i];
        if (i > 0) {
            uint64_t end = segs[i - 1].start + segs[i - 1].size;
            if (s->start > end) {
                put_seg(f, linear ? "free" : "gap",
                        linear ? weight(s->start - end, true, total) : 0, "", end, s->start - end,
                        linear ? "free" : "unmapped");
            }
        }
        if (s->size) {
            put_seg(f, s->kind, weight(s->size, linear, total), s->ref, s->start, s->size,
                    s->label);
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
        s->label = v->mr >= 0 ? sys->mrs.items[v->mr].name : si_vkind_name(v->kind);
        if (v->mr >= 0) {
            snprintf(s->ref, sizeof(s->ref), "mr%d", v->mr);
        }
    }
    view_bar(f, segs, n, false);
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
            *s = (struct view_seg){mr->phys_addr, mr->size, mr->name, "mr", ""};
            snprintf(s->ref, sizeof(s->ref), "mr%zu", i);
        }
    }
    qsort(segs + 1, n - 1, sizeof(*segs), cmp_seg);
    segs[n++] = (struct view_seg){r->base + r->size, 0, "", kind, ""};
    fprintf(f, "<div class=\"range\"><div class=\"rlabel\">%s 0x%" PRIx64 "-0x%" PRIx64 "</div>",
            kind, r->base, r->base + r->size);
    view_bar(f, segs, n, true);
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

void view_phys(FILE *f, const struct system *sys, const struct board *board)
{
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
