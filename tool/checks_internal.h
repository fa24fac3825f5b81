/* SPDX-License-Identifier: BSD-2-Clause */
/* The parts of the check stage, shared by checks.c, checks_mem.c and checks_ids.c only. */
#ifndef TOOL_CHECKS_INTERNAL_H
#define TOOL_CHECKS_INTERNAL_H

#include "board.h"
#include "diag.h"
#include "model.h"

/* `name`, or "(unnamed)" when NULL. */
const char *name_of(const char *name);

/* Resolve map.mr, setvar.mr/map and channel_end.pd; report unknown names. */
void checks_resolve(struct system *sys, struct diag *d);
/* Microkit 1.4 syntax: report it and turn the model into the 2.0 form (checks_legacy.c). */
void checks_legacy(struct system *sys, struct diag *d);
/* Memory regions: sizes, page sizes, phys_addr alignment, overlap, board, unused. */
void checks_mrs(struct system *sys, const struct board *board, struct diag *d);
/* Maps: perms, alignment, limit, overlap per address space. */
void checks_maps(struct system *sys, struct diag *d);
/* irq numbers and ids, channel ids and PPCs, setvar symbols. */
void checks_ids(struct system *sys, struct diag *d);
/* Derived: 2 MiB pages where page_size was not given and everything is 2 MiB aligned. */
void checks_page_sizes(struct system *sys);

#endif /* TOOL_CHECKS_INTERNAL_H */
