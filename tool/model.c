/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdlib.h>
#include <string.h>

#include "hashmap.h"
#include "model.h"
#include "util.h"

struct system_index {
    struct hashmap pds;
    struct hashmap mrs;
    size_t npds; /* counts when built: a changed count makes the index stale */
    size_t nmrs;
};

static void free_maps(struct map *maps, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(maps[i].mr_name);
    }
    free(maps);
}

static void free_pd(struct pd *pd)
{
    free(pd->name);
    free(pd->program_image);
    free(pd->program_symbols);
    free_maps(pd->maps.items, pd->maps.count);
    free(pd->irqs.items);
    for (size_t i = 0; i < pd->setvars.count; i++) {
        free(pd->setvars.items[i].symbol);
        free(pd->setvars.items[i].mr_name);
    }
    free(pd->setvars.items);
    for (size_t i = 0; i < pd->caps.count; i++) {
        free(pd->caps.items[i].pd_name);
    }
    free(pd->caps.items);
    free(pd->domain_name);
    if (pd->vm) {
        free(pd->vm->name);
        free(pd->vm->vcpus.items);
        free_maps(pd->vm->maps.items, pd->vm->maps.count);
        free(pd->vm);
    }
}

static void free_domains(struct domains *ds)
{
    for (size_t i = 0; i < ds->list.count; i++) {
        free(ds->list.items[i].name);
    }
    free(ds->list.items);
    for (size_t i = 0; i < ds->schedule.count; i++) {
        free(ds->schedule.items[i].domain_name);
    }
    free(ds->schedule.items);
}

static void index_free(struct system *sys)
{
    if (sys->index) {
        hashmap_free(&sys->index->pds);
        hashmap_free(&sys->index->mrs);
        free(sys->index);
        sys->index = NULL;
    }
}

void system_free(struct system *sys)
{
    index_free(sys);
    for (size_t i = 0; i < sys->pds.count; i++) {
        free_pd(&sys->pds.items[i]);
    }
    free(sys->pds.items);
    for (size_t i = 0; i < sys->mrs.count; i++) {
        free(sys->mrs.items[i].name);
        free(sys->mrs.items[i].prefill_path);
    }
    free(sys->mrs.items);
    for (size_t i = 0; i < sys->channels.count; i++) {
        for (int k = 0; k < 2; k++) {
            free(sys->channels.items[i].end[k].pd_name);
            free(sys->channels.items[i].end[k].setvar_id);
        }
    }
    free(sys->channels.items);
    free_domains(&sys->domains);
    memset(sys, 0, sizeof(*sys));
}

void system_index_build(struct system *sys)
{
    index_free(sys);
    struct system_index *ix = xcalloc(1, sizeof(*ix));
    for (size_t i = 0; i < sys->pds.count; i++) {
        if (sys->pds.items[i].name) {
            hashmap_put_str(&ix->pds, sys->pds.items[i].name, (int)i);
        }
    }
    for (size_t i = 0; i < sys->mrs.count; i++) {
        if (sys->mrs.items[i].name) {
            hashmap_put_str(&ix->mrs, sys->mrs.items[i].name, (int)i);
        }
    }
    ix->npds = sys->pds.count;
    ix->nmrs = sys->mrs.count;
    sys->index = ix;
}

int system_find_pd(const struct system *sys, const char *name)
{
    if (sys->index && sys->index->npds == sys->pds.count) {
        return hashmap_get_str(&sys->index->pds, name);
    }
    for (size_t i = 0; i < sys->pds.count; i++) {
        if (sys->pds.items[i].name && !strcmp(sys->pds.items[i].name, name)) {
            return (int)i;
        }
    }
    return -1;
}

int system_find_mr(const struct system *sys, const char *name)
{
    if (sys->index && sys->index->nmrs == sys->mrs.count) {
        return hashmap_get_str(&sys->index->mrs, name);
    }
    for (size_t i = 0; i < sys->mrs.count; i++) {
        if (sys->mrs.items[i].name && !strcmp(sys->mrs.items[i].name, name)) {
            return (int)i;
        }
    }
    return -1;
}
