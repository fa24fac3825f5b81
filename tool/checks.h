/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The rule table (rules.def) and the check stage.
 *
 * Every problem the parse and check stages can report is a rule with a
 * stable id (e.g. "map-overlap"), a severity, a message and usually a hint;
 * docs/checks.md lists them all. Rules are reported with rule_report().
 */
#ifndef TOOL_CHECKS_H
#define TOOL_CHECKS_H

#include <stddef.h>
#include <stdint.h>

#include "board.h"
#include "diag.h"
#include "model.h"

enum rule_id {
#define RULE(sym, id, sev, fmt, hint) sym,
#include "rules.def"
#undef RULE
    RULE_COUNT
};

struct rule_info {
    const char *id; /* e.g. "map-overlap" */
    enum severity severity;
    const char *message; /* printf format */
    const char *hint;    /* NULL when none */
};

/* The table entry of rule `r`. */
const struct rule_info *rule_info(enum rule_id r);
/* The rule called `id`, or RULE_COUNT when there is none. */
enum rule_id rule_lookup(const char *id);

/*
 * True for the rules about older syntax (ids "sdf-legacy-..."): warnings,
 * errors when d->strict is set (--strict).
 */
bool rule_is_legacy(const char *id);

/*
 * Report rule `r` at `pos` (NULL: no position). The variadic arguments fill
 * the rule's message format. `hint` replaces the table's hint when not NULL.
 */
void rule_report(struct diag *d, enum rule_id r, const struct srcpos *pos, const char *hint, ...);

/*
 * True when the command line may make rule `r` a warning or silence it (-W,
 * -Wno-): every warning, and the errors of the checks no other check needs
 * and that are not marked fixed in the table (checks.c). The rest are always
 * errors: the parser's and the later stages' rules (without them there is
 * no model or no image) and those of checks that others rely on.
 * docs/cli.md lists the settable rules.
 */
bool checks_rule_settable(enum rule_id r);

/*
 * The severity options of `microkit check` and the build command, read from
 * argv[*i] into `f`:
 *
 *     --werror, -Werror   warnings are errors (they still print as warnings)
 *     --strict            the rules about older syntax (sdf-legacy-*) are errors
 *     -W RULE, -WRULE     report RULE as a warning
 *     -E RULE, -ERULE     report RULE as an error
 *     -Wno-RULE           do not report RULE
 *
 * A later option for the same rule wins; a per-rule option wins over
 * --werror and --strict. Returns 1 when argv[*i] was one of them (*i then
 * indexes its last word), 0 when it is something else, and -1 after printing
 * why it is wrong to stderr (exit status 2): a missing or unknown RULE (with
 * a "did you mean" hint), or -W/-Wno- of a rule checks_rule_settable()
 * refuses. `cmd` prefixes the messages (e.g. "check: ").
 */
int rule_flag_parse(int argc, char **argv, int *i, struct diag_flags *f, const char *cmd);

/*
 * The highest address (exclusive) a protection domain's maps may reach: the
 * stack occupies [SDK_PD_STACK_TOP - stack_size, SDK_PD_STACK_TOP) and one
 * unmapped guard page lies below it, so that a stack overflow faults.
 * For the default stack (0x2000) this is 0xffffffb000.
 */
uint64_t pd_map_limit(uint64_t stack_size);
/* The same below the stack top `stack_top` (SDK_PD_STACK_TOP_RISCV64 on RISC-V 64). */
uint64_t pd_map_limit_at(uint64_t stack_size, uint64_t stack_top);

/* The highest address (exclusive) of a virtual machine's guest-physical maps. */
#define VM_MAP_LIMIT 0x10000000000ull

/*
 * Run the check table (checks.c) on a parsed system, in order: a check runs
 * only when the checks it needs passed (e.g. the id uniqueness checks only
 * when every id is in range). Board-dependent rules run only when `board` is
 * not NULL. Also fills derived values the later stages use:
 * cross-reference indexes (map.mr, setvar.mr, setvar.map, channel_end.pd)
 * and the page size of every region (2 MiB when the size, every map vaddr
 * and any phys_addr are 2 MiB aligned and page_size was not given).
 * Returns 0 when no errors were reported (warnings do not count unless
 * d->werror), else -1. Prints nothing except through `d`.
 */
int checks_run(struct system *sys, const struct board *board, struct diag *d);

/*
 * The device-maps check alone (map-device-cached, map-device-exec) against
 * `board`, after checks_run without one: for the host board, which has no
 * board file (tool/run_host.c). Reports through `d`.
 */
void checks_device_maps(struct system *sys, const struct board *board, struct diag *d);

#endif /* TOOL_CHECKS_H */
