/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Unit tests of per-rule severity: the diag overrides (-W, -E, -Wno-), how
 * they combine with --werror and --strict, which rules may be changed, and
 * the command-line options that set them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "checks.h"
#include "util.h"

static void test_override_levels(void **state)
{
    struct diag d;
    diag_init(&d, NULL);
    diag_set_rule(&d, "w-to-e", RULE_AS_ERROR);
    diag_set_rule(&d, "e-to-w", RULE_AS_WARNING);
    diag_set_rule(&d, "off", RULE_OFF);
    diag_warning(&d, NULL, "w-to-e", NULL, "one");
    diag_error(&d, NULL, "e-to-w", "a hint", "two %d", 2);
    diag_error(&d, NULL, "off", NULL, "three");
    diag_warning(&d, NULL, "off", NULL, "four");
    diag_error(&d, NULL, NULL, NULL, "no rule");
    diag_warning(&d, NULL, "other", NULL, "untouched");
    assert_int_equal(d.entries.count, 4);
    assert_int_equal(d.entries.items[0].severity, SEV_ERROR);
    assert_int_equal(d.entries.items[1].severity, SEV_WARNING);
    assert_string_equal(d.entries.items[1].message, "two 2");
    assert_string_equal(d.entries.items[1].hint, "a hint");
    assert_true(d.entries.items[1].pinned);
    assert_int_equal(d.entries.items[2].severity, SEV_ERROR);
    assert_false(d.entries.items[2].pinned);
    assert_int_equal(d.entries.items[3].severity, SEV_WARNING);
    assert_int_equal(d.errors, 2);
    assert_int_equal(d.warnings, 2);
    assert_int_equal(d.silenced, 2);
    diag_free(&d);
}

/* The last setting for a rule wins. */
static void test_override_last_wins(void **state)
{
    struct diag d;
    diag_init(&d, NULL);
    diag_set_rule(&d, "r", RULE_AS_ERROR);
    diag_set_rule(&d, "r", RULE_OFF);
    diag_warning(&d, NULL, "r", NULL, "gone");
    diag_set_rule(&d, "r", RULE_AS_WARNING);
    diag_error(&d, NULL, "r", NULL, "kept as a warning");
    assert_int_equal(d.overrides.count, 1);
    assert_int_equal(d.entries.count, 1);
    assert_int_equal(d.entries.items[0].severity, SEV_WARNING);
    diag_free(&d);
}

/* --werror counts warnings as errors, except those -W RULE set. */
static void test_override_werror(void **state)
{
    struct diag d;
    diag_init(&d, NULL);
    d.werror = true;
    diag_set_rule(&d, "kept", RULE_AS_WARNING);
    diag_warning(&d, NULL, "kept", NULL, "a");
    assert_int_equal(diag_errors(&d), 0);
    diag_warning(&d, NULL, "plain", NULL, "b");
    assert_int_equal(diag_errors(&d), 1);
    assert_int_equal(d.entries.items[1].severity, SEV_WARNING); /* still printed as a warning */
    diag_free(&d);
}

/* --strict makes sdf-legacy-pp an error; -W sdf-legacy-pp wins over it. */
static void test_override_strict(void **state)
{
    struct diag d;
    diag_init(&d, NULL);
    d.strict = true;
    rule_report(&d, R_SDF_LEGACY_PP, NULL, NULL, "true", "p");
    diag_set_rule(&d, "sdf-legacy-pp", RULE_AS_WARNING);
    rule_report(&d, R_SDF_LEGACY_PP, NULL, NULL, "true", "p");
    assert_int_equal(d.entries.items[0].severity, SEV_ERROR);
    assert_int_equal(d.entries.items[1].severity, SEV_WARNING);
    diag_free(&d);
}

static void test_apply_flags(void **state)
{
    struct diag_flags f = {.werror = true, .strict = true};
    *VEC_PUSH(f.rules) = (struct rule_setting){"a", RULE_AS_ERROR};
    *VEC_PUSH(f.rules) = (struct rule_setting){"b", RULE_OFF};
    *VEC_PUSH(f.rules) = (struct rule_setting){"a", RULE_AS_WARNING};
    struct diag d;
    diag_init(&d, NULL);
    diag_apply_flags(&d, &f);
    assert_true(d.werror && d.strict);
    assert_int_equal(d.overrides.count, 2);
    diag_error(&d, NULL, "a", NULL, "x");
    assert_int_equal(d.entries.items[0].severity, SEV_WARNING);
    diag_free(&d);
    diag_flags_free(&f);
}

static bool settable(const char *id)
{
    enum rule_id r = rule_lookup(id);
    assert_int_not_equal(r, RULE_COUNT);
    return checks_rule_settable(r);
}

static void test_settable(void **state)
{
    /* Every warning. */
    assert_true(settable("mr-unused"));
    assert_true(settable("sdf-legacy-pp"));
    assert_true(settable("pd-name-length"));
    /* Errors of checks nothing needs. */
    assert_true(settable("pd-budget-zero"));
    assert_true(settable("ch-pp-priority"));
    assert_true(settable("mr-phys-board"));
    /* The parser's rules: without them there is no model. */
    assert_false(settable("sdf-read"));
    assert_false(settable("xml-syntax"));
    assert_false(settable("xml-unknown-attribute"));
    assert_false(settable("pd-program-image-missing"));
    /* Checks other checks need. */
    assert_false(settable("map-mr-unknown"));
    assert_false(settable("ch-pd-unknown"));
    assert_false(settable("ch-id-range"));
    assert_false(settable("pd-priority"));
    assert_false(settable("mr-page-size"));
    /* Checks marked fixed: the image cannot hold what they refuse. */
    assert_false(settable("ch-id-duplicate"));
    assert_false(settable("map-overlap"));
    assert_false(settable("sys-too-many-pds"));
}

/* Parse `words` (NULL-terminated) as rule_flag_parse's caller does; returns the last result. */
static int parse(struct diag_flags *f, const char **words)
{
    int argc = 0;
    while (words[argc]) {
        argc++;
    }
    int rc = 0;
    for (int i = 0; i < argc && rc >= 0; i++) {
        rc = rule_flag_parse(argc, (char **)words, &i, f, "test: ");
    }
    return rc;
}

static void test_flag_parse(void **state)
{
    struct diag_flags f = {0};
    const char *ok[] = {"-W",
                        "pd-budget-zero",
                        "-Emr-unused",
                        "-Wno-mr-unused",
                        "--werror",
                        "--strict",
                        "-E",
                        "map-overlap",
                        "-Wch-pp-priority",
                        NULL};
    assert_int_equal(parse(&f, ok), 1);
    assert_true(f.werror && f.strict);
    assert_int_equal(f.rules.count, 5);
    assert_string_equal(f.rules.items[0].rule, "pd-budget-zero");
    assert_int_equal(f.rules.items[0].level, RULE_AS_WARNING);
    assert_int_equal(f.rules.items[1].level, RULE_AS_ERROR);
    assert_int_equal(f.rules.items[2].level, RULE_OFF);
    assert_int_equal(f.rules.items[3].level, RULE_AS_ERROR); /* -E of a fixed rule is fine */
    assert_string_equal(f.rules.items[4].rule, "ch-pp-priority");
    diag_flags_free(&f);
    struct diag_flags g = {0};
    const char *werror[] = {"-Werror", NULL};
    assert_int_equal(parse(&g, werror), 1);
    assert_true(g.werror);
    const char *other[] = {"--board", NULL};
    assert_int_equal(parse(&g, other), 0);
    const char *plain[] = {"system.xml", NULL};
    assert_int_equal(parse(&g, plain), 0);
    diag_flags_free(&g);
}

static void test_flag_errors(void **state)
{
    const char *bad[][3] = {
        {"-W", "mr-unsed", NULL},     /* unknown, with a hint */
        {"-Efrobnicate", NULL, NULL}, /* unknown */
        {"-W", NULL, NULL},           /* no rule */
        {"-Wno-map-mr-unknown", NULL, NULL},
        {"-W", "xml-syntax", NULL},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        struct diag_flags f = {0};
        assert_int_equal(parse(&f, bad[i]), -1);
        assert_int_equal(f.rules.count, 0);
        diag_flags_free(&f);
    }
}

/* docs/cli.md lists exactly the errors -W and -Wno- accept, between two markers. */
static void test_documented(void **state)
{
    size_t len;
    char *md = read_file(MICROKIT_SOURCE_DIR "/docs/cli.md", &len);
    assert_non_null(md);
    char *begin = strstr(md, "<!-- settable-rules -->");
    char *end = strstr(md, "<!-- /settable-rules -->");
    assert_non_null(begin);
    assert_non_null(end);
    *end = '\0';
    unsigned wrong = 0;
    for (int r = 0; r < RULE_COUNT; r++) {
        if (rule_info((enum rule_id)r)->severity != SEV_ERROR) {
            continue; /* every warning can be changed: docs/cli.md says so once */
        }
        char quoted[80];
        snprintf(quoted, sizeof(quoted), "`%s`", rule_info((enum rule_id)r)->id);
        bool in_doc = strstr(begin, quoted) != NULL;
        bool can = checks_rule_settable((enum rule_id)r);
        if (in_doc != can) {
            fprintf(stderr, "docs/cli.md: rule %s %s\n", quoted,
                    can ? "can be changed but is not listed" : "is listed but cannot be changed");
            wrong++;
        }
    }
    free(md);
    assert_int_equal(wrong, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_override_levels), cmocka_unit_test(test_override_last_wins),
        cmocka_unit_test(test_override_werror), cmocka_unit_test(test_override_strict),
        cmocka_unit_test(test_apply_flags),     cmocka_unit_test(test_settable),
        cmocka_unit_test(test_flag_parse),      cmocka_unit_test(test_flag_errors),
        cmocka_unit_test(test_documented),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
