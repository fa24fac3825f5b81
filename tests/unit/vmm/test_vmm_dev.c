/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * example/vmm/vmm_dev.c: data abort syndromes as QEMU and the Cortex-A53
 * report them for the loads and stores a guest's UART driver makes, the
 * register slots of seL4_UserContext, and the PL011 model.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "gicd.h"
#include "vmm_dev.h"

/* ESR for a data abort from a lower level with a valid syndrome. */
static uint64_t dabt(unsigned sas, unsigned srt, int write, int sse, int sf)
{
    return (0x24ull << 26) | (1ull << 25) | (1ull << 24) | ((uint64_t)sas << 22) |
           ((uint64_t)sse << 21) | ((uint64_t)srt << 16) | ((uint64_t)sf << 15) |
           ((uint64_t)write << 6) | 0x07; /* translation fault, level 3 */
}

static void test_decode_store_byte(void **state)
{
    (void)state;
    struct vmm_access a;
    /* strb w1, [x0]: EC 0x24, IL, ISV, SAS 0, SRT 1, WnR, translation fault level 3 */
    assert_int_equal(vmm_decode_abort(0x93010047ull, &a), 0);
    assert_true(a.write);
    assert_int_equal(a.size, 1);
    assert_int_equal(a.reg, 1);
    assert_false(a.sign_extend);
}

static void test_decode_fields(void **state)
{
    (void)state;
    struct vmm_access a;
    assert_int_equal(vmm_decode_abort(dabt(2, 30, 0, 0, 0), &a), 0);
    assert_false(a.write);
    assert_int_equal(a.size, 4);
    assert_int_equal(a.reg, 30);
    assert_false(a.reg64);
    assert_int_equal(vmm_decode_abort(dabt(3, 31, 1, 0, 1), &a), 0);
    assert_true(a.write);
    assert_int_equal(a.size, 8);
    assert_int_equal(a.reg, 31);
    assert_true(a.reg64);
    assert_int_equal(vmm_decode_abort(dabt(1, 5, 0, 1, 1), &a), 0);
    assert_int_equal(a.size, 2);
    assert_true(a.sign_extend);
}

static void test_decode_refusals(void **state)
{
    (void)state;
    struct vmm_access a;
    /* ISV clear: ldp/stp, writeback forms */
    assert_int_equal(vmm_decode_abort(dabt(2, 1, 0, 0, 0) & ~(1ull << 24), &a), -1);
    /* an instruction abort, an HVC */
    assert_int_equal(vmm_decode_abort((0x20ull << 26) | (1ull << 25) | (1ull << 24), &a), -1);
    assert_int_equal(vmm_decode_abort((0x16ull << 26) | (1ull << 25), &a), -1);
}

static void test_esr_helpers(void **state)
{
    (void)state;
    uint64_t hvc = (0x16ull << 26) | (1ull << 25) | 0x1234;
    assert_int_equal(vmm_esr_class(hvc), VMM_EC_HVC64);
    assert_int_equal(vmm_esr_imm16(hvc), 0x1234);
    assert_int_equal(vmm_esr_insn_len(hvc), 4);
    assert_int_equal(vmm_esr_insn_len(0x01ull << 26), 2);
    assert_int_equal(vmm_esr_class(0x06000001ull), VMM_EC_WFX);
}

static void test_load_store_values(void **state)
{
    (void)state;
    struct vmm_access b = {.size = 1, .sign_extend = true, .reg64 = true};
    assert_int_equal(vmm_load_value(&b, 0x80), 0xffffffffffffff80ull);
    b.reg64 = false; /* ldrsb w: 32 bits */
    assert_int_equal(vmm_load_value(&b, 0x80), 0xffffff80ull);
    b.sign_extend = false;
    assert_int_equal(vmm_load_value(&b, 0x1ff), 0xff);
    struct vmm_access h = {.size = 2, .sign_extend = true, .reg64 = true};
    assert_int_equal(vmm_load_value(&h, 0x7fff), 0x7fff);
    struct vmm_access d = {.size = 8, .reg64 = true};
    assert_int_equal(vmm_load_value(&d, ~0ull), ~0ull);
    assert_int_equal(vmm_store_value(&b, 0x1234), 0x34);
    assert_int_equal(vmm_store_value(&h, 0x12345678), 0x5678);
    assert_int_equal(vmm_store_value(&d, 0x123456789aull), 0x123456789aull);
}

static void test_ctx_index(void **state)
{
    (void)state;
    /* pc, sp, spsr, x0..x8, x16, x17, x18, x29, x30, x9..x15, x19..x28 */
    static const int want[31] = {3,  4,  5,  6,  7,  8,  9,  10, 11, 17, 18, 19, 20, 21, 22, 23,
                                 12, 13, 14, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 15, 16};
    for (unsigned r = 0; r < 31; r++) {
        assert_int_equal(vmm_ctx_index(r), want[r]);
    }
    assert_int_equal(vmm_ctx_index(31), -1);
}

static char out[64];
static unsigned out_len;

static void collect(char c)
{
    out[out_len++] = c;
}

static uint64_t uart_load(struct vmm_pl011 *u, uint64_t addr, unsigned size)
{
    struct vmm_access a = {.write = false, .size = size};
    uint64_t v = 0xdead;
    assert_int_equal(vmm_pl011_access(u, addr, &a, &v), 0);
    return v;
}

static void uart_store(struct vmm_pl011 *u, uint64_t addr, unsigned size, uint64_t v)
{
    struct vmm_access a = {.write = true, .size = size};
    assert_int_equal(vmm_pl011_access(u, addr, &a, &v), 0);
}

static void test_pl011(void **state)
{
    (void)state;
    struct vmm_pl011 u;
    out_len = 0;
    vmm_pl011_init(&u, 0x9000000, collect);
    assert_true(vmm_pl011_covers(&u, 0x9000000));
    assert_true(vmm_pl011_covers(&u, 0x9000fff));
    assert_false(vmm_pl011_covers(&u, 0x9001000));
    assert_false(vmm_pl011_covers(&u, 0x8ffffff));
    /* the flag register: room to send, nothing received */
    uint64_t fr = uart_load(&u, 0x9000000 + PL011_FR, 4);
    assert_int_equal(fr & PL011_FR_TXFF, 0);
    assert_int_not_equal(fr & PL011_FR_TXFE, 0);
    assert_int_not_equal(fr & PL011_FR_RXFE, 0);
    uart_store(&u, 0x9000000, 1, 'h');
    uart_store(&u, 0x9000000, 4, 0x169); /* only the low byte goes out */
    assert_int_equal(out_len, 2);
    assert_memory_equal(out, "hi", 2);
    assert_int_equal(u.bytes, 2);
    /* control registers keep what is written */
    uart_store(&u, 0x9000000 + PL011_CR, 4, 0x301);
    assert_int_equal(uart_load(&u, 0x9000000 + PL011_CR, 4), 0x301);
    uart_store(&u, 0x9000000 + PL011_IMSC, 4, 0x50);
    assert_int_equal(uart_load(&u, 0x9000000 + PL011_IMSC, 4), 0x50);
    /* a byte load of a register's second byte */
    assert_int_equal(uart_load(&u, 0x9000000 + PL011_CR + 1, 1) & 0xff, 0x03);
    /* PrimeCell ids: a PL011 (0x011, ARM's 0x41 designer code in parts) */
    assert_int_equal(uart_load(&u, 0x9000fe0, 4), 0x11);
    assert_int_equal(uart_load(&u, 0x9000fe4, 4), 0x10);
    assert_int_equal(uart_load(&u, 0x9000ff0, 4), 0x0d);
    assert_int_equal(uart_load(&u, 0x9000ffc, 4), 0xb1);
    /* nothing received, nothing pending */
    assert_int_equal(uart_load(&u, 0x9000000 + PL011_DR, 4), 0);
    assert_int_equal(uart_load(&u, 0x9000000 + PL011_MIS, 4), 0);
    /* 64-bit accesses are refused */
    struct vmm_access wide = {.write = false, .size = 8};
    uint64_t v;
    assert_int_equal(vmm_pl011_access(&u, 0x9000000, &wide, &v), -1);
    assert_int_equal(out_len, 2);
}

static uint64_t gload(struct gicd *g, uint32_t off, unsigned size)
{
    uint64_t v = 0xdead;
    gicd_access(g, 0x8000000 + off, size, false, &v);
    return v;
}

static void gstore(struct gicd *g, uint32_t off, unsigned size, uint64_t v)
{
    gicd_access(g, 0x8000000 + off, size, true, &v);
}

/* What Linux's GICv2 driver reads and writes at boot. */
static void test_gicd(void **state)
{
    (void)state;
    struct gicd g;
    gicd_init(&g, 0x8000000);
    assert_true(gicd_covers(&g, 0x8000fff));
    assert_false(gicd_covers(&g, 0x8001000));
    assert_int_equal(gload(&g, 0x004, 4) & 0x1f, 2);     /* 96 interrupts */
    assert_int_equal((gload(&g, 0x004, 4) >> 5) & 7, 0); /* one CPU */
    assert_int_equal(gload(&g, 0x800, 4), 0x01010101);   /* CPU 0's mask */
    assert_int_equal(gload(&g, 0xfe8, 4) >> 4, 2);       /* GICv2 */
    assert_false(gicd_enabled(&g, 27));
    gstore(&g, 0x100, 4, 1u << 27);
    assert_false(gicd_enabled(&g, 27)); /* distributor still off */
    gstore(&g, 0x000, 4, 1);
    assert_true(gicd_enabled(&g, 27));
    gstore(&g, 0x104, 4, 1u << 1); /* SPI 33 */
    assert_true(gicd_enabled(&g, 33));
    assert_int_equal(gload(&g, 0x184, 4), 2); /* ICENABLER reads the enables */
    gstore(&g, 0x184, 4, 2);
    assert_false(gicd_enabled(&g, 33));
    gstore(&g, 0x41b, 1, 0xa0); /* priority of 27, a byte */
    assert_int_equal(gload(&g, 0x418, 4), 0xa0000000ull);
    gstore(&g, 0x420, 4, 0x80808080);
    assert_int_equal(gload(&g, 0x421, 1), 0x80);
    gstore(&g, 0xc08, 4, 0x55555555); /* ICFGR2 */
    assert_int_equal(gload(&g, 0xc08, 4), 0x55555555);
    assert_int_equal(gload(&g, 0x200, 4), 0); /* nothing pending */
    assert_false(gicd_enabled(&g, 200));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decode_store_byte),
        cmocka_unit_test(test_decode_fields),
        cmocka_unit_test(test_decode_refusals),
        cmocka_unit_test(test_esr_helpers),
        cmocka_unit_test(test_load_store_values),
        cmocka_unit_test(test_ctx_index),
        cmocka_unit_test(test_pl011),
        cmocka_unit_test(test_gicd),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
