/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The monitor's inflater against zlib: every level and strategy on random
 * and structured data must round-trip; truncated and corrupted streams must
 * fail (never crash, never write past the output; run under ASan), and agree
 * with zlib on which corrupted streams are still valid.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <zlib.h>

#include "inflate.h"

static uint32_t rng_state = 12345;

static uint32_t rng(void)
{
    rng_state = rng_state * 1103515245u + 12345u;
    return rng_state >> 8;
}

enum pattern { PAT_RANDOM, PAT_TEXT, PAT_ZEROS, PAT_RUNS, PAT_CODE, PAT_COUNT };

static void fill(uint8_t *buf, size_t len, enum pattern p)
{
    static const char *const words[] = {"seL4 ", "monitor ",           "frame ",    "the ", "x",
                                        "\n",    "protection domain ", "0123456789"};
    for (size_t i = 0; i < len; i++) {
        switch (p) {
        case PAT_RANDOM:
            buf[i] = (uint8_t)rng();
            break;
        case PAT_TEXT: {
            const char *w = words[rng() % 8];
            for (; *w && i < len; w++) {
                buf[i++] = (uint8_t)*w;
            }
            i--;
            break;
        }
        case PAT_ZEROS:
            buf[i] = 0;
            break;
        case PAT_RUNS:
            buf[i] = (uint8_t)((i / (1 + (rng() % 300))) & 3);
            break;
        default:
            /* Like machine code: a few opcodes with small random fields. */
            buf[i] = (uint8_t)((i % 4 == 3) ? 0xd5 + (rng() & 1) : rng() & 0x1f);
            break;
        }
    }
}

static uint8_t *compress_with(const uint8_t *src, size_t len, int level, int strategy, size_t *clen)
{
    z_stream zs;
    memset(&zs, 0, sizeof(zs));
    assert_int_equal(deflateInit2(&zs, level, Z_DEFLATED, 15, 8, strategy), Z_OK);
    size_t cap = deflateBound(&zs, len) + 16;
    uint8_t *out = malloc(cap);
    assert_non_null(out);
    zs.next_in = (Bytef *)src;
    zs.avail_in = (uInt)len;
    zs.next_out = out;
    zs.avail_out = (uInt)cap;
    assert_int_equal(deflate(&zs, Z_FINISH), Z_STREAM_END);
    *clen = zs.total_out;
    deflateEnd(&zs);
    return out;
}

static void roundtrip(const uint8_t *src, size_t len, int level, int strategy)
{
    size_t clen, out_len = 12345;
    uint8_t *c = compress_with(src, len, level, strategy, &clen);
    uint8_t *out = malloc(len + 1);
    assert_non_null(out);
    assert_int_equal(zlib_inflate(out, len, c, clen, &out_len), INFLATE_OK);
    assert_int_equal(out_len, len);
    assert_memory_equal(out, src, len);
    if (len > 0) {
        /* One byte less room must be refused, not overrun. */
        assert_int_equal(zlib_inflate(out, len - 1, c, clen, &out_len), INFLATE_ERR_OUTPUT);
        assert_true(out_len <= len - 1);
    }
    free(out);
    free(c);
}

static void test_levels_and_patterns(void **state)
{
    static const size_t sizes[] = {0, 1, 2, 100, 4096, 65536 + 17, 300000};
    static const int strategies[] = {Z_DEFAULT_STRATEGY, Z_FILTERED, Z_HUFFMAN_ONLY, Z_RLE,
                                     Z_FIXED};
    for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
        uint8_t *buf = malloc(sizes[s] + 1);
        assert_non_null(buf);
        for (int p = 0; p < PAT_COUNT; p++) {
            fill(buf, sizes[s], (enum pattern)p);
            for (int level = 0; level <= 9; level++) {
                roundtrip(buf, sizes[s], level, Z_DEFAULT_STRATEGY);
            }
            for (size_t k = 1; k < sizeof(strategies) / sizeof(strategies[0]); k++) {
                roundtrip(buf, sizes[s], 6, strategies[k]);
            }
        }
        free(buf);
    }
}

static void test_empty_input(void **state)
{
    uint8_t out[4];
    size_t out_len = 99;
    assert_int_equal(zlib_inflate(out, sizeof(out), "", 0, &out_len), INFLATE_ERR_TRUNCATED);
    assert_int_equal(out_len, 0);
    assert_int_equal(zlib_inflate(out, sizeof(out), "\x78", 1, &out_len), INFLATE_ERR_TRUNCATED);
    /* A valid stream of no bytes. */
    size_t clen;
    uint8_t *c = compress_with(out, 0, 9, Z_DEFAULT_STRATEGY, &clen);
    assert_int_equal(zlib_inflate(NULL, 0, c, clen, &out_len), INFLATE_OK);
    assert_int_equal(out_len, 0);
    free(c);
}

static void test_truncated(void **state)
{
    enum { N = 20000 };
    uint8_t *src = malloc(N), *out = malloc(N);
    assert_non_null(src);
    assert_non_null(out);
    for (int p = 0; p < PAT_COUNT; p++) {
        fill(src, N, (enum pattern)p);
        for (int level = 0; level <= 9; level += 3) {
            size_t clen, out_len;
            uint8_t *c = compress_with(src, N, level, Z_DEFAULT_STRATEGY, &clen);
            for (size_t cut = 0; cut < clen; cut++) {
                /* An exact-size heap copy, so ASan sees any over-read. */
                uint8_t *t = malloc(cut + 1);
                memcpy(t, c, cut);
                enum inflate_status st = zlib_inflate(out, N, t, cut, &out_len);
                assert_int_not_equal(st, INFLATE_OK);
                assert_true(out_len <= N);
                free(t);
            }
            free(c);
        }
    }
    free(src);
    free(out);
}

/* Applies one random corruption; returns the new length. */
static size_t corrupt(uint8_t *c, size_t clen)
{
    size_t at = rng() % clen;
    switch (rng() % 3) {
    case 0:
        c[at] ^= (uint8_t)(1u << (rng() % 8));
        return clen;
    case 1:
        c[at] = (uint8_t)rng();
        return clen;
    default:
        return at + 1 + rng() % (clen - at);
    }
}

static void test_corrupted_agrees_with_zlib(void **state)
{
    enum { N = 5000, ROUNDS = 3000 };
    uint8_t *src = malloc(N), *ours = malloc(N), *theirs = malloc(N);
    assert_non_null(src);
    for (int round = 0; round < ROUNDS; round++) {
        fill(src, N, (enum pattern)(round % PAT_COUNT));
        size_t clen, out_len;
        uint8_t *c = compress_with(src, N, round % 10, Z_DEFAULT_STRATEGY, &clen);
        for (int k = 0; k <= round % 4; k++) {
            clen = corrupt(c, clen);
        }
        uint8_t *t = malloc(clen);
        memcpy(t, c, clen);
        uLongf zlen = N;
        int zr = uncompress(theirs, &zlen, t, clen);
        enum inflate_status st = zlib_inflate(ours, N, t, clen, &out_len);
        if (zr == Z_OK) {
            assert_int_equal(st, INFLATE_OK);
            assert_int_equal(out_len, zlen);
            assert_memory_equal(ours, theirs, zlen);
        } else if (zr != Z_BUF_ERROR) {
            /* Z_BUF_ERROR: zlib wanted more output room or more input. */
            assert_int_not_equal(st, INFLATE_OK);
        }
        free(t);
        free(c);
    }
    free(src);
    free(ours);
    free(theirs);
}

static void expect(const char *stream, size_t len, enum inflate_status want)
{
    uint8_t out[64];
    size_t out_len;
    assert_int_equal(zlib_inflate(out, sizeof(out), stream, len, &out_len), want);
}

static void test_hand_made_errors(void **state)
{
    expect("\x79\x9c", 2, INFLATE_ERR_HEADER); /* method 9 */
    expect("\x78\x9d", 2, INFLATE_ERR_HEADER); /* check bits */
    expect("\x78\xbb", 2, INFLATE_ERR_HEADER); /* preset dictionary */
    expect("\x78\x01\x07", 3, INFLATE_ERR_BLOCK_TYPE);
    expect("\x78\x01\x01\x01\x00\x00\x00", 7, INFLATE_ERR_STORED_LEN);
    /* Stored "a" with a wrong Adler-32. */
    expect("\x78\x01\x01\x01\x00\xfe\xff"
           "a\x00\x62\x00\x63",
           12, INFLATE_ERR_CHECKSUM);
    expect("\x78\x01\x01\x01\x00\xfe\xff"
           "a\x00\x62\x00\x62",
           12, INFLATE_OK);
    /* Fixed block starting with a match at distance 1: nothing to copy from. */
    expect("\x78\x01\x03\x02", 4, INFLATE_ERR_DISTANCE);
}

static void test_adler32(void **state)
{
    uint8_t buf[20000];
    fill(buf, sizeof(buf), PAT_RANDOM);
    assert_int_equal(inflate_adler32(1, buf, sizeof(buf)), adler32(1, buf, sizeof(buf)));
    assert_int_equal(inflate_adler32(1, NULL, 0), 1);
    assert_string_equal(inflate_strerror(INFLATE_ERR_CHECKSUM), "adler-32 mismatch");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_levels_and_patterns),
        cmocka_unit_test(test_empty_input),
        cmocka_unit_test(test_truncated),
        cmocka_unit_test(test_corrupted_agrees_with_zlib),
        cmocka_unit_test(test_hand_made_errors),
        cmocka_unit_test(test_adler32),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
