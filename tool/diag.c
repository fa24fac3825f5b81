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
    free(d->overrides.items);
    memset(&d->overrides, 0, sizeof(d->overrides));
}

void diag_set_rule(struct diag *d, const char *rule, enum rule_level level)
{
    for (size_t i = 0; i < d->overrides.count; i++) {
        if (!strcmp(d->overrides.items[i].rule, rule)) {
            d->overrides.items[i].level = level;
            return;
        }
    }
    *VEC_PUSH(d->overrides) = (struct rule_setting){rule, level};
}

void diag_apply_flags(struct diag *d, const struct diag_flags *f)
{
    d->werror = f->werror;
    d->strict = f->strict;
    for (size_t i = 0; i < f->rules.count; i++) {
        diag_set_rule(d, f->rules.items[i].rule, f->rules.items[i].level);
    }
}

void diag_flags_free(struct diag_flags *f)
{
    free(f->rules.items);
    memset(&f->rules, 0, sizeof(f->rules));
}

/* The setting for `rule`, or NULL when the command line set none. */
static const struct rule_setting *override_of(const struct diag *d, const char *rule)
{
    for (size_t i = 0; rule && i < d->overrides.count; i++) {
        if (!strcmp(d->overrides.items[i].rule, rule)) {
            return &d->overrides.items[i];
        }
    }
    return NULL;
}

static void count_entry(struct diag *d, const struct diag_entry *e)
{
    if (e->severity == SEV_ERROR) {
        d->errors++;
    } else if (e->severity == SEV_WARNING) {
        d->warnings++;
        d->pinned_warnings += e->pinned;
    }
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
    const struct rule_setting *set = override_of(d, rule);
    if (set && set->level == RULE_OFF) {
        d->silenced++;
        return;
    }
    struct diag_entry *e = VEC_PUSH(d->entries);
    if (pos) {
        e->pos = *pos;
    }
    e->severity = set ? (set->level == RULE_AS_ERROR ? SEV_ERROR : SEV_WARNING) : sev;
    e->pinned = set != NULL;
    e->rule = rule;
    e->message = xvasprintf(fmt, ap);
    e->hint = hint ? xstrdup(hint) : NULL;
    count_entry(d, e);
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
    return d->errors + (d->werror ? d->warnings - d->pinned_warnings : 0);
}
