/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Checks of <cspace> (Microkit 2.3): the PD each cap element names exists,
 * and no two caps of one PD take the same slot of its CSpace root. The
 * parser has checked each slot alone (sdf_elems.c).
 */
#include <stdlib.h>

#include "checks_internal.h"
#include "num.h"
#include "util.h"

static const char *const kind_names[] = {"cap_tcb", "cap_sc", "cap_vspace"};

static const char **all_pd_names(const struct system *sys)
{
    const char **names = xcalloc(sys->pds.count + 1, sizeof(*names));
    size_t n = 0;
    for (size_t i = 0; i < sys->pds.count; i++) {
        if (sys->pds.items[i].name) {
            names[n++] = sys->pds.items[i].name;
        }
    }
    return names;
}

static void resolve_caps(struct system *sys, struct pd *pd, const char **names, struct diag *d)
{
    for (size_t i = 0; i < pd->caps.count; i++) {
        struct cap_share *c = &pd->caps.items[i];
        c->pd = system_find_pd(sys, c->pd_name);
        if (c->pd < 0) {
            const char *near = closest_name(c->pd_name, names);
            char *hint = near ? xasprintf("did you mean '%s'?", near) : NULL;
            rule_report(d, R_CSPACE_PD_UNKNOWN, &c->pos, hint, kind_names[c->kind], c->pd_name);
            free(hint);
        }
    }
}

void check_cspace_resolved(struct system *sys, const struct board *board, struct diag *d)
{
    (void)board;
    const char **names = NULL;
    for (size_t p = 0; p < sys->pds.count; p++) {
        struct pd *pd = &sys->pds.items[p];
        if (pd->caps.count && !names) {
            names = all_pd_names(sys);
        }
        resolve_caps(sys, pd, names, d);
    }
    free(names);
}

/* Slots are below 2^SDK_PD_ROOT_CNODE_BITS (the parser made sure): one table per PD. */
static void check_pd_slots(const struct pd *pd, struct diag *d)
{
    const struct cap_share *seen[1u << SDK_PD_ROOT_CNODE_BITS] = {0};
    for (size_t i = 0; i < pd->caps.count; i++) {
        const struct cap_share *c = &pd->caps.items[i];
        const struct cap_share *first = seen[c->slot];
        if (first) {
            rule_report(d, R_CSPACE_SLOT_DUP, &c->pos, NULL, (unsigned long long)c->slot,
                        name_of(pd->name), kind_names[c->kind], kind_names[first->kind],
                        (unsigned long long)first->pos.line);
        } else {
            seen[c->slot] = c;
        }
    }
}

void check_cspace_slots(struct system *sys, const struct board *board, struct diag *d)
{
    (void)board;
    for (size_t p = 0; p < sys->pds.count; p++) {
        check_pd_slots(&sys->pds.items[p], d);
    }
}
