/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * CRC-32 (include/sdk/crc32.h). Portable path: eight bytes at a time
 * ("slicing by 8"): table k gives the CRC of a byte followed by k zero
 * bytes, so one aligned 64-bit load is folded in with eight lookups. The
 * tables are constant (crc32_table.h) so the loader, which runs this with
 * the MMU and caches off, needs no set-up, and concurrent callers on the
 * host share nothing writable. Only aligned loads are used: with the MMU
 * off, AArch64 treats memory as Device and faults on unaligned accesses.
 *
 * On x86-64 hosts with PCLMULQDQ (the tool checksums whole images), blocks
 * of 64 bytes are folded with carry-less multiplies instead, about five
 * times faster; the portable path finishes the last bytes. On AArch64 the
 * CRC32 instructions, once a caller that checked the CPU enables them.
 * Defining SDK_CRC32_PORTABLE leaves the fast paths out (the tests build
 * both).
 */
#include <stddef.h>
#include <stdint.h>

#include "sdk/crc32.h"

#include "crc32_table.h"

static uint32_t crc_bytes(uint32_t crc, const uint8_t *p, size_t len)
{
    for (; len > 0; len--) {
        crc = crc32_table[0][(crc ^ *p++) & 0xff] ^ (crc >> 8);
    }
    return crc;
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
typedef uint64_t __attribute__((may_alias)) word_alias;

/* Little-endian loads: the first byte in memory is the low byte of the word. */
static uint32_t crc_word(uint32_t crc, uint64_t w)
{
    w ^= crc;
    return crc32_table[7][w & 0xff] ^ crc32_table[6][(w >> 8) & 0xff] ^
           crc32_table[5][(w >> 16) & 0xff] ^ crc32_table[4][(w >> 24) & 0xff] ^
           crc32_table[3][(w >> 32) & 0xff] ^ crc32_table[2][(w >> 40) & 0xff] ^
           crc32_table[1][(w >> 48) & 0xff] ^ crc32_table[0][w >> 56];
}

/* The register (not inverted) after buf[0, len). */
static uint32_t crc_portable(uint32_t crc, const uint8_t *p, size_t len)
{
    size_t head = (8 - (uintptr_t)p % 8) % 8;
    if (head > len) {
        head = len;
    }
    crc = crc_bytes(crc, p, head);
    p += head;
    len -= head;
    for (; len >= 8; len -= 8, p += 8) {
        crc = crc_word(crc, *(const word_alias *)p);
    }
    return crc_bytes(crc, p, len);
}
#else
static uint32_t crc_portable(uint32_t crc, const uint8_t *p, size_t len)
{
    return crc_bytes(crc, p, len);
}
#endif

#if defined(__x86_64__) && !defined(SDK_CRC32_PORTABLE)
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
 * The register after buf[0, n), n >= 64, from register `reg`. The register
 * is xored into the first four bytes; the folded 16 bytes have the same
 * remainder as everything folded so far, and are finished with a zero
 * register (the register already went in), then the tail.
 */
__attribute__((target("pclmul,sse2"))) static uint32_t crc_clmul(uint32_t reg, const uint8_t *p,
                                                                 size_t n)
{
    const __m128i k4 = _mm_set_epi64x((long long)FOLD4_HI, (long long)FOLD4_LO);
    const __m128i k1 = _mm_set_epi64x((long long)FOLD1_HI, (long long)FOLD1_LO);
    __m128i x0 = _mm_xor_si128(load(p), _mm_cvtsi32_si128((int)reg));
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
    return crc_portable(crc_portable(0, last, sizeof(last)), p, n);
}

uint32_t sdk_crc32(uint32_t crc, const void *buf, size_t len)
{
    /* __builtin_cpu_supports reads what libgcc detected before main: no state here. */
    if (len >= 64 && __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("sse2")) {
        return ~crc_clmul(~crc, buf, len);
    }
    return ~crc_portable(~crc, buf, len);
}
#elif defined(__aarch64__) && defined(__BYTE_ORDER__) &&                                           \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && !defined(SDK_CRC32_PORTABLE)
/*
 * FEAT_CRC32's CRC32B/CRC32X update the same bit-reflected register with
 * one byte or one little-endian doubleword: one instruction where the
 * table path takes about 25. Off until sdk_crc32_enable_aarch64(): only
 * code that has read the CPU's ID registers (the loader) may turn it on.
 */
static int use_crc_instructions;

void sdk_crc32_enable_aarch64(void)
{
    use_crc_instructions = 1;
}

static inline uint32_t crc32b(uint32_t crc, uint8_t v)
{
    __asm__(".arch_extension crc\n\tcrc32b %w0, %w0, %w1" : "+r"(crc) : "r"((uint32_t)v));
    return crc;
}

static inline uint32_t crc32x(uint32_t crc, uint64_t v)
{
    __asm__(".arch_extension crc\n\tcrc32x %w0, %w0, %x1" : "+r"(crc) : "r"(v));
    return crc;
}

/* As crc_portable, with the instructions; aligned loads only (the loader runs it with the MMU
 * off). */
static uint32_t crc_instructions(uint32_t crc, const uint8_t *p, size_t len)
{
    for (; len > 0 && ((uintptr_t)p & 7); len--) {
        crc = crc32b(crc, *p++);
    }
    /* Four words a turn: under QEMU's TCG the loop's own instructions cost as much as the CRC's. */
    for (; len >= 32; len -= 32, p += 32) {
        const word_alias *w = (const word_alias *)p;
        crc = crc32x(crc, w[0]);
        crc = crc32x(crc, w[1]);
        crc = crc32x(crc, w[2]);
        crc = crc32x(crc, w[3]);
    }
    for (; len >= 8; len -= 8, p += 8) {
        crc = crc32x(crc, *(const word_alias *)p);
    }
    for (; len > 0; len--) {
        crc = crc32b(crc, *p++);
    }
    return crc;
}

uint32_t sdk_crc32(uint32_t crc, const void *buf, size_t len)
{
    if (use_crc_instructions) {
        return ~crc_instructions(~crc, buf, len);
    }
    return ~crc_portable(~crc, buf, len);
}
#else
uint32_t sdk_crc32(uint32_t crc, const void *buf, size_t len)
{
    return ~crc_portable(~crc, buf, len);
}

#if defined(__aarch64__)
void sdk_crc32_enable_aarch64(void)
{
    /* This build has the table path only. */
}
#endif
#endif
