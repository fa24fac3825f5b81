/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The system as a graph, for `microkit graph` (DOT, graph_dot.h) and
 * `microkit view` (HTML, view.h): which PD reaches which over channels,
 * calls and caps, which regions each maps and how, and the problems worth
 * drawing in red:
 *
 *     GRAPH_PPC_PRIORITY  a protected call to a PD of equal or lower
 *                         priority (rule ch-pp-priority)
 *     GRAPH_INERT         a channel neither end can notify or call over:
 *                         Microkit 2.3 accepts it (rule ch-grants-nothing)
 *     GRAPH_MULTI_WRITER  a region that two PDs or VMs map writable
 *                         (allowed, and common for queues: drawn so that
 *                         every such sharing is seen)
 *
 * Reads a system after checks_run (the cross-reference indexes); elements
 * whose references did not resolve (-1) are left out.
 */
#ifndef TOOL_GRAPH_H
#define TOOL_GRAPH_H

#include <stdbool.h>

#include "model.h"

enum graph_problem {
    GRAPH_PPC_PRIORITY = 1,
    GRAPH_INERT = 2,
    GRAPH_MULTI_WRITER = 4,
};

struct graph {
    const struct system *sys;
    unsigned *channel;    /* per channel: enum graph_problem bits */
    unsigned *mr;         /* per memory region: enum graph_problem bits */
    unsigned *mr_writers; /* per memory region: PDs and VMs that map it writable */
    unsigned *mr_mappers; /* per memory region: PDs and VMs that map it */
};

void graph_analyse(const struct system *sys, struct graph *g);
void graph_free(struct graph *g);

/* True when both ends of channel `c` name a PD that resolved. */
bool graph_channel_drawn(const struct channel *c);

/* The end (0 or 1) that makes protected calls over `c`, or -1. */
int graph_caller(const struct channel *c);

/* True when map `m` is a writable map of a region written by two PDs or VMs. */
bool graph_map_flagged(const struct graph *g, const struct map *m);

/* "rwx" letters of `perms` into buf ("none" when there are none). */
const char *graph_perms(unsigned perms, char buf[8]);

#endif /* TOOL_GRAPH_H */
