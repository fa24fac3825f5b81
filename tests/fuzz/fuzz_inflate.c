/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Fuzz target: the monitor's freestanding inflater against zlib. The input
 * is taken as a zlib stream, and also as raw deflate data behind a fixed
 * zlib header (so random bytes reach the block decoder). For each, zlib's
 * answer is the reference:
 *   - zlib inflates it to N bytes: ours must give the same N bytes into a
 *     buffer of exactly N, and must refuse (cleanly) a buffer of N - 1;
 *   - zlib refuses it: ours must refuse it too.
 * Output buffers are allocated at their exact size, so a write past the end
 * is caught by AddressSanitizer.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "inflate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Output beyond this is not compared (64 KiB of input can inflate to 64 MiB). */
#define MAX_OUT (1u << 20)

static void fail(const char *what, enum inflate_status st, size_t ours, size_t theirs)
{
    fprintf(stderr, "fuzz_inflate: %s (ours: %s, %zu bytes; zlib: %zu bytes)\n", what,
            inflate_strerror(st), ours, theirs);
    abort();
}

/* zlib's result: 1 with *out_len set, 0 for an error, -1 when over MAX_OUT. */
static int reference(const uint8_t *src, size_t len, uint8_t *out, size_t *out_len)
{
    z_stream z;
    memset(&z, 0, sizeof(z));
    if (inflateInit(&z) != Z_OK) {
        abort();
    }
    z.next_in = (Bytef *)src;
    z.avail_in = (uInt)len;
    z.next_out = out;
    z.avail_out = MAX_OUT;
    int rc = inflate(&z, Z_FINISH);
    *out_len = z.total_out;
    inflateEnd(&z);
    if (rc == Z_STREAM_END) {
        return 1;
    }
    return rc == Z_BUF_ERROR && z.avail_out == 0 ? -1 : 0;
}

static enum inflate_status ours(const uint8_t *src, size_t len, size_t cap, uint8_t **out,
                                size_t *out_len)
{
    *out = malloc(cap ? cap : 1);
    enum inflate_status st = zlib_inflate(*out, cap, src, len, out_len);
    if (*out_len > cap || (st == INFLATE_OK && *out_len > cap)) {
        fail("reported more output than the buffer holds", st, *out_len, cap);
    }
    return st;
}

static void compare(const uint8_t *src, size_t len, uint8_t *ref)
{
    size_t ref_len, got_len;
    uint8_t *got;
    int r = reference(src, len, ref, &ref_len);
    /* Deflate expands at most 1032:1 (258 bytes per 2-bit match): no more room is needed. */
    size_t bound = len < MAX_OUT / 1032 ? len * 1032 + 1024 : MAX_OUT;
    size_t cap = r == 1 ? ref_len : (bound < MAX_OUT ? bound : MAX_OUT);
    enum inflate_status st = ours(src, len, cap, &got, &got_len);
    if (r == 1 && (st != INFLATE_OK || got_len != ref_len || memcmp(got, ref, ref_len) != 0)) {
        fail("zlib inflates this stream but ours differs", st, got_len, ref_len);
    }
    if (r == 0 && st == INFLATE_OK) {
        fail("zlib refuses this stream but ours accepts it", st, got_len, ref_len);
    }
    free(got);
    if (r == 1 && ref_len > 0) {
        st = ours(src, len, ref_len - 1, &got, &got_len);
        if (st == INFLATE_OK) {
            fail("output one byte too large for the buffer was accepted", st, got_len, ref_len);
        }
        free(got);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static uint8_t *ref;
    if (!ref) {
        ref = malloc(MAX_OUT);
    }
    compare(data, size, ref);
    /* 0x78 0x01: deflate, 32 KiB window, no dictionary, check bits valid. */
    uint8_t *wrapped = malloc(size + 2);
    wrapped[0] = 0x78;
    wrapped[1] = 0x01;
    memcpy(wrapped + 2, data, size);
    compare(wrapped, size + 2, ref);
    free(wrapped);
    return 0;
}
