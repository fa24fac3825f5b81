/* SPDX-License-Identifier: BSD-2-Clause */
/* Unit tests of tool/num.c: SDF and board numbers, booleans, perms, "did you mean". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "model.h"
#include "num.h"

static uint64_t u64_ok(const char *s)
{
    uint64_t v = 0;
    assert_int_equal(num_parse_u64(s, &v), NUM_OK);
    return v;
}

static void test_u64_forms(void **state)
{
    assert_int_equal(u64_ok("0"), 0);
    assert_int_equal(u64_ok("4096"), 4096);
    assert_int_equal(u64_ok("0x1000"), 0x1000);
    assert_int_equal(u64_ok("0xAbCd"), 0xabcd);
    assert_int_equal(u64_ok("0x200_000"), 0x200000);
    assert_int_equal(u64_ok("1_000_000"), 1000000);
    assert_int_equal(u64_ok("_0x_10_"), 0x10);
    assert_int_equal(u64_ok("+7"), 7);
    assert_true(u64_ok("18446744073709551615") == UINT64_MAX);
    assert_true(u64_ok("0xffffffffffffffff") == UINT64_MAX);
    assert_int_equal(u64_ok("007"), 7);
}

static void test_u64_errors(void **state)
{
    uint64_t v = 42;
    assert_int_equal(num_parse_u64("", &v), NUM_EMPTY);
    assert_int_equal(num_parse_u64("_", &v), NUM_EMPTY);
    assert_int_equal(num_parse_u64("0x", &v), NUM_EMPTY);
    assert_int_equal(num_parse_u64("0x200_000sd", &v), NUM_INVALID);
    assert_int_equal(num_parse_u64("0X10", &v), NUM_INVALID);
    assert_int_equal(num_parse_u64("12a", &v), NUM_INVALID);
    assert_int_equal(num_parse_u64(" 1", &v), NUM_INVALID);
    assert_int_equal(num_parse_u64("1 ", &v), NUM_INVALID);
    assert_int_equal(num_parse_u64("-1", &v), NUM_NEGATIVE);
    assert_int_equal(num_parse_u64("18446744073709551616", &v), NUM_OVERFLOW);
    assert_int_equal(num_parse_u64("0x1_0000_0000_0000_0000", &v), NUM_OVERFLOW);
    assert_int_equal(v, 42); /* untouched on failure */
    assert_string_equal(num_status_text(NUM_OVERFLOW), "number too large");
}

/* Board files: the same parser without the SDF's leniencies (schema/board.xsd). */
static void test_u64_strict(void **state)
{
    uint64_t v = 0;
    assert_int_equal(num_parse_u64_strict("0x4100_0000", &v), NUM_OK);
    assert_int_equal(v, 0x41000000);
    assert_int_equal(num_parse_u64_strict("8_000_000", &v), NUM_OK);
    assert_int_equal(v, 8000000);
    assert_int_equal(num_parse_u64_strict("0x_10", &v), NUM_OK);
    assert_int_equal(v, 0x10);
    v = 42;
    assert_int_equal(num_parse_u64_strict("+7", &v), NUM_INVALID);
    assert_int_equal(num_parse_u64_strict("_0x10", &v), NUM_INVALID);
    assert_int_equal(num_parse_u64_strict("0_x10", &v), NUM_INVALID);
    assert_int_equal(num_parse_u64_strict("0x", &v), NUM_EMPTY);
    assert_int_equal(num_parse_u64_strict("-1", &v), NUM_NEGATIVE);
    assert_int_equal(num_parse_u64_strict("99999999999999999999", &v), NUM_OVERFLOW);
    assert_int_equal(v, 42);
}

static void test_i64(void **state)
{
    int64_t v = 0;
    assert_int_equal(num_parse_i64("61", &v), NUM_OK);
    assert_int_equal(v, 61);
    assert_int_equal(num_parse_i64("-1", &v), NUM_OK);
    assert_int_equal(v, -1);
    assert_int_equal(num_parse_i64("+3", &v), NUM_OK);
    assert_int_equal(v, 3);
    assert_int_equal(num_parse_i64("-9223372036854775808", &v), NUM_OK);
    assert_true(v == INT64_MIN);
    assert_int_equal(num_parse_i64("9223372036854775808", &v), NUM_OVERFLOW);
    assert_int_equal(num_parse_i64("0x10", &v), NUM_INVALID);
    assert_int_equal(num_parse_i64("1_0", &v), NUM_INVALID);
    assert_int_equal(num_parse_i64("", &v), NUM_EMPTY);
    assert_int_equal(num_parse_i64("-", &v), NUM_EMPTY);
}

static void test_bool(void **state)
{
    bool b = false;
    assert_int_equal(num_parse_bool("true", &b), 0);
    assert_true(b);
    assert_int_equal(num_parse_bool("false", &b), 0);
    assert_false(b);
    assert_int_equal(num_parse_bool("True", &b), -1);
    assert_int_equal(num_parse_bool("1", &b), -1);
    assert_int_equal(num_parse_bool("", &b), -1);
}

static void test_perms(void **state)
{
    unsigned p = 0;
    assert_int_equal(num_parse_perms("rw", &p), 0);
    assert_int_equal(p, PERM_R | PERM_W);
    assert_int_equal(num_parse_perms("xrrx", &p), 0);
    assert_int_equal(p, PERM_R | PERM_X);
    assert_int_equal(num_parse_perms("", &p), 0);
    assert_int_equal(p, 0);
    assert_int_equal(num_parse_perms("rwa", &p), -1);
    assert_int_equal(num_parse_perms("R", &p), -1);
}

static void test_did_you_mean(void **state)
{
    static const char *const attrs[] = {"name", "size", "page_size", "phys_addr", NULL};
    assert_int_equal(edit_distance("kitten", "sitting"), 3);
    assert_int_equal(edit_distance("", "abc"), 3);
    assert_int_equal(edit_distance("same", "same"), 0);
    assert_string_equal(closest_name("pagesize", attrs), "page_size");
    assert_string_equal(closest_name("nmae", attrs), "name");
    assert_string_equal(closest_name("phys_address", attrs), "phys_addr");
    assert_null(closest_name("foo", attrs));
    assert_null(closest_name("page_count_of_things", attrs));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_u64_forms),    cmocka_unit_test(test_u64_errors),
        cmocka_unit_test(test_u64_strict),   cmocka_unit_test(test_i64),
        cmocka_unit_test(test_bool),         cmocka_unit_test(test_perms),
        cmocka_unit_test(test_did_you_mean),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
