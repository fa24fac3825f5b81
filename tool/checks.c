/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The check stage: the whole-system rules of rules.def, each a small
 * function over the model. Lookups use hash tables and overlap tests sort,
 * so the stage stays O(n log n) in the size of the system.
 */
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "checks_internal.h"
#include "hashmap.h"
#include "num.h"
#include "util.h"

static const struct rule_info rules[RULE_COUNT] = {
#define RULE(sym, id, sev, fmt, hint) [sym] = {id, sev, fmt, hint},
#include "rules.def"
#undef RULE
};

const struct rule_info *rule_info(enum rule_id r)
{
    return &rules[r];
}

enum rule_id rule_lookup(const char *id)
{
    for (int r = 0; r < RULE_COUNT; r++) {
        if (!strcmp(rules[r].id, id)) {
            return (enum rule_id)r;
        }
    }
    return RULE_COUNT;
}

bool rule_is_legacy(const char *id)
{
    return id && !strncmp(id, "sdf-legacy-", strlen("sdf-legacy-"));
}

/* --strict: the warnings about older syntax are errors. */
static enum severity rule_severity(const struct diag *d, enum rule_id r)
{
    return d->strict && rule_is_legacy(rules[r].id) ? SEV_ERROR : rules[r].severity;
}

void rule_report(struct diag *d, enum rule_id r, const struct srcpos *pos, const char *hint, ...)
{
    va_list ap;
    va_start(ap, hint);
    diag_vreport(d, rule_severity(d, r), pos, rules[r].id, hint ? hint : rules[r].hint,
                 rules[r].message, ap);
    va_end(ap);
}

uint64_t pd_map_limit(uint64_t stack_size)
{
    uint64_t below = stack_size + PAGE_SIZE_SMALL; /* the stack and its guard page */
    if (stack_size > SDK_PD_STACK_TOP || below > SDK_PD_STACK_TOP) {
        return 0;
    }
    return SDK_PD_STACK_TOP - below;
}

const char *name_of(const char *name)
{
    return name ? name : "(unnamed)";
}

/* ---- names ---- */

/* Report every name seen before; `names` is a strided array of char *. */
static void check_dup_names(struct diag *d, size_t n, const void *base, size_t stride,
                            size_t name_off, size_t pos_off, enum rule_id rule)
{
    struct hashmap seen;
    hashmap_init(&seen);
    for (size_t i = 0; i < n; i++) {
        const char *item = (const char *)base + i * stride;
        const char *name = *(char *const *)(item + name_off);
        if (!name) {
            continue;
        }
        int first = hashmap_put_str(&seen, name, (int)i);
        if (first >= 0) {
            const struct srcpos *fp =
                (const struct srcpos *)((const char *)base + (size_t)first * stride + pos_off);
            char *hint = xasprintf("first defined at line %d", fp->line);
            rule_report(d, rule, (const struct srcpos *)(item + pos_off), hint, name);
            free(hint);
        }
    }
    hashmap_free(&seen);
}

static void check_names(struct system *sys, struct diag *d)
{
    check_dup_names(d, sys->pds.count, sys->pds.items, sizeof(struct pd), offsetof(struct pd, name),
                    offsetof(struct pd, pos), R_PD_NAME_DUP);
    check_dup_names(d, sys->mrs.count, sys->mrs.items, sizeof(struct mr), offsetof(struct mr, name),
                    offsetof(struct mr, pos), R_MR_NAME_DUP);
    struct hashmap vms;
    hashmap_init(&vms);
    for (size_t i = 0; i < sys->pds.count; i++) {
        struct vm *vm = sys->pds.items[i].vm;
        if (vm && vm->name && hashmap_put_str(&vms, vm->name, (int)i) >= 0) {
            rule_report(d, R_VM_NAME_DUP, &vm->pos, NULL, vm->name);
        }
        const char *name = sys->pds.items[i].name;
        if (name && strlen(name) >= SDK_PD_NAME_LENGTH) {
            rule_report(d, R_PD_NAME_LONG, &sys->pds.items[i].pos, NULL, name);
        }
    }
    hashmap_free(&vms);
}

/* ---- counts ---- */

static void check_counts(struct system *sys, struct diag *d)
{
    if (sys->pds.count == 0) {
        rule_report(d, R_SYS_NO_PD, sys->pos.file ? &sys->pos : NULL, NULL);
    }
    if (sys->pds.count > SDK_MAX_PDS) {
        rule_report(d, R_SYS_TOO_MANY_PDS, &sys->pds.items[SDK_MAX_PDS].pos, NULL,
                    (unsigned long long)sys->pds.count);
    }
    size_t vms = 0;
    for (size_t i = 0; i < sys->pds.count; i++) {
        if (sys->pds.items[i].vm && ++vms == SDK_MAX_VMS + 1) {
            size_t total = vms;
            for (size_t j = i + 1; j < sys->pds.count; j++) {
                total += sys->pds.items[j].vm != NULL;
            }
            rule_report(d, R_SYS_TOO_MANY_VMS, &sys->pds.items[i].vm->pos, NULL,
                        (unsigned long long)total);
        }
    }
}

/* ---- scheduling and per-PD values ---- */

static void check_pd_values(const struct pd *pd, struct diag *d)
{
    const char *name = name_of(pd->name);
    if (pd->priority > SDK_MAX_PD_PRIORITY) {
        rule_report(d, R_PD_PRIORITY, &pd->pos, NULL, (unsigned long long)pd->priority, name);
    }
    if (pd->budget == 0) {
        rule_report(d, R_PD_BUDGET_ZERO, &pd->pos, NULL, name);
    }
    if (pd->budget > pd->period) {
        rule_report(d, R_PD_BUDGET_PERIOD, &pd->pos, NULL, (unsigned long long)pd->budget, name,
                    (unsigned long long)pd->period);
    }
    if (pd->stack_size < SDK_STACK_SIZE_MIN || pd->stack_size > SDK_STACK_SIZE_MAX) {
        rule_report(d, R_PD_STACK_RANGE, &pd->pos, NULL, (unsigned long long)pd->stack_size, name);
    } else if (!is_aligned(pd->stack_size, PAGE_SIZE_SMALL)) {
        rule_report(d, R_PD_STACK_ALIGN, &pd->pos, NULL, (unsigned long long)pd->stack_size, name);
    }
    if (pd->has_id && (pd->id < 0 || pd->id > SDK_MAX_CHANNEL_ID)) {
        rule_report(d, R_PD_CHILD_ID_RANGE, &pd->pos, NULL, (unsigned long long)pd->id, name);
    }
}

static void check_vm_values(const struct vm *vm, struct diag *d)
{
    const char *name = name_of(vm->name);
    if (vm->priority > SDK_MAX_PD_PRIORITY) {
        rule_report(d, R_VM_PRIORITY, &vm->pos, NULL, (unsigned long long)vm->priority, name);
    }
    if (vm->budget > vm->period) {
        rule_report(d, R_VM_BUDGET_PERIOD, &vm->pos, NULL, (unsigned long long)vm->budget, name,
                    (unsigned long long)vm->period);
    }
    uint64_t seen = 0;
    for (size_t i = 0; i < vm->vcpus.count; i++) {
        const struct vcpu *v = &vm->vcpus.items[i];
        if (v->id < 0 || v->id > SDK_MAX_CHANNEL_ID) {
            rule_report(d, R_VM_VCPU_ID_RANGE, &v->pos, NULL, (long long)v->id);
        } else if (seen & (1ull << v->id)) {
            rule_report(d, R_VM_VCPU_DUP, &v->pos, NULL, (long long)v->id, name);
        } else {
            seen |= 1ull << v->id;
        }
    }
}

static uint64_t vcpu_mask(const struct vm *vm)
{
    uint64_t mask = 0;
    for (size_t i = 0; vm && i < vm->vcpus.count; i++) {
        int64_t id = vm->vcpus.items[i].id;
        if (id >= 0 && id <= SDK_MAX_CHANNEL_ID) {
            mask |= 1ull << id;
        }
    }
    return mask;
}

/* Child ids: unique per parent and distinct from the parent's vcpu ids. */
static void check_child_ids(struct system *sys, struct diag *d)
{
    uint64_t *used = xcalloc(sys->pds.count, sizeof(*used));
    for (size_t i = 0; i < sys->pds.count; i++) {
        const struct pd *pd = &sys->pds.items[i];
        if (pd->parent < 0 || !pd->has_id || pd->id < 0 || pd->id > SDK_MAX_CHANNEL_ID) {
            continue;
        }
        const struct pd *parent = &sys->pds.items[pd->parent];
        uint64_t bit = 1ull << pd->id;
        if (used[pd->parent] & bit) {
            rule_report(d, R_PD_CHILD_ID_DUP, &pd->pos, NULL, (long long)pd->id,
                        name_of(parent->name));
        } else if (vcpu_mask(parent->vm) & bit) {
            rule_report(d, R_PD_CHILD_ID_VCPU, &pd->pos, NULL, (long long)pd->id,
                        name_of(parent->name));
        }
        used[pd->parent] |= bit;
    }
    free(used);
}

static void check_pds(struct system *sys, struct diag *d)
{
    for (size_t i = 0; i < sys->pds.count; i++) {
        check_pd_values(&sys->pds.items[i], d);
        if (sys->pds.items[i].vm) {
            check_vm_values(sys->pds.items[i].vm, d);
        }
    }
    check_child_ids(sys, d);
}

/* ---- the stage ---- */

int checks_run(struct system *sys, const struct board *board, struct diag *d)
{
    unsigned before = diag_errors(d);
    system_index_build(sys);
    checks_resolve(sys, d);
    checks_legacy(sys, d);
    check_counts(sys, d);
    check_names(sys, d);
    check_pds(sys, d);
    checks_mrs(sys, board, d);
    checks_maps(sys, d);
    checks_ids(sys, d);
    checks_page_sizes(sys);
    return diag_errors(d) == before ? 0 : -1;
}
