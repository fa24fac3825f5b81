/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The graph of `microkit view` as SVG, drawn from view_layout.c's boxes.
 * Edges are quadratic curves between box borders, drawn before the nodes,
 * which are opaque; every node and channel carries data-ref, the id of the
 * details the page shows when it is clicked.
 */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "view_internal.h"

struct pt {
    double x, y;
};

static struct pt centre(const struct vl_box *b)
{
    return (struct pt){b->x + b->w / 2.0, b->y + b->h / 2.0};
}

/* Where the ray from b's centre towards `to` leaves the box. */
static struct pt clip(const struct vl_box *b, struct pt to)
{
    struct pt c = centre(b);
    double dx = to.x - c.x, dy = to.y - c.y;
    double sx = dx ? (b->w / 2.0 + 2) / fabs(dx) : INFINITY;
    double sy = dy ? (b->h / 2.0 + 2) / fabs(dy) : INFINITY;
    double s = sx < sy ? sx : sy;
    if (!isfinite(s) || s > 1) {
        return c;
    }
    return (struct pt){c.x + dx * s, c.y + dy * s};
}

/* A point of the quadratic curve p0, k, p1 at t. */
static struct pt on_curve(struct pt p0, struct pt k, struct pt p1, double t)
{
    double u = 1 - t;
    return (struct pt){u * u * p0.x + 2 * u * t * k.x + t * t * p1.x,
                       u * u * p0.y + 2 * u * t * k.y + t * t * p1.y};
}

struct edge {
    struct pt p0, k, p1; /* ends and control point */
};

/* An edge from box a to box b, bent by `bend` pixels to the left of a->b. */
static struct edge route(const struct vl_box *a, const struct vl_box *b, double bend)
{
    struct pt ca = centre(a), cb = centre(b);
    double dx = cb.x - ca.x, dy = cb.y - ca.y, len = sqrt(dx * dx + dy * dy);
    struct pt k = {(ca.x + cb.x) / 2, (ca.y + cb.y) / 2};
    if (len > 0) {
        k.x += dy / len * bend;
        k.y -= dx / len * bend;
    }
    return (struct edge){clip(a, k), k, clip(b, k)};
}

static void put_path(FILE *f, const struct edge *e)
{
    fprintf(f, " d=\"M%.1f %.1fQ%.1f %.1f %.1f %.1f\"", e->p0.x, e->p0.y, e->k.x, e->k.y, e->p1.x,
            e->p1.y);
}

static void put_label_at(FILE *f, struct pt p, const char *cls, const char *text)
{
    fprintf(f, "<text class=\"%s\" x=\"%.1f\" y=\"%.1f\">", cls, p.x, p.y + 3);
    view_text(f, text);
    fputs("</text>", f);
}

/* The arrow at the end that `pp` and `notify` of the other end reach; red ones for problems. */
static const char *marker(bool pp, bool notify, bool bad)
{
    if (pp) {
        return bad ? "url(#callR)" : "url(#call)";
    }
    if (notify) {
        return bad ? "url(#notifyR)" : "url(#notify)";
    }
    return "none";
}

static bool inside(const struct vl_box *b, struct pt p)
{
    return p.x > b->x - 4 && p.x < b->x + b->w + 4 && p.y > b->y - 4 && p.y < b->y + b->h + 4;
}

/* True when the edge from box a to box b bent by `bend` runs through a PD other than pa, pb. */
static bool crosses(const struct graph *g, const struct view_layout *l, const struct vl_box *a,
                    const struct vl_box *b, int pa, int pb, double bend)
{
    struct edge e = route(a, b, bend);
    for (size_t i = 0; i < g->sys->pds.count; i++) {
        if ((int)i == pa || (int)i == pb) {
            continue;
        }
        for (int t = 1; t < 16; t++) {
            if (inside(&l->pd[i], on_curve(e.p0, e.k, e.p1, t / 16.0))) {
                return true;
            }
        }
    }
    return false;
}

/* `bend`, or the first of a few larger ones either way that keeps the edge clear of other PDs. */
static double clear_bend(const struct graph *g, const struct view_layout *l, const struct vl_box *a,
                         const struct vl_box *b, int pa, int pb, double bend)
{
    static const double tries[] = {0, 110, -110, 200, -200};
    for (size_t i = 0; i < sizeof(tries) / sizeof(tries[0]); i++) {
        if (!crosses(g, l, a, b, pa, pb, bend + tries[i])) {
            return bend + tries[i];
        }
    }
    return bend;
}

/*
 * How far an edge between PDs a and b bends: in the same row it arcs
 * upwards; `dup` earlier edges between them push it further out; then the
 * first bend, either way, that keeps it clear of the other PDs.
 */
static double pd_bend(const struct graph *g, const struct view_layout *l, int a, int b, int dup)
{
    const struct vl_box *ba = &l->pd[a], *bb = &l->pd[b];
    double bend = dup * 18.0;
    if (ba->y == bb->y) {
        bend += 30 + abs(ba->x - bb->x) * 0.12;
        bend = ba->x < bb->x ? bend : -bend;
    }
    return clear_bend(g, l, ba, bb, a, b, bend);
}

static double channel_bend(const struct graph *g, const struct view_layout *l, size_t i, int a,
                           int b)
{
    const struct system *sys = g->sys;
    int dup = 0;
    for (size_t j = 0; j < i; j++) {
        const struct channel *c = &sys->channels.items[j];
        dup += (c->end[0].pd == a && c->end[1].pd == b) || (c->end[0].pd == b && c->end[1].pd == a);
    }
    return pd_bend(g, l, a, b, dup);
}

/* A point near the curve at t, `off` pixels to the side, for an end's label. */
static struct pt beside(const struct edge *e, double t, double off)
{
    struct pt p = on_curve(e->p0, e->k, e->p1, t);
    struct pt q = on_curve(e->p0, e->k, e->p1, t + 0.01);
    double dx = q.x - p.x, dy = q.y - p.y, len = sqrt(dx * dx + dy * dy);
    if (len > 0) {
        p.x += dy / len * off;
        p.y -= dx / len * off;
    }
    return p;
}

static void channel_title(FILE *f, const struct system *sys, const struct channel *c)
{
    const struct channel_end *e0 = &c->end[0], *e1 = &c->end[1];
    fputs("<title>channel ", f);
    view_text(f, sys->pds.items[e0->pd].name);
    fprintf(f, " %" PRId64 " - ", e0->id);
    view_text(f, sys->pds.items[e1->pd].name);
    fprintf(f, " %" PRId64 "</title>", e1->id);
}

static void put_channel(FILE *f, const struct graph *g, const struct view_layout *l,
                        const struct view_marks *m, size_t i)
{
    const struct channel *c = &g->sys->channels.items[i];
    const struct channel_end *e0 = &c->end[0], *e1 = &c->end[1];
    struct edge e = route(&l->pd[e0->pd], &l->pd[e1->pd], channel_bend(g, l, i, e0->pd, e1->pd));
    bool bad = g->channel[i] || m->ch[i] == 2;
    fprintf(f, "<g class=\"edge ch%s%s%s\" id=\"n-ch%zu\" data-ref=\"ch%zu\" tabindex=\"0\">",
            bad ? " bad" : "", m->ch[i] == 1 ? " warn" : "", (e0->pp || e1->pp) ? " pp" : "", i, i);
    channel_title(f, g->sys, c);
    fputs("<path class=\"hit\"", f);
    put_path(f, &e);
    fputs("/><path", f);
    put_path(f, &e);
    fprintf(f, " marker-end=\"%s\" marker-start=\"%s\"%s/>", marker(e0->pp, e0->notify, bad),
            marker(e1->pp, e1->notify, bad),
            g->channel[i] & GRAPH_INERT ? " stroke-dasharray=\"5 4\"" : "");
    char id[24];
    snprintf(id, sizeof(id), "%" PRId64, e0->id);
    put_label_at(f, beside(&e, 0.12, 9), "id", id);
    snprintf(id, sizeof(id), "%" PRId64, e1->id);
    put_label_at(f, beside(&e, 0.87, 9), "id", id);
    if (g->channel[i] & GRAPH_PPC_PRIORITY) {
        put_label_at(f, on_curve(e.p0, e.k, e.p1, 0.5), "lbl", "call not to a higher priority");
    } else if (g->channel[i] & GRAPH_INERT) {
        put_label_at(f, on_curve(e.p0, e.k, e.p1, 0.5), "lbl", "inert");
    }
    fputs("</g>\n", f);
}

static void put_maps(FILE *f, const struct graph *g, const struct view_layout *l,
                     const struct vl_box *from, int pd, const struct map *maps, size_t n)
{
    for (size_t j = 0; j < n; j++) {
        const struct map *mp = &maps[j];
        char perms[8];
        if (mp->mr < 0) {
            continue;
        }
        const struct vl_box *to = &l->mr[mp->mr];
        struct edge e = route(from, to, clear_bend(g, l, from, to, pd, -1, 0));
        fprintf(f, "<g class=\"edge map%s\"><path", graph_map_flagged(g, mp) ? " bad" : "");
        put_path(f, &e);
        fputs("/>", f);
        put_label_at(f, on_curve(e.p0, e.k, e.p1, 0.82), "id", graph_perms(mp->perms, perms));
        fputs("</g>\n", f);
    }
}

static void put_links(FILE *f, const struct graph *g, const struct view_layout *l)
{
    const struct system *sys = g->sys;
    for (size_t i = 0; i < sys->pds.count; i++) {
        const struct pd *pd = &sys->pds.items[i];
        put_maps(f, g, l, &l->pd[i], (int)i, pd->maps.items, pd->maps.count);
        if (pd->vm) {
            put_maps(f, g, l, &l->vm[i], -1, pd->vm->maps.items, pd->vm->maps.count);
            struct edge e = route(&l->vm[i], &l->pd[i], 0);
            fputs("<g class=\"edge vm\"><path", f);
            put_path(f, &e);
            fputs("/></g>\n", f);
        }
        for (size_t j = l->irq_first[i]; j < l->irq_first[i + 1]; j++) {
            struct edge e = route(&l->irq[j], &l->pd[i],
                                  clear_bend(g, l, &l->irq[j], &l->pd[i], (int)i, -1, 0));
            char id[24];
            snprintf(id, sizeof(id), "%" PRId64, pd->irqs.items[j - l->irq_first[i]].id);
            fputs("<g class=\"edge irq\"><path", f);
            put_path(f, &e);
            fputs(" marker-end=\"url(#notify)\"/>", f);
            put_label_at(f, on_curve(e.p0, e.k, e.p1, 0.85), "id", id);
            fputs("</g>\n", f);
        }
    }
}

static void put_family(FILE *f, const struct graph *g, const struct view_layout *l)
{
    const struct system *sys = g->sys;
    static const char *const kinds[] = {"tcb cap", "sc cap", "vspace cap"};
    for (size_t i = 0; i < sys->pds.count; i++) {
        const struct pd *pd = &sys->pds.items[i];
        if (pd->parent >= 0) {
            struct edge e =
                route(&l->pd[pd->parent], &l->pd[i], pd_bend(g, l, pd->parent, (int)i, 0) - 14);
            char text[40];
            snprintf(text, sizeof(text), "child %" PRId64, pd->id);
            fputs("<g class=\"edge child\"><path", f);
            put_path(f, &e);
            fputs(" marker-end=\"url(#child)\"/>", f);
            put_label_at(f, on_curve(e.p0, e.k, e.p1, 0.5), "lbl", text);
            fputs("</g>\n", f);
        }
        for (size_t j = 0; j < pd->caps.count; j++) {
            const struct cap_share *c = &pd->caps.items[j];
            if (c->pd < 0) {
                continue;
            }
            struct edge e =
                route(&l->pd[i], &l->pd[c->pd], pd_bend(g, l, (int)i, c->pd, 2 + 2 * (int)j));
            fputs("<g class=\"edge cap\"><path", f);
            put_path(f, &e);
            fputs(" marker-end=\"url(#child)\"/>", f);
            put_label_at(f, on_curve(e.p0, e.k, e.p1, 0.5), "lbl", kinds[c->kind]);
            fputs("</g>\n", f);
        }
    }
}

/* The lines of a node's text, centred in its box. */
static void put_lines(FILE *f, const struct vl_box *b, const char *const *lines, size_t n)
{
    double y = b->y + b->h / 2.0 - (n - 1) * 7.0 + 4;
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "<text x=\"%.1f\" y=\"%.1f\"%s>", b->x + b->w / 2.0, y + 14.0 * i,
                i == 0 ? " class=\"name\"" : "");
        view_text(f, lines[i]);
        fputs("</text>", f);
    }
}

/* A name cut to what fits a box, with an ellipsis. */
static char *fit(const char *name, size_t max)
{
    if (strlen(name) <= max) {
        return xstrdup(name);
    }
    return xasprintf("%.*s\xe2\x80\xa6", (int)max - 1, name);
}

/* A node's group: `id` its own (n-ID), `ref` the details a click shows. */
static void open_node(FILE *f, const char *cls, const char *id, const char *ref, unsigned char mark,
                      const char *title, const struct vl_box *b, int rx)
{
    fprintf(f, "<g class=\"node %s%s\" id=\"n-%s\" data-ref=\"%s\" tabindex=\"0\"><title>", cls,
            mark == 2   ? " bad"
            : mark == 1 ? " warn"
                        : "",
            id, ref);
    view_text(f, title);
    fprintf(f, "</title><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"%d\"/>", b->x, b->y,
            b->w, b->h, rx);
}

static void put_pd(FILE *f, const struct pd *pd, const struct vl_box *b, unsigned char mark,
                   size_t i)
{
    char ref[24], l2[64], l3[80];
    snprintf(ref, sizeof(ref), "pd%zu", i);
    open_node(f, pd->passive ? "pd passive" : "pd", ref, ref, mark, pd->name, b, 8);
    char *name = fit(pd->name, 20);
    snprintf(l2, sizeof(l2), "priority %" PRIu64 "%s", pd->priority,
             pd->passive ? ", passive" : "");
    snprintf(l3, sizeof(l3), "%" PRIu64 " / %" PRIu64 " us", pd->budget, pd->period);
    const char *lines[] = {name, l2, l3};
    put_lines(f, b, lines, 3);
    fputs("</g>\n", f);
    free(name);
}

static void put_side_nodes(FILE *f, const struct system *sys, const struct view_layout *l)
{
    for (size_t i = 0; i < sys->pds.count; i++) {
        const struct pd *pd = &sys->pds.items[i];
        char ref[24], id[48], text[48];
        snprintf(ref, sizeof(ref), "pd%zu", i);
        if (pd->vm) {
            char *name = fit(pd->vm->name, 14);
            snprintf(id, sizeof(id), "vm%zu", i);
            open_node(f, "vm", id, ref, 0, pd->vm->name, &l->vm[i], 2);
            const char *lines[] = {name, "virtual machine"};
            put_lines(f, &l->vm[i], lines, 2);
            fputs("</g>\n", f);
            free(name);
        }
        for (size_t j = 0; j < pd->irqs.count; j++) {
            const struct irq *q = &pd->irqs.items[j];
            snprintf(text, sizeof(text), "irq %" PRIu64, q->irq);
            snprintf(id, sizeof(id), "irq%zu-%zu", i, j);
            open_node(f, "irq", id, ref, 0, text, &l->irq[l->irq_first[i] + j], 16);
            const char *lines[] = {text};
            put_lines(f, &l->irq[l->irq_first[i] + j], lines, 1);
            fputs("</g>\n", f);
        }
    }
}

static void put_mr(FILE *f, const struct graph *g, const struct vl_box *b, unsigned char mark,
                   size_t i)
{
    const struct mr *mr = &g->sys->mrs.items[i];
    char ref[24], size[48];
    snprintf(ref, sizeof(ref), "mr%zu", i);
    open_node(f, g->mr[i] ? "mr multi" : "mr", ref, ref, g->mr[i] ? 2 : mark, mr->name, b, 14);
    char *name = fit(mr->name, 20);
    snprintf(size, sizeof(size), "0x%" PRIx64 " bytes%s", mr->size, mr->has_phys ? ", fixed" : "");
    const char *lines[] = {name, size};
    put_lines(f, b, lines, 2);
    fputs("</g>\n", f);
    free(name);
}

#define MARKER(id, w, orient, shape)                                                               \
    "<marker id=\"" id "\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"" w           \
    "\" markerHeight=\"" w "\" orient=\"" orient "\">" shape "</marker>"
#define VEE(colour)                                                                                \
    "<path d=\"M0 0L10 5L0 10\" fill=\"none\" stroke=\"" colour "\" stroke-width=\"1.6\"/>"
#define TRIANGLE(fill, stroke)                                                                     \
    "<path d=\"M0 0L10 5L0 10z\" fill=\"" fill "\" stroke=\"" stroke "\"/>"

static const char *const markers[] = {
    MARKER("notify", "8", "auto-start-reverse", VEE("#333")),
    MARKER("notifyR", "8", "auto-start-reverse", VEE("#d00")),
    MARKER("call", "9", "auto-start-reverse", TRIANGLE("#333", "#333")),
    MARKER("callR", "9", "auto-start-reverse", TRIANGLE("#d00", "#d00")),
    MARKER("child", "8", "auto", TRIANGLE("white", "#666")),
};

void view_svg(FILE *f, const struct graph *g, const struct view_layout *l,
              const struct view_marks *m)
{
    const struct system *sys = g->sys;
    fprintf(f,
            "<svg id=\"graph\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
            "viewBox=\"0 0 %d %d\" role=\"img\">\n",
            l->width, l->height, l->width, l->height);
    fputs("<defs>", f);
    for (size_t i = 0; i < sizeof(markers) / sizeof(markers[0]); i++) {
        fputs(markers[i], f);
    }
    fputs("</defs>\n", f);
    put_links(f, g, l);
    put_family(f, g, l);
    for (size_t i = 0; i < sys->channels.count; i++) {
        if (graph_channel_drawn(&sys->channels.items[i])) {
            put_channel(f, g, l, m, i);
        }
    }
    put_side_nodes(f, sys, l);
    for (size_t i = 0; i < sys->pds.count; i++) {
        put_pd(f, &sys->pds.items[i], &l->pd[i], m->pd[i], i);
    }
    for (size_t i = 0; i < sys->mrs.count; i++) {
        put_mr(f, g, &l->mr[i], m->mr[i], i);
    }
    fputs("</svg>\n", f);
}
