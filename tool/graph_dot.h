/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * `microkit graph`: the graph (graph.h) as Graphviz DOT, one statement a
 * line in document order, so the same SDF always gives the same text.
 *
 *     pdN     a box per PD: name, priority, budget and period, passive
 *             (dashed), domain and cpu when given
 *     vmN     a 3-D box per virtual machine, dotted to its PD
 *     mrN     a cylinder per memory region: name, size, phys_addr
 *     irqN_M  a diamond per IRQ of PD N, an arrow to it with the IRQ's id
 *
 * A channel is one edge from end 0 to end 1 (from the caller when there is
 * one), the ids at each end as tail and head labels; at each end an open
 * arrow (vee) when the other end can notify it, a filled one (normal) and a
 * bold line when the other end calls it (pp). Maps are edges from the PD to
 * the region labelled with their perms; children hang from their parent by
 * a dotted edge labelled with the child's id; <cspace> caps are grey dashed
 * edges. Problems are red: see graph.h.
 */
#ifndef TOOL_GRAPH_DOT_H
#define TOOL_GRAPH_DOT_H

#include <stddef.h>

#include "graph.h"

/* The DOT text of `g` (malloc'd, NUL-terminated; its length in *len). */
char *graph_dot(const struct graph *g, size_t *len);

#endif /* TOOL_GRAPH_DOT_H */
