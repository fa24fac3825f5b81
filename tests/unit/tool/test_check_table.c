/* SPDX-License-Identifier: BSD-2-Clause */
/* Unit tests of the check table and its runner: order, prerequisites, skipping, rule lists. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "checks_internal.h"
#include "sdf_parse.h"

static int index_of(const struct check *t, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++) {
        if (!strcmp(t[i].name, name)) {
            return (int)i;
        }
    }
    return -1;
}

/* Names unique; every need names an earlier check; every rule listed by at most one check. */
static void test_table_well_formed(void **state)
{
    size_t n;
    const struct check *t = checks_table(&n);
    int owner[RULE_COUNT];
    memset(owner, -1, sizeof(owner));
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(index_of(t, n, t[i].name), (int)i);
        for (const char *const *need = t[i].needs; *need; need++) {
            int j = index_of(t, n, *need);
            assert_true(j >= 0 && (size_t)j < i);
        }
        size_t k = 0;
        for (; k <= CHECK_MAX_RULES && t[i].rules[k] != RULE_COUNT; k++) {
            assert_true(t[i].rules[k] < RULE_COUNT);
            assert_int_equal(owner[t[i].rules[k]], -1);
            owner[t[i].rules[k]] = (int)i;
        }
        assert_true(k <= CHECK_MAX_RULES); /* the list is terminated */
    }
    /* The parser's rules belong to no check. */
    assert_int_equal(owner[R_SDF_READ], -1);
    assert_int_equal(owner[R_XML_SYNTAX], -1);
}

/* ---- a table of fake checks ---- */

static unsigned ran; /* bit i: fake check i ran */

static void fake_fail(struct system *sys, const struct board *board, struct diag *d)
{
    ran |= 1u << 0;
    rule_report(d, R_MAP_MR_UNKNOWN, NULL, NULL, "x");
}

#define FAKE_PASS(n)                                                                               \
    static void fake_pass_##n(struct system *sys, const struct board *board, struct diag *d)       \
    {                                                                                              \
        ran |= 1u << (n);                                                                          \
    }
FAKE_PASS(1)
FAKE_PASS(2)
FAKE_PASS(3)
FAKE_PASS(4)
FAKE_PASS(5)

static void fake_warn(struct system *sys, const struct board *board, struct diag *d)
{
    ran |= 1u << 6;
    rule_report(d, R_MR_UNUSED, NULL, NULL, "m");
}

static void test_prerequisites_skip(void **state)
{
    static const struct check t[] = {
        {"fails", fake_fail, {NULL}, {R_MAP_MR_UNKNOWN, RULE_COUNT}, false},
        {"needs-fails", fake_pass_1, {"fails", NULL}, {RULE_COUNT}, false},
        {"independent", fake_pass_2, {NULL}, {RULE_COUNT}, false},
        {"needs-skipped", fake_pass_3, {"needs-fails", NULL}, {RULE_COUNT}, false},
        {"needs-unknown", fake_pass_4, {"no-such-check", NULL}, {RULE_COUNT}, false},
        {"needs-two", fake_pass_5, {"independent", "warns", NULL}, {RULE_COUNT}, false},
        {"warns", fake_warn, {"independent", NULL}, {R_MR_UNUSED, RULE_COUNT}, false},
    };
    enum check_status status[7];
    struct system sys = {0};
    struct diag d;
    diag_init(&d, NULL);
    d.werror = true; /* a warning does not fail a check, even under --werror */
    ran = 0;
    checks_run_table(t, 7, &sys, NULL, &d, status);
    assert_int_equal(status[0], CHECK_FAILED);
    assert_int_equal(status[1], CHECK_SKIPPED);
    assert_int_equal(status[2], CHECK_PASSED);
    assert_int_equal(status[3], CHECK_SKIPPED); /* skipped because what it needs was skipped */
    assert_int_equal(status[4], CHECK_SKIPPED); /* a need that names no earlier check */
    assert_int_equal(status[5], CHECK_SKIPPED); /* "warns" comes later: not run yet */
    assert_int_equal(status[6], CHECK_PASSED);
    assert_int_equal(ran, (1u << 0) | (1u << 2) | (1u << 6));
    assert_int_equal(d.entries.count, 2);
    diag_free(&d);
}

static void stray(struct system *sys, const struct board *board, struct diag *d)
{
    rule_report(d, R_MR_UNUSED, NULL, NULL, "m");
}

/* A check that reports a rule its entry does not list is an internal error. */
static void test_unlisted_rule(void **state)
{
    static const struct check t[] = {
        {"stray", stray, {NULL}, {R_MAP_OVERLAP, RULE_COUNT}, false},
    };
    enum check_status status[1];
    struct system sys = {0};
    struct diag d;
    diag_init(&d, NULL);
    checks_run_table(t, 1, &sys, NULL, &d, status);
    assert_int_equal(status[0], CHECK_FAILED);
    assert_int_equal(d.entries.count, 2);
    assert_string_equal(d.entries.items[1].rule, "internal");
    assert_non_null(strstr(d.entries.items[1].message, "'stray' reported rule 'mr-unused'"));
    diag_free(&d);
}

/* ---- the real table ---- */

static enum check_status status_of(const char *xml, const char *check, struct diag *d)
{
    size_t n;
    const struct check *t = checks_table(&n);
    enum check_status status[64];
    assert_true(n <= 64);
    struct system sys = {0};
    diag_init(d, NULL);
    assert_int_equal(sdf_parse_buffer("t.system", xml, strlen(xml), &sys, d), SDF_OK);
    system_index_build(&sys);
    checks_run_table(t, n, &sys, NULL, d, status);
    system_free(&sys);
    int i = index_of(t, n, check);
    assert_true(i >= 0);
    return status[i];
}

static unsigned count_rule(const struct diag *d, const char *rule)
{
    unsigned n = 0;
    for (size_t i = 0; i < d->entries.count; i++) {
        n += !strcmp(d->entries.items[i].rule, rule);
    }
    return n;
}

#define PD(body)                                                                                   \
    "<protection_domain name='p' priority='10'><program_image path='p.elf'/>" body                 \
    "</protection_domain>"

/* A misspelt map: the region it meant is not reported unused; the other maps are still checked. */
static void test_unresolved_map(void **state)
{
    struct diag d;
    const char *xml =
        "<system><memory_region name='buffer' size='0x1000'/>"
        "<memory_region name='other' size='0x1000'/>" PD(
            "<map mr='bufer' vaddr='0x1000000'/><map mr='other' vaddr='0x2000800'/>") "</system>";
    assert_int_equal(status_of(xml, "regions-used", &d), CHECK_SKIPPED);
    assert_int_equal(count_rule(&d, "map-mr-unknown"), 1);
    assert_int_equal(count_rule(&d, "mr-unused"), 0);
    assert_int_equal(count_rule(&d, "map-vaddr-align"), 1); /* "maps" takes each map alone */
    diag_free(&d);
    assert_int_equal(status_of(xml, "page-sizes", &d), CHECK_SKIPPED);
    diag_free(&d);
}

/* An id out of range: ids are checked for uniqueness only once every id is in range. */
static void test_ids_out_of_range(void **state)
{
    struct diag d;
    const char *xml = "<system><protection_domain name='a' priority='1'><program_image path='a'/>"
                      "<irq irq='33' id='70'/><irq irq='34' id='3'/></protection_domain>"
                      "<protection_domain name='b' priority='2'><program_image path='b'/>"
                      "</protection_domain><channel><end pd='a' id='3'/><end pd='b' id='0'/>"
                      "</channel></system>";
    assert_int_equal(status_of(xml, "channel-ids", &d), CHECK_SKIPPED);
    assert_int_equal(count_rule(&d, "irq-id-range"), 1);
    assert_int_equal(count_rule(&d, "ch-id-duplicate"), 0);
    diag_free(&d);
    assert_int_equal(status_of(xml, "child-ids", &d), CHECK_SKIPPED);
    diag_free(&d);
    assert_int_equal(status_of(xml, "irq-numbers", &d), CHECK_PASSED);
    diag_free(&d);
}

/* An unknown PD at a channel end: no PPC, id or legacy check looks at the channel. */
static void test_unknown_end(void **state)
{
    struct diag d;
    const char *xml = "<system>" PD("") "<channel><end pd='p' id='0' pp='true'/>"
                                        "<end pd='q' id='0'/></channel></system>";
    assert_int_equal(status_of(xml, "ppcs", &d), CHECK_SKIPPED);
    assert_int_equal(count_rule(&d, "ch-pd-unknown"), 1);
    assert_int_equal(d.entries.count, 1);
    diag_free(&d);
    assert_int_equal(status_of(xml, "legacy-pp", &d), CHECK_SKIPPED);
    diag_free(&d);
    assert_int_equal(status_of(xml, "counts", &d), CHECK_PASSED);
    diag_free(&d);
}

/* A valid system: every check runs and passes. */
static void test_all_pass(void **state)
{
    size_t n;
    const struct check *t = checks_table(&n);
    const char *xml = "<system><memory_region name='m' size='0x1000'/>" PD(
        "<map mr='m' vaddr='0x1000000'/>") "</system>";
    for (size_t i = 0; i < n; i++) {
        struct diag d;
        assert_int_equal(status_of(xml, t[i].name, &d), CHECK_PASSED);
        assert_int_equal(d.entries.count, 0);
        diag_free(&d);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_well_formed), cmocka_unit_test(test_prerequisites_skip),
        cmocka_unit_test(test_unlisted_rule),     cmocka_unit_test(test_unresolved_map),
        cmocka_unit_test(test_ids_out_of_range),  cmocka_unit_test(test_unknown_end),
        cmocka_unit_test(test_all_pass),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
