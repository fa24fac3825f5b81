/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The pure parts of the monitor's sampling profiler (sample_rule.h): which
 * PD a sample goes to, which system calls block, the top-functions order;
 * and the symbol lookup it shares with fault reports (symbol.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sel4/syscall.h>

#include "sample_rule.h"
#include "symbol.h"

#define RAN     1
#define BLOCKED 1

/* Nothing ran: idle. */
static void test_nothing_ran_is_idle(void **state)
{
    (void)state;
    struct sample_cand c[3] = {{0, 0, 100}, {0, 0, 50}, {0, 0, 1}};
    assert_int_equal(sample_pick(c, 3), SAMPLE_IDLE);
    assert_int_equal(sample_pick(c, 0), SAMPLE_IDLE);
}

/* The one PD that ran and is not in a blocking call. */
static void test_single_runner(void **state)
{
    (void)state;
    struct sample_cand c[3] = {{0, 0, 100}, {RAN, 0, 50}, {0, 0, 1}};
    assert_int_equal(sample_pick(c, 3), 1);
}

/* A higher-priority PD that ran and then blocked (Recv) was not interrupted. */
static void test_blocked_runner_is_skipped(void **state)
{
    (void)state;
    struct sample_cand c[2] = {{RAN, BLOCKED, 200}, {RAN, 0, 50}};
    assert_int_equal(sample_pick(c, 2), 1);
}

/* Two runnable PDs ran: the lower one was preempted by the higher one. */
static void test_highest_priority_wins(void **state)
{
    (void)state;
    struct sample_cand c[3] = {{RAN, 0, 10}, {RAN, 0, 120}, {RAN, 0, 60}};
    assert_int_equal(sample_pick(c, 3), 1);
}

/* Everything that ran is blocked now: the CPU was idle at the sample. */
static void test_all_blocked_is_idle(void **state)
{
    (void)state;
    struct sample_cand c[2] = {{RAN, BLOCKED, 100}, {RAN, BLOCKED, 50}};
    assert_int_equal(sample_pick(c, 2), SAMPLE_IDLE);
}

/* Two runnable PDs of the same, highest priority: round robin, unknown which. */
static void test_tie_is_unattributed(void **state)
{
    (void)state;
    struct sample_cand c[3] = {{RAN, 0, 100}, {RAN, 0, 100}, {RAN, 0, 50}};
    assert_int_equal(sample_pick(c, 3), SAMPLE_UNATTRIBUTED);
    /* A tie below the winner does not matter. */
    struct sample_cand d[3] = {{RAN, 0, 10}, {RAN, 0, 10}, {RAN, 0, 50}};
    assert_int_equal(sample_pick(d, 3), 2);
}

static void test_blocking_syscalls(void **state)
{
    (void)state;
    long blocking[] = {seL4_SysCall,       seL4_SysReplyRecv, seL4_SysNBSendRecv,
                       seL4_SysNBSendWait, seL4_SysRecv,      seL4_SysWait};
    long not_blocking[] = {
        seL4_SysSend, seL4_SysNBSend, seL4_SysNBRecv, seL4_SysNBWait, seL4_SysYield, 0, 1, -12,
        -26};
    for (size_t i = 0; i < sizeof(blocking) / sizeof(blocking[0]); i++) {
        assert_true(sample_blocking_syscall((uint64_t)blocking[i]));
    }
    for (size_t i = 0; i < sizeof(not_blocking) / sizeof(not_blocking[0]); i++) {
        assert_false(sample_blocking_syscall((uint64_t)not_blocking[i]));
    }
    /* x7 is a 64-bit register: only the sign-extended numbers are calls. */
    assert_false(sample_blocking_syscall(0xffffffffu));
}

static void test_next_top_order(void **state)
{
    (void)state;
    uint32_t counts[6] = {5, 0, 9, 5, 1, 9};
    int32_t order[5], k = -1;
    for (int i = 0; i < 5; i++) {
        order[i] = k = sample_next_top(counts, 6, k);
    }
    /* By count, highest first; equal counts by index; zeros left out. */
    assert_int_equal(order[0], 2);
    assert_int_equal(order[1], 5);
    assert_int_equal(order[2], 0);
    assert_int_equal(order[3], 3);
    assert_int_equal(order[4], 4);
    assert_int_equal(sample_next_top(counts, 6, 4), -1);
    uint32_t none[2] = {0, 0};
    assert_int_equal(sample_next_top(none, 2, -1), -1);
}

static void test_symbol_index(void **state)
{
    (void)state;
    struct bs_symbol s[3] = {{0x1000, 0x20, 0, 0}, {0x1040, 0, 0, 0}, {0x1080, 0x10, 0, 0}};
    assert_int_equal(symbol_index(s, 3, 0x1000), 0);
    assert_int_equal(symbol_index(s, 3, 0x101f), 0);
    assert_int_equal(symbol_index(s, 3, 0x1020), -1); /* a gap */
    assert_int_equal(symbol_index(s, 3, 0x107c), 1);  /* size 0: up to the next */
    assert_int_equal(symbol_index(s, 3, 0x108f), 2);
    assert_int_equal(symbol_index(s, 3, 0x1090), -1);
    assert_int_equal(symbol_index(s, 0, 0x1000), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nothing_ran_is_idle),
        cmocka_unit_test(test_single_runner),
        cmocka_unit_test(test_blocked_runner_is_skipped),
        cmocka_unit_test(test_highest_priority_wins),
        cmocka_unit_test(test_all_blocked_is_idle),
        cmocka_unit_test(test_tie_is_unattributed),
        cmocka_unit_test(test_blocking_syscalls),
        cmocka_unit_test(test_next_top_order),
        cmocka_unit_test(test_symbol_index),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
