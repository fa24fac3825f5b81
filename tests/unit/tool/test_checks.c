/* SPDX-License-Identifier: BSD-2-Clause */
/* Unit tests of the check stage: the rule table, name lookup, derived values. */
#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "checks.h"
#include "sdf_parse.h"
#include "util.h"

static void test_rule_table(void **state)
{
    for (int r = 0; r < RULE_COUNT; r++) {
        const struct rule_info *ri = rule_info((enum rule_id)r);
        assert_non_null(ri->id);
        for (const char *c = ri->id; *c; c++) {
            assert_true(islower((unsigned char)*c) || *c == '-');
        }
        assert_int_equal(rule_lookup(ri->id), r); /* ids are unique */
        assert_false(isupper((unsigned char)ri->message[0]));
        assert_int_not_equal(ri->message[strlen(ri->message) - 1], '.');
    }
    assert_int_equal(rule_lookup("no-such-rule"), RULE_COUNT);
}

static void test_name_lookup(void **state)
{
    struct system sys = {0};
    for (int i = 0; i < 5000; i++) {
        VEC_PUSH(sys.mrs)->name = xasprintf("mr%d", i);
        VEC_PUSH(sys.pds)->name = xasprintf("pd%d", i);
    }
    /* Without an index: linear search; with one: hash table. Same answers. */
    for (int pass = 0; pass < 2; pass++) {
        assert_int_equal(system_find_mr(&sys, "mr4321"), 4321);
        assert_int_equal(system_find_pd(&sys, "pd0"), 0);
        assert_int_equal(system_find_pd(&sys, "pd4999"), 4999);
        assert_int_equal(system_find_pd(&sys, "mr1"), -1);
        assert_int_equal(system_find_mr(&sys, ""), -1);
        system_index_build(&sys);
    }
    /* A stale index (the system grew) is not used. */
    VEC_PUSH(sys.mrs)->name = xstrdup("late");
    assert_int_equal(system_find_mr(&sys, "late"), 5000);
    system_free(&sys);
}

static int check_text(const char *text, struct system *sys, struct diag *d)
{
    memset(sys, 0, sizeof(*sys));
    diag_init(d, NULL);
    assert_int_equal(sdf_parse_buffer("t.system", text, strlen(text), sys, d), SDF_OK);
    return checks_run(sys, NULL, d);
}

static void test_page_size_optimisation(void **state)
{
    struct system sys;
    struct diag d;
    int rc = check_text("<system>\n"
                        "<memory_region name='big' size='0x400000'/>\n"
                        "<memory_region name='given' size='0x400000' page_size='0x1000'/>\n"
                        "<memory_region name='odd' size='0x400000'/>\n"
                        "<memory_region name='small' size='0x201000'/>\n"
                        "<memory_region name='phys' size='0x200000' phys_addr='0x40001000'/>\n"
                        "<protection_domain name='a'><program_image path='a.elf'/>\n"
                        " <map mr='big' vaddr='0x10000000'/>\n"
                        " <map mr='given' vaddr='0x20000000'/>\n"
                        " <map mr='odd' vaddr='0x30001000'/>\n"
                        " <map mr='small' vaddr='0x40000000'/>\n"
                        " <map mr='phys' vaddr='0x50000000'/>\n"
                        "</protection_domain></system>\n",
                        &sys, &d);
    assert_int_equal(rc, 0);
    assert_int_equal(sys.mrs.items[0].page_size, PAGE_SIZE_LARGE);
    assert_int_equal(sys.mrs.items[1].page_size, PAGE_SIZE_SMALL);
    assert_int_equal(sys.mrs.items[2].page_size, PAGE_SIZE_SMALL);
    assert_int_equal(sys.mrs.items[3].page_size, PAGE_SIZE_SMALL);
    assert_int_equal(sys.mrs.items[4].page_size, PAGE_SIZE_SMALL);
    system_free(&sys);
    diag_free(&d);
}

static void test_map_limit(void **state)
{
    assert_true(pd_map_limit(0x2000) == 0xffffffb000ull);
    assert_true(pd_map_limit(0x1000) == 0xffffffc000ull);
    struct system sys;
    struct diag d;
    char text[512];
    /* A map may end exactly at the limit, not one page later. */
    for (int over = 0; over < 2; over++) {
        snprintf(text, sizeof(text),
                 "<system><memory_region name='m' size='0x1000'/>"
                 "<protection_domain name='a'><program_image path='a.elf'/>"
                 "<map mr='m' vaddr='0x%llx'/></protection_domain></system>",
                 (unsigned long long)(pd_map_limit(0x2000) - 0x1000 + over * 0x1000));
        assert_int_equal(check_text(text, &sys, &d), over ? -1 : 0);
        system_free(&sys);
        diag_free(&d);
    }
}

static void test_board_rule(void **state)
{
    struct board b = {.name = "fake"};
    struct mem_range ram = {0x40000000, 0x40000000}, dev = {0x9000000, 0x1000};
    *VEC_PUSH(b.ram) = ram;
    *VEC_PUSH(b.devices) = dev;
    struct system sys;
    struct diag d;
    check_text("<system><memory_region name='u' size='0x1000' phys_addr='0x9000000'/>"
               "<memory_region name='bad' size='0x2000' phys_addr='0x9000000'/>"
               "<protection_domain name='a'><program_image path='a.elf'/>"
               "<map mr='u' vaddr='0x1000000'/></protection_domain></system>",
               &sys, &d);
    unsigned before = d.errors;
    checks_run(&sys, &b, &d);
    unsigned board_errors = 0;
    for (size_t i = 0; i < d.entries.count; i++) {
        board_errors += !strcmp(d.entries.items[i].rule, "mr-phys-board");
    }
    assert_int_equal(board_errors, 1);
    assert_true(d.errors > before);
    system_free(&sys);
    diag_free(&d);
    free(b.ram.items);
    free(b.devices.items);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rule_table),
        cmocka_unit_test(test_name_lookup),
        cmocka_unit_test(test_page_size_optimisation),
        cmocka_unit_test(test_map_limit),
        cmocka_unit_test(test_board_rule),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
