/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The system facts, build level (sysinfo.h): virtual maps with the program
 * image's pages and physical addresses, the caps the boot spec places with
 * the SDF element that grants each, and the physical memory map.
 *
 * A cap is granted when the SDF says that this PD gets, at this slot, a cap
 * to this object with this badge; the object is recognised by the name the
 * layout gives it ("notification of pd 'b'"), read back from the spec. What
 * matches nothing is SI_GRANT_NONE, which `microkit audit` refuses.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sdk/bootspec_read.h"
#include "sysinfo.h"
#include "util.h"

/* What the SDF grants at one slot. */
struct expect {
    enum si_grant grant;
    char *object; /* expected object name, NULL for the SMC cap */
    uint64_t badge;
    char *why;
    const struct srcpos *pos;
};

static void expect_set(struct expect *e, enum si_grant g, char *object, uint64_t badge, char *why,
                       const struct srcpos *pos)
{
    free(e->object);
    free(e->why);
    *e = (struct expect){g, object, badge, why, pos};
}

static void expect_pd_own(const struct sysinfo *si, size_t p, const struct si_build_in *in,
                          struct expect *t)
{
    const struct pd *pd = si->pds[p].pd;
    const struct lay_pd *lp = &in->lay->pds[p];
    expect_set(&t[SDK_CAP_INPUT], SI_GRANT_PD,
               xasprintf("%s of pd '%s'", lp->needs_ep ? "endpoint" : "notification", pd->name), 0,
               xasprintf("protection_domain '%s' (its input)", pd->name), &pd->pos);
    expect_set(&t[SDK_CAP_VSPACE], SI_GRANT_PD, xasprintf("vspace of pd '%s'", pd->name), 0,
               xasprintf("protection_domain '%s' (its vspace)", pd->name), &pd->pos);
    expect_set(&t[SDK_CAP_REPLY], SI_GRANT_PD, xasprintf("reply of pd '%s'", pd->name), 0,
               xasprintf("protection_domain '%s' (its reply object)", pd->name), &pd->pos);
    if (pd->passive) {
        expect_set(&t[SDK_CAP_MONITOR_EP], SI_GRANT_PASSIVE, xstrdup("monitor fault endpoint"),
                   p + 1, xasprintf("passive=\"true\" of '%s'", pd->name), &pd->pos);
    }
    if (in->benchmark) {
        expect_set(&t[SDK_CAP_TCB], SI_GRANT_BENCHMARK, xasprintf("tcb of pd '%s'", pd->name), 0,
                   xstrdup("the benchmark configuration"), &pd->pos);
    }
    if (pd->smc) {
        expect_set(&t[SDK_CAP_SMC], SI_GRANT_SMC, NULL, 0,
                   xasprintf("smc=\"true\" of '%s'", pd->name), &pd->pos);
    }
}

static void expect_links(const struct sysinfo *si, size_t p, struct expect *t)
{
    const struct si_pd *sp = &si->pds[p];
    const struct system *sys = si->sys;
    for (size_t i = 0; i < sp->channels.count; i++) {
        const struct si_channel *c = &sp->channels.items[i];
        const char *peer = sys->pds.items[c->peer].name;
        char *why = xasprintf("channel '%s' id %llu <-> '%s' id %llu", sp->pd->name,
                              (unsigned long long)c->id, peer, (unsigned long long)c->peer_id);
        if (c->notify_slot != BS_NONE) {
            expect_set(&t[c->notify_slot], SI_GRANT_CHANNEL,
                       xasprintf("notification of pd '%s'", peer), 1ull << c->peer_id, xstrdup(why),
                       c->pos);
        }
        if (c->pp_slot != BS_NONE) {
            expect_set(&t[c->pp_slot], SI_GRANT_CHANNEL, xasprintf("endpoint of pd '%s'", peer),
                       (1ull << SDK_BADGE_PPC_BIT) | c->peer_id, xstrdup(why), c->pos);
        }
        free(why);
    }
    for (size_t i = 0; i < sp->children.count; i++) {
        const struct si_child *c = &sp->children.items[i];
        const struct pd *ch = &sys->pds.items[c->pd];
        expect_set(
            &t[c->slot], SI_GRANT_CHILD, xasprintf("tcb of pd '%s'", ch->name), 0,
            xasprintf("child protection_domain '%s' id %llu", ch->name, (unsigned long long)c->id),
            &ch->pos);
    }
}

static void expect_vm(const struct sysinfo *si, size_t p, struct expect *t)
{
    const struct vm *vm = si->pds[p].pd->vm;
    for (size_t i = 0; vm && i < vm->vcpus.count; i++) {
        const struct vcpu *v = &vm->vcpus.items[i];
        unsigned id = (unsigned)v->id;
        expect_set(&t[SDK_CAP_BASE_VM_TCB + id], SI_GRANT_VM,
                   xasprintf("tcb of vm '%s' vcpu %u", vm->name, id), 0,
                   xasprintf("virtual_machine '%s' vcpu %u", vm->name, id), &v->pos);
        expect_set(&t[SDK_CAP_BASE_VCPU + id], SI_GRANT_VM,
                   xasprintf("vcpu of vm '%s' vcpu %u", vm->name, id), 0,
                   xasprintf("virtual_machine '%s' vcpu %u", vm->name, id), &v->pos);
    }
}

static void expect_root(const struct sysinfo *si, size_t p, struct expect *t)
{
    static const char *const kinds[] = {"tcb", "sc", "vspace"};
    const struct pd *pd = si->pds[p].pd;
    if (!pd->has_cspace) {
        return;
    }
    expect_set(&t[SDK_CAP_ROOT_PD_CNODE], SI_GRANT_CSPACE_PD,
               xasprintf("cnode of pd '%s'", pd->name), SDK_PD_CNODE_GUARD_IN_ROOT,
               xasprintf("cspace of '%s' (its own cnode)", pd->name), &pd->pos);
    for (size_t i = 0; i < pd->caps.count; i++) {
        const struct cap_share *k = &pd->caps.items[i];
        if (k->slot >= (1u << SDK_PD_ROOT_CNODE_BITS) || k->pd < 0) {
            continue;
        }
        const char *kind = kinds[k->kind];
        expect_set(&t[k->slot], SI_GRANT_CSPACE,
                   xasprintf("%s of pd '%s'", kind, si->sys->pds.items[k->pd].name), 0,
                   xasprintf("cspace cap '%s' of '%s' at slot %llu", kind, k->pd_name,
                             (unsigned long long)k->slot),
                   &k->pos);
    }
}

static void expect_free(struct expect *t, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(t[i].object);
        free(t[i].why);
    }
    free(t);
}

static void add_cap(struct si_pd *sp, const struct bs_spec *s, const struct bs_cap *c, bool root,
                    const struct expect *t, const char *strings)
{
    struct si_cap *k = VEC_PUSH(sp->caps);
    k->root = root;
    k->slot = c->slot;
    k->rights = c->rights;
    k->badge = c->badge;
    k->obj = c->kind == BS_CAP_SMC ? BS_NONE : c->obj;
    k->type = c->kind == BS_CAP_SMC ? 0 : s->objects[c->obj].type;
    k->object = c->kind == BS_CAP_SMC ? "SMC" : strings + s->objects[c->obj].name;
    const struct expect *e = &t[c->slot];
    bool match = e->grant != SI_GRANT_NONE && e->badge == c->badge &&
                 (e->object ? c->kind == BS_CAP_OBJECT && !strcmp(e->object, k->object)
                            : c->kind == BS_CAP_SMC);
    if (match) {
        k->grant = e->grant;
        k->granted_by = xstrdup(e->why);
        k->pos = e->pos;
    }
}

static void add_irq_cap(struct si_pd *sp, const struct bs_irq *q)
{
    struct si_cap *k = VEC_PUSH(sp->caps);
    k->slot = q->slot;
    k->obj = BS_NONE;
    k->object = "irq handler";
    k->rights = BS_RIGHTS_ALL;
    k->badge = q->badge;
    for (size_t i = 0; i < sp->irqs.count; i++) {
        const struct si_irq *e = &sp->irqs.items[i];
        if (e->slot == q->slot && e->irq == q->irq && q->badge == 1ull << e->id &&
            (q->trigger == BS_IRQ_EDGE) == (e->trigger == IRQ_EDGE)) {
            k->grant = SI_GRANT_IRQ;
            k->granted_by = xasprintf("irq %llu id %llu of '%s'", (unsigned long long)e->irq,
                                      (unsigned long long)e->id, sp->pd->name);
            k->pos = e->pos;
        }
    }
}

static int cmp_cap(const void *a, const void *b)
{
    const struct si_cap *x = a, *y = b;
    if (x->root != y->root) {
        return x->root ? 1 : -1;
    }
    return x->slot < y->slot ? -1 : x->slot > y->slot;
}

static void pd_caps(struct sysinfo *si, size_t p, const struct si_build_in *in,
                    const struct bs_spec *s)
{
    struct si_pd *sp = &si->pds[p];
    const struct lay_pd *lp = &in->lay->pds[p];
    size_t n = 1u << SDK_PD_CNODE_BITS, nr = 1u << SDK_PD_ROOT_CNODE_BITS;
    struct expect *t = xcalloc(n, sizeof(*t)), *tr = xcalloc(nr, sizeof(*tr));
    expect_pd_own(si, p, in, t);
    expect_links(si, p, t);
    expect_vm(si, p, t);
    expect_root(si, p, tr);
    for (uint32_t i = 0; i < s->hdr->num_caps; i++) {
        const struct bs_cap *c = &s->caps[i];
        if (c->cnode == lp->cnode && c->slot < n) {
            add_cap(sp, s, c, false, t, si->strings);
        } else if (lp->root_cnode != BS_NONE && c->cnode == lp->root_cnode && c->slot < nr) {
            add_cap(sp, s, c, true, tr, si->strings);
        }
    }
    for (uint32_t i = 0; i < s->hdr->num_irqs; i++) {
        if (s->irqs[i].cnode == lp->cnode) {
            add_irq_cap(sp, &s->irqs[i]);
        }
    }
    xsort(sp->caps.items, sp->caps.count, sizeof(*sp->caps.items), cmp_cap);
    expect_free(t, n);
    expect_free(tr, nr);
}

/* ELF pages of PD `p`, as runs of consecutive pages with the same rights. */
static void pd_segments(struct si_pd *sp, const struct layout *lay, const struct lay_pd *lp)
{
    struct si_vrange *run = NULL;
    for (size_t i = lp->maps_first; i < lp->maps_end; i++) {
        const struct bs_map *m = &lay->maps.items[i];
        const struct lay_object *o = &lay->objects.items[m->obj];
        if (m->vspace != lp->vspace || o->use != LAY_USE_ELF) {
            continue;
        }
        unsigned perms = ((m->rights & BS_RIGHT_READ) ? PERM_R : 0) |
                         ((m->rights & BS_RIGHT_WRITE) ? PERM_W : 0) |
                         ((m->attrs & BS_ATTR_EXECUTE_NEVER) ? 0 : PERM_X);
        if (run && run->vaddr + run->size == m->vaddr && run->perms == perms) {
            run->size += PAGE_SIZE_SMALL;
            continue;
        }
        run = VEC_PUSH(sp->vmap);
        *run = (struct si_vrange){.kind = SI_V_SEGMENT,
                                  .vaddr = m->vaddr,
                                  .size = PAGE_SIZE_SMALL,
                                  .perms = perms,
                                  .cached = (m->attrs & BS_ATTR_CACHEABLE) != 0,
                                  .page_size = PAGE_SIZE_SMALL,
                                  .paddr = o->plan_paddr,
                                  .mr = -1,
                                  .map = -1,
                                  .pos = &sp->pd->program_pos};
    }
}

static int cmp_vrange(const void *a, const void *b)
{
    const struct si_vrange *x = a, *y = b;
    if ((x->kind == SI_V_VM_MAP) != (y->kind == SI_V_VM_MAP)) {
        return x->kind == SI_V_VM_MAP ? 1 : -1;
    }
    return x->vaddr < y->vaddr ? -1 : x->vaddr > y->vaddr;
}

/* Where the lowest stack page is planned (the stack's frames need not be contiguous). */
static uint64_t stack_paddr(const struct layout *lay, const struct lay_pd *lp)
{
    for (size_t i = lp->maps_first; i < lp->maps_end; i++) {
        const struct bs_map *m = &lay->maps.items[i];
        if (m->vspace == lp->vspace && m->vaddr == lp->stack_bottom) {
            return lay->objects.items[m->obj].plan_paddr;
        }
    }
    return BS_ANY_PADDR;
}

static void pd_vmap(struct sysinfo *si, size_t p, const struct layout *lay)
{
    struct si_pd *sp = &si->pds[p];
    const struct lay_pd *lp = &lay->pds[p];
    for (size_t i = 0; i < sp->vmap.count; i++) {
        struct si_vrange *v = &sp->vmap.items[i];
        if (v->mr >= 0) {
            const struct lay_mr *lm = &lay->mrs[v->mr];
            v->paddr = lm->frames ? lm->paddr : BS_ANY_PADDR;
            v->contiguous = lm->contiguous;
            v->large_frames = lm->large_frames;
        } else if (v->kind == SI_V_IPC) {
            v->paddr = lay->objects.items[lp->ipc_buffer].plan_paddr;
            v->contiguous = true;
        } else if (v->kind == SI_V_STACK) {
            v->vaddr = lp->stack_bottom;
            v->size = lp->stack_top - lp->stack_bottom;
            v->paddr = stack_paddr(lay, lp);
        }
    }
    pd_segments(sp, lay, lp);
    xsort(sp->vmap.items, sp->vmap.count, sizeof(*sp->vmap.items), cmp_vrange);
}

int sysinfo_add_build(struct sysinfo *si, const struct si_build_in *in)
{
    struct bs_spec s;
    const char *why = NULL;
    if (bs_open(&s, in->spec->data, in->spec->size, &why)) {
        return -1;
    }
    si->built = true;
    si->strings = xcalloc(s.hdr->strings_size + 1, 1);
    memcpy(si->strings, s.strings, s.hdr->strings_size);
    for (size_t p = 0; p < si->num_pds; p++) {
        pd_vmap(si, p, in->lay);
        pd_caps(si, p, in, &s);
    }
    if (in->board && in->kernel && in->mp) {
        sysinfo_phys_map(si, in);
    }
    return 0;
}
