/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Runner set-up of each PD: its thread, its cap table in Microkit's layout
 * (input endpoint, reply, monitor endpoint, one notification and one
 * endpoint cap per channel end, IRQ handlers, child TCBs), its maps, and the
 * values the tool patches into a PD's ELF (name, channel masks, passive,
 * setvar symbols), which the PD's runtime writes at start.
 */
#include <string.h>
#include <sys/mman.h>

#include "runner.h"
#include "util.h"

static void set_cap(struct sim_tcb *t, unsigned slot, int type, int obj, uint64_t badge)
{
    if (slot < SIM_CNODE_SLOTS) {
        t->caps[slot] = (struct sim_cap){.type = (uint8_t)type, .obj = obj, .badge = badge};
    }
}

static void init_tcb(struct runner *r, int i)
{
    const struct pd *pd = &r->sys->pds.items[i];
    struct sim_tcb *t = &r->s->tcb[i];
    snprintf(t->name, sizeof(t->name), "%s", pd->name);
    t->prio = (int32_t)pd->priority;
    t->budget_us = (uint32_t)(pd->budget ? pd->budget : SDK_BUDGET_DEFAULT);
    t->parent = pd->parent >= 0 ? pd->parent : SIM_NONE;
    t->child_id = pd->id;
    t->passive = pd->passive;
    t->input_is_ep = 1;
    t->sc = i;
    t->state = SIM_RUNNING;
    t->blocked_on = t->ep_head = t->ep_tail = t->ep_next = SIM_NONE;
    t->reply_caller = t->reply_to = SIM_NONE;
    t->rq_next = t->rq_prev = SIM_NONE;
    t->elf_entry = r->elfs[i].entry;
    set_cap(t, SDK_CAP_INPUT, SIM_CAP_EP, i, 0);
    set_cap(t, SDK_CAP_VSPACE, SIM_CAP_VSPACE, i, 0);
    set_cap(t, SDK_CAP_REPLY, SIM_CAP_REPLY, i, 0);
    set_cap(t, SDK_CAP_MONITOR_EP, SIM_CAP_MONITOR_EP, i, (uint64_t)i + 1);
    set_cap(t, SDK_CAP_TCB, SIM_CAP_TCB, i, 0);
    if (pd->smc) {
        set_cap(t, SDK_CAP_SMC, SIM_CAP_SMC, i, 0);
    }
    for (size_t k = 0; k < pd->irqs.count; k++) {
        const struct irq *irq = &pd->irqs.items[k];
        unsigned id = (unsigned)irq->id;
        set_cap(t, SDK_CAP_BASE_IRQ + id, SIM_CAP_IRQ, i, id);
        t->irq_bits |= 1ull << id;
        t->irq_num[id] = irq->irq;
    }
    if (t->parent != SIM_NONE) {
        set_cap(&r->s->tcb[t->parent], SDK_CAP_BASE_TCB + (unsigned)pd->id, SIM_CAP_TCB, i, 0);
    }
}

/* Channel end `a` of PD a.pd talks to end `b`. */
static void channel_caps(struct runner *r, const struct channel_end *a, const struct channel_end *b)
{
    struct sim_tcb *t = &r->s->tcb[a->pd];
    if (a->notify) {
        set_cap(t, SDK_CAP_BASE_NOTIFICATION + (unsigned)a->id, SIM_CAP_NTFN, b->pd, 1ull << b->id);
    }
    if (a->pp) {
        set_cap(t, SDK_CAP_BASE_ENDPOINT + (unsigned)a->id, SIM_CAP_EP, b->pd,
                (1ull << SDK_BADGE_PPC_BIT) | (uint64_t)b->id);
    }
}

static struct sim_patch *new_patch(struct runner *r, int pd, const char *symbol, bool required,
                                   uint64_t want_size, struct diag *d, const struct srcpos *pos)
{
    const struct hostelf_sym *sym = hostelf_find(&r->elfs[pd], symbol);
    if (!sym) {
        if (required) {
            diag_error(d, pos, "sim-setvar-symbol", NULL,
                       "setvar symbol '%s' not found in program image '%s'", symbol, r->paths[pd]);
        }
        return NULL;
    }
    if (r->s->npatch >= SIM_MAX_PATCHES) {
        diag_error(d, pos, "sim-too-many", NULL, "too many patched symbols");
        return NULL;
    }
    struct sim_patch *p = &r->s->patches[r->s->npatch++];
    p->pd = pd;
    p->vaddr = sym->value;
    p->len = (uint32_t)(sym->size && sym->size < want_size ? sym->size : want_size);
    snprintf(p->symbol, sizeof(p->symbol), "%s", symbol);
    const struct hostelf_seg *seg = hostelf_seg_at(&r->elfs[pd], sym->value);
    unsigned f = seg ? seg->flags : 6;
    p->prot = ((f & 4) ? PROT_READ : 0) | ((f & 2) ? PROT_WRITE : 0) | ((f & 1) ? PROT_EXEC : 0);
    return p;
}

static void patch_word(struct runner *r, int pd, const char *symbol, uint64_t value, bool required,
                       struct diag *d, const struct srcpos *pos)
{
    struct sim_patch *p = new_patch(r, pd, symbol, required, 8, d, pos);
    if (p) {
        memcpy(p->data, &value, p->len);
    }
}

static uint64_t channel_mask(const struct system *sys, int pd, bool pp)
{
    uint64_t mask = 0;
    for (size_t c = 0; c < sys->channels.count; c++) {
        for (int e = 0; e < 2; e++) {
            const struct channel_end *end = &sys->channels.items[c].end[e];
            if (end->pd == pd && (pp ? end->pp : end->notify)) {
                mask |= 1ull << end->id;
            }
        }
    }
    return mask;
}

static void setvar_patch(struct runner *r, int i, const struct setvar *sv, struct diag *d)
{
    const struct pd *pd = &r->sys->pds.items[i];
    uint64_t value = 0;
    if (sv->mr < 0) {
        return;
    }
    if (sv->kind == SETVAR_VADDR && sv->map >= 0) {
        value = pd->maps.items[sv->map].vaddr;
    } else if (sv->kind == SETVAR_SIZE) {
        value = r->sys->mrs.items[sv->mr].size;
    } else if (sv->kind == SETVAR_REGION_PADDR) {
        value = r->s->mrs[sv->mr].paddr;
    }
    patch_word(r, i, sv->symbol, value, true, d, &sv->pos);
}

static void patch_pd(struct runner *r, int i, struct diag *d)
{
    const struct pd *pd = &r->sys->pds.items[i];
    struct sim_patch *p = new_patch(r, i, "microkit_name", false, SDK_PD_NAME_LENGTH, d, NULL);
    if (p) {
        strncpy((char *)p->data, pd->name, p->len - 1);
    }
    p = new_patch(r, i, "microkit_passive", false, 1, d, NULL);
    if (p) {
        p->data[0] = pd->passive;
    }
    uint64_t irqs = r->s->tcb[i].irq_bits;
    patch_word(r, i, "microkit_irqs", irqs, false, d, NULL);
    patch_word(r, i, "microkit_notifications", channel_mask(r->sys, i, false), false, d, NULL);
    patch_word(r, i, "microkit_pps", channel_mask(r->sys, i, true), false, d, NULL);
    for (size_t k = 0; k < pd->setvars.count; k++) {
        setvar_patch(r, i, &pd->setvars.items[k], d);
    }
}

static int add_maps(struct runner *r, int i, struct diag *d)
{
    const struct pd *pd = &r->sys->pds.items[i];
    for (size_t k = 0; k < pd->maps.count; k++) {
        const struct map *m = &pd->maps.items[k];
        if (r->s->nmap >= SIM_MAX_MAPS) {
            diag_error(d, &m->pos, "sim-too-many", NULL, "too many maps");
            return -1;
        }
        r->s->maps[r->s->nmap++] =
            (struct sim_map){.pd = i, .mr = m->mr, .vaddr = m->vaddr, .perms = m->perms};
    }
    return 0;
}

int runner_fill_pds(struct runner *r, struct diag *d)
{
    int n = (int)r->sys->pds.count;
    for (int i = 0; i < n; i++) {
        init_tcb(r, i);
    }
    for (size_t c = 0; c < r->sys->channels.count; c++) {
        const struct channel *ch = &r->sys->channels.items[c];
        channel_caps(r, &ch->end[0], &ch->end[1]);
        channel_caps(r, &ch->end[1], &ch->end[0]);
    }
    for (int i = 0; i < n; i++) {
        patch_pd(r, i, d);
        if (add_maps(r, i, d) != 0) {
            return -1;
        }
    }
    return diag_errors(d) ? -1 : 0;
}
