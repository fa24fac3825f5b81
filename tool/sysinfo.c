/* SPDX-License-Identifier: BSD-2-Clause */
/* The system facts, SDF level (sysinfo.h); the build level is in sysinfo_build.c. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "sysinfo.h"
#include "util.h"

const char *si_vkind_name(enum si_vkind k)
{
    static const char *const names[] = {"segment", "stack", "ipc buffer", "map", "vm map"};
    return k <= SI_V_VM_MAP ? names[k] : "?";
}

const char *si_owner_name(enum si_owner o)
{
    static const char *const names[] = {
        "loader", "kernel",      "monitor", "root task objects", "elf", "stack", "ipc buffer",
        "region", "page tables", "objects", "monitor cspace",    "free"};
    return o < SI_OWN_COUNT ? names[o] : "?";
}

const char *si_grant_name(enum si_grant g)
{
    static const char *const names[] = {"none", "pd",      "passive",  "benchmark",
                                        "smc",  "channel", "irq",      "child",
                                        "vm",   "cspace",  "cspace-pd"};
    return g <= SI_GRANT_CSPACE_PD ? names[g] : "?";
}

const char *si_perm_text(unsigned perms, char buf[4])
{
    buf[0] = (perms & PERM_R) ? 'r' : '-';
    buf[1] = (perms & PERM_W) ? 'w' : '-';
    buf[2] = (perms & PERM_X) ? 'x' : '-';
    buf[3] = 0;
    return buf;
}

char *si_c_ident(const char *s)
{
    size_t n = strlen(s);
    char *out = xcalloc(n + 2, 1), *o = out;
    if (isdigit((unsigned char)s[0]) || !s[0]) {
        *o++ = '_';
    }
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        *o++ = isalnum(ch) ? (char)toupper(ch) : '_';
    }
    return out;
}

static int cmp_vrange(const void *a, const void *b)
{
    const struct si_vrange *x = a, *y = b;
    if ((x->kind == SI_V_VM_MAP) != (y->kind == SI_V_VM_MAP)) {
        return x->kind == SI_V_VM_MAP ? 1 : -1;
    }
    return x->vaddr < y->vaddr ? -1 : x->vaddr > y->vaddr;
}

static void add_map(const struct system *sys, struct si_pd *sp, const struct map *m, int index,
                    enum si_vkind kind)
{
    const struct mr *mr = m->mr >= 0 ? &sys->mrs.items[m->mr] : NULL;
    struct si_vrange *v = VEC_PUSH(sp->vmap);
    v->kind = kind;
    v->vaddr = m->vaddr;
    v->size = mr ? mr->size : 0;
    v->perms = m->perms;
    v->cached = m->cached;
    v->page_size = mr ? mr->page_size : PAGE_SIZE_SMALL;
    v->paddr = mr && mr->has_phys ? mr->phys_addr : BS_ANY_PADDR;
    v->contiguous = mr && mr->has_phys;
    v->mr = m->mr;
    v->map = index;
    v->pos = &m->pos;
    if (kind != SI_V_MAP) {
        return;
    }
    for (size_t i = 0; i < sp->pd->setvars.count; i++) {
        const struct setvar *sv = &sp->pd->setvars.items[i];
        if (sv->map == index && sv->kind == SETVAR_VADDR) {
            v->setvar_vaddr = sv->symbol;
        } else if (sv->map == index && sv->kind == SETVAR_SIZE) {
            v->setvar_size = sv->symbol;
        }
    }
}

static void add_fixed_ranges(struct si_pd *sp)
{
    const struct pd *pd = sp->pd;
    struct si_vrange *v = VEC_PUSH(sp->vmap);
    *v = (struct si_vrange){.kind = SI_V_STACK,
                            .vaddr = SDK_PD_STACK_TOP - pd->stack_size,
                            .size = pd->stack_size,
                            .perms = PERM_R | PERM_W,
                            .cached = true,
                            .page_size = PAGE_SIZE_SMALL,
                            .paddr = BS_ANY_PADDR,
                            .mr = -1,
                            .map = -1,
                            .pos = &pd->pos};
    v = VEC_PUSH(sp->vmap);
    *v = (struct si_vrange){.kind = SI_V_IPC,
                            .vaddr = SDK_PD_IPC_BUFFER_VADDR,
                            .size = PAGE_SIZE_SMALL,
                            .perms = PERM_R | PERM_W,
                            .cached = true,
                            .page_size = PAGE_SIZE_SMALL,
                            .paddr = BS_ANY_PADDR,
                            .mr = -1,
                            .map = -1,
                            .pos = &pd->pos};
}

static void pd_vmap(const struct system *sys, struct si_pd *sp)
{
    const struct pd *pd = sp->pd;
    for (size_t i = 0; i < pd->maps.count; i++) {
        add_map(sys, sp, &pd->maps.items[i], (int)i, SI_V_MAP);
    }
    add_fixed_ranges(sp);
    for (size_t i = 0; pd->vm && i < pd->vm->maps.count; i++) {
        add_map(sys, sp, &pd->vm->maps.items[i], (int)i, SI_V_VM_MAP);
    }
    xsort(sp->vmap.items, sp->vmap.count, sizeof(*sp->vmap.items), cmp_vrange);
}

static int cmp_channel(const void *a, const void *b)
{
    const struct si_channel *x = a, *y = b;
    return x->id < y->id ? -1 : x->id > y->id;
}

static void pd_channels(const struct system *sys, struct si_pd *sp)
{
    for (size_t i = 0; i < sys->channels.count; i++) {
        const struct channel *ch = &sys->channels.items[i];
        for (int e = 0; e < 2; e++) {
            const struct channel_end *me = &ch->end[e], *peer = &ch->end[1 - e];
            if (me->pd != (int)sp->index || peer->pd < 0) {
                continue;
            }
            struct si_channel *c = VEC_PUSH(sp->channels);
            c->channel = i;
            c->end = e;
            c->id = (uint64_t)me->id;
            c->peer = peer->pd;
            c->peer_id = (uint64_t)peer->id;
            c->notify = me->notify;
            c->pp = me->pp;
            c->peer_notify = peer->notify;
            c->peer_pp = peer->pp;
            c->notify_slot = me->notify ? SDK_CAP_BASE_NOTIFICATION + (uint32_t)me->id : BS_NONE;
            c->pp_slot = me->pp ? SDK_CAP_BASE_ENDPOINT + (uint32_t)me->id : BS_NONE;
            c->setvar_id = me->setvar_id;
            c->pos = &me->pos;
        }
    }
    xsort(sp->channels.items, sp->channels.count, sizeof(*sp->channels.items), cmp_channel);
}

static int cmp_irq(const void *a, const void *b)
{
    const struct si_irq *x = a, *y = b;
    return x->id < y->id ? -1 : x->id > y->id;
}

static void pd_irqs_children(const struct system *sys, struct si_pd *sp)
{
    const struct pd *pd = sp->pd;
    for (size_t i = 0; i < pd->irqs.count; i++) {
        const struct irq *q = &pd->irqs.items[i];
        struct si_irq *s = VEC_PUSH(sp->irqs);
        *s = (struct si_irq){q->irq, (uint64_t)q->id, q->trigger,
                             SDK_CAP_BASE_IRQ + (uint32_t)q->id, &q->pos};
    }
    xsort(sp->irqs.items, sp->irqs.count, sizeof(*sp->irqs.items), cmp_irq);
    for (size_t c = sp->index + 1; c < sys->pds.count; c++) {
        const struct pd *ch = &sys->pds.items[c];
        if (ch->parent == (int)sp->index) {
            struct si_child *s = VEC_PUSH(sp->children);
            *s = (struct si_child){(int)c, (uint64_t)ch->id, SDK_CAP_BASE_TCB + (uint32_t)ch->id};
        }
    }
}

static void pd_setvars(const struct system *sys, struct si_pd *sp)
{
    const struct pd *pd = sp->pd;
    for (size_t i = 0; i < pd->setvars.count; i++) {
        const struct setvar *sv = &pd->setvars.items[i];
        const struct mr *mr = sv->mr >= 0 ? &sys->mrs.items[sv->mr] : NULL;
        struct si_setvar *s = VEC_PUSH(sp->setvars);
        s->symbol = sv->symbol;
        s->kind = sv->kind;
        s->mr = sv->mr;
        s->pos = &sv->pos;
        s->known = true;
        switch (sv->kind) {
        case SETVAR_ID:
            s->value = sv->id;
            break;
        case SETVAR_VADDR:
            s->value = sv->map >= 0 ? pd->maps.items[sv->map].vaddr : 0;
            break;
        case SETVAR_SIZE:
            s->value = mr ? mr->size : 0;
            break;
        case SETVAR_PREFILL_SIZE:
            s->value = mr ? mr->prefill_size : 0;
            break;
        case SETVAR_REGION_PADDR:
            s->known = mr && mr->has_phys;
            s->value = s->known ? mr->phys_addr : 0;
            break;
        }
    }
}

int sysinfo_build(const struct system *sys, struct sysinfo *si)
{
    memset(si, 0, sizeof(*si));
    si->sys = sys;
    si->num_pds = sys->pds.count;
    si->pds = xcalloc(si->num_pds + 1, sizeof(*si->pds));
    for (size_t p = 0; p < si->num_pds; p++) {
        struct si_pd *sp = &si->pds[p];
        sp->pd = &sys->pds.items[p];
        sp->index = p;
        pd_vmap(sys, sp);
        pd_channels(sys, sp);
        pd_irqs_children(sys, sp);
        pd_setvars(sys, sp);
    }
    return 0;
}

void sysinfo_free(struct sysinfo *si)
{
    for (size_t p = 0; p < si->num_pds; p++) {
        struct si_pd *sp = &si->pds[p];
        free(sp->vmap.items);
        free(sp->channels.items);
        free(sp->irqs.items);
        free(sp->children.items);
        free(sp->setvars.items);
        for (size_t i = 0; i < sp->caps.count; i++) {
            free(sp->caps.items[i].granted_by);
        }
        free(sp->caps.items);
    }
    free(si->pds);
    free(si->phys.items);
    free(si->pd_bytes);
    free(si->strings);
    memset(si, 0, sizeof(*si));
}
