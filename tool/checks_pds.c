/* SPDX-License-Identifier: BSD-2-Clause */
/* Check rules about protection domains and virtual machines: counts, names, scheduling, stacks. */
#include <stdlib.h>
#include <string.h>

#include "checks_internal.h"
#include "hashmap.h"
#include "num.h"
#include "util.h"

void check_counts(struct system *sys, const struct board *board, struct diag *d)
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

/* Report every name seen before; `base` is a strided array of items with a name and a pos. */
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

void check_names(struct system *sys, const struct board *board, struct diag *d)
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

void check_priorities(struct system *sys, const struct board *board, struct diag *d)
{
    for (size_t i = 0; i < sys->pds.count; i++) {
        const struct pd *pd = &sys->pds.items[i];
        if (pd->priority > SDK_MAX_PD_PRIORITY) {
            rule_report(d, R_PD_PRIORITY, &pd->pos, NULL, (unsigned long long)pd->priority,
                        name_of(pd->name));
        }
        if (pd->vm && pd->vm->priority > SDK_MAX_PD_PRIORITY) {
            rule_report(d, R_VM_PRIORITY, &pd->vm->pos, NULL, (unsigned long long)pd->vm->priority,
                        name_of(pd->vm->name));
        }
    }
}

static void check_pd_budget(const struct pd *pd, struct diag *d)
{
    const char *name = name_of(pd->name);
    if (pd->budget == 0) {
        rule_report(d, R_PD_BUDGET_ZERO, &pd->pos, NULL, name);
    }
    if (pd->budget > pd->period) {
        rule_report(d, R_PD_BUDGET_PERIOD, &pd->pos, NULL, (unsigned long long)pd->budget, name,
                    (unsigned long long)pd->period);
    }
}

void check_budgets(struct system *sys, const struct board *board, struct diag *d)
{
    for (size_t i = 0; i < sys->pds.count; i++) {
        const struct pd *pd = &sys->pds.items[i];
        check_pd_budget(pd, d);
        if (pd->vm && pd->vm->budget > pd->vm->period) {
            rule_report(d, R_VM_BUDGET_PERIOD, &pd->vm->pos, NULL,
                        (unsigned long long)pd->vm->budget, name_of(pd->vm->name),
                        (unsigned long long)pd->vm->period);
        }
    }
}

void check_stacks(struct system *sys, const struct board *board, struct diag *d)
{
    for (size_t i = 0; i < sys->pds.count; i++) {
        const struct pd *pd = &sys->pds.items[i];
        unsigned long long size = pd->stack_size;
        if (size < SDK_STACK_SIZE_MIN || size > SDK_STACK_SIZE_MAX) {
            rule_report(d, R_PD_STACK_RANGE, &pd->pos, NULL, size, name_of(pd->name));
        } else if (!is_aligned(size, PAGE_SIZE_SMALL)) {
            rule_report(d, R_PD_STACK_ALIGN, &pd->pos, NULL, size, name_of(pd->name));
        }
    }
}
