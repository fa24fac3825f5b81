/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The rule table (rules.def) and reporting by rule. The parser, the checks
 * and the command line read it; it calls only the diagnostics layer.
 */
#include <string.h>

#include "checks.h"

static const struct rule_info rules[RULE_COUNT] = {
#define RULE(sym, id, sev, fmt, hint) [sym] = {id, sev, fmt, hint},
#include "rules.def"
#undef RULE
};

const struct rule_info *rule_info(enum rule_id r)
{
    return &rules[r];
}

enum rule_id rule_lookup(const char *id)
{
    for (int r = 0; r < RULE_COUNT; r++) {
        if (!strcmp(rules[r].id, id)) {
            return (enum rule_id)r;
        }
    }
    return RULE_COUNT;
}

bool rule_is_legacy(const char *id)
{
    return id && !strncmp(id, "sdf-legacy-", strlen("sdf-legacy-"));
}

/* --strict: the warnings about older syntax are errors. */
static enum severity rule_severity(const struct diag *d, enum rule_id r)
{
    return d->strict && rule_is_legacy(rules[r].id) ? SEV_ERROR : rules[r].severity;
}

void rule_report(struct diag *d, enum rule_id r, const struct srcpos *pos, const char *hint, ...)
{
    va_list ap;
    va_start(ap, hint);
    diag_vreport(d, rule_severity(d, r), pos, rules[r].id, hint ? hint : rules[r].hint,
                 rules[r].message, ap);
    va_end(ap);
}
