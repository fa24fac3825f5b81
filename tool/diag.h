/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Diagnostics: the one place that formats what the tool tells the user.
 *
 *     file:line:col: error: message [rule-id]
 *     hint: how to fix it
 *
 * Messages start lowercase, have no full stop and quote names in single
 * quotes. Every stage reports every problem it finds through a `struct diag`
 * and the driver stops before writing output when diag_errors() is non-zero.
 *
 * A report identical to the one just before it (same severity, rule,
 * position, message and hint) is counted, not printed again: a loop over
 * 20,000 bad items gives one line and then, when a different report comes
 * or the diag is flushed, one note "and 19,999 more errors like it".
 */
#ifndef TOOL_DIAG_H
#define TOOL_DIAG_H

#include <stdarg.h>
#include <stdio.h>

#include "model.h"

enum severity { SEV_NOTE, SEV_WARNING, SEV_ERROR };

struct diag_entry {
    struct srcpos pos; /* pos.file NULL: no position */
    enum severity severity;
    const char *rule; /* rule id, e.g. "pd-priority-range"; may be NULL */
    char *message;
    char *hint;  /* NULL when none */
    bool pinned; /* its severity was set for its rule (-W/-E): --werror does not change it */
    unsigned long repeats; /* identical reports that came right after it, folded into it */
};

/* What the command line set for one rule: -W RULE, -E RULE or -Wno-RULE. */
enum rule_level { RULE_AS_WARNING, RULE_AS_ERROR, RULE_OFF };

struct rule_setting {
    const char *rule; /* a rule id, borrowed: it must outlive the diag */
    enum rule_level level;
};

/*
 * The severity options of one command line (--werror, --strict, -W, -E,
 * -Wno-), collected before any diag exists; diag_apply_flags() gives them to
 * one. rule_flag_parse() (checks.h) fills it from argv.
 */
struct diag_flags {
    bool werror;
    bool strict;
    VEC(struct rule_setting) rules; /* in command-line order */
};

struct diag {
    FILE *out; /* where entries are printed as they come; NULL: keep only */
    unsigned errors;
    unsigned warnings;
    unsigned pinned_warnings;           /* warnings set by -W RULE (not counted by --werror) */
    unsigned silenced;                  /* reports dropped by -Wno-RULE */
    bool werror;                        /* treat warnings as errors */
    bool strict;                        /* legacy syntax (rules sdf-legacy-*) is an error */
    VEC(struct rule_setting) overrides; /* one per rule; see diag_set_rule() */
    VEC(struct diag_entry) entries;     /* everything reported, for tests */
    unsigned long unprinted_repeats;    /* repeats of the last entry not yet noted on `out` */
};

void diag_init(struct diag *d, FILE *out);
/* Flushes (diag_flush), then frees the entries. */
void diag_free(struct diag *d);

/*
 * Print the note about repeats of the last report that is still owed
 * ("and N more errors like it"). Call it before printing anything else
 * that should come after the diagnostics; diag_free calls it.
 */
void diag_flush(struct diag *d);

/*
 * From now on report `rule` at `level`, whatever severity the code reporting
 * it asks for: RULE_AS_WARNING and RULE_AS_ERROR replace the severity (and
 * win over --werror and --strict), RULE_OFF drops the report (counted in
 * `silenced` only). A later setting for the same rule replaces an earlier
 * one. Reports without a rule id are never changed. Which rules may be set
 * is the command line's business (rule_flag_parse() in checks.h), not the
 * diag's.
 */
void diag_set_rule(struct diag *d, const char *rule, enum rule_level level);

/* Take werror, strict and every per-rule setting of `f`, in order. */
void diag_apply_flags(struct diag *d, const struct diag_flags *f);

/* Free what `f` holds (not `f` itself). */
void diag_flags_free(struct diag_flags *f);

/*
 * Report a problem. `hint` may be NULL. The message is printf-formatted.
 * `sev` is what the rule asks for; a setting for `rule` (diag_set_rule)
 * overrides it.
 */
void diag_report(struct diag *d, enum severity sev, const struct srcpos *pos, const char *rule,
                 const char *hint, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void diag_vreport(struct diag *d, enum severity sev, const struct srcpos *pos, const char *rule,
                  const char *hint, const char *fmt, va_list ap);

/* Shorthands for errors and warnings. */
void diag_error(struct diag *d, const struct srcpos *pos, const char *rule, const char *hint,
                const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void diag_warning(struct diag *d, const struct srcpos *pos, const char *rule, const char *hint,
                  const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Print one entry as it was printed when reported (the build report repeats the warnings). */
void diag_print_entry(FILE *out, const struct diag_entry *e);

/* Errors so far (warnings count too when werror is set, except those -W RULE pinned). */
unsigned diag_errors(const struct diag *d);

/* Exit codes of the microkit command. */
enum exit_code {
    EXIT_OK = 0,
    EXIT_INVALID = 1, /* the system description or an input file is wrong */
    EXIT_USAGE = 2,   /* bad command line */
    EXIT_IO = 3,      /* a file could not be read or written */
    EXIT_INTERNAL = 4 /* a bug in the tool */
};

#endif /* TOOL_DIAG_H */
