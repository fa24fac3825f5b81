/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Check rules about numbers: ids in range, then unique (irq numbers, child
 * and vcpu ids, channel ids), protected procedure calls, setvar symbols;
 * and what channels, irqs and children let a PD do: a channel through
 * which neither end can reach the other, a passive PD nothing can wake.
 * The uniqueness checks run after "ids-in-range" passed, so every id they
 * see fits in a 64-bit id mask.
 */
#include <stdlib.h>

#include "checks_internal.h"
#include "hashmap.h"
#include "util.h"

static bool id_in_range(int64_t id)
{
    return id >= 0 && id <= SDK_MAX_CHANNEL_ID;
}

/*
 * With a board whose file gives its interrupt controller's highest IRQ
 * (max_irq, seL4's maxIRQ): the kernel refuses a higher one at boot
 * (Arch_checkIRQ), so the build refuses it first.
 */
void check_irq_board(struct system *sys, const struct board *board, struct diag *d)
{
    if (!board || !board->has_max_irq) {
        return;
    }
    for (size_t i = 0; i < sys->pds.count; i++) {
        const struct pd *pd = &sys->pds.items[i];
        for (size_t k = 0; k < pd->irqs.count; k++) {
            const struct irq *irq = &pd->irqs.items[k];
            if (irq->irq > board->max_irq) {
                rule_report(d, R_IRQ_NUMBER_BOARD, &irq->pos, NULL, (unsigned long long)irq->irq,
                            name_of(pd->name), board->name, (unsigned long long)board->max_irq);
            }
        }
    }
}

/*
 * A virtual machine's vCPUs and stage-2 VSpace exist only in a hypervisor
 * kernel; an EL1 kernel has no such objects and the monitor would stop at
 * boot.
 */
void check_vm_board(struct system *sys, const struct board *board, struct diag *d)
{
    if (!board || board_kernel_hyp(board)) {
        return;
    }
    for (size_t i = 0; i < sys->pds.count; i++) {
        const struct pd *pd = &sys->pds.items[i];
        if (pd->vm) {
            rule_report(d, R_VM_BOARD_NO_HYPERVISOR, &pd->vm->pos, NULL, name_of(pd->vm->name),
                        name_of(pd->name), board->name);
        }
    }
}

/*
 * A virtual machine without a map has no guest-physical memory: its vCPU
 * faults on its first instruction. Microkit accepts it, so a warning.
 */
void check_vm_memory(struct system *sys, const struct board *board, struct diag *d)
{
    for (size_t i = 0; i < sys->pds.count; i++) {
        const struct vm *vm = sys->pds.items[i].vm;
        if (vm && vm->maps.count == 0) {
            rule_report(d, R_VM_NO_MAP, &vm->pos, NULL, name_of(vm->name));
        }
    }
}

void check_irq_numbers(struct system *sys, const struct board *board, struct diag *d)
{
    struct hashmap numbers;
    hashmap_init(&numbers);
    for (size_t i = 0; i < sys->pds.count; i++) {
        const struct pd *pd = &sys->pds.items[i];
        for (size_t k = 0; k < pd->irqs.count; k++) {
            const struct irq *irq = &pd->irqs.items[k];
            int first = hashmap_put_u64(&numbers, irq->irq, (int)i);
            if (first >= 0) {
                rule_report(d, R_IRQ_DUP, &irq->pos, NULL, (unsigned long long)irq->irq,
                            name_of(pd->name), name_of(sys->pds.items[first].name));
            }
        }
    }
    hashmap_free(&numbers);
}

static void check_pd_id_ranges(const struct pd *pd, struct diag *d)
{
    if (pd->has_id && !id_in_range(pd->id)) {
        rule_report(d, R_PD_CHILD_ID_RANGE, &pd->pos, NULL, (unsigned long long)pd->id,
                    name_of(pd->name));
    }
    for (size_t i = 0; pd->vm && i < pd->vm->vcpus.count; i++) {
        const struct vcpu *v = &pd->vm->vcpus.items[i];
        if (!id_in_range(v->id)) {
            rule_report(d, R_VM_VCPU_ID_RANGE, &v->pos, NULL, (long long)v->id);
        }
    }
    for (size_t i = 0; i < pd->irqs.count; i++) {
        const struct irq *irq = &pd->irqs.items[i];
        if (!id_in_range(irq->id)) {
            rule_report(d, R_IRQ_ID_RANGE, &irq->pos, NULL, (long long)irq->id);
        }
    }
}

void check_id_ranges(struct system *sys, const struct board *board, struct diag *d)
{
    for (size_t i = 0; i < sys->pds.count; i++) {
        check_pd_id_ranges(&sys->pds.items[i], d);
    }
    for (size_t i = 0; i < sys->channels.count; i++) {
        for (int e = 0; e < 2; e++) {
            const struct channel_end *end = &sys->channels.items[i].end[e];
            if (!id_in_range(end->id)) {
                rule_report(d, R_CH_ID_RANGE, &end->pos, NULL, (long long)end->id);
            }
        }
    }
}

/* The vcpu ids of `vm`, reporting each one seen before. */
static uint64_t vcpu_mask(const struct vm *vm, struct diag *d)
{
    uint64_t mask = 0;
    for (size_t i = 0; vm && i < vm->vcpus.count; i++) {
        const struct vcpu *v = &vm->vcpus.items[i];
        if (mask & (1ull << v->id)) {
            rule_report(d, R_VM_VCPU_DUP, &v->pos, NULL, (long long)v->id, name_of(vm->name));
        }
        mask |= 1ull << v->id;
    }
    return mask;
}

/* Child ids: unique per parent and distinct from the parent's vcpu ids. */
void check_child_ids(struct system *sys, const struct board *board, struct diag *d)
{
    uint64_t *used = xcalloc(sys->pds.count + 1, sizeof(*used));
    uint64_t *vcpus = xcalloc(sys->pds.count + 1, sizeof(*vcpus));
    for (size_t i = 0; i < sys->pds.count; i++) {
        vcpus[i] = vcpu_mask(sys->pds.items[i].vm, d);
    }
    for (size_t i = 0; i < sys->pds.count; i++) {
        const struct pd *pd = &sys->pds.items[i];
        if (pd->parent < 0 || !pd->has_id) {
            continue;
        }
        const char *parent = name_of(sys->pds.items[pd->parent].name);
        uint64_t bit = 1ull << pd->id;
        if (used[pd->parent] & bit) {
            rule_report(d, R_PD_CHILD_ID_DUP, &pd->pos, NULL, (long long)pd->id, parent);
        } else if (vcpus[pd->parent] & bit) {
            rule_report(d, R_PD_CHILD_ID_VCPU, &pd->pos, NULL, (long long)pd->id, parent);
        }
        used[pd->parent] |= bit;
    }
    free(vcpus);
    free(used);
}

/* Irq ids and channel end ids share one id space per PD. */
static void use_id(uint64_t *used, int64_t id, const struct srcpos *pos, const char *pd_name,
                   struct diag *d)
{
    if (*used & (1ull << id)) {
        rule_report(d, R_CH_ID_DUP, pos, NULL, (long long)id, name_of(pd_name));
    }
    *used |= 1ull << id;
}

void check_channel_ids(struct system *sys, const struct board *board, struct diag *d)
{
    uint64_t *used = xcalloc(sys->pds.count + 1, sizeof(*used));
    for (size_t i = 0; i < sys->pds.count; i++) {
        const struct pd *pd = &sys->pds.items[i];
        for (size_t k = 0; k < pd->irqs.count; k++) {
            use_id(&used[i], pd->irqs.items[k].id, &pd->irqs.items[k].pos, pd->name, d);
        }
    }
    for (size_t i = 0; i < sys->channels.count; i++) {
        for (int e = 0; e < 2; e++) {
            const struct channel_end *end = &sys->channels.items[i].end[e];
            use_id(&used[end->pd], end->id, &end->pos, sys->pds.items[end->pd].name, d);
        }
    }
    free(used);
}

/*
 * For an end whose pp="true" comes from Microkit 1.4 pp on the other end's PD
 * (checks_legacy.c): the hint says so, then gives `fix`. NULL otherwise.
 */
static char *legacy_hint(const struct system *sys, const struct channel *ch, const char *fix)
{
    for (int e = 0; e < 2; e++) {
        const struct channel_end *end = &ch->end[e], *other = &ch->end[1 - e];
        if (end->pp_legacy) {
            const struct pd *pd = &sys->pds.items[other->pd];
            return xasprintf("'%s' calls '%s' because of pp=\"true\" on protection domain '%s' "
                             "at line %d (Microkit 1.4 syntax); %s",
                             end->pd_name, other->pd_name, name_of(pd->name), pd->pos.line, fix);
        }
    }
    return NULL;
}

static void report_bidirectional(const struct system *sys, const struct channel *ch, struct diag *d)
{
    char *hint = legacy_hint(sys, ch, "protected procedure calls go one way");
    rule_report(d, R_CH_PP_BIDIRECTIONAL, &ch->pos, hint);
    free(hint);
}

/* A PPC goes from the end with pp="true" to a callee of strictly higher priority. */
static void check_ppc(const struct system *sys, const struct channel *ch, struct diag *d)
{
    if (ch->end[0].pp && ch->end[1].pp) {
        report_bidirectional(sys, ch, d);
        return;
    }
    for (int e = 0; e < 2; e++) {
        const struct channel_end *caller = &ch->end[e], *callee = &ch->end[1 - e];
        if (!caller->pp) {
            continue;
        }
        const struct pd *a = &sys->pds.items[caller->pd], *b = &sys->pds.items[callee->pd];
        if (a->priority >= b->priority) {
            char *hint = legacy_hint(sys, ch, "raise the callee's priority or lower the caller's");
            rule_report(d, R_CH_PP_PRIORITY, &caller->pos, hint, name_of(a->name),
                        (unsigned long long)a->priority, name_of(b->name),
                        (unsigned long long)b->priority);
            free(hint);
        }
    }
}

void check_ppcs(struct system *sys, const struct board *board, struct diag *d)
{
    for (size_t i = 0; i < sys->channels.count; i++) {
        check_ppc(sys, &sys->channels.items[i], d);
    }
}

/* ---- channels and PDs that cannot do anything ---- */

/* An end gives its PD a notification cap (notify) or an endpoint cap (pp) to the other PD. */
static bool end_grants(const struct channel_end *end)
{
    return end->notify || end->pp;
}

void check_channels_grant(struct system *sys, const struct board *board, struct diag *d)
{
    for (size_t i = 0; i < sys->channels.count; i++) {
        const struct channel *ch = &sys->channels.items[i];
        if (!end_grants(&ch->end[0]) && !end_grants(&ch->end[1])) {
            rule_report(d, R_CH_GRANTS_NOTHING, &ch->pos, NULL, ch->end[0].pd_name,
                        ch->end[1].pd_name);
        }
    }
}

/*
 * woken[i]: something other than PD i's own init can make it run: a
 * notification or protected call from the other end of a channel, an irq,
 * or the fault of a child or of its virtual machine (the fault message
 * brings the faulting thread's scheduling context).
 */
static bool *wake_sources(const struct system *sys)
{
    bool *woken = xcalloc(sys->pds.count + 1, sizeof(*woken));
    for (size_t i = 0; i < sys->channels.count; i++) {
        const struct channel *ch = &sys->channels.items[i];
        for (int e = 0; e < 2; e++) {
            woken[ch->end[e].pd] |= end_grants(&ch->end[1 - e]);
        }
    }
    for (size_t i = 0; i < sys->pds.count; i++) {
        const struct pd *pd = &sys->pds.items[i];
        woken[i] |= pd->irqs.count > 0 || pd->vm;
        if (pd->parent >= 0) {
            woken[pd->parent] = true;
        }
    }
    return woken;
}

/* A passive PD gives its scheduling context away after init: only what wakes it runs it again. */
void check_passive_woken(struct system *sys, const struct board *board, struct diag *d)
{
    bool *woken = wake_sources(sys);
    for (size_t i = 0; i < sys->pds.count; i++) {
        const struct pd *pd = &sys->pds.items[i];
        if (pd->passive && !woken[i]) {
            rule_report(d, R_PD_PASSIVE_UNREACHABLE, &pd->pos, NULL, name_of(pd->name));
        }
    }
    free(woken);
}

void check_setvar_names(struct system *sys, const struct board *board, struct diag *d)
{
    struct hashmap syms;
    for (size_t i = 0; i < sys->pds.count; i++) {
        const struct pd *pd = &sys->pds.items[i];
        hashmap_init(&syms);
        for (size_t k = 0; k < pd->setvars.count; k++) {
            const struct setvar *sv = &pd->setvars.items[k];
            if (hashmap_put_str(&syms, sv->symbol, (int)k) >= 0) {
                rule_report(d, R_SETVAR_DUP, &sv->pos, NULL, sv->symbol, name_of(pd->name));
            }
        }
        hashmap_free(&syms);
    }
}
