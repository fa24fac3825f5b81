/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Unit tests of the tool's key lookups: tool/json.c's json_flat_get (a
 * binary search over the keys sorted once at parse time) and the kconfig
 * tables (tool/kconfig.c loads them without lookups, so their keys must be
 * unique).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "board.h"
#include "json.h"
#include "kconfig.h"

static void parse_ok(const char *text, struct json_flat *j)
{
    char err[128];
    assert_int_equal(json_flat_parse(text, strlen(text), j, err, sizeof(err)), 0);
}

static void test_json_get_found_and_absent(void **state)
{
    (void)state;
    struct json_flat j;
    parse_ok("{\"b\": 2, \"a\": \"x\", \"c\": true, \"ab\": null}", &j);
    assert_string_equal(json_flat_value(&j, "a"), "x");
    assert_string_equal(json_flat_value(&j, "b"), "2");
    assert_string_equal(json_flat_value(&j, "c"), "true");
    assert_int_equal(json_flat_get(&j, "ab")->kind, JSON_NULL);
    assert_null(json_flat_get(&j, ""));
    assert_null(json_flat_get(&j, "aa"));
    assert_null(json_flat_get(&j, "d"));
    assert_null(json_flat_get(&j, "0"));
    json_flat_free(&j);
}

static void test_json_get_last_of_repeated(void **state)
{
    (void)state;
    struct json_flat j;
    parse_ok("{\"k\": 1, \"z\": 0, \"k\": 2, \"a\": 0, \"k\": 3}", &j);
    assert_string_equal(json_flat_value(&j, "k"), "3");
    json_flat_free(&j);
}

/* A \u escape takes four characters whatever they are, a quote too: no buffer is overrun. */
static void test_json_unicode_escape_bounds(void **state)
{
    (void)state;
    static const char *const texts[] = {"{\"k\": \"\\u\"abcdefgh\"}", "{\"k\": \"\\u\"ab\"\"}",
                                        "{\"k\": \"x\\u0041\"}", "{\"k\": \"\\"};
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
        struct json_flat j;
        char err[128];
        if (json_flat_parse(texts[i], strlen(texts[i]), &j, err, sizeof(err)) == 0) {
            json_flat_free(&j);
        }
    }
    struct json_flat j;
    parse_ok("{\"k\": \"x\\u0041\"}", &j);
    assert_string_equal(json_flat_value(&j, "k"), "xA");
    json_flat_free(&j);
}

static void test_json_get_empty_object(void **state)
{
    (void)state;
    struct json_flat j;
    parse_ok("{}", &j);
    assert_null(json_flat_get(&j, "k"));
    json_flat_free(&j);
    /* A freed (or zeroed) object has no members either. */
    assert_null(json_flat_get(&j, "k"));
}

/* Every key of 300 is found, with its own value; neighbours of each are not. */
static void test_json_get_many(void **state)
{
    (void)state;
    static char text[300 * 32];
    size_t n = (size_t)snprintf(text, sizeof(text), "{");
    for (int i = 299; i >= 0; i--) {
        n += (size_t)snprintf(text + n, sizeof(text) - n, "\"KEY_%d\": %d%s", i * 2, i,
                              i ? ", " : "}");
    }
    struct json_flat j;
    parse_ok(text, &j);
    for (int i = 0; i < 300; i++) {
        char key[32], want[16];
        snprintf(key, sizeof(key), "KEY_%d", i * 2);
        snprintf(want, sizeof(want), "%d", i);
        assert_string_equal(json_flat_value(&j, key), want);
        snprintf(key, sizeof(key), "KEY_%d", i * 2 + 1);
        assert_null(json_flat_get(&j, key));
    }
    json_flat_free(&j);
}

static void assert_unique_keys(const struct kconfig *kc)
{
    assert_true(kc->options.count > 0);
    for (size_t i = 0; i < kc->options.count; i++) {
        for (size_t k = i + 1; k < kc->options.count; k++) {
            if (!strcmp(kc->options.items[i].key, kc->options.items[k].key)) {
                fail_msg("kconfig key '%s' appears twice", kc->options.items[i].key);
            }
        }
    }
}

static void test_kconfig_keys_unique(void **state)
{
    (void)state;
    struct board b;
    for (int arch = 0; arch < 2; arch++) {
        memset(&b, 0, sizeof(b));
        b.arch = arch ? BOARD_ARCH_RISCV64 : BOARD_ARCH_AARCH64;
        b.host = true;
        for (size_t c = 0; kconfig_configs[c]; c++) {
            struct kconfig kc;
            kconfig_kernel(&b, kconfig_configs[c], &kc);
            assert_unique_keys(&kc);
            kconfig_free(&kc);
            kconfig_libsel4(kconfig_configs[c], &kc);
            assert_unique_keys(&kc);
            kconfig_free(&kc);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_get_found_and_absent),
        cmocka_unit_test(test_json_get_last_of_repeated),
        cmocka_unit_test(test_json_unicode_escape_bounds),
        cmocka_unit_test(test_json_get_empty_object),
        cmocka_unit_test(test_json_get_many),
        cmocka_unit_test(test_kconfig_keys_unique),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
