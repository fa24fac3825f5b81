/* SPDX-License-Identifier: BSD-2-Clause */
/* The severity options of the command line: --werror, --strict, -W, -E, -Wno- (checks.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "checks.h"
#include "num.h"

/* Print a command-line error with a hint, as every diagnostic is printed. Returns -1. */
static int usage_error(const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int usage_error(const char *hint, const char *fmt, ...)
{
    struct diag d;
    diag_init(&d, stderr);
    va_list ap;
    va_start(ap, fmt);
    diag_vreport(&d, SEV_ERROR, NULL, NULL, hint, fmt, ap);
    va_end(ap);
    diag_free(&d);
    return -1;
}

static int unknown_rule(const char *cmd, const char *opt, const char *id)
{
    const char *ids[RULE_COUNT + 1] = {NULL};
    for (int r = 0; r < RULE_COUNT; r++) {
        ids[r] = rule_info((enum rule_id)r)->id;
    }
    const char *near = closest_name(id, ids);
    char hint[128];
    snprintf(hint, sizeof(hint), "did you mean '%s'?", near ? near : "");
    return usage_error(near ? hint : "docs/checks.md lists every rule id",
                       "%sargument %s: unknown rule '%s'", cmd, opt, id);
}

static int add_rule(struct diag_flags *f, const char *cmd, const char *opt, const char *id,
                    enum rule_level level)
{
    enum rule_id r = rule_lookup(id);
    if (r == RULE_COUNT) {
        return unknown_rule(cmd, opt, id);
    }
    if (level != RULE_AS_ERROR && !checks_rule_settable(r)) {
        return usage_error("it is always an error: later checks or the build rely on it "
                           "(docs/cli.md lists the rules -W and -Wno- accept)",
                           "%sargument %s: rule '%s' cannot be %s", cmd, opt, id,
                           level == RULE_OFF ? "silenced" : "made a warning");
    }
    *VEC_PUSH(f->rules) = (struct rule_setting){rule_info(r)->id, level};
    return 1;
}

int rule_flag_parse(int argc, char **argv, int *i, struct diag_flags *f, const char *cmd)
{
    const char *arg = argv[*i];
    if (!strcmp(arg, "--werror") || !strcmp(arg, "-Werror")) {
        f->werror = true;
        return 1;
    }
    if (!strcmp(arg, "--strict")) {
        f->strict = true;
        return 1;
    }
    if (!strncmp(arg, "-Wno-", strlen("-Wno-"))) {
        return add_rule(f, cmd, arg, arg + strlen("-Wno-"), RULE_OFF);
    }
    if (arg[0] != '-' || (arg[1] != 'W' && arg[1] != 'E')) {
        return 0;
    }
    enum rule_level level = arg[1] == 'W' ? RULE_AS_WARNING : RULE_AS_ERROR;
    if (arg[2]) {
        return add_rule(f, cmd, arg, arg + 2, level);
    }
    if (*i + 1 >= argc) {
        return usage_error("e.g. -W mr-unused; docs/checks.md lists every rule id",
                           "%sargument %s: expected a rule id", cmd, arg);
    }
    *i += 1;
    return add_rule(f, cmd, arg, argv[*i], level);
}
