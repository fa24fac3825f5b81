/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Threads, cap tables and IRQ handlers from the boot spec, as the monitor
 * creates them on seL4. The simulator's kernel keeps per PD the objects a
 * Microkit PD owns (its TCB, scheduling context, notification, input
 * endpoint, reply object, CNode and VSpace), so each spec object is mapped
 * to the PD that owns it and every cap the spec places becomes a cap to that
 * PD's object with the spec's badge, in the spec's slot. A spec the
 * simulator cannot represent (a cap to an object no PD owns, a vCPU) is
 * refused by name; nothing is laid out a second time here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runner.h"

/* What a spec object is to the simulator: a cap type and the owning PD. */
struct owner {
    uint8_t type; /* enum sim_cap_type; SIM_CAP_NULL: not known (yet) */
    uint8_t root; /* a CNode that is a PD's CSpace root (<cspace>, sdk/limits.h) */
    int32_t pd;
};

static void own(struct owner *ow, uint32_t obj, uint8_t type, int pd)
{
    if (obj != BS_NONE) {
        ow[obj] = (struct owner){.type = type, .pd = pd};
    }
}

/* A PD's CNode that holds a CNode in slot 0 is its CSpace root; the CNode held is the PD's. */
static void find_roots(const struct runner *r, struct owner *ow)
{
    const struct bs_spec *sp = &r->spec;
    for (uint32_t i = 0; i < sp->hdr->num_caps; i++) {
        const struct bs_cap *c = &sp->caps[i];
        if (ow[c->cnode].type == SIM_CAP_CNODE && c->kind == BS_CAP_OBJECT &&
            c->slot == SDK_CAP_ROOT_PD_CNODE && sp->objects[c->obj].type == BS_OBJ_CNODE) {
            ow[c->cnode].root = 1;
            own(ow, c->obj, SIM_CAP_CNODE, ow[c->cnode].pd);
        }
    }
}

/* The objects bs_pd names, then what the INPUT and REPLY slots hold. */
static void find_owners(const struct runner *r, struct owner *ow)
{
    const struct bs_spec *sp = &r->spec;
    for (uint32_t i = 0; i < r->npd; i++) {
        const struct bs_pd *p = &sp->pds[i];
        own(ow, p->tcb, SIM_CAP_TCB, (int)i);
        own(ow, p->sched_context, SIM_CAP_SC, (int)i);
        own(ow, p->notification, SIM_CAP_NTFN, (int)i);
        own(ow, p->cnode, SIM_CAP_CNODE, (int)i);
        own(ow, p->vspace, SIM_CAP_VSPACE, (int)i);
    }
    own(ow, sp->hdr->monitor_fault_ep, SIM_CAP_MONITOR_EP, SIM_NONE);
    find_roots(r, ow);
    for (uint32_t i = 0; i < sp->hdr->num_caps; i++) {
        const struct bs_cap *c = &sp->caps[i];
        int pd = ow[c->cnode].type == SIM_CAP_CNODE ? ow[c->cnode].pd : SIM_NONE;
        if (pd == SIM_NONE || c->kind != BS_CAP_OBJECT) {
            continue;
        }
        uint8_t t = sp->objects[c->obj].type;
        if (c->slot == SDK_CAP_INPUT && t == BS_OBJ_ENDPOINT) {
            own(ow, c->obj, SIM_CAP_EP, pd);
        } else if (c->slot == SDK_CAP_REPLY && t == BS_OBJ_REPLY) {
            own(ow, c->obj, SIM_CAP_REPLY, pd);
        }
    }
}

static void init_thread(struct runner *r, int i)
{
    const struct bs_pd *p = &r->spec.pds[i];
    struct sim_tcb *t = &r->s->tcb[i];
    snprintf(r->names[i], SDK_PD_NAME_LENGTH, "%s", bs_str(&r->spec, p->name));
    memcpy(t->name, r->names[i], sizeof(t->name));
    t->prio = p->priority;
    t->budget_us = (uint32_t)(p->budget_us ? p->budget_us : SDK_BUDGET_DEFAULT);
    t->parent = p->parent == BS_NONE ? SIM_NONE : (int32_t)p->parent;
    t->passive = (p->flags & BS_PD_PASSIVE) != 0;
    t->domain = p->domain;
    t->cpu = r->s->ncpu > 1 ? p->cpu : 0; /* one virtual CPU runs every core's PDs */
    t->fault_badge = p->fault_badge;
    t->sc = i;
    t->state = SIM_RUNNING;
    t->blocked_on = t->ep_head = t->ep_tail = t->ep_next = SIM_NONE;
    t->reply_caller = t->reply_to = SIM_NONE;
    t->rq_next = t->rq_prev = SIM_NONE;
    t->elf_entry = p->entry;
}

/* Cap `c` of the spec into its PD's table; -1 when the simulator cannot hold it. */
static int place_cap(struct runner *r, const struct owner *ow, const struct bs_cap *c)
{
    int pd = ow[c->cnode].pd;
    struct sim_tcb *t = &r->s->tcb[pd];
    struct sim_cap cap = {.type = SIM_CAP_SMC, .obj = SIM_NONE, .badge = c->badge};
    if (c->kind == BS_CAP_OBJECT) {
        const struct bs_object *o = &r->spec.objects[c->obj];
        bool kernel_state = o->type != BS_OBJ_FRAME && o->type != BS_OBJ_PAGE_TABLE;
        cap.type =
            ow[c->obj].type ? ow[c->obj].type : (kernel_state ? SIM_CAP_NULL : SIM_CAP_OTHER);
        cap.obj = ow[c->obj].type ? ow[c->obj].pd : SIM_NONE;
        if (cap.type == SIM_CAP_NULL) {
            runner_error(r, pd, "sim-spec-object", NULL,
                         "cannot simulate the cap in slot %u of PD '%s': no PD owns %s", c->slot,
                         t->name, bs_object_name(&r->spec, c->obj));
            return -1;
        }
    }
    bool root = ow[c->cnode].root;
    unsigned slots = root ? SIM_ROOT_SLOTS : SIM_CNODE_SLOTS;
    if (c->slot >= slots) {
        runner_error(r, pd, "sim-spec-object", NULL,
                     "cannot simulate the cap in slot %u of PD '%s': the simulator's tables "
                     "have %u slots",
                     c->slot, t->name, slots);
        return -1;
    }
    if (root) {
        t->cspace_root = 1;
        t->root_caps[c->slot] = cap;
    } else {
        t->caps[c->slot] = cap;
    }
    return 0;
}

/* An IRQ handler: its cap, and which notification bit it raises. */
static int place_irq(struct runner *r, const struct owner *ow, const struct bs_irq *q)
{
    int pd = ow[q->cnode].pd;
    unsigned id = q->slot - SDK_CAP_BASE_IRQ;
    if (ow[q->cnode].type != SIM_CAP_CNODE || q->slot < SDK_CAP_BASE_IRQ ||
        id >= SDK_MAX_CHANNELS || q->badge != 1ull << id || ow[q->notification].pd != pd) {
        runner_error(r, pd, "sim-spec-object", NULL,
                     "cannot simulate IRQ %llu: it is not a Microkit IRQ channel of one PD",
                     (unsigned long long)q->irq);
        return -1;
    }
    struct sim_tcb *t = &r->s->tcb[pd];
    t->caps[q->slot] = (struct sim_cap){.type = SIM_CAP_IRQ, .obj = pd, .badge = id};
    t->irq_bits |= 1ull << id;
    t->irq_num[id] = q->irq;
    return 0;
}

static int place_all(struct runner *r, const struct owner *ow)
{
    const struct bs_header *h = r->spec.hdr;
    for (uint32_t i = 0; i < h->num_caps; i++) {
        const struct bs_cap *c = &r->spec.caps[i];
        if (ow[c->cnode].type != SIM_CAP_CNODE || place_cap(r, ow, c) != 0) {
            if (ow[c->cnode].type != SIM_CAP_CNODE) {
                runner_error(r, -1, "sim-spec-object", NULL,
                             "cannot simulate a cap placed in %s, which is no PD's CNode",
                             bs_object_name(&r->spec, c->cnode));
            }
            return -1;
        }
    }
    for (uint32_t i = 0; i < h->num_irqs; i++) {
        if (place_irq(r, ow, &r->spec.irqs[i]) != 0) {
            return -1;
        }
    }
    return 0;
}

int runner_build_caps(struct runner *r)
{
    struct owner *ow = calloc(r->spec.hdr->num_objects, sizeof(*ow));
    if (!ow) {
        runner_error(r, -1, "sim-memory", NULL, "out of memory");
        return -1;
    }
    find_owners(r, ow);
    for (uint32_t i = 0; i < r->npd; i++) {
        init_thread(r, (int)i);
        const struct bs_pd *p = &r->spec.pds[i];
        bool to_pd = p->fault_ep != BS_NONE && ow[p->fault_ep].type == SIM_CAP_EP;
        r->s->tcb[i].fault_to = to_pd ? ow[p->fault_ep].pd : SIM_NONE;
    }
    int rc = place_all(r, ow);
    for (uint32_t i = 0; i < r->npd; i++) {
        r->s->tcb[i].input_is_ep = r->s->tcb[i].caps[SDK_CAP_INPUT].type == SIM_CAP_EP;
    }
    free(ow);
    return rc;
}

static const char *const cap_type_names[] = {
    [SIM_CAP_NULL] = "null",
    [SIM_CAP_EP] = "endpoint",
    [SIM_CAP_NTFN] = "notification",
    [SIM_CAP_REPLY] = "reply",
    [SIM_CAP_IRQ] = "irq",
    [SIM_CAP_TCB] = "tcb",
    [SIM_CAP_MONITOR_EP] = "monitor-endpoint",
    [SIM_CAP_VSPACE] = "vspace",
    [SIM_CAP_SMC] = "smc",
    [SIM_CAP_SC] = "sched-context",
    [SIM_CAP_CNODE] = "cnode",
    [SIM_CAP_OTHER] = "other",
};

/* One table: "PD SLOT KIND OWNER BADGE" per cap; slots of a CSpace root read "root:SLOT". */
static void print_table(const struct runner *r, uint32_t i, const struct sim_cap *caps, unsigned n,
                        const char *prefix, FILE *out)
{
    const struct sim_tcb *t = &r->s->tcb[i];
    for (unsigned k = 0; k < n; k++) {
        const struct sim_cap *c = &caps[k];
        if (c->type == SIM_CAP_NULL) {
            continue;
        }
        const char *peer = c->obj != SIM_NONE              ? r->names[c->obj]
                           : c->type == SIM_CAP_MONITOR_EP ? "monitor"
                                                           : "-";
        uint64_t badge = c->type == SIM_CAP_IRQ ? t->irq_num[c->badge] : c->badge;
        fprintf(out, "%s %s%u %s %s 0x%llx\n", r->names[i], prefix, k, cap_type_names[c->type],
                peer, (unsigned long long)badge);
    }
}

void runner_print_caps(const struct runner *r, FILE *out)
{
    for (uint32_t i = 0; i < r->npd; i++) {
        print_table(r, i, r->s->tcb[i].caps, SIM_CNODE_SLOTS, "", out);
        print_table(r, i, r->s->tcb[i].root_caps, SIM_ROOT_SLOTS, "root:", out);
    }
}

int runner_find_pd(const struct runner *r, const char *name)
{
    for (uint32_t i = 0; i < r->npd; i++) {
        if (!strcmp(r->names[i], name)) {
            return (int)i;
        }
    }
    return -1;
}
