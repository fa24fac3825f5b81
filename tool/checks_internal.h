/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The parts of the check stage: the table entry, the runner, and the check
 * functions the table in checks.c names. Dependencies point one way:
 * checks.c (the table and the runner) calls the checks in checks_refs.c,
 * checks_legacy.c, checks_pds.c, checks_ids.c, checks_mem.c and
 * checks_devices.c; those call only rule_report() (rules.c), the helpers
 * below and util/hashmap/num, never checks.c or each other.
 */
#ifndef TOOL_CHECKS_INTERNAL_H
#define TOOL_CHECKS_INTERNAL_H

#include "board.h"
#include "checks.h"
#include "diag.h"
#include "model.h"

/* `name`, or "(unnamed)" when NULL. */
static inline const char *name_of(const char *name)
{
    return name ? name : "(unnamed)";
}

/* One check: `board` is NULL when no board was given (checks_run). */
typedef void check_fn(struct system *sys, const struct board *board, struct diag *d);

#define CHECK_MAX_NEEDS 3
#define CHECK_MAX_RULES 4

/*
 * An entry of the check table. A check runs only when every check it needs
 * has passed (reported no error); otherwise it is skipped, and so are the
 * checks that need it. What a check needs comes before it in the table,
 * which is also the order the checks run in.
 *
 * A rule listed by a check that some other check needs, or by a check
 * marked `fixed`, is always an error: -W and -Wno- refuse it
 * (checks_rule_settable), so whether a check runs never depends on the
 * command line. A check may report only the rules it lists; the runner
 * reports any other as an internal error.
 */
struct check {
    const char *name;                        /* e.g. "regions-resolved" */
    check_fn *run;                           /* reports through rule_report() */
    const char *needs[CHECK_MAX_NEEDS + 1];  /* names of earlier checks; NULL ends the list */
    enum rule_id rules[CHECK_MAX_RULES + 1]; /* what it reports; RULE_COUNT ends the list */
    bool fixed; /* its rules describe systems the later stages cannot build */
};

enum check_status {
    CHECK_PASSED,  /* ran and reported no error */
    CHECK_FAILED,  /* ran and reported an error */
    CHECK_SKIPPED, /* did not run: a check it needs did not pass */
};

/* The table checks_run() runs; *count gets its length. */
const struct check *checks_table(size_t *count);

/*
 * Run the `n` checks of `table` in order on `sys`, each only when the checks
 * it needs passed; status[i] gets the result of table[i]. A need that names
 * no earlier check counts as not passed.
 */
void checks_run_table(const struct check *table, size_t n, struct system *sys,
                      const struct board *board, struct diag *d, enum check_status *status);

/* checks_refs.c: references by name, resolved to indexes. */
check_fn check_regions_resolved; /* map.mr, setvar.mr: map-mr-unknown, setvar-mr-unknown */
check_fn check_ends_resolved;    /* channel_end.pd: ch-pd-unknown */
check_fn check_setvar_prefill;   /* setvar-prefill-size-no-prefill: the region has a file */

/* checks_cspace.c: <cspace> (Microkit 2.3). */
check_fn check_cspace_resolved; /* cap_*.pd: cspace-pd-unknown */
check_fn check_cspace_slots;    /* cspace-slot-duplicate */

/* checks_legacy.c: Microkit 1.4 pp, reported and rewritten into the 2.0 form. */
check_fn check_legacy_pp;

/* checks_pds.c: the system's protection domains and virtual machines. */
check_fn check_counts;       /* sys-no-pd, sys-too-many-pds, sys-too-many-vms */
check_fn check_names;        /* duplicate and long names */
check_fn check_priorities;   /* pd-priority, vm-priority */
check_fn check_budgets;      /* budget and period of PDs and VMs */
check_fn check_stacks;       /* pd-stack-size-range, pd-stack-size-align */
check_fn check_sched_limits; /* sched-*-range: what the board's kernel accepts (board only) */
check_fn check_cpus;         /* pd-cpu-range: cpu of PDs and vCPUs below the kernel's cores */

/* checks_ids.c: numbers in range or unique; channels and passive PDs that can do nothing. */
check_fn check_irq_board;    /* irq-number-board: above the board's max_irq (board only) */
check_fn check_vm_board;     /* vm-board-no-hypervisor: a VM on an EL1 board (board only) */
check_fn check_vm_memory;    /* vm-no-map: a VM without guest memory */
check_fn check_irq_numbers;  /* irq-duplicate */
check_fn check_id_ranges;    /* child, vcpu, irq and channel ids in 0..61 */
check_fn check_child_ids;    /* child and vcpu ids unique per parent */
check_fn check_channel_ids;  /* irq and channel end ids unique per PD */
check_fn check_ppcs;         /* protected procedure calls: direction, priorities */
check_fn check_setvar_names; /* setvar-duplicate */
/* checks_domains.c: <domains> and the PD domain attribute (Microkit 2.3). */
check_fn check_domains_kernel;         /* domains-smp, domains-too-many, domain-id-range */
check_fn check_domain_names;           /* domain-name-duplicate, domain-id-duplicate */
check_fn check_domain_schedule;        /* domain-entry-unknown, domain-start-index, -end-marker */
check_fn check_domain_schedule_kernel; /* domain-schedule-too-long, domain-index-shift */
check_fn check_pd_domains;             /* pd-domain-missing, -unknown, -without-domains */
check_fn check_domain_ids;             /* derived ids; domain-monitor-unscheduled */
check_fn check_channels_grant;         /* ch-grants-nothing: neither end may notify or call */
check_fn check_passive_woken;          /* pd-passive-unreachable: nothing can run it after init */

/* checks_mem.c: memory regions and maps. */
check_fn check_region_sizes;     /* mr-size-zero, mr-page-size */
check_fn check_region_alignment; /* size and phys_addr alignment, wrap */
check_fn check_region_overlap;   /* mr-phys-overlap */
check_fn check_region_board;     /* mr-phys-board (nothing without a board) */
check_fn check_regions_used;     /* mr-unused */
check_fn check_maps;             /* map-perms-write-only, map-vaddr-align */
check_fn check_map_access;       /* map-perms-none: a map that grants no access */
check_fn check_map_limits;       /* map-vaddr-limit */
check_fn check_map_overlap;      /* map-overlap per address space */
check_fn check_page_sizes;       /* derived: 2 MiB pages where possible; reports nothing */
check_fn check_region_ram;       /* mr-too-large (board only) */
check_fn check_regions_ram;      /* mr-ram-total (board only) */
check_fn check_region_cap_slots; /* sys-cap-slots (board only; page sizes derived) */

/* checks_devices.c: maps of the board's device memory (nothing without a board). */
check_fn check_device_maps; /* map-device-cached, map-device-exec */

#endif /* TOOL_CHECKS_INTERNAL_H */
