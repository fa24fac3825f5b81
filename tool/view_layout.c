/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "view_layout.h"

enum {
    MARGIN = 24,
    TOP = 56, /* room for the arcs of channels within the first row */
    PD_W = 156,
    PD_H = 64,
    GAP_X = 44,
    GAP_Y = 72,
    SIDE_GAP = 80, /* between the PD rows and a side column */
    IRQ_W = 92,
    IRQ_H = 34,
    VM_W = 112,
    VM_H = 44,
    MR_W = 150,
    MR_H = 46,
    STACK_GAP = 12,
};

/* A box of a side column: the y it would like, and where it goes. */
struct side_item {
    struct vl_box *box;
    int want;  /* desired top */
    size_t at; /* document order, to break ties */
};

static int cmp_u64_desc(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x < y) - (x > y);
}

/* Row of each PD: its priority's rank, a level of more than VL_ROW_MAX PDs taking several. */
static size_t place_rows(const struct system *sys, int *row, int *col, size_t *row_len)
{
    size_t n = sys->pds.count, levels = 0, rows = 0;
    uint64_t *prio = xcalloc(n + 1, sizeof(*prio));
    for (size_t i = 0; i < n; i++) {
        prio[i] = sys->pds.items[i].priority;
    }
    xsort(prio, n, sizeof(*prio), cmp_u64_desc);
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || prio[i] != prio[levels - 1]) {
            prio[levels++] = prio[i];
        }
    }
    for (size_t lv = 0; lv < levels; lv++) {
        size_t k = 0;
        for (size_t i = 0; i < n; i++) {
            if (sys->pds.items[i].priority == prio[lv]) {
                row[i] = (int)(rows + k / VL_ROW_MAX);
                col[i] = (int)(k % VL_ROW_MAX);
                row_len[row[i]] = k % VL_ROW_MAX + 1;
                k++;
            }
        }
        rows += (k + VL_ROW_MAX - 1) / VL_ROW_MAX;
    }
    free(prio);
    return rows;
}

static int cmp_side(const void *a, const void *b)
{
    const struct side_item *x = a, *y = b;
    if (x->want != y->want) {
        return x->want < y->want ? -1 : 1;
    }
    return (x->at > y->at) - (x->at < y->at);
}

/* Stack the items of a side column at x, each as near its wish as the ones above allow. */
static int stack_side(struct side_item *it, size_t n, int x)
{
    xsort(it, n, sizeof(*it), cmp_side);
    int next = TOP, bottom = 0;
    for (size_t i = 0; i < n; i++) {
        struct vl_box *b = it[i].box;
        b->x = x;
        b->y = it[i].want > next ? it[i].want : next;
        next = b->y + b->h + STACK_GAP;
        bottom = b->y + b->h;
    }
    return bottom;
}

static void set_box(struct vl_box *b, int w, int h)
{
    b->w = w;
    b->h = h;
}

/* IRQs and VMs on the left; returns their column's bottom. */
static int place_left(const struct system *sys, struct view_layout *l, int x)
{
    size_t n = l->irq_first[sys->pds.count] + sys->pds.count, k = 0;
    struct side_item *it = xcalloc(n + 1, sizeof(*it));
    for (size_t i = 0; i < sys->pds.count; i++) {
        const struct vl_box *pd = &l->pd[i];
        if (sys->pds.items[i].vm) {
            set_box(&l->vm[i], VM_W, VM_H);
            it[k] = (struct side_item){&l->vm[i], pd->y + (PD_H - VM_H) / 2, k};
            k++;
        }
        for (size_t j = l->irq_first[i]; j < l->irq_first[i + 1]; j++) {
            set_box(&l->irq[j], IRQ_W, IRQ_H);
            it[k] = (struct side_item){&l->irq[j], pd->y + (PD_H - IRQ_H) / 2, k};
            k++;
        }
    }
    int bottom = stack_side(it, k, x);
    free(it);
    return bottom;
}

/* The middle of the PDs (and VMs) that map region `mr`, as a desired top; -1: none. */
static int mr_wish(const struct system *sys, const struct view_layout *l, int mr)
{
    long sum = 0, count = 0;
    for (size_t i = 0; i < sys->pds.count; i++) {
        const struct pd *pd = &sys->pds.items[i];
        bool maps = false;
        for (size_t j = 0; j < pd->maps.count; j++) {
            maps |= pd->maps.items[j].mr == mr;
        }
        for (size_t j = 0; pd->vm && j < pd->vm->maps.count; j++) {
            maps |= pd->vm->maps.items[j].mr == mr;
        }
        if (maps) {
            sum += l->pd[i].y + PD_H / 2;
            count++;
        }
    }
    return count ? (int)(sum / count) - MR_H / 2 : -1;
}

static int place_right(const struct system *sys, struct view_layout *l, int x, int bottom_rows)
{
    size_t n = sys->mrs.count;
    struct side_item *it = xcalloc(n + 1, sizeof(*it));
    for (size_t i = 0; i < n; i++) {
        set_box(&l->mr[i], MR_W, MR_H);
        int want = mr_wish(sys, l, (int)i);
        it[i] = (struct side_item){&l->mr[i], want < 0 ? bottom_rows : want, i};
    }
    int bottom = stack_side(it, n, x);
    free(it);
    return bottom;
}

static void alloc_layout(const struct system *sys, struct view_layout *l)
{
    size_t n = sys->pds.count;
    memset(l, 0, sizeof(*l));
    l->pd = xcalloc(n + 1, sizeof(*l->pd));
    l->vm = xcalloc(n + 1, sizeof(*l->vm));
    l->mr = xcalloc(sys->mrs.count + 1, sizeof(*l->mr));
    l->irq_first = xcalloc(n + 1, sizeof(*l->irq_first));
    for (size_t i = 0; i < n; i++) {
        l->irq_first[i + 1] = l->irq_first[i] + sys->pds.items[i].irqs.count;
    }
    l->irq = xcalloc(l->irq_first[n] + 1, sizeof(*l->irq));
}

static bool has_left(const struct system *sys)
{
    for (size_t i = 0; i < sys->pds.count; i++) {
        if (sys->pds.items[i].vm || sys->pds.items[i].irqs.count) {
            return true;
        }
    }
    return false;
}

static int max_int(int a, int b)
{
    return a > b ? a : b;
}

void view_layout(const struct system *sys, struct view_layout *l)
{
    size_t n = sys->pds.count;
    alloc_layout(sys, l);
    int *row = xcalloc(n + 1, sizeof(int)), *col = xcalloc(n + 1, sizeof(int));
    size_t *row_len = xcalloc(n + 1, sizeof(size_t)), widest = 1;
    size_t rows = place_rows(sys, row, col, row_len);
    for (size_t r = 0; r < rows; r++) {
        widest = row_len[r] > widest ? row_len[r] : widest;
    }
    int left = has_left(sys) ? MARGIN + VM_W + SIDE_GAP : MARGIN;
    int grid_w = (int)widest * (PD_W + GAP_X) - GAP_X;
    for (size_t i = 0; i < n; i++) {
        int shift = (int)(widest - row_len[row[i]]) * (PD_W + GAP_X) / 2;
        l->pd[i] = (struct vl_box){left + shift + col[i] * (PD_W + GAP_X),
                                   TOP + row[i] * (PD_H + GAP_Y), PD_W, PD_H};
    }
    int bottom = TOP + (int)rows * (PD_H + GAP_Y) - GAP_Y;
    int side = place_left(sys, l, MARGIN);
    int right_x = left + grid_w + SIDE_GAP;
    int mrs = place_right(sys, l, right_x, bottom + GAP_Y);
    /* Room on the right for edges bent around the PDs in their way. */
    l->width = (sys->mrs.count ? right_x + MR_W : left + grid_w + 2 * SIDE_GAP) + MARGIN;
    l->height = max_int(max_int(bottom, side), mrs) + MARGIN;
    free(row);
    free(col);
    free(row_len);
}

void view_layout_free(struct view_layout *l)
{
    free(l->pd);
    free(l->vm);
    free(l->mr);
    free(l->irq);
    free(l->irq_first);
    memset(l, 0, sizeof(*l));
}
