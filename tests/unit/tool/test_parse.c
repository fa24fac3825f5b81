/* SPDX-License-Identifier: BSD-2-Clause */
/* Unit tests of the parse stage: model contents, exact positions, security. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "checks.h"
#include "diag.h"
#include "sdf_parse.h"

static int parse(const char *text, struct system *sys, struct diag *d)
{
    memset(sys, 0, sizeof(*sys));
    diag_init(d, NULL);
    return sdf_parse_buffer("t.system", text, strlen(text), sys, d);
}

static const struct diag_entry *find_rule(const struct diag *d, const char *rule)
{
    for (size_t i = 0; i < d->entries.count; i++) {
        if (d->entries.items[i].rule && !strcmp(d->entries.items[i].rule, rule)) {
            return &d->entries.items[i];
        }
    }
    return NULL;
}

static void test_model(void **state)
{
    struct system sys;
    struct diag d;
    int rc = parse(
        "<system>\n"
        "<memory_region name='m' size='0x2_000' page_size='0x1000' phys_addr='0x9000000'/>\n"
        "<protection_domain name='a' priority='7' budget='10' passive='true'>\n"
        " <program_image path='a.elf'/>\n"
        " <map mr='m' vaddr='0x400000' perms='r' cached='false' setvar_vaddr='v'/>\n"
        " <irq irq='33' id='2' trigger='edge'/>\n"
        " <setvar symbol='p' region_paddr='m'/>\n"
        " <protection_domain name='c' id='3'><program_image path='c.elf'/>\n"
        "  <virtual_machine name='vm'><vcpu id='1'/></virtual_machine>\n"
        " </protection_domain>\n"
        "</protection_domain>\n"
        "<channel><end pd='a' id='1' pp='false'/><end pd='c' id='0' notify='false'/></channel>\n"
        "</system>\n",
        &sys, &d);
    assert_int_equal(rc, SDF_OK);
    assert_int_equal(sys.pds.count, 2);
    const struct pd *a = &sys.pds.items[0], *c = &sys.pds.items[1];
    assert_string_equal(a->name, "a");
    assert_int_equal(a->priority, 7);
    assert_int_equal(a->budget, 10);
    assert_int_equal(a->period, 10); /* defaults to the budget */
    assert_true(a->passive);
    assert_int_equal(a->stack_size, SDK_STACK_SIZE_DEFAULT);
    assert_string_equal(a->program_image, "a.elf");
    assert_int_equal(a->maps.count, 1);
    assert_int_equal(a->maps.items[0].perms, PERM_R);
    assert_false(a->maps.items[0].cached);
    assert_int_equal(a->irqs.items[0].irq, 33);
    assert_int_equal(a->irqs.items[0].trigger, IRQ_EDGE);
    assert_int_equal(a->setvars.count, 2);
    assert_int_equal(a->setvars.items[0].kind, SETVAR_VADDR);
    assert_int_equal(c->parent, 0);
    assert_int_equal(c->depth, 1);
    assert_true(c->has_id);
    assert_int_equal(c->id, 3);
    assert_non_null(c->vm);
    assert_int_equal(c->vm->vcpus.items[0].id, 1);
    assert_int_equal(sys.mrs.items[0].size, 0x2000);
    assert_true(sys.mrs.items[0].page_size_given);
    assert_true(sys.mrs.items[0].has_phys);
    assert_false(sys.channels.items[0].end[1].notify);
    assert_true(sys.channels.items[0].end[0].notify);
    assert_int_equal(checks_run(&sys, NULL, &d), 0);
    assert_int_equal(sys.channels.items[0].end[1].pd, 1);
    assert_int_equal(a->maps.items[0].mr, 0);
    system_free(&sys);
    diag_free(&d);
}

static void test_positions(void **state)
{
    struct system sys;
    struct diag d;
    /* Comments, CDATA and '>' in attribute values must not confuse the scan. */
    parse("<?xml version='1.0'?>\n"
          "<!-- <protection_domain name='x'> -->\n"
          "<system><memory_region name='m' size='0x1000'/>"
          "<protection_domain name='p' priority='1'>\n"
          "\t<program_image path='a>b'/><![CDATA[ <map> ]]>\n"
          "  <map mr='m' vaddr='0x1000' perms='w'/>"
          "<map\n  mr='m'\n  vaddr='0x1000000' frob='1'/>\n"
          "</protection_domain><!-- é --> <memory_region name='é' size='0x1000' x='1'/>"
          "</system>\n",
          &sys, &d);
    assert_int_equal(sys.pds.items[0].pos.line, 3);
    assert_int_equal(sys.pds.items[0].pos.col, 48);
    assert_int_equal(sys.pds.items[0].program_pos.line, 4);
    assert_int_equal(sys.pds.items[0].program_pos.col, 2);
    assert_int_equal(sys.pds.items[0].maps.items[0].pos.line, 5);
    assert_int_equal(sys.pds.items[0].maps.items[0].pos.col, 3);
    /* A start tag spread over lines is at the line of its '<'. */
    const struct diag_entry *e = find_rule(&d, "xml-unknown-attribute");
    assert_non_null(e);
    assert_int_equal(e->pos.line, 5);
    assert_int_equal(e->pos.col, 41);
    /* Columns count characters, not bytes. */
    assert_int_equal(sys.mrs.items[1].pos.line, 8);
    assert_int_equal(sys.mrs.items[1].pos.col, 32);
    assert_non_null(find_rule(&d, "xml-text")); /* the CDATA text */
    system_free(&sys);
    diag_free(&d);
}

static void test_doctype_rejected(void **state)
{
    struct system sys;
    struct diag d;
    int rc = parse("<?xml version='1.0'?>\n"
                   "<!DOCTYPE system [ <!ENTITY x SYSTEM 'file:///etc/passwd'> ]>\n"
                   "<system>&x;</system>\n",
                   &sys, &d);
    assert_int_equal(rc, SDF_NOT_XML);
    assert_int_equal(d.entries.count, 1);
    assert_string_equal(d.entries.items[0].rule, "xml-doctype");
    assert_int_equal(d.entries.items[0].pos.line, 2);
    assert_int_equal(d.entries.items[0].pos.col, 1);
    system_free(&sys);
    diag_free(&d);
}

static void test_syntax_error(void **state)
{
    struct system sys;
    struct diag d;
    int rc = parse("<system>\n  <protection_domain name='a'>\n</system>\n", &sys, &d);
    assert_int_equal(rc, SDF_NOT_XML);
    assert_true(d.errors >= 1);
    assert_string_equal(d.entries.items[0].rule, "xml-syntax");
    assert_int_equal(d.entries.items[0].pos.line, 3);
    system_free(&sys);
    diag_free(&d);
    rc = parse("", &sys, &d);
    assert_int_equal(rc, SDF_NOT_XML);
    assert_true(d.errors >= 1);
    system_free(&sys);
    diag_free(&d);
    rc = parse("<sistem/>", &sys, &d);
    assert_int_equal(rc, SDF_NOT_XML);
    assert_string_equal(d.entries.items[0].rule, "xml-root");
    system_free(&sys);
    diag_free(&d);
}

static void test_every_error_reported(void **state)
{
    struct system sys;
    struct diag d;
    int rc = parse("<system>\n"
                   "<protection_domain name='a' prio='1'>\n"
                   " <program_image path='a.elf'/>\n"
                   " <map mr='m' vaddr='0x1000' cachd='true'/>\n"
                   " <irq irq='0x20' id='1'/>\n"
                   "</protection_domain>\n"
                   "<memory_region name='m' size='-1'/>\n"
                   "</system>\n",
                   &sys, &d);
    assert_int_equal(rc, SDF_ERRORS);
    assert_int_equal(d.errors, 4);
    const struct diag_entry *e = find_rule(&d, "xml-unknown-attribute");
    assert_string_equal(e->hint, "did you mean 'priority'?");
    e = find_rule(&d, "xml-decimal");
    assert_int_equal(e->pos.line, 5);
    e = find_rule(&d, "xml-number");
    assert_int_equal(e->pos.line, 7);
    system_free(&sys);
    diag_free(&d);
}

static void test_missing_file(void **state)
{
    struct system sys = {0};
    struct diag d;
    diag_init(&d, NULL);
    assert_int_equal(sdf_parse_file("/nonexistent/x.system", &sys, &d), SDF_IO);
    assert_string_equal(d.entries.items[0].rule, "sdf-read");
    system_free(&sys);
    diag_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_model),
        cmocka_unit_test(test_positions),
        cmocka_unit_test(test_doctype_rejected),
        cmocka_unit_test(test_syntax_error),
        cmocka_unit_test(test_every_error_reported),
        cmocka_unit_test(test_missing_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
