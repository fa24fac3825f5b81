/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The placement policy (common/placement.c) on its own: first fit in RAM in
 * boot-info order with the kernel's alignment, fixed addresses in the
 * covering untyped of the asked kind, untypeds with fixed objects avoided
 * when asked, nothing changed by a refusal, and the block sizes the kernel
 * and the monitor's padding use.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "sdk/bootspec.h"
#include "sdk/placement.h"

static struct pl_untyped uts[4];
static struct pl_state pl;

/* RAM 0x60000000 (64 KiB), device 0x9000000 (16 MiB), RAM 0x70000000 (1 MiB), RAM 0x80000000. */
static void start(void)
{
    static const struct pl_untyped init[] = {
        {0x60000000, 0, 16, 0, 0},
        {0x9000000, 0, 24, 1, 0},
        {0x70000000, 0, 20, 0, 0},
        {0x80000000, 0, 12, 0, 0},
    };
    for (int i = 0; i < 4; i++) {
        uts[i] = init[i];
        uts[i].watermark = 0x1234; /* pl_init empties them */
        uts[i].has_fixed = 1;
    }
    pl_init(&pl, uts, 4);
}

static uint64_t any(unsigned bits, unsigned flags)
{
    struct pl_place at;
    if (pl_alloc(&pl, BS_ANY_PADDR, bits, flags, &at) != 0) {
        return BS_ANY_PADDR;
    }
    return at.paddr;
}

static void test_first_fit_aligned(void **state)
{
    start();
    assert_int_equal(uts[0].watermark, 0x60000000);
    assert_int_equal(uts[0].has_fixed, 0);
    assert_int_equal(any(6, 0), 0x60000000);  /* 64 bytes */
    assert_int_equal(any(12, 0), 0x60001000); /* aligned up, the gap stays unused */
    assert_int_equal(any(4, 0), 0x60002000);
    assert_int_equal(any(15, 0), 0x60008000);
    /* The first untyped is full (gaps are not gone back to); devices are never used. */
    assert_int_equal(any(16, 0), 0x70000000);
    assert_int_equal(any(13, 0), 0x70010000);
    assert_int_equal(any(21, 0), BS_ANY_PADDR);
}

static void test_fixed_addresses(void **state)
{
    struct pl_place at;
    start();
    assert_int_equal(pl_alloc(&pl, 0x60003000, 12, 0, &at), 0);
    assert_int_equal(at.ut, 0);
    assert_int_equal(at.from, 0x60000000); /* the monitor pads [from, paddr) */
    assert_int_equal(uts[0].watermark, 0x60004000);
    assert_int_equal(pl_alloc(&pl, 0x60002000, 12, 0, &at), PL_IN_USE);
    assert_int_equal(uts[0].watermark, 0x60004000);
    assert_int_equal(pl_alloc(&pl, 0x9001000, 12, PL_DEVICE, &at), 0);
    assert_int_equal(at.ut, 1);
    /* RAM asked for, only a device untyped covers it: that one. */
    assert_int_equal(pl_alloc(&pl, 0x9002000, 12, 0, &at), 0);
    assert_int_equal(at.ut, 1);
    assert_int_equal(pl_alloc(&pl, 0x50000000, 12, 0, &at), PL_NO_ROOM);
    /* Crossing the end of the untyped that holds its start. */
    assert_int_equal(pl_alloc(&pl, 0x6000f000, 13, 0, &at), PL_NO_ROOM);
}

static void test_avoid_fixed(void **state)
{
    start();
    pl_mark_fixed(&pl, 0x6000e000, 0x1000);
    pl_mark_fixed(&pl, 0x6000f000, 0x1000); /* one run with the one before */
    pl_mark_fixed(&pl, 0x9000000, 0x1000);  /* in device memory: not marked */
    pl_mark_fixed(&pl, 0x70010000, 0x1000);
    pl_mark_fixed_end(&pl);
    assert_int_equal(uts[0].has_fixed, 1);
    assert_int_equal(uts[1].has_fixed, 0);
    assert_int_equal(uts[2].has_fixed, 1);
    assert_int_equal(uts[3].has_fixed, 0);
    assert_int_equal(any(12, PL_AVOID_FIXED), 0x80000000);
    assert_int_equal(any(12, PL_AVOID_FIXED), BS_ANY_PADDR);
    assert_int_equal(any(12, 0), 0x60000000);
}

static void test_full_untypeds_are_skipped(void **state)
{
    start();
    assert_int_equal(any(16, 0), 0x60000000);
    assert_int_equal(pl.first_free, 2); /* past the full one and the device one behind it */
    assert_int_equal(any(12, 0), 0x70000000);
    assert_int_equal(any(20, 0), BS_ANY_PADDR);
    assert_int_equal(any(12, 0), 0x70001000);
}

/* Device untypeds listed first (as boot info lists them) are never scanned for RAM objects. */
static void test_leading_devices_are_skipped(void **state)
{
    static const struct pl_untyped init[] = {
        {0x0, 0, 24, 1, 0},
        {0x9000000, 0, 12, 1, 0},
        {0x60000000, 0, 16, 0, 0},
    };
    for (int i = 0; i < 3; i++) {
        uts[i] = init[i];
    }
    pl_init(&pl, uts, 3);
    assert_int_equal(pl.first_free, 2);
    assert_int_equal(any(12, 0), 0x60000000);
    struct pl_place at;
    assert_int_equal(pl_alloc(&pl, 0x9000000, 12, PL_DEVICE, &at), 0); /* fixed: still found */
    assert_int_equal(at.ut, 1);
    assert_int_equal(pl.first_free, 2);
}

static void test_block_bits(void **state)
{
    assert_int_equal(pl_block_bits(0x60000000, 0x60001000, 47), 12);
    assert_int_equal(pl_block_bits(0x60001000, 0x60100000, 47), 12); /* alignment limits */
    assert_int_equal(pl_block_bits(0x60000000, 0x60003000, 47), 13); /* size limits */
    assert_int_equal(pl_block_bits(0, 1ull << 60, 47), 47);
    assert_int_equal(pl_block_bits(0x10, 0x20, 47), 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_first_fit_aligned),
        cmocka_unit_test(test_fixed_addresses),
        cmocka_unit_test(test_avoid_fixed),
        cmocka_unit_test(test_full_untypeds_are_skipped),
        cmocka_unit_test(test_leading_devices_are_skipped),
        cmocka_unit_test(test_block_bits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
