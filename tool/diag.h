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
    char *hint; /* NULL when none */
};

struct diag {
    FILE *out; /* where entries are printed as they come; NULL: keep only */
    unsigned errors;
    unsigned warnings;
    bool werror;                    /* treat warnings as errors */
    bool strict;                    /* legacy syntax (rules sdf-legacy-*) is an error */
    VEC(struct diag_entry) entries; /* everything reported, for tests */
};

void diag_init(struct diag *d, FILE *out);
void diag_free(struct diag *d);

/* Report a problem. `hint` may be NULL. The message is printf-formatted. */
void diag_report(struct diag *d, enum severity sev, const struct srcpos *pos, const char *rule,
                 const char *hint, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void diag_vreport(struct diag *d, enum severity sev, const struct srcpos *pos, const char *rule,
                  const char *hint, const char *fmt, va_list ap);

/* Shorthands for errors and warnings. */
void diag_error(struct diag *d, const struct srcpos *pos, const char *rule, const char *hint,
                const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void diag_warning(struct diag *d, const struct srcpos *pos, const char *rule, const char *hint,
                  const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Errors so far (warnings count too when werror is set). */
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
