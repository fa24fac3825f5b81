/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * memcpy and memset for a freestanding build. Until the MMU is on, every
 * access is a Device access, which must be aligned: word accesses are used
 * only when both sides are 8-byte aligned, bytes otherwise.
 */
#include <stddef.h>
#include <stdint.h>

#include "loader.h"

void *memcpy(void *dst, const void *src, size_t n)
{
    uint8_t *d = dst;
    const uint8_t *s = src;
    if ((((uintptr_t)d | (uintptr_t)s) & 7) == 0) {
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
    for (; n >= 8; n -= 8, d += 8) {
        *(uint64_t *)d = word;
    }
    while (n--) {
        *d++ = (uint8_t)c;
    }
    return dst;
}
