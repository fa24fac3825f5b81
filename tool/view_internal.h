/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The parts of `microkit view`'s page (view.h): the graph as SVG
 * (view_svg.c), the memory bars (view_mem.c), HTML text (view_html.c).
 * view.c puts them together.
 */
#ifndef TOOL_VIEW_INTERNAL_H
#define TOOL_VIEW_INTERNAL_H

#include <stdint.h>
#include <stdio.h>

#include "board.h"
#include "graph.h"
#include "sysinfo.h"
#include "view.h"
#include "view_layout.h"

/* The worst diagnostic naming each element: 0 none, 1 a warning, 2 an error. */
struct view_marks {
    unsigned char *pd; /* per PD */
    unsigned char *mr; /* per memory region */
    unsigned char *ch; /* per channel */
};

/* The graph as an inline <svg> element. */
void view_svg(FILE *f, const struct graph *g, const struct view_layout *l,
              const struct view_marks *m);

/* One bar segment: [start, start + size), shown with `label`, linking to `ref` when not NULL. */
struct view_seg {
    uint64_t start, size;
    char label[80];
    const char *kind; /* CSS class: "map", "stack", "ipc", "mr", "ram", "dev", ... */
    char ref[24];     /* element id ("mr3"), or "" */
};

/* How a bar sizes its segments. */
enum view_scale {
    VIEW_LINEAR, /* in proportion to the size, free gaps included (to scale) */
    VIEW_SQRT,   /* with the square root of the size; a gap is a fixed mark */
    VIEW_LOG,    /* with the logarithm of the size; a gap is a fixed mark */
};

/* A bar of `segs` (sorted by start, not overlapping). */
void view_bar(FILE *f, const struct view_seg *segs, size_t n, enum view_scale scale);

/* A PD's address space bar, from its facts. */
void view_pd_bar(FILE *f, const struct system *sys, const struct si_pd *sp);

/*
 * The physical memory bars: the board's RAM and device ranges with the
 * regions placed there; from a build (si->built), every range the build
 * gives an owner, with the totals per owner.
 */
void view_phys(FILE *f, const struct system *sys, const struct board *board,
               const struct sysinfo *si);

/* Which element each diagnostic names: its id ("pd0", "mr2", "ch1"), or "" for none. */
struct view_link {
    char ref[24];
};

/* One diagnostic as an <li>, its position a link to `ref` when that is not "". */
void view_diag_item(FILE *f, const struct diag_entry *e, const char *ref);

/* The hidden details sections: one per PD, region and channel (view_details.c). */
void view_details(FILE *f, const struct view_in *in, const struct graph *g,
                  const struct sysinfo *si, const struct view_link *links);

/* `s` as HTML text (& < > " escaped). */
void view_text(FILE *f, const char *s);

#endif /* TOOL_VIEW_INTERNAL_H */
