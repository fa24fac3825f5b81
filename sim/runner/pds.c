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

#include "patch.h"
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

/*
 * The tool's patch stage (tool/patch.c) writes the values into the in-memory
 * copy of the ELF exactly as for a target image; each patched range becomes
 * a record that the PD's runtime copies into its own memory at start (so
 * .bss symbols work too, and no file is written).
 */
static int patch_pd_values(struct runner *r, int i, struct diag *d)
{
    struct elf_file *elf = &r->elfs[i];
    if (patch_pd(r->sys, (size_t)i, NULL, elf, d) != 0) {
        return -1;
    }
    for (size_t k = 0; k < elf->patches.count; k++) {
        const struct elf_patch *ep = &elf->patches.items[k];
        const struct elf_segment *seg = elf_segment_at(elf, ep->vaddr, ep->size);
        if (!seg || ep->size > SIM_PATCH_MAX_BYTES || r->s->npatch >= SIM_MAX_PATCHES) {
            diag_error(d, &r->sys->pds.items[i].program_pos, "sim-patch", NULL,
                       "cannot patch symbol '%s' of PD '%s' in the simulator", ep->symbol,
                       r->sys->pds.items[i].name);
            return -1;
        }
        struct sim_patch *p = &r->s->patches[r->s->npatch++];
        p->pd = i;
        p->vaddr = ep->vaddr;
        p->len = (uint32_t)ep->size;
        snprintf(p->symbol, sizeof(p->symbol), "%s", ep->symbol);
        memcpy(p->data, seg->data + (ep->vaddr - seg->vaddr), ep->size);
        unsigned f = seg->flags;
        p->prot = ((f & ELF_SEG_R) ? PROT_READ : 0) | ((f & ELF_SEG_W) ? PROT_WRITE : 0) |
                  ((f & ELF_SEG_X) ? PROT_EXEC : 0);
    }
    return 0;
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
        if (patch_pd_values(r, i, d) != 0 || add_maps(r, i, d) != 0) {
            return -1;
        }
    }
    return diag_errors(d) ? -1 : 0;
}
