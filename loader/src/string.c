/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * memcpy and memset for a freestanding build. Until the MMU is on, every
 * access is a Device access, which must be aligned: word accesses are used
 * only when both sides are 8-byte aligned, bytes otherwise.
 */
#include <stddef.h>
#include <stdint.h>

#include "loader.h"

/*
 * The loops move 64 bytes per turn: the loader copies and zeroes the kernel
 * (2.4 MiB of .bss in a debug build) with the MMU off, and under QEMU's TCG
 * a turn costs about as much as the stores in it. Eight bytes per turn took
 * 5-16 ms of a hello boot; this takes a fifth of it.
 */
void *memcpy(void *dst, const void *src, size_t n)
{
    uint8_t *d = dst;
    const uint8_t *s = src;
    if ((((uintptr_t)d | (uintptr_t)s) & 7) == 0) {
        for (; n >= 64; n -= 64, d += 64, s += 64) {
            const uint64_t *from = (const uint64_t *)s;
            uint64_t *to = (uint64_t *)d;
            uint64_t a = from[0], b = from[1], c = from[2], e = from[3];
            uint64_t f = from[4], g = from[5], h = from[6], i = from[7];
            to[0] = a;
            to[1] = b;
            to[2] = c;
            to[3] = e;
            to[4] = f;
            to[5] = g;
            to[6] = h;
            to[7] = i;
        }
        for (; n >= 8; n -= 8, d += 8, s += 8) {
            *(uint64_t *)d = *(const uint64_t *)s;
        }
    }
    while (n--) {
        *d++ = *s++;
    }
    return dst;
}

void *memset(void *dst, int c, size_t n)
{
    uint8_t *d = dst;
    uint64_t word = (uint8_t)c * 0x0101010101010101ull;
    while (n && ((uintptr_t)d & 7)) {
        *d++ = (uint8_t)c;
        n--;
    }
    for (; n >= 64; n -= 64, d += 64) {
        uint64_t *to = (uint64_t *)d;
        to[0] = word;
        to[1] = word;
        to[2] = word;
        to[3] = word;
        to[4] = word;
        to[5] = word;
        to[6] = word;
        to[7] = word;
    }
    for (; n >= 8; n -= 8, d += 8) {
        *(uint64_t *)d = word;
    }
    while (n--) {
        *d++ = (uint8_t)c;
    }
    return dst;
}
