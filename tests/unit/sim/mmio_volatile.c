/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Driver-style `volatile` register accesses, compiled at build time by gcc
 * and clang at several optimisation levels; mmio_objdump_check then decodes
 * every memory access objdump shows in the object. Not linked or run.
 */
#include <stdint.h>

struct regs {
    volatile uint32_t ctrl, status;
    volatile uint8_t b[4];
    volatile uint16_t h[2];
    volatile uint64_t q;
    volatile int8_t sb;
    volatile int16_t sh;
    volatile int32_t sw;
};

extern struct regs dev;
volatile uint8_t *g8;
volatile uint16_t *g16;
volatile uint32_t *g32;
volatile uint64_t *g64;

#define BASE32 ((volatile uint32_t *)0x40000000ul)
#define HIGH32 ((volatile uint32_t *)0xfe000000ul)
#define FAR32  ((volatile uint32_t *)0x12345678900ul)

uint8_t l8(volatile uint8_t *p)
{
    return *p;
}
uint16_t l16(volatile uint16_t *p)
{
    return *p;
}
uint32_t l32(volatile uint32_t *p)
{
    return *p;
}
uint64_t l64(volatile uint64_t *p)
{
    return *p;
}
int64_t ls8(volatile int8_t *p)
{
    return *p;
}
int64_t ls16(volatile int16_t *p)
{
    return *p;
}
int64_t ls32(volatile int32_t *p)
{
    return *p;
}
int32_t ls8_32(volatile int8_t *p)
{
    return *p;
}
int16_t ls8_16(volatile int8_t *p)
{
    return (int16_t)(*p + 1);
}
uint64_t lz8(volatile uint8_t *p)
{
    return *p;
}
uint64_t lz16(volatile uint16_t *p)
{
    return *p;
}
uint64_t lz32(volatile uint32_t *p)
{
    return *p;
}
void s8(volatile uint8_t *p, uint8_t v)
{
    *p = v;
}
void s16(volatile uint16_t *p, uint16_t v)
{
    *p = v;
}
void s32(volatile uint32_t *p, uint32_t v)
{
    *p = v;
}
void s64(volatile uint64_t *p, uint64_t v)
{
    *p = v;
}
void si8(volatile uint8_t *p)
{
    *p = 0x5a;
}
void si16(volatile uint16_t *p)
{
    *p = 0x1234;
}
void si32(volatile uint32_t *p)
{
    *p = 0xdeadbeef;
}
void si64(volatile uint64_t *p)
{
    *p = 0x12345678;
}
void si64n(volatile uint64_t *p)
{
    *p = (uint64_t)-5;
}
void si64big(volatile uint64_t *p)
{
    *p = 0x123456789abcdefull;
}
void szero(volatile uint32_t *p)
{
    *p = 0;
}
uint32_t idx(volatile uint32_t *p, long i)
{
    return p[i];
}
void sidx(volatile uint32_t *p, long i, uint32_t v)
{
    p[i + 3] = v;
}
void sidx8(volatile uint8_t *p, long i, uint8_t v)
{
    p[i + 100000] = v;
}
uint16_t idx16(volatile uint16_t *p, int i)
{
    return p[i];
}
uint64_t idx64(volatile uint64_t *p, unsigned i)
{
    return p[i];
}
uint32_t abs32(void)
{
    return BASE32[3] + HIGH32[1] + FAR32[2];
}
void sabs32(uint32_t v)
{
    BASE32[5] = v;
    HIGH32[2] = v;
    FAR32[1] = v;
}
void sabs8(void)
{
    *(volatile uint8_t *)0x40000010ul = 1;
    *(volatile uint8_t *)0x12345678900ul = 2;
}
uint32_t glob(void)
{
    return dev.status;
}
void sglob(void)
{
    dev.ctrl = 7;
    dev.b[2] = 9;
    dev.h[1] = 3;
    dev.q = 1;
}
int64_t gsign(void)
{
    return dev.sb + dev.sh + dev.sw;
}
uint32_t gptr(void)
{
    return *g32 + *g8 + *g16 + (uint32_t)*g64;
}
void rmw32(volatile uint32_t *p)
{
    *p |= 4;
}
void rmw8(volatile uint8_t *p)
{
    *p &= (uint8_t)~1;
}
void rmw16(volatile uint16_t *p)
{
    *p ^= 0x100;
}
void rmw64(volatile uint64_t *p)
{
    *p += 1;
}
void rmwsub(volatile uint32_t *p, uint32_t v)
{
    *p -= v;
}
void rmwclr(volatile uint32_t *p, uint32_t m)
{
    *p &= ~m;
}
void poll32(volatile uint32_t *p)
{
    while (!(*p & 1)) {
    }
}
void poll8(volatile uint8_t *p)
{
    while (*p & 0x80) {
    }
}
int cmp32(volatile uint32_t *p)
{
    return *p == 5;
}
int cmplt(volatile uint32_t *p, uint32_t x)
{
    return *p < x;
}
uint32_t addmem(volatile uint32_t *p, uint32_t x)
{
    return x + *p;
}
uint32_t andmem(volatile uint32_t *p, uint32_t x)
{
    return x & *p;
}
void copy(volatile uint32_t *d, volatile uint32_t *s)
{
    *d = *s;
}
void tx(volatile uint32_t *p, const uint8_t *buf, int n)
{
    for (int i = 0; i < n; i++) {
        while (p[2] & 0x20) {
        }
        p[1] = buf[i];
    }
}
void puts8(volatile uint8_t *p, const char *s)
{
    while (*s) {
        *p = (uint8_t)*s++;
    }
}
uint64_t rd64(volatile uint32_t *p)
{
    return ((uint64_t)p[1] << 32) | p[0];
}
void many(volatile uint32_t *p, uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t e)
{
    p[0] = a;
    p[1] = b;
    p[2] = c;
    p[3] = d;
    p[4] = e;
    p[a] = e;
}
uint8_t setrd8(volatile uint8_t *p, uint8_t b)
{
    *p = b | 0x10;
    return *p;
}
void shifts(volatile uint32_t *p, uint32_t v)
{
    p[0] = v >> 8;
    p[1] = v & 0xff;
    p[2] = ~v;
}
void bytes(volatile uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}
