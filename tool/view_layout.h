/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Where `microkit view` draws each element of the graph: a simple layered
 * layout, so the page needs no Graphviz. Protection domains stand in rows by
 * priority, the highest on top (a protected call goes upwards), at most
 * VL_ROW_MAX a row, each row centred; IRQs and virtual machines stand in a
 * column on the left next to their PD, memory regions in a column on the
 * right, each near the middle of the PDs that map it. Whole numbers only,
 * so the same system always gives the same picture.
 */
#ifndef TOOL_VIEW_LAYOUT_H
#define TOOL_VIEW_LAYOUT_H

#include <stddef.h>

#include "model.h"

#define VL_ROW_MAX 6

struct vl_box {
    int x, y, w, h; /* top left corner and size; w == 0: not drawn */
};

struct view_layout {
    struct vl_box *pd;  /* per PD */
    struct vl_box *vm;  /* per PD: its virtual machine (w == 0 without one) */
    struct vl_box *mr;  /* per memory region */
    struct vl_box *irq; /* every PD's IRQs, in order: PD i's are irq[irq_first[i] + j] */
    size_t *irq_first;  /* per PD, and one more: the total */
    int width, height;  /* of the whole drawing */
};

void view_layout(const struct system *sys, struct view_layout *l);
void view_layout_free(struct view_layout *l);

#endif /* TOOL_VIEW_LAYOUT_H */
