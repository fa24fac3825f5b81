/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Speed of the monitor's inflater against zlib's, on the host: for a few
 * kinds of data and compression levels, decompress the same stream
 * repeatedly with both and print MB/s of output. Run by hand:
 *     build/bench/inflate_bench [megabytes]
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "inflate.h"

static uint32_t seed = 1;

static uint32_t rnd(void)
{
    seed = seed * 1664525u + 1013904223u;
    return seed >> 8;
}

static void make(uint8_t *buf, size_t len, int kind)
{
    static const char *const words[] = {"static ", "void ", "seL4_", "microkit_", "return ",
                                        "0x",      "\n",    "{",     "}",         "if ("};
    for (size_t i = 0; i < len;) {
        if (kind == 0) {
            buf[i++] = (uint8_t)rnd();
        } else if (kind == 1) {
            for (const char *w = words[rnd() % 10]; *w && i < len; w++) {
                buf[i++] = (uint8_t)*w;
            }
        } else if (kind == 2) {
            /* Instruction-like words: a few opcodes, varied registers and offsets. */
            uint32_t op = 0x91000000u | (rnd() & 0x3ff) | ((rnd() % 8) << 24);
            for (int k = 0; k < 4 && i < len; k++) {
                buf[i++] = (uint8_t)(op >> (8 * k));
            }
        } else {
            buf[i] = (i % 4096) < 3500 ? 0 : (uint8_t)rnd(); /* mostly zero: .bss-like */
            i++;
        }
    }
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* MB/s of output over enough repetitions to take about 0.3 s. */
static double rate(int ours, const uint8_t *c, size_t clen, uint8_t *out, size_t len)
{
    int reps = 0;
    double start = now(), t;
    do {
        if (ours) {
            size_t got;
            if (zlib_inflate(out, len, c, clen, &got) != INFLATE_OK || got != len) {
                fprintf(stderr, "inflate failed\n");
                exit(1);
            }
        } else {
            uLongf got = len;
            if (uncompress(out, &got, c, clen) != Z_OK) {
                fprintf(stderr, "uncompress failed\n");
                exit(1);
            }
        }
        reps++;
        t = now() - start;
    } while (t < 0.3);
    return (double)len * reps / t / 1e6;
}

int main(int argc, char **argv)
{
    static const char *const kinds[] = {"random", "text", "code", "sparse"};
    static const int levels[] = {1, 6, 9};
    size_t len = (argc > 1 ? (size_t)atol(argv[1]) : 4) << 20;
    uint8_t *src = malloc(len), *out = malloc(len);
    uLongf cap = compressBound(len);
    uint8_t *c = malloc(cap);
    printf("%-8s %5s %7s %12s %12s %7s\n", "data", "level", "ratio", "ours MB/s", "zlib MB/s",
           "ours/zlib");
    for (int k = 0; k < 4; k++) {
        make(src, len, k);
        for (int l = 0; l < 3; l++) {
            uLongf clen = cap;
            compress2(c, &clen, src, len, levels[l]);
            double ours = rate(1, c, clen, out, len);
            if (memcmp(out, src, len) != 0) {
                fprintf(stderr, "output differs\n");
                return 1;
            }
            double theirs = rate(0, c, clen, out, len);
            printf("%-8s %5d %7.3f %12.1f %12.1f %7.2f\n", kinds[k], levels[l],
                   (double)clen / (double)len, ours, theirs, ours / theirs);
        }
    }
    free(src);
    free(out);
    free(c);
    return 0;
}
