/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The page of `microkit view` (view.h): the graph (view_svg.c), the details
 * (view_details.c), the memory bars (view_mem.c) and the diagnostics, with
 * the page's style and its small script inline.
 *
 * A diagnostic names the element that starts last at or before its
 * position: checks report at the element (or an attribute of it) they are
 * about, and the maps, IRQs and ends inside an element count as the PD or
 * channel they belong to.
 */
#include <stdlib.h>
#include <string.h>

#include "sysinfo.h"
#include "sysload.h"
#include "util.h"
#include "view_internal.h"

struct anchor {
    int line, col;
    char ref[24];
};

typedef VEC(struct anchor) anchor_vec;

static void add_anchor(anchor_vec *v, const struct srcpos *pos, const char *kind, size_t i)
{
    if (pos->line <= 0) {
        return;
    }
    struct anchor *a = VEC_PUSH(*v);
    a->line = pos->line;
    a->col = pos->col;
    snprintf(a->ref, sizeof(a->ref), "%s%zu", kind, i);
}

static void pd_anchors(anchor_vec *v, const struct pd *pd, size_t i)
{
    add_anchor(v, &pd->pos, "pd", i);
    add_anchor(v, &pd->program_pos, "pd", i);
    for (size_t j = 0; j < pd->maps.count; j++) {
        add_anchor(v, &pd->maps.items[j].pos, "pd", i);
    }
    for (size_t j = 0; j < pd->irqs.count; j++) {
        add_anchor(v, &pd->irqs.items[j].pos, "pd", i);
    }
    for (size_t j = 0; j < pd->setvars.count; j++) {
        add_anchor(v, &pd->setvars.items[j].pos, "pd", i);
    }
    for (size_t j = 0; j < pd->caps.count; j++) {
        add_anchor(v, &pd->caps.items[j].pos, "pd", i);
    }
    if (pd->vm) {
        add_anchor(v, &pd->vm->pos, "pd", i);
        for (size_t j = 0; j < pd->vm->maps.count; j++) {
            add_anchor(v, &pd->vm->maps.items[j].pos, "pd", i);
        }
    }
}

static int cmp_anchor(const void *a, const void *b)
{
    const struct anchor *x = a, *y = b;
    if (x->line != y->line) {
        return x->line < y->line ? -1 : 1;
    }
    return (x->col > y->col) - (x->col < y->col);
}

static void collect_anchors(const struct system *sys, anchor_vec *v)
{
    for (size_t i = 0; i < sys->pds.count; i++) {
        pd_anchors(v, &sys->pds.items[i], i);
    }
    for (size_t i = 0; i < sys->mrs.count; i++) {
        add_anchor(v, &sys->mrs.items[i].pos, "mr", i);
    }
    for (size_t i = 0; i < sys->channels.count; i++) {
        const struct channel *c = &sys->channels.items[i];
        if (graph_channel_drawn(c)) {
            add_anchor(v, &c->pos, "ch", i);
            add_anchor(v, &c->end[0].pos, "ch", i);
            add_anchor(v, &c->end[1].pos, "ch", i);
        }
    }
    /* Elements that are not drawn end the reach of the one before them. */
    if (sys->domains.present) {
        struct anchor *a = VEC_PUSH(*v);
        *a = (struct anchor){sys->domains.pos.line, sys->domains.pos.col, ""};
    }
    if (v->count) {
        xsort(v->items, v->count, sizeof(*v->items), cmp_anchor);
    }
}

/* The element that starts last at or before `pos`, or "". */
static const char *find_anchor(const struct anchor *a, size_t n, const struct srcpos *pos)
{
    const char *ref = "";
    for (size_t i = 0; i < n; i++) {
        if (a[i].line > pos->line || (a[i].line == pos->line && a[i].col > pos->col)) {
            break;
        }
        ref = a[i].ref;
    }
    return ref;
}

/* links[i]: the element diagnostic i names; marks: the worst severity per element. */
static struct view_link *link_diags(const struct view_in *in, struct view_marks *m)
{
    const struct system *sys = in->sys;
    anchor_vec v = {0};
    collect_anchors(sys, &v);
    struct view_link *links = xcalloc(in->ndiags + 1, sizeof(*links));
    for (size_t i = 0; i < in->ndiags; i++) {
        const struct diag_entry *e = &in->diags[i];
        if (!e->pos.file || !sys->file || strcmp(e->pos.file, sys->file)) {
            continue;
        }
        snprintf(links[i].ref, sizeof(links[i].ref), "%s", find_anchor(v.items, v.count, &e->pos));
        unsigned char sev = e->severity == SEV_ERROR ? 2 : e->severity == SEV_WARNING ? 1 : 0;
        unsigned char *mark = NULL;
        size_t k = strtoul(links[i].ref + 2, NULL, 10);
        if (!strncmp(links[i].ref, "pd", 2)) {
            mark = &m->pd[k];
        } else if (!strncmp(links[i].ref, "mr", 2)) {
            mark = &m->mr[k];
        } else if (!strncmp(links[i].ref, "ch", 2)) {
            mark = &m->ch[k];
        }
        if (mark && *mark < sev) {
            *mark = sev;
        }
    }
    free(v.items);
    return links;
}

static const char style[] =
    "body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#222;background:#fafafa}"
    "header{padding:8px 16px;background:#2d3e50;color:#fff}header h1{font-size:18px;margin:0}"
    "header p{margin:2px 0 0}main{display:flex;gap:12px;padding:12px;align-items:flex-start}"
    "#canvas{flex:1 1 auto;overflow:auto;background:#fff;border:1px solid #ccc}"
    "#graph{max-width:100%;height:auto}"
    "aside{flex:0 0 540px;max-height:92vh;overflow:auto;background:#fff;border:1px solid #ccc;"
    "padding:0 12px}"
    "h2{font-size:16px}h3{font-size:14px;margin:12px 0 4px}"
    "table{border-collapse:collapse;font-size:12px;margin-bottom:6px}"
    "td,th{border:1px solid #ddd;padding:1px 5px;text-align:left}"
    "table.facts th{background:#f3f3f3}"
    ".node rect{fill:#fff;stroke:#333;stroke-width:1.4}.node{cursor:pointer}"
    ".node text{font-size:11px;text-anchor:middle;pointer-events:none}"
    ".node text.name{font-weight:bold;font-size:12px}"
    ".pd rect{fill:#e8f1fb}.pd.passive rect{stroke-dasharray:5 3}.mr rect{fill:#fdf5e2}"
    ".irq rect{fill:#eef7ea}.vm rect{fill:#f1ecf8}"
    ".node.warn rect{stroke:#e08000;stroke-width:2.2}.node.bad rect{stroke:#d00;stroke-width:2.4}"
    ".node.sel rect{stroke:#06c;stroke-width:3.5}"
    ".edge path{fill:none;stroke:#333;stroke-width:1.3}.edge.pp path{stroke-width:2.4}"
    ".edge.map path{stroke:#999}.edge.vm path,.edge.child path{stroke:#666;stroke-dasharray:2 3}"
    ".edge.cap path{stroke:#888;stroke-dasharray:6 3}.edge.irq path{stroke:#4a4}"
    ".edge.warn path{stroke:#e08000}.edge.bad path{stroke:#d00}.edge.map.bad path{stroke:#d00}"
    ".edge.ch{cursor:pointer}.edge "
    "path.hit{stroke:transparent;stroke-width:12;stroke-dasharray:none}"
    ".edge.sel path:not(.hit){stroke:#06c}"
    ".edge text{font-size:10px;text-anchor:middle;paint-order:stroke;stroke:#fff;"
    "stroke-width:3px;fill:#333}.edge.bad text.lbl{fill:#d00}"
    ".bar{display:flex;height:26px;border:1px solid #888;margin:4px 0;background:#fff}"
    ".seg{min-width:4px;overflow:hidden;white-space:nowrap;font-size:10px;line-height:26px;"
    "padding:0 2px;border-right:1px solid #fff;color:#222;text-decoration:none}"
    ".seg.gap{flex:0 0 14px;background:repeating-linear-gradient(45deg,#fff,#fff 3px,#ddd 3px,"
    "#ddd 6px)}.seg.free{background:#eef5ee}.seg.map{background:#f7d98b}"
    ".seg.stack{background:#9cc3e6}.seg.ipc{background:#b9a3d6}.seg.elf{background:#a6d49f}"
    ".seg.mr{background:#f0a35e}.range{margin:6px 0}.rlabel{font-size:12px}"
    ".note{font-size:12px;color:#555}.problem{color:#d00;font-weight:bold}"
    "#diags li.error b{color:#d00}#diags li.warning b{color:#e08000}.hint{color:#555}"
    ".diags{padding-left:18px}section.block{padding:0 12px}"
    "li.sel{background:#e6f0ff}";

/* Selects the element named by the fragment; #selftest clicks every node (tests/view). */
static const char script[] =
    "(function(){\n"
    "var testing=location.hash==='#selftest';\n"
    "function $$(q){return Array.prototype.slice.call(document.querySelectorAll(q));}\n"
    "function sel(ref){\n"
    " $$('.details').forEach(function(s){s.hidden=true;});\n"
    " $$('.sel').forEach(function(e){e.classList.remove('sel');});\n"
    " var d=document.getElementById('d-'+ref)||document.getElementById('d-none');\n"
    " d.hidden=false;\n"
    " var n=document.getElementById('n-'+ref);if(n){n.classList.add('sel');}\n"
    " return d;\n"
    "}\n"
    "function pick(e){sel(e.dataset.ref);\n"
    " if(!testing){history.replaceState(null,'','#'+e.dataset.ref);}}\n"
    "$$('[data-ref]').forEach(function(e){\n"
    " e.addEventListener('click',function(){pick(e);});\n"
    " e.addEventListener('keydown',function(k){if(k.key==='Enter'){pick(e);}});});\n"
    "function fromHash(){var h=location.hash.slice(1);if(h&&!testing){sel(h);}}\n"
    "window.addEventListener('hashchange',fromHash);fromHash();\n"
    "if(!testing){return;}\n"
    "var out=[],bad=0;\n"
    "$$('#graph .node, #graph .edge.ch').forEach(function(n){\n"
    " n.dispatchEvent(new MouseEvent('click',{bubbles:true}));\n"
    " var d=document.getElementById('d-'+n.dataset.ref),t=n.querySelector('title').textContent;\n"
    " var m=document.getElementById('n-'+n.dataset.ref);\n"
    " var ok=d&&!d.hidden&&m&&m.classList.contains('sel');\n"
    " if(n.classList.contains('pd')){ok=ok&&d.querySelector('h2').textContent.indexOf(t)>=0;}\n"
    " if(!ok){bad++;}out.push((ok?'ok ':'FAIL ')+n.dataset.ref+' '+t);\n"
    "});\n"
    "(window.viewErrors||[]).forEach(function(e){bad++;out.push('ERROR '+e);});\n"
    "out.push(bad?'SELFTEST FAILED '+bad:'SELFTEST PASSED');\n"
    "var p=document.getElementById('selftest');p.textContent=out.join('\\n');p.hidden=false;\n"
    "})();\n";

/* The SDF's file name without its folders. */
static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static void put_head(FILE *f, const struct system *sys)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>", f);
    view_text(f, base_name(sys->file));
    fputs(" - microkit view</title>\n<style>", f);
    fputs(style, f);
    fputs("</style>\n<script>window.viewErrors=[];window.addEventListener('error',function(e){"
          "window.viewErrors.push(String(e.message));});</script>\n</head><body>\n",
          f);
}

struct diag_counts {
    size_t errors, warnings;
};

static void put_header(FILE *f, const struct view_in *in, const struct diag_counts *c)
{
    const struct system *sys = in->sys;
    fputs("<header><h1>", f);
    view_text(f, base_name(sys->file));
    fprintf(f, "</h1><p>%zu protection domains, %zu memory regions, %zu channels", sys->pds.count,
            sys->mrs.count, sys->channels.count);
    if (in->board) {
        fputs("; board ", f);
        view_text(f, in->board->name);
    }
    fprintf(f,
            "; <a href=\"#diags\" style=\"color:#fff\">%zu errors, %zu warnings</a></p></header>\n",
            c->errors, c->warnings);
}

static const char legend[] =
    "<section class=\"details\" id=\"d-none\"><h2>Select an element</h2>"
    "<p>Click a protection domain, memory region or channel to see its details here; "
    "the page's address (#pd0, #mr1, #ch2) selects one too.</p>"
    "<p>PDs stand in rows by priority, the highest on top. On a channel an open arrow means "
    "the other end may notify this one, a filled arrow and a thick line a protected call "
    "(pp); the small numbers are the channel ids at each end. Memory regions are on the right, "
    "each map labelled with its perms; IRQs and virtual machines on the left. Dotted: a child "
    "PD; dashed grey: a <code>&lt;cspace&gt;</code> cap.</p>"
    "<p>Red: a protected call to a PD of equal or lower priority, a channel neither end can "
    "notify or call over, a region two PDs map writable, or an element with an error; orange: "
    "one with a warning.</p></section>\n";

static void put_diags(FILE *f, const struct view_in *in, const struct view_link *links)
{
    fputs("<section class=\"block\" id=\"diags\"><h2>Diagnostics</h2>", f);
    if (!in->ndiags) {
        fputs("<p>none: the system is valid</p>", f);
    } else {
        fputs("<ol class=\"diags\">", f);
        for (size_t i = 0; i < in->ndiags; i++) {
            view_diag_item(f, &in->diags[i], links[i].ref);
        }
        fputs("</ol>", f);
    }
    fputs("</section>\n", f);
}

static void put_body(FILE *f, const struct view_in *in, const struct graph *g,
                     const struct view_marks *m, const struct view_link *links)
{
    struct view_layout l;
    struct sysinfo si;
    struct diag_counts c = {0};
    for (size_t i = 0; i < in->ndiags; i++) {
        c.errors += in->diags[i].severity == SEV_ERROR;
        c.warnings += in->diags[i].severity == SEV_WARNING;
    }
    put_header(f, in, &c);
    view_layout(in->sys, &l);
    const struct sysinfo *facts = in->si;
    if (!facts) {
        sysinfo_build(in->sys, &si);
        facts = &si;
    }
    fputs("<main><div id=\"canvas\">\n", f);
    view_svg(f, g, &l, m);
    fputs("</div><aside id=\"details\">\n", f);
    fputs(legend, f);
    view_details(f, in, g, facts, links);
    fputs("</aside></main>\n<section class=\"block\" id=\"phys\"><h2>Physical memory</h2>\n", f);
    if (in->board) {
        view_phys(f, in->sys, in->board, in->si);
    } else {
        fputs("<p class=\"note\">Give --board to see the board's memory.</p>\n", f);
    }
    fputs("</section>\n", f);
    put_diags(f, in, links);
    if (!in->si) {
        sysinfo_free(&si);
    }
    view_layout_free(&l);
}

char *view_html(const struct view_in *in, size_t *len)
{
    const struct system *sys = in->sys;
    struct graph g;
    graph_analyse(sys, &g);
    struct view_marks m = {xcalloc(sys->pds.count + 1, 1), xcalloc(sys->mrs.count + 1, 1),
                           xcalloc(sys->channels.count + 1, 1)};
    struct view_link *links = link_diags(in, &m);
    char *out = NULL;
    FILE *f = open_memstream(&out, len);
    if (!f) {
        abort();
    }
    put_head(f, sys);
    put_body(f, in, &g, &m, links);
    fputs("<pre id=\"selftest\" hidden></pre>\n<script>", f);
    fputs(script, f);
    fputs("</script>\n</body></html>\n", f);
    fclose(f);
    free(links);
    free(m.pd);
    free(m.mr);
    free(m.ch);
    graph_free(&g);
    return out;
}

char *view_of_build(const struct system *sys, const struct board *board, const struct sysinfo *si,
                    const struct diag *d)
{
    struct diag_entry *sorted = sysload_sorted(d);
    struct view_in in = {
        .sys = sys, .si = si, .board = board, .diags = sorted, .ndiags = d->entries.count};
    size_t len;
    char *html = view_html(&in, &len);
    free(sorted);
    return html;
}
