/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdlib.h>
#include <string.h>

#include "graph.h"
#include "util.h"

bool graph_channel_drawn(const struct channel *c)
{
    return c->end[0].pd >= 0 && c->end[1].pd >= 0;
}

int graph_caller(const struct channel *c)
{
    if (c->end[0].pp) {
        return 0;
    }
    return c->end[1].pp ? 1 : -1;
}

static unsigned channel_problems(const struct system *sys, const struct channel *c)
{
    unsigned p = 0;
    int caller = graph_caller(c);
    if (caller >= 0) {
        const struct pd *from = &sys->pds.items[c->end[caller].pd];
        const struct pd *to = &sys->pds.items[c->end[!caller].pd];
        if (to->priority <= from->priority) {
            p |= GRAPH_PPC_PRIORITY;
        }
    } else if (!c->end[0].notify && !c->end[1].notify) {
        p |= GRAPH_INERT;
    }
    return p;
}

/*
 * Count the mappers and writers of each region among `maps`, which belong
 * to one PD or VM: `seen` remembers per region the last owner counted.
 */
static void count_maps(struct graph *g, const struct map *maps, size_t n, unsigned owner,
                       unsigned *seen_map, unsigned *seen_write)
{
    for (size_t i = 0; i < n; i++) {
        int mr = maps[i].mr;
        if (mr < 0) {
            continue;
        }
        if (seen_map[mr] != owner) {
            seen_map[mr] = owner;
            g->mr_mappers[mr]++;
        }
        if ((maps[i].perms & PERM_W) && seen_write[mr] != owner) {
            seen_write[mr] = owner;
            g->mr_writers[mr]++;
        }
    }
}

static void count_regions(const struct system *sys, struct graph *g)
{
    size_t nmr = sys->mrs.count;
    unsigned *seen_map = xcalloc(nmr + 1, sizeof(unsigned));
    unsigned *seen_write = xcalloc(nmr + 1, sizeof(unsigned));
    unsigned owner = 0;
    for (size_t i = 0; i < sys->pds.count; i++) {
        const struct pd *pd = &sys->pds.items[i];
        count_maps(g, pd->maps.items, pd->maps.count, ++owner, seen_map, seen_write);
        if (pd->vm) {
            count_maps(g, pd->vm->maps.items, pd->vm->maps.count, ++owner, seen_map, seen_write);
        }
    }
    for (size_t i = 0; i < nmr; i++) {
        g->mr[i] = g->mr_writers[i] >= 2 ? GRAPH_MULTI_WRITER : 0;
    }
    free(seen_map);
    free(seen_write);
}

void graph_analyse(const struct system *sys, struct graph *g)
{
    memset(g, 0, sizeof(*g));
    g->sys = sys;
    g->channel = xcalloc(sys->channels.count + 1, sizeof(unsigned));
    g->mr = xcalloc(sys->mrs.count + 1, sizeof(unsigned));
    g->mr_writers = xcalloc(sys->mrs.count + 1, sizeof(unsigned));
    g->mr_mappers = xcalloc(sys->mrs.count + 1, sizeof(unsigned));
    for (size_t i = 0; i < sys->channels.count; i++) {
        const struct channel *c = &sys->channels.items[i];
        if (graph_channel_drawn(c)) {
            g->channel[i] = channel_problems(sys, c);
        }
    }
    count_regions(sys, g);
}

void graph_free(struct graph *g)
{
    free(g->channel);
    free(g->mr);
    free(g->mr_writers);
    free(g->mr_mappers);
    memset(g, 0, sizeof(*g));
}

bool graph_map_flagged(const struct graph *g, const struct map *m)
{
    return m->mr >= 0 && (m->perms & PERM_W) && (g->mr[m->mr] & GRAPH_MULTI_WRITER);
}

const char *graph_perms(unsigned perms, char buf[8])
{
    char *p = buf;
    if (perms & PERM_R) {
        *p++ = 'r';
    }
    if (perms & PERM_W) {
        *p++ = 'w';
    }
    if (perms & PERM_X) {
        *p++ = 'x';
    }
    *p = 0;
    return p == buf ? "none" : buf;
}
