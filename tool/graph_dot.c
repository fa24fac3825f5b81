/* SPDX-License-Identifier: BSD-2-Clause */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph_dot.h"
#include "util.h"

#define RED "color=red, fontcolor=red"

/* A DOT string: `s` between quotes, with '"' and '\' escaped. */
static void put_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') {
            fputc('\\', f);
        }
        if (*s == '\n') {
            fputs("\\n", f);
        } else {
            fputc(*s, f);
        }
    }
    fputc('"', f);
}

static void put_label(FILE *f, const char *label)
{
    fputs("label=", f);
    put_str(f, label);
}

static char *pd_label(const struct pd *pd)
{
    char *s =
        xasprintf("%s\npriority %" PRIu64 "%s\nbudget %" PRIu64 " us, period %" PRIu64 " us",
                  pd->name, pd->priority, pd->passive ? ", passive" : "", pd->budget, pd->period);
    if (pd->domain_name) {
        char *t = xasprintf("%s\ndomain %s", s, pd->domain_name);
        free(s);
        s = t;
    }
    if (pd->cpu) {
        char *t = xasprintf("%s\ncpu %" PRIu64, s, pd->cpu);
        free(s);
        s = t;
    }
    return s;
}

static void put_vm(FILE *f, size_t i, const struct vm *vm)
{
    char *label = xasprintf("vm %s\npriority %" PRIu64 "\n%zu vcpu%s", vm->name, vm->priority,
                            vm->vcpus.count, vm->vcpus.count == 1 ? "" : "s");
    fprintf(f, "    vm%zu [shape=box3d, ", i);
    put_label(f, label);
    fprintf(f, "];\n    pd%zu -> vm%zu [style=dotted, arrowhead=none, label=\"vm\"];\n", i, i);
    free(label);
}

static void put_pds(FILE *f, const struct system *sys)
{
    fputs("\n    // protection domains\n", f);
    for (size_t i = 0; i < sys->pds.count; i++) {
        const struct pd *pd = &sys->pds.items[i];
        char *label = pd_label(pd);
        fprintf(f, "    pd%zu [shape=box, style=\"rounded%s\", ", i, pd->passive ? ",dashed" : "");
        put_label(f, label);
        fputs("];\n", f);
        free(label);
        if (pd->vm) {
            put_vm(f, i, pd->vm);
        }
    }
}

static void put_mrs(FILE *f, const struct graph *g)
{
    const struct system *sys = g->sys;
    if (sys->mrs.count) {
        fputs("\n    // memory regions\n", f);
    }
    for (size_t i = 0; i < sys->mrs.count; i++) {
        const struct mr *mr = &sys->mrs.items[i];
        char phys[40] = "";
        if (mr->has_phys) {
            snprintf(phys, sizeof(phys), "\nphys 0x%" PRIx64, mr->phys_addr);
        }
        char *label = xasprintf("%s\n0x%" PRIx64 " bytes%s%s", mr->name, mr->size, phys,
                                g->mr[i] ? "\nwritten by 2 or more" : "");
        fprintf(f, "    mr%zu [shape=cylinder, ", i);
        put_label(f, label);
        fprintf(f, "%s];\n", g->mr[i] ? ", " RED : "");
        free(label);
    }
}

static void put_irqs(FILE *f, const struct system *sys)
{
    bool first = true;
    for (size_t i = 0; i < sys->pds.count; i++) {
        const struct pd *pd = &sys->pds.items[i];
        for (size_t j = 0; j < pd->irqs.count; j++) {
            if (first) {
                fputs("\n    // irqs\n", f);
                first = false;
            }
            const struct irq *q = &pd->irqs.items[j];
            fprintf(f,
                    "    irq%zu_%zu [shape=diamond, label=\"irq %" PRIu64 "\\n%s\"];\n"
                    "    irq%zu_%zu -> pd%zu [headlabel=\"%" PRId64 "\"];\n",
                    i, j, q->irq, q->trigger == IRQ_EDGE ? "edge" : "level", i, j, i, q->id);
        }
    }
}

static void put_children(FILE *f, const struct system *sys)
{
    for (size_t i = 0; i < sys->pds.count; i++) {
        const struct pd *pd = &sys->pds.items[i];
        if (pd->parent >= 0) {
            fprintf(f,
                    "    pd%d -> pd%zu [style=dotted, arrowhead=empty, label=\"child %" PRId64
                    "\"];\n",
                    pd->parent, i, pd->id);
        }
    }
}

/* The arrow at the end that `from` reaches: filled when it calls, open when it notifies. */
static const char *arrow(const struct channel_end *from)
{
    if (from->pp && from->notify) {
        return "normalvee";
    }
    if (from->pp) {
        return "normal";
    }
    return from->notify ? "vee" : "none";
}

static void put_channel(FILE *f, const struct system *sys, const struct channel *c,
                        unsigned problems)
{
    int a = graph_caller(c) == 1 ? 1 : 0;
    const struct channel_end *t = &c->end[a], *h = &c->end[!a];
    fprintf(f, "    pd%d -> pd%d [dir=both, arrowhead=%s, arrowtail=%s, ", t->pd, h->pd, arrow(t),
            arrow(h));
    fprintf(f, "taillabel=\"%" PRId64 "\", headlabel=\"%" PRId64 "\"", t->id, h->id);
    if (t->pp) {
        fputs(", penwidth=2", f);
    }
    if (problems & GRAPH_PPC_PRIORITY) {
        fprintf(f, ", label=\"call to priority %" PRIu64 " from %" PRIu64 "\\n(not higher)\", " RED,
                sys->pds.items[h->pd].priority, sys->pds.items[t->pd].priority);
    } else if (problems & GRAPH_INERT) {
        fputs(", label=\"inert: no notify, no call\", style=dashed, " RED, f);
    } else if (t->pp) {
        fputs(", label=\"ppc\"", f);
    }
    fputs("];\n", f);
}

static void put_channels(FILE *f, const struct graph *g)
{
    const struct system *sys = g->sys;
    fputs("\n    // channels, then children, maps and caps\n", f);
    for (size_t i = 0; i < sys->channels.count; i++) {
        const struct channel *c = &sys->channels.items[i];
        if (graph_channel_drawn(c)) {
            put_channel(f, sys, c, g->channel[i]);
        }
    }
}

static void put_maps_of(FILE *f, const struct graph *g, const char *owner, size_t i,
                        const struct map *maps, size_t n)
{
    for (size_t j = 0; j < n; j++) {
        const struct map *m = &maps[j];
        char perms[8];
        if (m->mr < 0) {
            continue;
        }
        fprintf(
            f, "    %s%zu -> mr%d [arrowhead=none, label=\"%s%s\", tooltip=\"0x%" PRIx64 "\"%s];\n",
            owner, i, m->mr, graph_perms(m->perms, perms), m->cached ? "" : " uncached", m->vaddr,
            graph_map_flagged(g, m) ? ", " RED : "");
    }
}

static void put_maps(FILE *f, const struct graph *g)
{
    const struct system *sys = g->sys;
    for (size_t i = 0; i < sys->pds.count; i++) {
        const struct pd *pd = &sys->pds.items[i];
        put_maps_of(f, g, "pd", i, pd->maps.items, pd->maps.count);
        if (pd->vm) {
            put_maps_of(f, g, "vm", i, pd->vm->maps.items, pd->vm->maps.count);
        }
    }
}

static const char *const cap_kinds[] = {
    [CAP_SHARE_TCB] = "tcb",
    [CAP_SHARE_SC] = "sc",
    [CAP_SHARE_VSPACE] = "vspace",
};

static void put_caps(FILE *f, const struct system *sys)
{
    for (size_t i = 0; i < sys->pds.count; i++) {
        const struct pd *pd = &sys->pds.items[i];
        for (size_t j = 0; j < pd->caps.count; j++) {
            const struct cap_share *c = &pd->caps.items[j];
            if (c->pd >= 0) {
                fprintf(f,
                        "    pd%zu -> pd%d [style=dashed, color=gray40, fontcolor=gray40, "
                        "label=\"%s cap, slot %" PRIu64 "\"];\n",
                        i, c->pd, cap_kinds[c->kind], c->slot);
            }
        }
    }
}

/* The SDF's file name without its folders, so the text does not depend on where it is. */
static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static void put_header(FILE *f, const struct system *sys)
{
    fputs("// microkit graph: ", f);
    fputs(base_name(sys->file), f);
    fputs("\n// open arrow: the other end can notify; filled arrow and bold line: protected\n"
          "// call (pp); numbers at the ends: channel ids; red: a problem\n"
          "digraph system {\n"
          "    graph [fontname=\"Helvetica\", fontsize=10, labelloc=t, ",
          f);
    put_label(f, base_name(sys->file));
    fputs("];\n"
          "    node [fontname=\"Helvetica\", fontsize=10];\n"
          "    edge [fontname=\"Helvetica\", fontsize=9];\n",
          f);
}

char *graph_dot(const struct graph *g, size_t *len)
{
    char *out = NULL;
    FILE *f = open_memstream(&out, len);
    if (!f) {
        abort();
    }
    put_header(f, g->sys);
    put_pds(f, g->sys);
    put_mrs(f, g);
    put_irqs(f, g->sys);
    put_channels(f, g);
    put_children(f, g->sys);
    put_maps(f, g);
    put_caps(f, g->sys);
    fputs("}\n", f);
    fclose(f);
    return out;
}
