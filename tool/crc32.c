/* SPDX-License-Identifier: BSD-2-Clause */
#include <zlib.h>

#include "crc32.h"

#if defined(__x86_64__)
#include <immintrin.h>

/*
 * Folding: a CRC is linear in its input, so a 128-bit block followed by D
 * more bits can be replaced by its two 64-bit halves multiplied (carry-less)
 * by residues of powers of x modulo the polynomial, xored into the block D
 * bits later, without changing the remainder. The constants are those
 * residues for folding across four lanes (512 bits) and one lane (128
 * bits), bit-reflected to match little-endian loads.
 */
#define FOLD4_LO 0x154442bd4ull
#define FOLD4_HI 0x1c6e41596ull
#define FOLD1_LO 0x1751997d0ull
#define FOLD1_HI 0x0ccaa009eull

__attribute__((target("pclmul,sse2"))) static __m128i fold(__m128i x, __m128i k, __m128i next)
{
    __m128i lo = _mm_clmulepi64_si128(x, k, 0x00);
    __m128i hi = _mm_clmulepi64_si128(x, k, 0x11);
    return _mm_xor_si128(_mm_xor_si128(lo, hi), next);
}

__attribute__((target("pclmul,sse2"))) static __m128i load(const uint8_t *p)
{
    return _mm_loadu_si128((const __m128i *)p);
}

/*
 * n >= 64. The inverted initial CRC is xored into the first four bytes
 * (what zlib's preset register amounts to); the folded 16 bytes have the
 * same remainder as everything folded so far, and zlib finishes them with
 * an all-ones register (the preset already went in), then the tail.
 */
__attribute__((target("pclmul,sse2"))) static uint32_t crc32_clmul(uint32_t crc, const uint8_t *p,
                                                                   size_t n)
{
    const __m128i k4 = _mm_set_epi64x((long long)FOLD4_HI, (long long)FOLD4_LO);
    const __m128i k1 = _mm_set_epi64x((long long)FOLD1_HI, (long long)FOLD1_LO);
    __m128i x0 = _mm_xor_si128(load(p), _mm_cvtsi32_si128((int)~crc));
    __m128i x1 = load(p + 16), x2 = load(p + 32), x3 = load(p + 48);
    for (p += 64, n -= 64; n >= 64; p += 64, n -= 64) {
        x0 = fold(x0, k4, load(p));
        x1 = fold(x1, k4, load(p + 16));
        x2 = fold(x2, k4, load(p + 32));
        x3 = fold(x3, k4, load(p + 48));
    }
    x0 = fold(fold(fold(x0, k1, x1), k1, x2), k1, x3);
    for (; n >= 16; p += 16, n -= 16) {
        x0 = fold(x0, k1, load(p));
    }
    uint8_t last[16];
    _mm_storeu_si128((__m128i *)last, x0);
    crc = (uint32_t)crc32_z(0xffffffffu, last, sizeof(last));
    return n ? (uint32_t)crc32_z(crc, p, n) : crc;
}

static int have_clmul(void)
{
    static int have = -1;
    if (have < 0) {
        __builtin_cpu_init();
        have = __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("sse2");
    }
    return have;
}
#endif

uint32_t crc32_fast(uint32_t crc, const void *p, size_t n)
{
#if defined(__x86_64__)
    if (n >= 64 && have_clmul()) {
        return crc32_clmul(crc, p, n);
    }
#endif
    return (uint32_t)crc32_z(crc, p, n);
}
