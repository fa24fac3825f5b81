/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * sdk_crc32 (common/crc32.c) must give zlib's crc32_z for every length,
 * alignment and starting value: the tool writes with it what the loader,
 * the monitor and the simulator check with it, and other tools (U-Boot for
 * uImages) check with zlib's. Built twice: as the host libraries have it
 * (with the x86-64 fast path) and with SDK_CRC32_PORTABLE, the code the
 * loader and the monitor run.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include <cmocka.h>

#include "sdk/crc32.h"

#define BIG (1u << 20)

static uint32_t next_random(uint32_t *s)
{
    *s = *s * 1103515245u + 12345u;
    return *s >> 8;
}

static uint8_t *random_bytes(size_t n, uint32_t seed)
{
    uint8_t *b = malloc(n);
    assert_non_null(b);
    for (size_t i = 0; i < n; i++) {
        b[i] = (uint8_t)next_random(&seed);
    }
    return b;
}

/*
 * Lengths around every folding boundary (8, 16, 64), at every alignment in a
 * 16-byte line: the word-at-a-time head and tail, and the fast path's.
 */
static void test_small_lengths_and_offsets(void **state)
{
    uint32_t seed = 7;
    uint8_t *b = random_bytes(1024, 1);
    for (size_t off = 0; off < 17; off++) {
        for (size_t len = 0; len <= 700; len++) {
            uint32_t init = next_random(&seed) ^ (next_random(&seed) << 16);
            assert_int_equal(sdk_crc32(init, b + off, len), crc32_z(init, b + off, len));
            assert_int_equal(sdk_crc32(0, b + off, len), crc32_z(0, b + off, len));
        }
    }
    free(b);
}

static void test_large_buffers(void **state)
{
    uint8_t *b = random_bytes(BIG + 3, 2);
    assert_int_equal(sdk_crc32(0, b, BIG), crc32_z(0, b, BIG));
    assert_int_equal(sdk_crc32(0, b + 3, BIG - 5), crc32_z(0, b + 3, BIG - 5));
    memset(b, 0, BIG);
    assert_int_equal(sdk_crc32(0, b, BIG), crc32_z(0, b, BIG));
    memset(b, 0xff, BIG);
    assert_int_equal(sdk_crc32(0xffffffffu, b, BIG), crc32_z(0xffffffffu, b, BIG));
    free(b);
}

/* Split anywhere, the running CRC continues as zlib's does. */
static void test_chained(void **state)
{
    uint8_t *b = random_bytes(5000, 3);
    uint32_t whole = (uint32_t)crc32_z(0, b, 5000);
    for (size_t cut = 0; cut <= 5000; cut += 37) {
        uint32_t c = sdk_crc32(0, b, cut);
        assert_int_equal(sdk_crc32(c, b + cut, 5000 - cut), whole);
    }
    free(b);
}

static void test_known_value(void **state)
{
    const char *s = "123456789"; /* the CRC-32 check value */
    assert_int_equal(sdk_crc32(0, s, 9), 0xcbf43926u);
    char line[128];
    memset(line, 'a', sizeof(line));
    assert_int_equal(sdk_crc32(0, line, sizeof(line)),
                     crc32_z(0, (const Bytef *)line, sizeof(line)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_small_lengths_and_offsets),
        cmocka_unit_test(test_large_buffers),
        cmocka_unit_test(test_chained),
        cmocka_unit_test(test_known_value),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
