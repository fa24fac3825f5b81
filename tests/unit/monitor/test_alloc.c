/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The untyped allocator against a fake boot info: alignment as the kernel
 * does it, batching, padding up to fixed physical addresses (and reuse of
 * RAM padding), device versus RAM untypeds, and the messages when an object
 * does not fit.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "alloc.h"
#include "boot.h"
#include "fake_sel4.h"
#include "monitor_test.h"
#include "spec_builder.h"

static struct alloc a;
static seL4_BootInfo bi;

static const struct kobj TCB = {seL4_TCBObject, 0, seL4_TCBBits};
static const struct kobj NTFN = {seL4_NotificationObject, 0, seL4_NotificationBits};
static const struct kobj EP = {seL4_EndpointObject, 0, seL4_EndpointBits};
static const struct kobj PAGE = {seL4_ARM_SmallPageObject, 0, seL4_PageBits};
static const struct kobj LARGE = {seL4_ARM_LargePageObject, 0, seL4_LargePageBits};

static void start(const struct fake_untyped *uts, unsigned n)
{
    fake_reset(NULL);
    make_bootinfo(&bi, uts, n);
    alloc_init(&a, &bi);
    a.init_next = 1000; /* padding goes to the initial CNode */
    a.init_end = 2000;
}

static void expect_lines(const char *const *want, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(fake_line(i), want[i]) != 0) {
            fake_dump();
            fail_msg("line %zu: got '%s', expected '%s'", i, fake_line(i), want[i]);
        }
    }
    assert_int_equal(fake_count(), n);
}

static void test_alignment_like_the_kernel(void **state)
{
    static const struct fake_untyped uts[] = {{0x60000000, 16, 0}};
    start(uts, 1);
    assert_int_equal(alloc_object(&a, &NTFN, BS_ANY_PADDR, 0, 300, "n"), 0);
    assert_int_equal(alloc_object(&a, &TCB, BS_ANY_PADDR, 0, 301, "t"), 0);
    assert_int_equal(alloc_object(&a, &EP, BS_ANY_PADDR, 0, 302, "e"), 0);
    assert_int_equal(alloc_flush(&a), 0);
    /* 64 bytes, then a 4 KiB TCB aligned up to 0x1000, then an endpoint right after it. */
    assert_int_equal(a.uts[0].watermark, 0x60002010);
    static const char *const want[] = {
        "Untyped_Retype ut=100 type=3 size=0 root=2:0/0 slot=300 n=1",
        "Untyped_Retype ut=100 type=1 size=0 root=2:0/0 slot=301 n=1",
        "Untyped_Retype ut=100 type=2 size=0 root=2:0/0 slot=302 n=1",
    };
    expect_lines(want, 3);
}

static void test_batches_of_at_most_256(void **state)
{
    static const struct fake_untyped uts[] = {{0x60000000, 16, 0}};
    start(uts, 1);
    for (unsigned i = 0; i < 300; i++) {
        assert_int_equal(alloc_object(&a, &EP, BS_ANY_PADDR, 0, 300 + i, "e"), 0);
    }
    /* A gap in the slots starts a new retype too. */
    assert_int_equal(alloc_object(&a, &EP, BS_ANY_PADDR, 0, 700, "e"), 0);
    assert_int_equal(alloc_flush(&a), 0);
    static const char *const want[] = {
        "Untyped_Retype ut=100 type=2 size=0 root=2:0/0 slot=300 n=256",
        "Untyped_Retype ut=100 type=2 size=0 root=2:0/0 slot=556 n=44",
        "Untyped_Retype ut=100 type=2 size=0 root=2:0/0 slot=700 n=1",
    };
    expect_lines(want, 3);
}

static void test_first_fit_skips_full_untypeds(void **state)
{
    static const struct fake_untyped uts[] = {
        {0x9000000, 20, 1}, {0x60000000, 12, 0}, {0x60400000, 22, 0}};
    start(uts, 3);
    assert_int_equal(alloc_object(&a, &LARGE, BS_ANY_PADDR, 0, 300, "big"), 0);
    assert_int_equal(alloc_object(&a, &PAGE, BS_ANY_PADDR, 0, 301, "p1"), 0);
    assert_int_equal(alloc_object(&a, &PAGE, BS_ANY_PADDR, 0, 302, "p2"), 0);
    assert_int_equal(alloc_flush(&a), 0);
    /* Never the device untyped; p1 fills the 4 KiB one, p2 goes after the large page. */
    static const char *const want[] = {
        "Untyped_Retype ut=102 type=10 size=0 root=2:0/0 slot=300 n=1",
        "Untyped_Retype ut=101 type=9 size=0 root=2:0/0 slot=301 n=1",
        "Untyped_Retype ut=102 type=9 size=0 root=2:0/0 slot=302 n=1",
    };
    expect_lines(want, 3);
}

static void test_padding_to_fixed_address(void **state)
{
    static const struct fake_untyped uts[] = {{0x60000000, 16, 0}, {0x60100000, 16, 0}};
    start(uts, 2);
    assert_int_equal(alloc_object(&a, &PAGE, 0x6000f000, 0, 300, "fixed"), 0);
    assert_int_equal(alloc_object(&a, &TCB, BS_ANY_PADDR, 0, 301, "t1"), 0);
    assert_int_equal(alloc_object(&a, &TCB, BS_ANY_PADDR, 0, 302, "t2"), 0);
    assert_int_equal(alloc_flush(&a), 0);
    static const char *const want[] = {
        "Untyped_Retype ut=100 type=0 size=15 root=2:0/0 slot=1000 n=1",
        "Untyped_Retype ut=100 type=0 size=14 root=2:0/0 slot=1001 n=1",
        "Untyped_Retype ut=100 type=0 size=13 root=2:0/0 slot=1002 n=1",
        "Untyped_Retype ut=100 type=0 size=12 root=2:0/0 slot=1003 n=1",
        "Untyped_Retype ut=100 type=9 size=0 root=2:0/0 slot=300 n=1",
        /* The parent is full and its padding is not reused (the tool's plan does not). */
        "Untyped_Retype ut=101 type=1 size=0 root=2:0/0 slot=301 n=2",
    };
    expect_lines(want, 6);
}

static void test_device_frames_and_device_padding(void **state)
{
    static const struct fake_untyped uts[] = {{0x8000000, 27, 1}, {0x60000000, 12, 0}};
    start(uts, 2);
    assert_int_equal(alloc_object(&a, &PAGE, 0x9001000, 1, 300, "uart"), 0);
    /* Device padding is not free memory: this page must come from RAM. */
    assert_int_equal(alloc_object(&a, &PAGE, BS_ANY_PADDR, 0, 301, "ram"), 0);
    assert_int_equal(alloc_flush(&a), 0);
    static const char *const want[] = {
        "Untyped_Retype ut=100 type=0 size=24 root=2:0/0 slot=1000 n=1",
        "Untyped_Retype ut=100 type=0 size=12 root=2:0/0 slot=1001 n=1",
        "Untyped_Retype ut=100 type=9 size=0 root=2:0/0 slot=300 n=1",
        "Untyped_Retype ut=101 type=9 size=0 root=2:0/0 slot=301 n=1",
    };
    expect_lines(want, 4);
}

static void test_out_of_memory_names_object(void **state)
{
    static const struct fake_untyped uts[] = {{0x60000000, 20, 0}};
    start(uts, 1);
    assert_int_equal(alloc_object(&a, &LARGE, BS_ANY_PADDR, 0, 300, "mr 'dma' page 0"), -1);
    assert_string_equal(
        fake_console(),
        "MON|ERROR: not enough memory for object 'mr 'dma' page 0' (2097152 bytes); "
        "the untypeds from boot info:\n"
        "MON|ERROR:   ram untyped    0x0000000060000000 2^20, 1048576 bytes free\n");
    assert_int_equal(fake_count(), 0);
}

static void test_fixed_address_errors(void **state)
{
    static const struct fake_untyped uts[] = {{0x60000000, 16, 0}};
    start(uts, 1);
    assert_int_equal(alloc_object(&a, &PAGE, 0x70000000, 0, 300, "nowhere"), -1);
    assert_string_equal(fake_console(), "MON|ERROR: not enough memory for object 'nowhere' (4096 "
                                        "bytes at 0x70000000); the untypeds from boot info:\n"
                                        "MON|ERROR:   ram untyped    0x0000000060000000 2^16, "
                                        "65536 bytes free\n");
    start(uts, 1);
    assert_int_equal(alloc_object(&a, &PAGE, 0x60002000, 0, 300, "first"), 0);
    assert_int_equal(alloc_object(&a, &PAGE, 0x60001000, 0, 301, "second"), -1);
    assert_string_equal(
        fake_console(),
        "MON|ERROR: physical address 0x60001000 of object 'second' is already in use\n");
}

static void test_retype_error_names_object(void **state)
{
    static const struct fake_untyped uts[] = {{0x60000000, 16, 0}};
    start(uts, 1);
    fake_fail_at(0, seL4_NotEnoughMemory);
    assert_int_equal(alloc_object(&a, &TCB, BS_ANY_PADDR, 0, 300, "tcb 'x'"), 0);
    assert_int_equal(alloc_flush(&a), -1);
    assert_string_equal(fake_console(),
                        "MON|ERROR: creating 'tcb 'x'' failed: seL4_NotEnoughMemory\n");
}

static void test_too_little_ram_is_reported(void **state)
{
    static struct sb b;
    static struct bs_spec spec;
    static struct boot boot;
    static const struct fake_untyped uts[] = {{0x60000000, 16, 0}};
    const char *why;
    size_t size;
    sb_init(&b);
    b.monitor_reply = sb_object(&b, BS_OBJ_REPLY, 5, BS_ANY_PADDR, 0, "reply");
    b.monitor_fault_ep = sb_object(&b, BS_OBJ_ENDPOINT, 4, BS_ANY_PADDR, 0, "ep");
    sb_object(&b, BS_OBJ_FRAME, 21, BS_ANY_PADDR, 0, "huge mr");
    b.untyped_bytes_needed = 0x300000;
    /* Free: 64 KiB less the monitor's CNodes (2 KiB, 64 bytes), the reply and the endpoint. */
    uint8_t *blob = sb_finish(&b, &size);
    make_bootinfo(&bi, uts, 1);
    fake_reset(NULL);
    assert_int_equal(bs_open(&spec, blob, size, &why), 0);
    assert_int_equal(boot_run(&boot, &spec, &bi, NULL), -1);
    assert_string_equal(fake_console(),
                        "MON|ERROR: boot info lists 0x10000 bytes of RAM untypeds but the system "
                        "was planned with 0x300000 (is the kernel built for this board's memory?)\n"
                        "MON|ERROR: not enough memory for object 'huge mr' (2097152 bytes); the "
                        "untypeds from boot info:\n"
                        "MON|ERROR:   ram untyped    0x0000000060000000 2^16, 63376 bytes free\n");
    free(blob);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alignment_like_the_kernel),
        cmocka_unit_test(test_batches_of_at_most_256),
        cmocka_unit_test(test_first_fit_skips_full_untypeds),
        cmocka_unit_test(test_padding_to_fixed_address),
        cmocka_unit_test(test_device_frames_and_device_padding),
        cmocka_unit_test(test_out_of_memory_names_object),
        cmocka_unit_test(test_fixed_address_errors),
        cmocka_unit_test(test_retype_error_names_object),
        cmocka_unit_test(test_too_little_ram_is_reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
