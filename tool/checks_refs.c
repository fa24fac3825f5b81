/* SPDX-License-Identifier: BSD-2-Clause */
/* Check rules about names that refer to other elements: resolved to indexes here. */
#include <stdlib.h>

#include "checks_internal.h"
#include "num.h"
#include "util.h"

/* Above this many candidates "did you mean" hints are skipped: they cost O(n) each. */
#define HINT_MAX_CANDIDATES 1000

static char *did_you_mean(const char *word, const char **names)
{
    const char *near = names ? closest_name(word, names) : NULL;
    return near ? xasprintf("did you mean '%s'?", near) : NULL;
}

static const char **mr_names(const struct system *sys)
{
    if (sys->mrs.count > HINT_MAX_CANDIDATES) {
        return NULL;
    }
    const char **names = xcalloc(sys->mrs.count + 1, sizeof(*names));
    size_t n = 0;
    for (size_t i = 0; i < sys->mrs.count; i++) {
        if (sys->mrs.items[i].name) {
            names[n++] = sys->mrs.items[i].name;
        }
    }
    return names;
}

static const char **pd_names(const struct system *sys)
{
    const char **names = xcalloc(sys->pds.count + 1, sizeof(*names));
    size_t n = 0;
    for (size_t i = 0; i < sys->pds.count && i < HINT_MAX_CANDIDATES; i++) {
        if (sys->pds.items[i].name) {
            names[n++] = sys->pds.items[i].name;
        }
    }
    return names;
}

static void resolve_maps(struct system *sys, struct map *maps, size_t n, const char **names,
                         struct diag *d)
{
    for (size_t i = 0; i < n; i++) {
        maps[i].mr = system_find_mr(sys, maps[i].mr_name);
        if (maps[i].mr < 0) {
            char *hint = did_you_mean(maps[i].mr_name, names);
            rule_report(d, R_MAP_MR_UNKNOWN, &maps[i].pos, hint, maps[i].mr_name);
            free(hint);
        }
    }
}

static void resolve_setvars(struct system *sys, struct pd *pd, const char **names, struct diag *d)
{
    for (size_t i = 0; i < pd->setvars.count; i++) {
        struct setvar *sv = &pd->setvars.items[i];
        sv->mr = system_find_mr(sys, sv->mr_name);
        if (sv->mr < 0 && sv->kind == SETVAR_REGION_PADDR) {
            /* Map setvars name the map's region, reported with the map already. */
            char *hint = did_you_mean(sv->mr_name, names);
            rule_report(d, R_SETVAR_MR_UNKNOWN, &sv->pos, hint, sv->symbol, sv->mr_name);
            free(hint);
        }
    }
}

void check_regions_resolved(struct system *sys, const struct board *board, struct diag *d)
{
    const char **mrs = mr_names(sys);
    for (size_t i = 0; i < sys->pds.count; i++) {
        struct pd *pd = &sys->pds.items[i];
        resolve_maps(sys, pd->maps.items, pd->maps.count, mrs, d);
        if (pd->vm) {
            resolve_maps(sys, pd->vm->maps.items, pd->vm->maps.count, mrs, d);
        }
        resolve_setvars(sys, pd, mrs, d);
    }
    free(mrs);
}

void check_setvar_prefill(struct system *sys, const struct board *board, struct diag *d)
{
    for (size_t i = 0; i < sys->pds.count; i++) {
        const struct pd *pd = &sys->pds.items[i];
        for (size_t k = 0; k < pd->setvars.count; k++) {
            const struct setvar *sv = &pd->setvars.items[k];
            if (sv->kind == SETVAR_PREFILL_SIZE && !sys->mrs.items[sv->mr].prefill_path) {
                rule_report(d, R_SETVAR_PREFILL_NONE, &sv->pos, NULL, sv->symbol, sv->mr_name);
            }
        }
    }
}

void check_ends_resolved(struct system *sys, const struct board *board, struct diag *d)
{
    const char **pds = pd_names(sys);
    for (size_t i = 0; i < sys->channels.count; i++) {
        for (int e = 0; e < 2; e++) {
            struct channel_end *end = &sys->channels.items[i].end[e];
            end->pd = system_find_pd(sys, end->pd_name);
            if (end->pd < 0) {
                char *hint = did_you_mean(end->pd_name, pds);
                rule_report(d, R_CH_PD_UNKNOWN, &end->pos, hint, end->pd_name);
                free(hint);
            }
        }
    }
    free(pds);
}
