/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Check rules about <domains> (Microkit 2.3): what the kernel configuration
 * allows (KernelNumDomains, KernelNumDomainSchedules, single core), unique
 * domain names and ids, the schedule's references and indexes, and the PD
 * domain attribute. The limits are those of the kernel configuration the
 * SDK builds for the board (kconfig.c; every kernel the build accepts has
 * them, kernel_check refuses others), or of the host board without one.
 * Domains without an id get the smallest free ids in document order, and
 * every PD its domain's id (pd.domain_id).
 */
#include <stdlib.h>
#include <string.h>

#include "checks_internal.h"
#include "hashmap.h"
#include "kconfig.h"

struct dom_limits {
    uint64_t domains;   /* KernelNumDomains */
    uint64_t schedules; /* KernelNumDomainSchedules */
    bool smp;
};

static uint64_t option_number(const struct kconfig *kc, const char *key, uint64_t def)
{
    const struct kconfig_option *o = kconfig_get(kc, key);
    return o && !o->boolean ? strtoull(o->value, NULL, 10) : def;
}

static struct dom_limits kernel_limits(const struct board *board)
{
    struct kconfig kc = {0};
    kconfig_kernel(board, board && board->config ? board->config : "debug", &kc);
    const struct kconfig_option *smp = kconfig_get(&kc, "ENABLE_SMP_SUPPORT");
    struct dom_limits l = {option_number(&kc, "NUM_DOMAINS", 16),
                           option_number(&kc, "NUM_DOMAIN_SCHEDULES", 100),
                           smp && !strcmp(smp->value, "true")};
    kconfig_free(&kc);
    return l;
}

/* The index of domain `name` in the list (domain_map), or -1. */
static int find_domain(const struct hashmap *m, const char *name)
{
    return name ? hashmap_get_str(m, name) : -1;
}

static void domain_map(const struct domains *ds, struct hashmap *m)
{
    hashmap_init(m);
    for (size_t i = 0; i < ds->list.count; i++) {
        hashmap_put_str(m, ds->list.items[i].name, (int)i); /* the first wins */
    }
}

void check_domains_kernel(struct system *sys, const struct board *board, struct diag *d)
{
    const struct domains *ds = &sys->domains;
    if (!ds->present) {
        return;
    }
    struct dom_limits l = kernel_limits(board);
    if (l.smp) {
        rule_report(d, R_DOMAINS_SMP, &ds->pos, NULL);
        return;
    }
    if (ds->list.count > l.domains) {
        rule_report(d, R_DOMAINS_TOO_MANY, &ds->pos, NULL, (unsigned long long)ds->list.count,
                    (unsigned long long)l.domains);
    }
    for (size_t i = 0; i < ds->list.count; i++) {
        const struct domain *dom = &ds->list.items[i];
        if (dom->has_id && dom->id >= l.domains) {
            rule_report(d, R_DOMAIN_ID_RANGE, &dom->pos, NULL, (unsigned long long)dom->id,
                        dom->name, (unsigned long long)l.domains);
        }
    }
}

void check_domain_names(struct system *sys, const struct board *board, struct diag *d)
{
    const struct domains *ds = &sys->domains;
    struct hashmap names, ids;
    hashmap_init(&names);
    hashmap_init(&ids);
    for (size_t i = 0; i < ds->list.count; i++) {
        const struct domain *dom = &ds->list.items[i];
        if (hashmap_put_str(&names, dom->name, (int)i) >= 0) {
            rule_report(d, R_DOMAIN_NAME_DUP, &dom->pos, NULL, dom->name);
        }
        int other = dom->has_id ? hashmap_put_u64(&ids, dom->id, (int)i) : -1;
        if (other >= 0) {
            rule_report(d, R_DOMAIN_ID_DUP, &dom->pos, NULL, dom->name, (unsigned long long)dom->id,
                        ds->list.items[other].name);
        }
    }
    hashmap_free(&names);
    hashmap_free(&ids);
}

static void check_entries(const struct domains *ds, struct hashmap *m, struct diag *d)
{
    for (size_t i = 0; i < ds->schedule.count; i++) {
        struct sched_entry *s = &ds->schedule.items[i];
        if (s->unit == SCHED_END) {
            continue;
        }
        s->domain = find_domain(m, s->domain_name);
        if (s->domain < 0) {
            rule_report(d, R_DOMAIN_ENTRY_UNKNOWN, &s->pos, NULL, s->domain_name);
        }
    }
}

void check_domain_schedule(struct system *sys, const struct board *board, struct diag *d)
{
    const struct domains *ds = &sys->domains;
    if (!ds->has_schedule) {
        return;
    }
    struct hashmap m;
    domain_map(ds, &m);
    check_entries(ds, &m, d);
    hashmap_free(&m);
    unsigned long long len = ds->schedule.count;
    if (ds->start_index >= len) {
        rule_report(d, R_DOMAIN_START_INDEX, &ds->schedule_pos, NULL,
                    (unsigned long long)ds->start_index, len);
    } else if (ds->schedule.items[ds->start_index].unit == SCHED_END) {
        rule_report(d, R_DOMAIN_START_END, &ds->schedule.items[ds->start_index].pos, NULL,
                    (unsigned long long)ds->start_index);
    }
}

void check_domain_schedule_kernel(struct system *sys, const struct board *board, struct diag *d)
{
    const struct domains *ds = &sys->domains;
    if (!ds->has_schedule) {
        return;
    }
    struct dom_limits l = kernel_limits(board);
    unsigned long long len = ds->schedule.count, n = l.schedules;
    if (len >= n) {
        rule_report(d, R_DOMAIN_SCHEDULE_LONG, &ds->schedule_pos, NULL, len, n, n ? n - 1 : 0);
    } else if (ds->index_shift >= n - len) {
        rule_report(d, R_DOMAIN_INDEX_SHIFT, &ds->schedule_pos, NULL,
                    (unsigned long long)ds->index_shift, len, n);
    }
}

static void pd_domain(const struct system *sys, struct pd *pd, struct hashmap *m, struct diag *d)
{
    const struct domains *ds = &sys->domains;
    if (!ds->present) {
        if (pd->domain_name) {
            rule_report(d, R_PD_DOMAIN_NO_DOMAINS, &pd->pos, NULL, pd->domain_name,
                        name_of(pd->name));
        }
        return;
    }
    if (!pd->domain_name) {
        rule_report(d, R_PD_DOMAIN_MISSING, &pd->pos, NULL, name_of(pd->name));
    } else if (find_domain(m, pd->domain_name) < 0) {
        rule_report(d, R_PD_DOMAIN_UNKNOWN, &pd->pos, NULL, pd->domain_name, name_of(pd->name));
    }
}

void check_pd_domains(struct system *sys, const struct board *board, struct diag *d)
{
    struct hashmap m;
    domain_map(&sys->domains, &m);
    for (size_t i = 0; i < sys->pds.count; i++) {
        pd_domain(sys, &sys->pds.items[i], &m, d);
    }
    hashmap_free(&m);
}

/* Ids for domains without one: the smallest free, in document order. */
static void assign_ids(struct domains *ds)
{
    struct hashmap used;
    hashmap_init(&used);
    for (size_t i = 0; i < ds->list.count; i++) {
        if (ds->list.items[i].has_id) {
            hashmap_put_u64(&used, ds->list.items[i].id, (int)i);
        }
    }
    uint64_t next = 0;
    for (size_t i = 0; i < ds->list.count; i++) {
        struct domain *dom = &ds->list.items[i];
        while (!dom->has_id && hashmap_get_u64(&used, next) >= 0) {
            next++;
        }
        if (!dom->has_id) {
            dom->id = next++;
        }
    }
    hashmap_free(&used);
}

static bool domain0_scheduled(const struct domains *ds)
{
    for (size_t i = 0; i < ds->schedule.count; i++) {
        const struct sched_entry *s = &ds->schedule.items[i];
        if (s->unit != SCHED_END && ds->list.items[s->domain].id == 0) {
            return true;
        }
    }
    return false;
}

void check_domain_ids(struct system *sys, const struct board *board, struct diag *d)
{
    struct domains *ds = &sys->domains;
    if (!ds->present) {
        return;
    }
    assign_ids(ds);
    struct hashmap m;
    domain_map(ds, &m);
    for (size_t i = 0; i < sys->pds.count; i++) {
        struct pd *pd = &sys->pds.items[i];
        pd->domain_id = (uint8_t)ds->list.items[find_domain(&m, pd->domain_name)].id;
    }
    hashmap_free(&m);
    if (!domain0_scheduled(ds)) {
        rule_report(d, R_DOMAIN_MONITOR_UNSCHEDULED, &ds->schedule_pos, NULL);
    }
}
