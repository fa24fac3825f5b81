/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Check rules about protection domains and virtual machines: counts, names,
 * scheduling (and, with a board, the budgets and periods its kernel
 * accepts), stacks.
 */
#include <stdlib.h>
#include <string.h>

#include "checks_internal.h"
#include "hashmap.h"
#include "kconfig.h"
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

/*
 * What seL4 16.0.0 (MCS) accepts in seL4_SchedControl_ConfigureFlags
 * (src/object/schedcontrol.c): budget and period at most MAX_PERIOD_US,
 * which is getMaxUsToTicks() / 8 (include/kernel/sporadic.h, with
 * KERNEL_STATIC_MAX_PERIOD_US at its default 0), and both at least
 * MIN_BUDGET = 2 * KERNEL_WCET * KERNEL_WCET_SCALE once converted to timer
 * ticks. Ticks come from microseconds as usToTicks() does on ARM
 * (include/arch/arm/arch/machine/timer.h): by whole MHz when the timer
 * frequency is a multiple of 1 MHz, else by kHz. KERNEL_WCET is 10 us on
 * every board here (src/plat/<plat>/config.cmake), KERNEL_WCET_SCALE 1 (its
 * default; the board files do not change it).
 */
#define SEL4_KERNEL_WCET_US     10
#define SEL4_KERNEL_WCET_SCALE  1
#define SEL4_MAX_PERIOD_DIVISOR 8
#define HZ_PER_MHZ              1000000
#define HZ_PER_KHZ              1000

struct sched_limits {
    uint64_t min_budget_us; /* the smallest budget (and period) the kernel takes */
    uint64_t max_period_us; /* the largest budget and period */
};

/* usToTicks(us) for a timer of `hz`; `us` small enough not to overflow. */
static uint64_t us_to_ticks(uint64_t hz, uint64_t us)
{
    if (hz % HZ_PER_MHZ) {
        return us * (hz / HZ_PER_KHZ) / HZ_PER_KHZ;
    }
    return us * (hz / HZ_PER_MHZ);
}

/* False for a timer too slow for the kernel's arithmetic (below 1 kHz): nothing is checked. */
static bool sched_limits_of(const struct board *b, struct sched_limits *l)
{
    uint64_t hz = b->timer_frequency;
    uint64_t unit =
        hz % HZ_PER_MHZ ? hz / HZ_PER_KHZ : hz / HZ_PER_MHZ; /* ticks per ms or per us */
    if (unit == 0) {
        return false;
    }
    l->max_period_us = UINT64_MAX / unit / SEL4_MAX_PERIOD_DIVISOR;
    uint64_t min_ticks = 2 * us_to_ticks(hz, SEL4_KERNEL_WCET_US) * SEL4_KERNEL_WCET_SCALE;
    l->min_budget_us = 2 * SEL4_KERNEL_WCET_US * SEL4_KERNEL_WCET_SCALE;
    while (l->min_budget_us > 1 && us_to_ticks(hz, l->min_budget_us - 1) >= min_ticks) {
        l->min_budget_us--;
    }
    return true;
}

static bool in_range(uint64_t us, const struct sched_limits *l)
{
    return us >= l->min_budget_us && us <= l->max_period_us;
}

/*
 * A budget of 0 is pd-budget-zero's; a period out of range on the same side
 * as its budget (the period defaults to the budget) adds nothing.
 */
static void check_sched(const struct srcpos *pos, const char *kind, const char *name,
                        uint64_t budget, uint64_t period, const struct sched_limits *l,
                        const struct board *b, struct diag *d)
{
    bool budget_bad = budget != 0 && !in_range(budget, l);
    bool same_side = budget_bad && (budget < l->min_budget_us) == (period < l->min_budget_us);
    if (budget_bad) {
        rule_report(d, R_SCHED_BUDGET_RANGE, pos, NULL, (unsigned long long)budget, kind,
                    name_of(name), (unsigned long long)l->min_budget_us,
                    (unsigned long long)l->max_period_us, b->name);
    }
    if (budget != 0 && !in_range(period, l) && !same_side) {
        rule_report(d, R_SCHED_PERIOD_RANGE, pos, NULL, (unsigned long long)period, kind,
                    name_of(name), (unsigned long long)l->min_budget_us,
                    (unsigned long long)l->max_period_us, b->name);
    }
}

/* Budgets and periods against the kernel's limits; pd-budget-* and vm-budget-* are separate. */
void check_sched_limits(struct system *sys, const struct board *board, struct diag *d)
{
    struct sched_limits l;
    if (!board || !sched_limits_of(board, &l)) {
        return;
    }
    for (size_t i = 0; i < sys->pds.count; i++) {
        const struct pd *pd = &sys->pds.items[i];
        check_sched(&pd->pos, "protection domain", pd->name, pd->budget, pd->period, &l, board, d);
        if (pd->vm) {
            check_sched(&pd->vm->pos, "virtual machine", pd->vm->name, pd->vm->budget,
                        pd->vm->period, &l, board, d);
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

/*
 * Cores of the board's kernel in the configuration checked (MAX_NUM_NODES:
 * 1, or the board's cores in an smp- configuration). Without a
 * configuration (`check --board` without --config): the board's cores, the
 * most any configuration gives it; the build then checks its own.
 */
static uint64_t kernel_cores(const struct board *board)
{
    struct kconfig kc = {0};
    kconfig_kernel(board, board->config ? board->config : "smp-debug", &kc);
    const struct kconfig_option *o = kconfig_get(&kc, "MAX_NUM_NODES");
    uint64_t n = o && !o->boolean ? strtoull(o->value, NULL, 10) : 1;
    kconfig_free(&kc);
    return n ? n : 1;
}

/* On a multicore kernel the table's hint (for one core) does not fit. */
static const char *cpu_hint(uint64_t cores)
{
    return cores > 1
               ? "the cores are numbered from 0: use a smaller cpu, or a board with more cores"
               : NULL;
}

/* Microkit 2.3's cpu on PDs and vCPUs: a core the kernel has. */
static bool any_cpu_beyond_0(const struct system *sys)
{
    for (size_t i = 0; i < sys->pds.count; i++) {
        const struct pd *pd = &sys->pds.items[i];
        if (pd->cpu) {
            return true;
        }
        for (size_t k = 0; pd->vm && k < pd->vm->vcpus.count; k++) {
            if (pd->vm->vcpus.items[k].cpu) {
                return true;
            }
        }
    }
    return false;
}

void check_cpus(struct system *sys, const struct board *board, struct diag *d)
{
    if (!board || board->host || !any_cpu_beyond_0(sys)) {
        return; /* core 0 exists everywhere; without a board the cores are unknown; */
                /* on the host they are `run --cpus`'s (rule run-cpus) */
    }
    uint64_t cores = kernel_cores(board);
    for (size_t i = 0; i < sys->pds.count; i++) {
        struct pd *pd = &sys->pds.items[i];
        if (pd->cpu >= cores) {
            rule_report(d, R_PD_CPU_RANGE, &pd->pos, cpu_hint(cores), "protection domain",
                        name_of(pd->name), (unsigned long long)cores, (unsigned long long)pd->cpu);
            pd->cpu = 0; /* as a warning (-W pd-cpu-range): core 0 */
        }
        for (size_t k = 0; pd->vm && k < pd->vm->vcpus.count; k++) {
            struct vcpu *v = &pd->vm->vcpus.items[k];
            if (v->cpu_given && v->cpu >= cores) {
                rule_report(d, R_PD_CPU_RANGE, &v->pos, cpu_hint(cores), "vcpu of virtual machine",
                            name_of(pd->vm->name), (unsigned long long)cores,
                            (unsigned long long)v->cpu);
                v->cpu = 0;
            }
        }
    }
}
