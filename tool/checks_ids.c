/* SPDX-License-Identifier: BSD-2-Clause */
/* Check rules about numbers that must be unique: irqs, channel ids, setvar symbols. */
#include <stdlib.h>

#include "checks.h"
#include "checks_internal.h"
#include "hashmap.h"
#include "util.h"

static bool id_in_range(int64_t id)
{
    return id >= 0 && id <= SDK_MAX_CHANNEL_ID;
}

/* irq numbers are unique in the system; ids go into the PD's id space `used`. */
static void check_irqs(const struct system *sys, struct hashmap *numbers, uint64_t *used,
                       struct diag *d)
{
    for (size_t i = 0; i < sys->pds.count; i++) {
        const struct pd *pd = &sys->pds.items[i];
        for (size_t k = 0; k < pd->irqs.count; k++) {
            const struct irq *irq = &pd->irqs.items[k];
            int first = hashmap_put_u64(numbers, irq->irq, (int)i);
            if (first >= 0) {
                rule_report(d, R_IRQ_DUP, &irq->pos, NULL, (unsigned long long)irq->irq,
                            name_of(pd->name), name_of(sys->pds.items[first].name));
            }
            if (!id_in_range(irq->id)) {
                rule_report(d, R_IRQ_ID_RANGE, &irq->pos, NULL, (long long)irq->id);
            } else if (used[i] & (1ull << irq->id)) {
                rule_report(d, R_CH_ID_DUP, &irq->pos, NULL, (long long)irq->id, name_of(pd->name));
            } else {
                used[i] |= 1ull << irq->id;
            }
        }
    }
}

static void check_end_id(const struct system *sys, const struct channel_end *end, uint64_t *used,
                         struct diag *d)
{
    if (!id_in_range(end->id)) {
        rule_report(d, R_CH_ID_RANGE, &end->pos, NULL, (long long)end->id);
        return;
    }
    if (end->pd < 0) {
        return;
    }
    if (used[end->pd] & (1ull << end->id)) {
        rule_report(d, R_CH_ID_DUP, &end->pos, NULL, (long long)end->id,
                    name_of(sys->pds.items[end->pd].name));
    }
    used[end->pd] |= 1ull << end->id;
}

/*
 * For an end whose pp="true" comes from Microkit 1.4 pp on the other end's PD
 * (checks_legacy.c): the hint says so, then gives `fix`. NULL otherwise.
 */
static char *legacy_hint(const struct system *sys, const struct channel *ch, const char *fix)
{
    for (int e = 0; e < 2; e++) {
        const struct channel_end *end = &ch->end[e], *other = &ch->end[1 - e];
        if (end->pp_legacy && other->pd >= 0) {
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
        if (!caller->pp || caller->pd < 0 || callee->pd < 0) {
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

static void check_setvars(const struct system *sys, struct diag *d)
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

void checks_ids(struct system *sys, struct diag *d)
{
    struct hashmap numbers;
    hashmap_init(&numbers);
    uint64_t *used = xcalloc(sys->pds.count + 1, sizeof(*used));
    check_irqs(sys, &numbers, used, d);
    for (size_t i = 0; i < sys->channels.count; i++) {
        const struct channel *ch = &sys->channels.items[i];
        check_end_id(sys, &ch->end[0], used, d);
        check_end_id(sys, &ch->end[1], used, d);
        check_ppc(sys, ch, d);
    }
    free(used);
    hashmap_free(&numbers);
    check_setvars(sys, d);
}
