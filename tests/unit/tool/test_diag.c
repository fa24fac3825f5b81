/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Unit tests of the diagnostics layer's folding of repeated reports: a
 * report identical to the one before it is counted, not printed again, and
 * noted once ("and N more errors like it") when something else is reported
 * or the diag is flushed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "diag.h"

struct capture {
    char *text;
    size_t len;
    FILE *out;
};

static void capture_open(struct capture *c, struct diag *d)
{
    c->text = NULL;
    c->out = open_memstream(&c->text, &c->len);
    assert_non_null(c->out);
    diag_init(d, c->out);
}

/* Everything printed, after freeing `d` (which flushes it). */
static const char *capture_close(struct capture *c, struct diag *d)
{
    diag_free(d);
    fclose(c->out);
    return c->text;
}

static size_t count_lines(const char *s)
{
    size_t n = 0;
    for (; *s; s++) {
        n += *s == '\n';
    }
    return n;
}

/* 20,000 overlapping segments used to give 19,999 identical lines. */
static void test_identical_folded(void **state)
{
    struct capture c;
    struct diag d;
    capture_open(&c, &d);
    struct srcpos pos = {"s.system", 4, 9};
    for (int i = 0; i < 20000; i++) {
        diag_error(&d, &pos, "elf-invalid", NULL, "segment %d overlaps", 7);
    }
    assert_int_equal(d.entries.count, 1);
    assert_int_equal(d.entries.items[0].repeats, 19999);
    assert_int_equal(d.errors, 20000);
    assert_int_equal(diag_errors(&d), 20000);
    const char *out = capture_close(&c, &d);
    assert_string_equal(out, "s.system:4:9: error: segment 7 overlaps [elf-invalid]\n"
                             "s.system:4:9: note: and 19,999 more errors like it\n");
    free(c.text);
}

/* Only the same severity, rule, position, message and hint fold; the note comes before the next. */
static void test_only_identical(void **state)
{
    struct capture c;
    struct diag d;
    capture_open(&c, &d);
    struct srcpos a = {"s.system", 4, 9}, b = {"s.system", 5, 9};
    diag_error(&d, &a, "r", NULL, "m");
    diag_error(&d, &a, "r", NULL, "m");
    diag_error(&d, &b, "r", NULL, "m");       /* another line */
    diag_error(&d, &b, "r", "a hint", "m");   /* another hint */
    diag_warning(&d, &b, "r", "a hint", "m"); /* another severity */
    diag_warning(&d, &b, "q", "a hint", "m"); /* another rule */
    diag_warning(&d, &b, "q", "a hint", "n"); /* another message */
    diag_warning(&d, NULL, "q", "a hint", "n");
    diag_warning(&d, NULL, "q", "a hint", "n");
    diag_warning(&d, NULL, "q", "a hint", "n");
    assert_int_equal(d.entries.count, 7);
    assert_int_equal(d.entries.items[0].repeats, 1);
    assert_int_equal(d.entries.items[6].repeats, 2);
    assert_int_equal(d.errors, 4);
    assert_int_equal(d.warnings, 6);
    const char *out = capture_close(&c, &d);
    assert_non_null(strstr(out, "s.system:4:9: error: m [r]\n"
                                "s.system:4:9: note: and 1 more errors like it\n"
                                "s.system:5:9: error: m [r]\n"));
    assert_non_null(strstr(out, "microkit: warning: n [q]\nhint: a hint\n"
                                "microkit: note: and 2 more warnings like it\n"));
    assert_int_equal(count_lines(out), 7 + 5 + 2); /* the reports, their hints, two notes */
    free(c.text);
}

/* diag_flush prints what is owed once; a later repeat is counted afresh. */
static void test_flush(void **state)
{
    struct capture c;
    struct diag d;
    capture_open(&c, &d);
    diag_error(&d, NULL, "r", NULL, "m");
    diag_error(&d, NULL, "r", NULL, "m");
    diag_flush(&d);
    diag_flush(&d);
    diag_error(&d, NULL, "r", NULL, "m");
    assert_int_equal(d.entries.items[0].repeats, 2);
    const char *out = capture_close(&c, &d);
    assert_string_equal(out, "microkit: error: m [r]\n"
                             "microkit: note: and 1 more errors like it\n"
                             "microkit: note: and 1 more errors like it\n");
    free(c.text);
}

/* Silenced reports are not entries, so they neither fold nor break a run; -W applies first. */
static void test_with_rule_settings(void **state)
{
    struct diag d;
    diag_init(&d, NULL);
    diag_set_rule(&d, "off", RULE_OFF);
    diag_set_rule(&d, "w", RULE_AS_WARNING);
    diag_error(&d, NULL, "w", NULL, "m");
    diag_error(&d, NULL, "off", NULL, "x");
    diag_error(&d, NULL, "w", NULL, "m");
    assert_int_equal(d.entries.count, 1);
    assert_int_equal(d.entries.items[0].repeats, 1);
    assert_int_equal(d.entries.items[0].severity, SEV_WARNING);
    assert_int_equal(d.warnings, 2);
    assert_int_equal(d.pinned_warnings, 2);
    assert_int_equal(d.silenced, 1);
    diag_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_identical_folded),
        cmocka_unit_test(test_only_identical),
        cmocka_unit_test(test_flush),
        cmocka_unit_test(test_with_rule_settings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
