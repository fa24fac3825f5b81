/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Unit tests of the XML layer (tool/xml.c): namespace-prefixed attributes,
 * the schema location hints on the root, control characters in values.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "checks.h"
#include "diag.h"
#include "sdf_parse.h"
#include "xml.h"

struct doc {
    struct xml_doc x;
    struct diag d;
};

static void doc_read(struct doc *t, const char *text)
{
    diag_init(&t->d, NULL);
    assert_int_equal(xml_read(&t->x, "t.xml", text, strlen(text), R_XML_SYNTAX, &t->d), XML_OK);
}

static void doc_free(struct doc *t)
{
    xml_free(&t->x);
    diag_free(&t->d);
}

/* The first element child of `n`. */
static xmlNode *first_child(xmlNode *n)
{
    for (xmlNode *c = n->children; c; c = c->next) {
        if (xml_is_element(c)) {
            return c;
        }
    }
    fail_msg("no element child");
    return NULL;
}

static void assert_escaped(const char *in, const char *want)
{
    char *got = xml_escape_controls(in);
    assert_string_equal(got, want);
    free(got);
}

static void test_escape(void **state)
{
    assert_escaped("a\nb\tc\rd", "a\\nb\\tc\\rd");
    assert_escaped("\x01\x1b[2J\x7f", "\\x01\\x1b[2J\\x7f");
    assert_escaped("C1 \xc2\x85 \xc2\x9b", "C1 \\u0085 \\u009b");
    /* UTF-8 that is not a control character stays as it is. */
    assert_escaped("s\xc3\xa4ule \xc2\xa0 \xe6\x97\xa5", "s\xc3\xa4ule \xc2\xa0 \xe6\x97\xa5");
    assert_escaped("", "");
    assert_true(xml_has_control("a\n"));
    assert_true(xml_has_control("\x7f"));
    assert_true(xml_has_control("\xc2\x80"));
    assert_false(xml_has_control("s\xc3\xa4ule"));
    assert_false(xml_has_control("\xc2\xa0"));
}

/* q:priority is not priority, whatever the prefix is bound to. */
static void test_prefixed_attribute(void **state)
{
    static const char *const allowed[] = {"name", "priority", NULL};
    struct doc t;
    doc_read(&t, "<system xmlns:q='urn:q'><pd name='p' q:priority='7'/></system>");
    struct xml_elem e;
    xml_elem_open(&t.x, first_child(xml_root(&t.x)), allowed, &e);
    assert_null(xml_elem_get(&e, "priority"));
    assert_string_equal(xml_elem_get(&e, "name"), "p");
    assert_int_equal(e.unknown.count, 1);
    assert_string_equal(e.unknown.items[0], "q:priority");
    char *hint = xml_name_hint(e.unknown.items[0], allowed, "attributes", e.name);
    assert_string_equal(hint, "did you mean 'priority'?");
    free(hint);
    xml_elem_close(&e);
    doc_free(&t);
}

/* The schema location hints: skipped on the root, unknown anywhere else. */
static void test_schema_hints(void **state)
{
    static const char *const none[] = {NULL};
    struct doc t;
    doc_read(&t, "<system xmlns:xsi='" XML_XSI_NAMESPACE "' xsi:noNamespaceSchemaLocation='s.xsd'"
                 " xsi:schemaLocation='urn:x s.xsd'>"
                 "<pd xsi:schemaLocation='urn:x s.xsd'/></system>");
    struct xml_elem e;
    xml_elem_open(&t.x, xml_root(&t.x), none, &e);
    assert_int_equal(e.unknown.count, 0);
    assert_int_equal(e.keys.count, 0);
    xml_elem_close(&e);
    xml_elem_open(&t.x, first_child(xml_root(&t.x)), none, &e);
    assert_int_equal(e.unknown.count, 1);
    assert_string_equal(e.unknown.items[0], "xsi:schemaLocation");
    xml_elem_close(&e);
    doc_free(&t);
}

/* Other xsi attributes and other namespaces are not accepted on the root either. */
static void test_root_other_namespaces(void **state)
{
    static const char *const none[] = {NULL};
    struct doc t;
    doc_read(&t, "<system xmlns:xsi='" XML_XSI_NAMESPACE "' xmlns:s='urn:s' xsi:type='t'"
                 " s:schemaLocation='x' xml:lang='en'/>");
    struct xml_elem e;
    xml_elem_open(&t.x, xml_root(&t.x), none, &e);
    assert_int_equal(e.unknown.count, 3);
    assert_string_equal(e.unknown.items[0], "xsi:type");
    assert_string_equal(e.unknown.items[1], "s:schemaLocation");
    assert_string_equal(e.unknown.items[2], "xml:lang");
    xml_elem_close(&e);
    doc_free(&t);
}

static void test_control_values(void **state)
{
    static const char *const allowed[] = {"name", "path", NULL};
    struct doc t;
    doc_read(&t, "<system name='a&#10;b' path='ok'/>");
    struct xml_elem e;
    xml_elem_open(&t.x, xml_root(&t.x), allowed, &e);
    assert_int_equal(e.control.count, 1);
    assert_string_equal(e.control.items[0], "name");
    assert_string_equal(xml_elem_get(&e, "name"), "a\\nb");
    assert_string_equal(xml_elem_get(&e, "path"), "ok");
    xml_elem_close(&e);
    doc_free(&t);
}

/* Through the SDF reader: one located error per value, and nothing raw in any message. */
static void test_sdf_control_reported(void **state)
{
    const char *text = "<system>\n"
                       "<protection_domain name='p&#10;MON|ERROR: x' priority='1&#9;'>\n"
                       "<program_image path='p.elf'/></protection_domain>\n"
                       "</system>\n";
    struct system sys = {0};
    struct diag d;
    diag_init(&d, NULL);
    assert_int_equal(sdf_parse_buffer("t.system", text, strlen(text), &sys, &d), SDF_ERRORS);
    unsigned controls = 0;
    for (size_t i = 0; i < d.entries.count; i++) {
        const struct diag_entry *en = &d.entries.items[i];
        assert_false(xml_has_control(en->message));
        controls += !strcmp(en->rule, "xml-control-character");
        assert_int_equal(en->pos.line, 2);
    }
    assert_int_equal(controls, 2);
    assert_false(xml_has_control(sys.pds.items[0].name));
    system_free(&sys);
    diag_free(&d);
}

/* Unexpected text is shown with its control characters escaped too. */
static void test_sdf_text_escaped(void **state)
{
    const char *text = "<system>x\x7f\xc2\x9b[2Jy<protection_domain name='p'>"
                       "<program_image path='p.elf'/></protection_domain></system>";
    struct system sys = {0};
    struct diag d;
    diag_init(&d, NULL);
    assert_int_equal(sdf_parse_buffer("t.system", text, strlen(text), &sys, &d), SDF_ERRORS);
    assert_int_equal(d.entries.count, 1);
    assert_string_equal(d.entries.items[0].rule, "xml-text");
    assert_non_null(strstr(d.entries.items[0].message, "'x\\x7f\\u009b[2Jy'"));
    system_free(&sys);
    diag_free(&d);
}

/* Names in UTF-8 are accepted as Microkit accepts them. */
static void test_sdf_utf8_names(void **state)
{
    const char *text = "<system><protection_domain name='s\xc3\xa4ule'>"
                       "<program_image path='\xe6\x97\xa5.elf'/></protection_domain></system>";
    struct system sys = {0};
    struct diag d;
    diag_init(&d, NULL);
    assert_int_equal(sdf_parse_buffer("t.system", text, strlen(text), &sys, &d), SDF_OK);
    assert_string_equal(sys.pds.items[0].name, "s\xc3\xa4ule");
    system_free(&sys);
    diag_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escape),           cmocka_unit_test(test_prefixed_attribute),
        cmocka_unit_test(test_schema_hints),     cmocka_unit_test(test_root_other_namespaces),
        cmocka_unit_test(test_control_values),   cmocka_unit_test(test_sdf_control_reported),
        cmocka_unit_test(test_sdf_text_escaped), cmocka_unit_test(test_sdf_utf8_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
