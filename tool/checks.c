/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The check stage: the table of checks and the runner. Each check is a
 * small function over the model (checks_*.c) that reports the rules it
 * lists. A check needs another when it relies on what that one establishes
 * for the whole system (every name resolved, every id in range, every page
 * size valid): it runs only when that one passed, so it never sees a
 * reference an earlier check could not resolve and never repeats an earlier
 * error as noise. Lookups use hash tables and overlap tests sort, so the
 * stage stays O(n log n) in the size of the system.
 */
#include <string.h>

#include "checks.h"
#include "checks_internal.h"

/* clang-format off */
#define CHECK(name, fn, needs, rules, fixed) {name, fn, needs, rules, fixed}
#define NEEDS(...) {__VA_ARGS__, NULL}
#define NO_NEEDS   {NULL}
#define RULES(...) {__VA_ARGS__, RULE_COUNT}
/* clang-format on */

/*
 * In run order; a check comes after every check it needs. Columns: name,
 * function, the checks it needs, the rules it reports, and whether those
 * rules are fixed (always errors) although no check needs this one.
 */
static const struct check table[] = {
    CHECK("regions-resolved", check_regions_resolved, NO_NEEDS,
          RULES(R_MAP_MR_UNKNOWN, R_SETVAR_MR_UNKNOWN), false),
    CHECK("ends-resolved", check_ends_resolved, NO_NEEDS, RULES(R_CH_PD_UNKNOWN), false),
    /* Rewrites 1.4 pp into the 2.0 form, before "ppcs" looks at pp. */
    CHECK("legacy-pp", check_legacy_pp, NEEDS("ends-resolved"), RULES(R_SDF_LEGACY_PP), false),
    /* The boot spec has room for 63 PDs and 63 VMs. */
    CHECK("counts", check_counts, NO_NEEDS,
          RULES(R_SYS_NO_PD, R_SYS_TOO_MANY_PDS, R_SYS_TOO_MANY_VMS), true),
    CHECK("names", check_names, NO_NEEDS,
          RULES(R_PD_NAME_DUP, R_MR_NAME_DUP, R_VM_NAME_DUP, R_PD_NAME_LONG), false),
    CHECK("priorities", check_priorities, NO_NEEDS, RULES(R_PD_PRIORITY, R_VM_PRIORITY), false),
    CHECK("budgets", check_budgets, NO_NEEDS,
          RULES(R_PD_BUDGET_ZERO, R_PD_BUDGET_PERIOD, R_VM_BUDGET_PERIOD), false),
    CHECK("stacks", check_stacks, NO_NEEDS, RULES(R_PD_STACK_RANGE, R_PD_STACK_ALIGN), false),
    CHECK("cpus", check_cpus, NO_NEEDS, RULES(R_PD_CPU_RANGE), false),
    /* With a board: the scheduling contexts its kernel would refuse at boot. */
    CHECK("sched-limits", check_sched_limits, NO_NEEDS,
          RULES(R_SCHED_BUDGET_RANGE, R_SCHED_PERIOD_RANGE), true),
    CHECK("irq-numbers", check_irq_numbers, NO_NEEDS, RULES(R_IRQ_DUP), false),
    CHECK("irq-board", check_irq_board, NO_NEEDS, RULES(R_IRQ_NUMBER_BOARD), true),
    CHECK("vm-board", check_vm_board, NO_NEEDS, RULES(R_VM_BOARD_NO_HYPERVISOR), true),
    CHECK("vm-memory", check_vm_memory, NO_NEEDS, RULES(R_VM_NO_MAP), false),
    CHECK("ids-in-range", check_id_ranges, NO_NEEDS,
          RULES(R_PD_CHILD_ID_RANGE, R_VM_VCPU_ID_RANGE, R_IRQ_ID_RANGE, R_CH_ID_RANGE), false),
    /* Ids become cap slots and badges: two with one id cannot be built. */
    CHECK("child-ids", check_child_ids, NEEDS("ids-in-range"),
          RULES(R_VM_VCPU_DUP, R_PD_CHILD_ID_DUP, R_PD_CHILD_ID_VCPU), true),
    CHECK("region-sizes", check_region_sizes, NO_NEEDS, RULES(R_MR_SIZE_ZERO, R_MR_PAGE_SIZE),
          false),
    CHECK("region-alignment", check_region_alignment, NEEDS("region-sizes"),
          RULES(R_MR_SIZE_ALIGN, R_MR_PHYS_ALIGN, R_MR_PHYS_WRAP), false),
    CHECK("region-overlap", check_region_overlap, NEEDS("region-sizes"), RULES(R_MR_PHYS_OVERLAP),
          false),
    CHECK("region-board", check_region_board, NEEDS("region-alignment"), RULES(R_MR_PHYS_BOARD),
          false),
    /* With a board: device registers mapped cached or executable. */
    CHECK("device-maps", check_device_maps, NEEDS("regions-resolved", "region-alignment"),
          RULES(R_MAP_DEVICE_CACHED, R_MAP_DEVICE_EXEC), false),
    CHECK("regions-used", check_regions_used, NEEDS("regions-resolved"), RULES(R_MR_UNUSED), false),
    /* Frames cannot be mapped write-only, off their page size, too high or over each other. */
    CHECK("maps", check_maps, NEEDS("region-sizes"), RULES(R_MAP_WRITE_ONLY, R_MAP_ALIGN), true),
    CHECK("map-access", check_map_access, NO_NEEDS, RULES(R_MAP_PERMS_NONE), false),
    CHECK("map-limits", check_map_limits, NEEDS("stacks"), RULES(R_MAP_LIMIT), true),
    CHECK("map-overlap", check_map_overlap, NO_NEEDS, RULES(R_MAP_OVERLAP), true),
    CHECK("channel-ids", check_channel_ids, NEEDS("ids-in-range", "ends-resolved"),
          RULES(R_CH_ID_DUP), true),
    CHECK("ppcs", check_ppcs, NEEDS("ends-resolved", "priorities"),
          RULES(R_CH_PP_BIDIRECTIONAL, R_CH_PP_PRIORITY), false),
    /* Warnings about channels and passive PDs that cannot do anything. */
    CHECK("channels-grant", check_channels_grant, NEEDS("ends-resolved", "legacy-pp"),
          RULES(R_CH_GRANTS_NOTHING), false),
    CHECK("passive-woken", check_passive_woken, NEEDS("ends-resolved", "legacy-pp"),
          RULES(R_PD_PASSIVE_UNREACHABLE), false),
    CHECK("setvar-names", check_setvar_names, NO_NEEDS, RULES(R_SETVAR_DUP), false),
    /* A setvar_prefill_size needs a file to take the size of. */
    CHECK("setvar-prefill", check_setvar_prefill, NEEDS("regions-resolved"),
          RULES(R_SETVAR_PREFILL_NONE), true),
    /* <domains>: the kernel's limits, names, the schedule, then every PD's domain id. */
    CHECK("domains-kernel", check_domains_kernel, NO_NEEDS,
          RULES(R_DOMAINS_SMP, R_DOMAINS_TOO_MANY, R_DOMAIN_ID_RANGE), true),
    CHECK("domain-names", check_domain_names, NO_NEEDS, RULES(R_DOMAIN_NAME_DUP, R_DOMAIN_ID_DUP),
          false),
    CHECK("domain-schedule", check_domain_schedule, NO_NEEDS,
          RULES(R_DOMAIN_ENTRY_UNKNOWN, R_DOMAIN_START_INDEX, R_DOMAIN_START_END), false),
    CHECK("domain-schedule-kernel", check_domain_schedule_kernel, NO_NEEDS,
          RULES(R_DOMAIN_SCHEDULE_LONG, R_DOMAIN_INDEX_SHIFT), true),
    CHECK("pd-domains", check_pd_domains, NO_NEEDS,
          RULES(R_PD_DOMAIN_MISSING, R_PD_DOMAIN_UNKNOWN, R_PD_DOMAIN_NO_DOMAINS), false),
    CHECK("domain-ids", check_domain_ids, NEEDS("domain-names", "domain-schedule", "pd-domains"),
          RULES(R_DOMAIN_MONITOR_UNSCHEDULED), false),
    /* <cspace>: the PDs its caps come from, one cap per slot (the layout relies on both). */
    CHECK("cspace-resolved", check_cspace_resolved, NO_NEEDS, RULES(R_CSPACE_PD_UNKNOWN), true),
    CHECK("cspace-slots", check_cspace_slots, NO_NEEDS, RULES(R_CSPACE_SLOT_DUP), true),
    /* Derived values for the later stages; reports nothing. */
    CHECK("page-sizes", check_page_sizes, NEEDS("regions-resolved", "region-sizes"), {RULE_COUNT},
          false),
    /*
     * With a board: what the regions need of its RAM and of the monitor's cap
     * slots, from the numbers, before the build lays out a single frame.
     */
    CHECK("region-ram", check_region_ram, NO_NEEDS, RULES(R_MR_TOO_LARGE), true),
    CHECK("regions-ram", check_regions_ram, NEEDS("region-ram"), RULES(R_MR_RAM_TOTAL), true),
    CHECK("cap-slots", check_region_cap_slots, NEEDS("page-sizes"), RULES(R_SYS_CAP_SLOTS), true),
};

#define TABLE_SIZE (sizeof(table) / sizeof(table[0]))

const struct check *checks_table(size_t *count)
{
    *count = TABLE_SIZE;
    return table;
}

/* The index of the check called `name` among the first `n` of `t`, or -1. */
static int check_index(const struct check *t, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++) {
        if (!strcmp(t[i].name, name)) {
            return (int)i;
        }
    }
    return -1;
}

static bool needs_passed(const struct check *t, size_t i, const enum check_status *status)
{
    for (const char *const *need = t[i].needs; *need; need++) {
        int j = check_index(t, i, *need);
        if (j < 0 || status[j] != CHECK_PASSED) {
            return false;
        }
    }
    return true;
}

static bool lists_rule(const struct check *c, const char *id)
{
    for (const enum rule_id *r = c->rules; *r != RULE_COUNT; r++) {
        if (id && !strcmp(rule_info(*r)->id, id)) {
            return true;
        }
    }
    return false;
}

/* A report since entry `first` of a rule `c` does not list is a bug in the table. */
static void verify_rules(const struct check *c, struct diag *d, size_t first)
{
    for (size_t k = first; k < d->entries.count; k++) {
        const char *rule = d->entries.items[k].rule;
        if (!lists_rule(c, rule)) {
            diag_error(d, NULL, "internal", "list the rule in the check's entry in tool/checks.c",
                       "check '%s' reported rule '%s', which its table entry does not list",
                       c->name, rule ? rule : "(none)");
            return;
        }
    }
}

void checks_run_table(const struct check *t, size_t n, struct system *sys,
                      const struct board *board, struct diag *d, enum check_status *status)
{
    for (size_t i = 0; i < n; i++) {
        if (!needs_passed(t, i, status)) {
            status[i] = CHECK_SKIPPED;
            continue;
        }
        unsigned errors = d->errors;
        size_t first = d->entries.count;
        t[i].run(sys, board, d);
        verify_rules(&t[i], d, first);
        status[i] = d->errors == errors ? CHECK_PASSED : CHECK_FAILED;
    }
}

int checks_run(struct system *sys, const struct board *board, struct diag *d)
{
    enum check_status status[TABLE_SIZE];
    unsigned before = diag_errors(d);
    system_index_build(sys);
    checks_run_table(table, TABLE_SIZE, sys, board, d, status);
    return diag_errors(d) == before ? 0 : -1;
}

/* True when a check after table[i] needs it. */
static bool is_needed(size_t i)
{
    for (size_t j = i + 1; j < TABLE_SIZE; j++) {
        for (const char *const *need = table[j].needs; *need; need++) {
            if (!strcmp(*need, table[i].name)) {
                return true;
            }
        }
    }
    return false;
}

bool checks_rule_settable(enum rule_id r)
{
    if (rule_info(r)->severity == SEV_WARNING) {
        return true;
    }
    for (size_t i = 0; i < TABLE_SIZE; i++) {
        for (const enum rule_id *listed = table[i].rules; *listed != RULE_COUNT; listed++) {
            if (*listed == r) {
                return !table[i].fixed && !is_needed(i);
            }
        }
    }
    return false; /* reported by the parser or a later stage: there is no model without it */
}

void checks_device_maps(struct system *sys, const struct board *board, struct diag *d)
{
    check_device_maps(sys, board, d);
}
