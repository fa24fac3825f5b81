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
    diag_flush(d);
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

static void print_pos(FILE *out, const struct diag_entry *e)
{
    if (e->pos.file) {
        fprintf(out, "%s:%d:%d: ", e->pos.file, e->pos.line, e->pos.col);
    } else {
        fputs("microkit: ", out);
    }
}

void diag_print_entry(FILE *out, const struct diag_entry *e)
{
    print_pos(out, e);
    fprintf(out, "%s: %s", severity_names[e->severity], e->message);
    if (e->rule) {
        fprintf(out, " [%s]", e->rule);
    }
    fputc('\n', out);
    if (e->hint) {
        fprintf(out, "hint: %s\n", e->hint);
    }
}

/* 19998 -> "19,998", as people read counts. */
static void format_count(unsigned long n, char *buf, size_t size)
{
    char digits[32];
    int len = snprintf(digits, sizeof(digits), "%lu", n);
    size_t o = 0;
    for (int i = 0; i < len && o + 2 < size; i++) {
        if (i > 0 && (len - i) % 3 == 0) {
            buf[o++] = ',';
        }
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
}

void diag_flush(struct diag *d)
{
    if (!d->unprinted_repeats || !d->entries.count) {
        return;
    }
    const struct diag_entry *e = &d->entries.items[d->entries.count - 1];
    if (d->out) {
        char n[40];
        format_count(d->unprinted_repeats, n, sizeof(n));
        print_pos(d->out, e);
        fprintf(d->out, "note: and %s more %ss like it\n", n, severity_names[e->severity]);
    }
    d->unprinted_repeats = 0;
}

static bool same_text(const char *a, const char *b)
{
    return a == b || (a && b && !strcmp(a, b));
}

/* True when `e` says exactly what a new report would: it is folded into `e`. */
static bool is_repeat(const struct diag_entry *e, enum severity sev, const struct srcpos *pos,
                      const char *rule, const char *hint, const char *message)
{
    struct srcpos none = {0};
    const struct srcpos *p = pos ? pos : &none;
    return e->severity == sev && same_text(e->rule, rule) && same_text(e->pos.file, p->file) &&
           e->pos.line == p->line && e->pos.col == p->col && same_text(e->hint, hint) &&
           !strcmp(e->message, message);
}

/* Fold the report into the last entry when it repeats it; true when it did. */
static bool fold_repeat(struct diag *d, enum severity sev, bool pinned, const struct srcpos *pos,
                        const char *rule, const char *hint, const char *message)
{
    if (!d->entries.count) {
        return false;
    }
    struct diag_entry *last = &d->entries.items[d->entries.count - 1];
    if (last->pinned != pinned || !is_repeat(last, sev, pos, rule, hint, message)) {
        return false;
    }
    last->repeats++;
    d->unprinted_repeats++;
    count_entry(d, last);
    return true;
}

void diag_vreport(struct diag *d, enum severity sev, const struct srcpos *pos, const char *rule,
                  const char *hint, const char *fmt, va_list ap)
{
    const struct rule_setting *set = override_of(d, rule);
    if (set && set->level == RULE_OFF) {
        d->silenced++;
        return;
    }
    sev = set ? (set->level == RULE_AS_ERROR ? SEV_ERROR : SEV_WARNING) : sev;
    char *message = xvasprintf(fmt, ap);
    if (fold_repeat(d, sev, set != NULL, pos, rule, hint, message)) {
        free(message);
        return;
    }
    diag_flush(d);
    struct diag_entry *e = VEC_PUSH(d->entries);
    if (pos) {
        e->pos = *pos;
    }
    e->severity = sev;
    e->pinned = set != NULL;
    e->rule = rule;
    e->message = message;
    e->hint = hint ? xstrdup(hint) : NULL;
    count_entry(d, e);
    if (d->out) {
        diag_print_entry(d->out, e);
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
