/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The details of `microkit view`: a hidden <section id="d-REF"> for every
 * PD, memory region and channel, which the page's script shows when the
 * element is selected. Written from the system facts (sysinfo.h).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "view_internal.h"

static const char *const sev_names[] = {"note", "warning", "error"};

void view_diag_item(FILE *f, const struct diag_entry *e, const char *ref)
{
    fprintf(f, "<li class=\"%s\">", sev_names[e->severity]);
    if (e->pos.file) {
        fprintf(f, "<%s class=\"pos\"%s%s%s>", ref[0] ? "a" : "span", ref[0] ? " href=\"#" : "",
                ref, ref[0] ? "\"" : "");
        view_text(f, e->pos.file);
        fprintf(f, ":%d:%d</%s>: ", e->pos.line, e->pos.col, ref[0] ? "a" : "span");
    }
    fprintf(f, "<b>%s</b>: ", sev_names[e->severity]);
    view_text(f, e->message);
    if (e->rule) {
        fputs(" <code>[", f);
        view_text(f, e->rule);
        fputs("]</code>", f);
    }
    if (e->hint) {
        fputs("<div class=\"hint\">hint: ", f);
        view_text(f, e->hint);
        fputs("</div>", f);
    }
    fputs("</li>\n", f);
}

/* The diagnostics that name `ref`, as a list (nothing when there are none). */
static void element_diags(FILE *f, const struct view_in *in, const struct view_link *links,
                          const char *ref)
{
    bool any = false;
    for (size_t i = 0; i < in->ndiags; i++) {
        if (strcmp(links[i].ref, ref)) {
            continue;
        }
        if (!any) {
            fputs("<h3>Diagnostics</h3><ul class=\"diags\">", f);
            any = true;
        }
        view_diag_item(f, &in->diags[i], ref);
    }
    if (any) {
        fputs("</ul>\n", f);
    }
}

static void pd_link(FILE *f, const struct system *sys, int pd)
{
    fprintf(f, "<a href=\"#pd%d\">", pd);
    view_text(f, sys->pds.items[pd].name);
    fputs("</a>", f);
}

static void fact(FILE *f, const char *name, const char *value)
{
    fprintf(f, "<tr><th>%s</th><td>", name);
    view_text(f, value);
    fputs("</td></tr>", f);
}

static void fact_u64(FILE *f, const char *name, const char *fmt, uint64_t v)
{
    char buf[64];
    snprintf(buf, sizeof(buf), fmt, v);
    fact(f, name, buf);
}

static void pd_facts(FILE *f, const struct system *sys, const struct pd *pd)
{
    fputs("<table class=\"facts\">", f);
    fact_u64(f, "priority", "%" PRIu64, pd->priority);
    fact_u64(f, "budget", "%" PRIu64 " us", pd->budget);
    fact_u64(f, "period", "%" PRIu64 " us", pd->period);
    fact(f, "passive", pd->passive ? "yes" : "no");
    fact_u64(f, "stack", "0x%" PRIx64 " bytes", pd->stack_size);
    fact(f, "program", pd->program_image ? pd->program_image : "(none)");
    if (pd->domain_name) {
        fact(f, "domain", pd->domain_name);
    }
    if (pd->cpu) {
        fact_u64(f, "cpu", "%" PRIu64, pd->cpu);
    }
    if (pd->smc) {
        fact(f, "smc", "yes");
    }
    if (pd->no_fpu) {
        fact(f, "fpu", "no");
    }
    if (pd->parent >= 0) {
        fprintf(f, "<tr><th>parent</th><td>");
        pd_link(f, sys, pd->parent);
        fprintf(f, " (id %" PRId64 ")</td></tr>", pd->id);
    }
    fputs("</table>\n", f);
}

static void vmap_row(FILE *f, const struct system *sys, const struct si_vrange *v)
{
    char perms[4];
    fprintf(f, "<tr><td>0x%" PRIx64 "</td><td>0x%" PRIx64 "</td><td>%s</td><td>", v->vaddr, v->size,
            si_vkind_name(v->kind));
    if (v->mr >= 0) {
        fprintf(f, "<a href=\"#mr%d\">", v->mr);
        view_text(f, sys->mrs.items[v->mr].name);
        fputs("</a>", f);
    }
    fprintf(f, "</td><td>%s</td><td>%s</td><td>0x%" PRIx64 "</td><td>",
            si_perm_text(v->perms, perms), v->cached ? "yes" : "no", v->page_size);
    view_text(f, v->setvar_vaddr ? v->setvar_vaddr : "");
    fputs("</td></tr>\n", f);
}

static void pd_vmap(FILE *f, const struct system *sys, const struct sysinfo *si,
                    const struct si_pd *sp)
{
    fputs("<h3>Address space</h3>", f);
    view_pd_bar(f, sys, sp);
    if (!si->built) {
        fputs("<p class=\"note\">The program's segments start at 0x200000; their sizes come "
              "from the ELF file, which a build reads.</p>\n",
              f);
    }
    fputs("<table><tr><th>vaddr</th><th>size</th><th>what</th><th>region</th><th>perms</th>"
          "<th>cached</th><th>page</th><th>setvar</th></tr>\n",
          f);
    for (size_t i = 0; i < sp->vmap.count; i++) {
        vmap_row(f, sys, &sp->vmap.items[i]);
    }
    fputs("</table>\n", f);
}

static const char *yes(bool b)
{
    return b ? "yes" : "-";
}

static void slot_cell(FILE *f, uint32_t slot)
{
    if (slot == BS_NONE) {
        fputs("<td>-</td>", f);
    } else {
        fprintf(f, "<td>%" PRIu32 "</td>", slot);
    }
}

static void pd_channels(FILE *f, const struct system *sys, const struct si_pd *sp)
{
    if (!sp->channels.count) {
        return;
    }
    fputs("<h3>Channels</h3><table><tr><th>id</th><th>peer</th><th>peer's id</th>"
          "<th>notifies</th><th>calls</th><th>notified</th><th>called</th>"
          "<th>notify slot</th><th>pp slot</th></tr>\n",
          f);
    for (size_t i = 0; i < sp->channels.count; i++) {
        const struct si_channel *c = &sp->channels.items[i];
        fprintf(f, "<tr><td><a href=\"#ch%zu\">%" PRIu64 "</a></td><td>", c->channel, c->id);
        pd_link(f, sys, c->peer);
        fprintf(f, "</td><td>%" PRIu64 "</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>",
                c->peer_id, yes(c->notify), yes(c->pp), yes(c->peer_notify), yes(c->peer_pp));
        slot_cell(f, c->notify_slot);
        slot_cell(f, c->pp_slot);
        fputs("</tr>\n", f);
    }
    fputs("</table>\n", f);
}

static void pd_irqs_children(FILE *f, const struct system *sys, const struct si_pd *sp)
{
    if (sp->irqs.count) {
        fputs("<h3>IRQs</h3><table><tr><th>id</th><th>irq</th><th>trigger</th><th>slot</th></tr>",
              f);
    }
    for (size_t i = 0; i < sp->irqs.count; i++) {
        const struct si_irq *q = &sp->irqs.items[i];
        fprintf(f,
                "<tr><td>%" PRIu64 "</td><td>%" PRIu64 "</td><td>%s</td><td>%" PRIu32 "</td></tr>",
                q->id, q->irq, q->trigger == IRQ_EDGE ? "edge" : "level", q->slot);
    }
    if (sp->irqs.count) {
        fputs("</table>\n", f);
    }
    if (sp->children.count) {
        fputs("<h3>Children</h3><table><tr><th>id</th><th>child</th><th>TCB slot</th></tr>", f);
    }
    for (size_t i = 0; i < sp->children.count; i++) {
        const struct si_child *c = &sp->children.items[i];
        fprintf(f, "<tr><td>%" PRIu64 "</td><td>", c->id);
        pd_link(f, sys, c->pd);
        fprintf(f, "</td><td>%" PRIu32 "</td></tr>", c->slot);
    }
    if (sp->children.count) {
        fputs("</table>\n", f);
    }
}

static void cap_row(FILE *f, uint32_t slot, const char *what, const char *detail)
{
    fprintf(f, "<tr><td>%" PRIu32 "</td><td>%s</td><td>", slot, what);
    view_text(f, detail);
    fputs("</td></tr>", f);
}

/* The caps the SDF gives the PD, by slot of its CNode (the layout's fixed slots). */
static void pd_caps(FILE *f, const struct system *sys, const struct si_pd *sp)
{
    const struct pd *pd = sp->pd;
    fputs("<h3>Caps</h3><table><tr><th>slot</th><th>cap</th><th>to</th></tr>", f);
    cap_row(f, SDK_CAP_INPUT, "input", "its endpoint or notification");
    cap_row(f, SDK_CAP_VSPACE, "vspace", "its address space");
    cap_row(f, SDK_CAP_REPLY, "reply", "its reply object");
    if (pd->passive) {
        cap_row(f, SDK_CAP_MONITOR_EP, "endpoint", "the monitor (passive)");
    }
    if (pd->smc) {
        cap_row(f, SDK_CAP_SMC, "smc", "secure monitor calls");
    }
    for (size_t i = 0; i < sp->channels.count; i++) {
        const struct si_channel *c = &sp->channels.items[i];
        const char *peer = sys->pds.items[c->peer].name;
        if (c->notify_slot != BS_NONE) {
            cap_row(f, c->notify_slot, "notification", peer);
        }
        if (c->pp_slot != BS_NONE) {
            cap_row(f, c->pp_slot, "endpoint (pp)", peer);
        }
    }
    for (size_t i = 0; i < sp->irqs.count; i++) {
        char irq[32];
        snprintf(irq, sizeof(irq), "irq %" PRIu64, sp->irqs.items[i].irq);
        cap_row(f, sp->irqs.items[i].slot, "irq handler", irq);
    }
    for (size_t i = 0; i < sp->children.count; i++) {
        cap_row(f, sp->children.items[i].slot, "tcb",
                sys->pds.items[sp->children.items[i].pd].name);
    }
    for (size_t i = 0; pd->vm && i < pd->vm->vcpus.count; i++) {
        uint32_t id = (uint32_t)pd->vm->vcpus.items[i].id;
        cap_row(f, SDK_CAP_BASE_VM_TCB + id, "tcb", pd->vm->name);
        cap_row(f, SDK_CAP_BASE_VCPU + id, "vcpu", pd->vm->name);
    }
    fputs("</table>\n", f);
    static const char *const kinds[] = {"tcb", "sc", "vspace"};
    if (pd->caps.count) {
        fputs("<p>CSpace root (<code>&lt;cspace&gt;</code>):</p><table><tr><th>slot</th>"
              "<th>cap</th><th>of</th></tr>",
              f);
    }
    for (size_t i = 0; i < pd->caps.count; i++) {
        const struct cap_share *c = &pd->caps.items[i];
        cap_row(f, (uint32_t)c->slot, kinds[c->kind], c->pd_name);
    }
    if (pd->caps.count) {
        fputs("</table>\n", f);
    }
}

static void rights_text(unsigned rights, char buf[8])
{
    char *p = buf;
    *p++ = (rights & BS_RIGHT_READ) ? 'R' : '-';
    *p++ = (rights & BS_RIGHT_WRITE) ? 'W' : '-';
    *p++ = (rights & BS_RIGHT_GRANT) ? 'G' : '-';
    *p++ = (rights & BS_RIGHT_GRANT_REPLY) ? 'g' : '-';
    *p = 0;
}

/* A build's caps: what the boot spec places in the PD's CNode (and CSpace root). */
static void pd_built_caps(FILE *f, const struct si_pd *sp)
{
    fputs("<h3>Caps</h3><p class=\"note\">What the boot spec places, and the SDF element that "
          "grants each.</p><table><tr><th>slot</th><th>object</th><th>rights</th><th>badge</th>"
          "<th>granted by</th></tr>",
          f);
    for (size_t i = 0; i < sp->caps.count; i++) {
        const struct si_cap *c = &sp->caps.items[i];
        char rights[8];
        rights_text(c->rights, rights);
        fprintf(f, "<tr%s><td>%s%" PRIu32 "</td><td>",
                c->grant == SI_GRANT_NONE ? " class=\"problem\"" : "", c->root ? "root " : "",
                c->slot);
        view_text(f, c->object);
        fprintf(f, "</td><td>%s</td><td>0x%" PRIx64 "</td><td>", rights, c->badge);
        view_text(f, c->granted_by ? c->granted_by : "nothing: not granted by the SDF");
        fputs("</td></tr>", f);
    }
    fputs("</table>\n", f);
}

static void pd_section(FILE *f, const struct view_in *in, const struct sysinfo *si,
                       const struct view_link *links, size_t i)
{
    const struct system *sys = in->sys;
    const struct si_pd *sp = &si->pds[i];
    char ref[24];
    snprintf(ref, sizeof(ref), "pd%zu", i);
    fprintf(f, "<section class=\"details\" id=\"d-%s\" hidden><h2>protection domain ", ref);
    view_text(f, sp->pd->name);
    fputs("</h2>\n", f);
    element_diags(f, in, links, ref);
    pd_facts(f, sys, sp->pd);
    pd_vmap(f, sys, si, sp);
    pd_channels(f, sys, sp);
    pd_irqs_children(f, sys, sp);
    if (si->built) {
        pd_built_caps(f, sp);
    } else {
        pd_caps(f, sys, sp);
    }
    fputs("</section>\n", f);
}

static void mr_mappers(FILE *f, const struct system *sys, size_t mr)
{
    char perms[4];
    fputs("<h3>Mapped by</h3><table><tr><th>PD</th><th>vaddr</th><th>perms</th><th>cached</th>"
          "</tr>",
          f);
    for (size_t i = 0; i < sys->pds.count; i++) {
        const struct pd *pd = &sys->pds.items[i];
        for (size_t j = 0; j < pd->maps.count; j++) {
            const struct map *m = &pd->maps.items[j];
            if (m->mr != (int)mr) {
                continue;
            }
            fputs("<tr><td>", f);
            pd_link(f, sys, (int)i);
            fprintf(f, "</td><td>0x%" PRIx64 "</td><td>%s</td><td>%s</td></tr>", m->vaddr,
                    si_perm_text(m->perms, perms), m->cached ? "yes" : "no");
        }
    }
    fputs("</table>\n", f);
}

static void mr_section(FILE *f, const struct view_in *in, const struct graph *g,
                       const struct view_link *links, size_t i)
{
    const struct mr *mr = &in->sys->mrs.items[i];
    char ref[24];
    snprintf(ref, sizeof(ref), "mr%zu", i);
    fprintf(f, "<section class=\"details\" id=\"d-%s\" hidden><h2>memory region ", ref);
    view_text(f, mr->name);
    fputs("</h2>\n", f);
    element_diags(f, in, links, ref);
    if (g->mr[i] & GRAPH_MULTI_WRITER) {
        fprintf(f, "<p class=\"problem\">written by %u PDs or VMs</p>\n", g->mr_writers[i]);
    }
    fputs("<table class=\"facts\">", f);
    fact_u64(f, "size", "0x%" PRIx64 " bytes", mr->size);
    fact_u64(f, "page size", "0x%" PRIx64, mr->page_size);
    if (mr->has_phys) {
        fact_u64(f, "phys_addr", "0x%" PRIx64, mr->phys_addr);
    } else {
        fact(f, "phys_addr", "placed by the build");
    }
    if (mr->prefill_path) {
        fact(f, "prefill", mr->prefill_path);
    }
    fputs("</table>\n", f);
    mr_mappers(f, in->sys, i);
    fputs("</section>\n", f);
}

static void end_row(FILE *f, const struct system *sys, const struct channel_end *e)
{
    fputs("<tr><td>", f);
    pd_link(f, sys, e->pd);
    fprintf(f, "</td><td>%" PRId64 "</td><td>%s</td><td>%s</td><td>", e->id, yes(e->notify),
            yes(e->pp));
    view_text(f, e->setvar_id ? e->setvar_id : "");
    fputs("</td></tr>", f);
}

static void ch_section(FILE *f, const struct view_in *in, const struct graph *g,
                       const struct view_link *links, size_t i)
{
    const struct channel *c = &in->sys->channels.items[i];
    char ref[24];
    snprintf(ref, sizeof(ref), "ch%zu", i);
    fprintf(f, "<section class=\"details\" id=\"d-%s\" hidden><h2>channel ", ref);
    view_text(f, in->sys->pds.items[c->end[0].pd].name);
    fputs(" &ndash; ", f);
    view_text(f, in->sys->pds.items[c->end[1].pd].name);
    fputs("</h2>\n", f);
    element_diags(f, in, links, ref);
    if (g->channel[i] & GRAPH_PPC_PRIORITY) {
        fputs("<p class=\"problem\">a protected call to a PD whose priority is not higher</p>", f);
    }
    if (g->channel[i] & GRAPH_INERT) {
        fputs("<p class=\"problem\">inert: neither end can notify or call</p>", f);
    }
    fputs("<table><tr><th>end</th><th>id</th><th>may notify</th><th>may call (pp)</th>"
          "<th>setvar_id</th></tr>",
          f);
    end_row(f, in->sys, &c->end[0]);
    end_row(f, in->sys, &c->end[1]);
    fputs("</table></section>\n", f);
}

void view_details(FILE *f, const struct view_in *in, const struct graph *g,
                  const struct sysinfo *si, const struct view_link *links)
{
    const struct system *sys = in->sys;
    for (size_t i = 0; i < sys->pds.count; i++) {
        pd_section(f, in, si, links, i);
    }
    for (size_t i = 0; i < sys->mrs.count; i++) {
        mr_section(f, in, g, links, i);
    }
    for (size_t i = 0; i < sys->channels.count; i++) {
        if (graph_channel_drawn(&sys->channels.items[i])) {
            ch_section(f, in, g, links, i);
        }
    }
}
