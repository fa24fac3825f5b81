/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * `microkit view`: a system as one self-contained HTML page (no network,
 * no external script or style): the graph as inline SVG laid out by the
 * tool itself (view_layout.h, so Graphviz is not needed), the details of
 * each PD, region and channel (its map with an address space bar, its
 * channels, IRQs, children and cap slots) shown when it is clicked or named
 * by the URL's fragment (#pd0, #mr1, #ch2), a bar of the board's physical
 * memory, and the diagnostics of `check`, each linked to the element it
 * names. From a build (view_in.si), the address space bars hold the
 * program's segments, the caps are those the boot spec places, and the
 * physical memory bar shows every range the build gives an owner. A small
 * inline script selects elements; the fragment #selftest
 * makes it click every node and write the outcome into <pre id="selftest">
 * (tests/view).
 */
#ifndef TOOL_VIEW_H
#define TOOL_VIEW_H

#include <stddef.h>

#include "board.h"
#include "diag.h"
#include "model.h"

struct sysinfo;

struct view_in {
    const struct system *sys;       /* after checks_run */
    const struct sysinfo *si;       /* a build's facts (sysinfo_add_build), or NULL */
    const struct board *board;      /* NULL: no physical memory bar */
    const struct diag_entry *diags; /* sorted by position */
    size_t ndiags;
};

/* The page (malloc'd, NUL-terminated; its length in *len). */
char *view_html(const struct view_in *in, size_t *len);

/*
 * The page of a build (--view FILE): `si` after sysinfo_add_build, with the
 * diagnostics `d` collected (warnings: a build stops at errors). Malloc'd.
 */
char *view_of_build(const struct system *sys, const struct board *board, const struct sysinfo *si,
                    const struct diag *d);

#endif /* TOOL_VIEW_H */
