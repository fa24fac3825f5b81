/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Unit tests of Microkit 1.4 syntax (pp on protection_domain): the model and
 * the boot spec are those of the 2.0 form, --strict makes the finding an
 * error, and sdf_upgrade rewrites the text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "sdf_upgrade.h"
#include "spec.h"
#include "tool_fixture.h"

/* The 1.4 form: pp on server and child. */
static const char *const legacy =
    "<system>"
    "<protection_domain name=\"server\" priority=\"100\" passive=\"true\" pp=\"true\">"
    "<program_image path=\"s.elf\"/>"
    "<protection_domain name=\"child\" id=\"3\" priority=\"120\" pp=\"true\">"
    "<program_image path=\"c.elf\"/></protection_domain></protection_domain>"
    "<protection_domain name=\"client\" priority=\"10\"><program_image path=\"c.elf\"/>"
    "</protection_domain>"
    "<channel><end pd=\"server\" id=\"0\"/><end pd=\"client\" id=\"1\"/></channel>"
    "<channel><end pd=\"child\" id=\"0\"/><end pd=\"client\" id=\"2\" notify=\"false\"/></channel>"
    "<protection_domain name=\"logger\" priority=\"5\"><program_image path=\"l.elf\"/>"
    "</protection_domain>"
    "<channel><end pd=\"child\" id=\"1\"/><end pd=\"logger\" id=\"0\"/></channel>"
    "</system>";

/* The same system in 2.0 form. */
static const char *const modern =
    "<system>"
    "<protection_domain name=\"server\" priority=\"100\" passive=\"true\">"
    "<program_image path=\"s.elf\"/>"
    "<protection_domain name=\"child\" id=\"3\" priority=\"120\">"
    "<program_image path=\"c.elf\"/></protection_domain></protection_domain>"
    "<protection_domain name=\"client\" priority=\"10\"><program_image path=\"c.elf\"/>"
    "</protection_domain>"
    "<channel><end pd=\"server\" id=\"0\"/><end pd=\"client\" id=\"1\" pp=\"true\"/></channel>"
    "<channel><end pd=\"child\" id=\"0\"/><end pd=\"client\" id=\"2\" notify=\"false\" "
    "pp=\"true\"/></channel>"
    "<protection_domain name=\"logger\" priority=\"5\"><program_image path=\"l.elf\"/>"
    "</protection_domain>"
    "<channel><end pd=\"child\" id=\"1\"/><end pd=\"logger\" id=\"0\" pp=\"true\"/></channel>"
    "</system>";

static size_t count_rule(const struct diag *d, const char *rule, enum severity sev)
{
    size_t n = 0;
    for (size_t i = 0; i < d->entries.count; i++) {
        n += !strcmp(d->entries.items[i].rule, rule) && d->entries.items[i].severity == sev;
    }
    return n;
}

/* The model and the boot spec of the 1.4 form are exactly those of the 2.0 form. */
static void test_same_system(void **state)
{
    struct fixture a, b;
    assert_int_equal(fixture_build(&a, legacy), 0);
    assert_int_equal(fixture_build(&b, modern), 0);
    assert_int_equal(count_rule(&a.d, "sdf-legacy-pp", SEV_WARNING), 2);
    assert_int_equal(b.d.entries.count, 0);
    assert_int_equal(a.sys.channels.count, b.sys.channels.count);
    for (size_t i = 0; i < a.sys.channels.count; i++) {
        for (int e = 0; e < 2; e++) {
            const struct channel_end *x = &a.sys.channels.items[i].end[e];
            const struct channel_end *y = &b.sys.channels.items[i].end[e];
            assert_int_equal(x->pd, y->pd);
            assert_int_equal(x->id, y->id);
            assert_int_equal(x->pp, y->pp);
            assert_int_equal(x->notify, y->notify);
        }
    }
    struct spec_blob sa = {0}, sb = {0};
    spec_build(&a.lay, a.elfs, 12345, &sa);
    spec_build(&b.lay, b.elfs, 12345, &sb);
    assert_int_equal(sa.size, sb.size);
    assert_memory_equal(sa.data, sb.data, sa.size);
    spec_blob_free(&sa);
    spec_blob_free(&sb);
    fixture_free(&a);
    fixture_free(&b);
}

static int check_text(const char *xml, bool strict, struct system *sys, struct diag *d)
{
    memset(sys, 0, sizeof(*sys));
    diag_init(d, NULL);
    d->strict = strict;
    assert_true(sdf_parse_buffer("t.system", xml, strlen(xml), sys, d) >= 0);
    return checks_run(sys, NULL, d);
}

/* --strict: the same finding, as an error; other warnings stay warnings. */
static void test_strict(void **state)
{
    struct system sys;
    struct diag d;
    const char *xml = "<system><memory_region name=\"spare\" size=\"0x1000\"/>"
                      "<protection_domain name=\"s\" priority=\"2\" pp=\"true\">"
                      "<program_image path=\"s.elf\"/></protection_domain></system>";
    assert_int_equal(check_text(xml, false, &sys, &d), 0);
    assert_int_equal(count_rule(&d, "sdf-legacy-pp", SEV_WARNING), 1);
    system_free(&sys);
    diag_free(&d);
    assert_int_equal(check_text(xml, true, &sys, &d), -1);
    assert_int_equal(count_rule(&d, "sdf-legacy-pp", SEV_ERROR), 1);
    assert_int_equal(count_rule(&d, "mr-unused", SEV_WARNING), 1);
    assert_int_equal(d.errors, 1);
    system_free(&sys);
    diag_free(&d);
}

/* An end's own pp attribute wins: pp="true" is not doubled, pp="false" stays. */
static void test_explicit_end(void **state)
{
    struct system sys;
    struct diag d;
    const char *xml =
        "<system>"
        "<protection_domain name=\"s\" priority=\"9\" pp=\"true\">"
        "<program_image path=\"s.elf\"/></protection_domain>"
        "<protection_domain name=\"a\" priority=\"1\">"
        "<program_image path=\"a.elf\"/></protection_domain>"
        "<channel><end pd=\"s\" id=\"0\"/><end pd=\"a\" id=\"0\" pp=\"true\"/></channel>"
        "<channel><end pd=\"a\" id=\"1\" pp=\"false\"/><end pd=\"s\" id=\"1\"/></channel>"
        "</system>";
    assert_int_equal(check_text(xml, false, &sys, &d), 0);
    const struct channel *ch = sys.channels.items;
    assert_true(ch[0].end[1].pp);
    assert_false(ch[0].end[1].pp_legacy);
    assert_false(ch[1].end[0].pp);
    assert_false(ch[0].end[0].pp || ch[1].end[1].pp);
    assert_non_null(strstr(d.entries.items[0].hint, "keeps its pp=\"false\""));
    /* The rewrite only drops the PD's pp: both ends say what they do already. */
    size_t len;
    char *text = sdf_upgrade(&sys, xml, strlen(xml), &len);
    assert_non_null(text);
    const char *cut = strstr(xml, " pp=\"true\">");
    assert_int_equal(len, strlen(xml) - strlen(" pp=\"true\""));
    assert_memory_equal(text, xml, (size_t)(cut - xml));
    assert_string_equal(text + (cut - xml), cut + strlen(" pp=\"true\""));
    free(text);
    system_free(&sys);
    diag_free(&d);
}

/* The rewrite keeps everything but the attributes it moves. */
static void test_upgrade_text(void **state)
{
    const char *in = "<?xml version='1.0'?>\n"
                     "<!-- a comment with pp=\"true\" in it -->\n"
                     "<system>\n"
                     "\t<protection_domain name='s'\n"
                     "\t                   pp = 'true'\n"
                     "\t                   priority='9'>\n"
                     "\t\t<program_image path='s.elf'/>\n"
                     "\t</protection_domain>\n"
                     "\t<protection_domain pp='false' name='c'><program_image path='c.elf'/>"
                     "</protection_domain>\n"
                     "\t<channel><end pd='s' id='0'/><end\n pd='c'\n id='0'   ></end></channel>\n"
                     "</system>\n";
    const char *want = "<?xml version='1.0'?>\n"
                       "<!-- a comment with pp=\"true\" in it -->\n"
                       "<system>\n"
                       "\t<protection_domain name='s'\n"
                       "\t                   priority='9'>\n"
                       "\t\t<program_image path='s.elf'/>\n"
                       "\t</protection_domain>\n"
                       "\t<protection_domain name='c'><program_image path='c.elf'/>"
                       "</protection_domain>\n"
                       "\t<channel><end pd='s' id='0'/><end\n pd='c'\n id='0' pp=\"true\"   ></end>"
                       "</channel>\n"
                       "</system>\n";
    struct system sys;
    struct diag d;
    assert_int_equal(check_text(in, false, &sys, &d), 0);
    size_t len;
    char *out = sdf_upgrade(&sys, in, strlen(in), &len);
    assert_non_null(out);
    assert_string_equal(out, want);
    assert_int_equal(len, strlen(want));
    free(out);
    /* An element that is not where the model says: no text rather than a wrong one. */
    sys.pds.items[0].pos.col = 0;
    assert_null(sdf_upgrade(&sys, in, strlen(in), &len));
    system_free(&sys);
    diag_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_system),
        cmocka_unit_test(test_strict),
        cmocka_unit_test(test_explicit_end),
        cmocka_unit_test(test_upgrade_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
