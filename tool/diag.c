/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "util.h"

static const char *const severity_names[] = {
    [SEV_NOTE] = "note",
    [SEV_WARNING] = "warning",
    [SEV_ERROR] = "error",
};

void diag_init(struct diag *d, FILE *out)
{
    memset(d, 0, sizeof(*d));
    d->out = out;
}

void diag_free(struct diag *d)
{
    for (size_t i = 0; i < d->entries.count; i++) {
        free(d->entries.items[i].message);
        free(d->entries.items[i].hint);
    }
    free(d->entries.items);
    memset(&d->entries, 0, sizeof(d->entries));
}

static void print_entry(FILE *out, const struct diag_entry *e)
{
    if (e->pos.file) {
        fprintf(out, "%s:%d:%d: ", e->pos.file, e->pos.line, e->pos.col);
    } else {
        fputs("microkit: ", out);
    }
    fprintf(out, "%s: %s", severity_names[e->severity], e->message);
    if (e->rule) {
        fprintf(out, " [%s]", e->rule);
    }
    fputc('\n', out);
    if (e->hint) {
        fprintf(out, "hint: %s\n", e->hint);
    }
}

void diag_vreport(struct diag *d, enum severity sev, const struct srcpos *pos, const char *rule,
                  const char *hint, const char *fmt, va_list ap)
{
    struct diag_entry *e = VEC_PUSH(d->entries);
    if (pos) {
        e->pos = *pos;
    }
    e->severity = sev;
    e->rule = rule;
    e->message = xvasprintf(fmt, ap);
    e->hint = hint ? xstrdup(hint) : NULL;
    if (sev == SEV_ERROR) {
        d->errors++;
    } else if (sev == SEV_WARNING) {
        d->warnings++;
    }
    if (d->out) {
        print_entry(d->out, e);
    }
}

void diag_report(struct diag *d, enum severity sev, const struct srcpos *pos, const char *rule,
                 const char *hint, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vreport(d, sev, pos, rule, hint, fmt, ap);
    va_end(ap);
}

void diag_error(struct diag *d, const struct srcpos *pos, const char *rule, const char *hint,
                const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vreport(d, SEV_ERROR, pos, rule, hint, fmt, ap);
    va_end(ap);
}

void diag_warning(struct diag *d, const struct srcpos *pos, const char *rule, const char *hint,
                  const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vreport(d, SEV_WARNING, pos, rule, hint, fmt, ap);
    va_end(ap);
}

unsigned diag_errors(const struct diag *d)
{
    return d->errors + (d->werror ? d->warnings : 0);
}
