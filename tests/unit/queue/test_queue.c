/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * microkit_queue.h on the host: capacity from the region size, order, full
 * and empty, wrap-around of the free-running indices, corrupt index words,
 * and the notification handshake, each in one process.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "microkit_queue.h"

static _Alignas(64) unsigned char region[4096];

static struct microkit_queue queue_of(size_t region_size, size_t elem_size)
{
    struct microkit_queue q;
    memset(region, 0, sizeof(region));
    assert_true(microkit_queue_init(&q, region, region_size, elem_size));
    return q;
}

static void test_capacity_is_largest_power_of_two(void **state)
{
    (void)state;
    struct microkit_queue q = queue_of(sizeof(region), 8);
    assert_int_equal(q.capacity, 256); /* (4096 - 128) / 8 = 496 */
    q = queue_of(MICROKIT_QUEUE_HEADER_SIZE + 1, 1);
    assert_int_equal(q.capacity, 1);
    assert_int_equal(microkit_queue_region_size(256, 8), 128 + 2048);
}

static void test_init_refuses_what_cannot_hold_one(void **state)
{
    (void)state;
    struct microkit_queue q;
    assert_false(microkit_queue_init(&q, region, MICROKIT_QUEUE_HEADER_SIZE, 1));
    assert_false(microkit_queue_init(&q, region, sizeof(region), 0));
    assert_false(microkit_queue_init(&q, region, 200, 100));
}

static void test_init_writes_nothing(void **state)
{
    (void)state;
    struct microkit_queue q;
    memset(region, 0xa5, sizeof(region));
    assert_true(microkit_queue_init(&q, region, sizeof(region), 4));
    for (size_t i = 0; i < sizeof(region); i++) {
        assert_int_equal(region[i], 0xa5);
    }
}

static void test_fifo_order_full_and_empty(void **state)
{
    (void)state;
    struct microkit_queue q = queue_of(MICROKIT_QUEUE_HEADER_SIZE + 4 * 8, 8);
    uint64_t v;
    assert_int_equal(microkit_queue_dequeue(&q, &v), MICROKIT_QUEUE_EMPTY);
    for (uint64_t i = 0; i < 4; i++) {
        assert_int_equal(microkit_queue_enqueue(&q, &i), MICROKIT_QUEUE_OK);
    }
    assert_true(microkit_queue_full(&q));
    assert_int_equal(microkit_queue_enqueue(&q, &v), MICROKIT_QUEUE_FULL);
    for (uint64_t i = 0; i < 4; i++) {
        assert_int_equal(microkit_queue_dequeue(&q, &v), MICROKIT_QUEUE_OK);
        assert_int_equal(v, i);
    }
    assert_true(microkit_queue_empty(&q));
}

static void test_indices_wrap_at_2_pow_32(void **state)
{
    (void)state;
    struct microkit_queue q = queue_of(MICROKIT_QUEUE_HEADER_SIZE + 8, 1);
    q.shared->head = q.shared->tail = UINT32_MAX - 3;
    for (unsigned char i = 0; i < 20; i++) {
        unsigned char out = 0;
        assert_int_equal(microkit_queue_enqueue(&q, &i), MICROKIT_QUEUE_OK);
        assert_int_equal(microkit_queue_length(&q), 1);
        assert_int_equal(microkit_queue_dequeue(&q, &out), MICROKIT_QUEUE_OK);
        assert_int_equal(out, i);
    }
    assert_true(q.shared->tail < 100);
}

static void test_corrupt_indices_are_reported(void **state)
{
    (void)state;
    struct microkit_queue q = queue_of(MICROKIT_QUEUE_HEADER_SIZE + 16, 4);
    uint32_t v = 7;
    q.shared->tail = 1000; /* a peer claims 1000 elements in a ring of 4 */
    assert_int_equal(microkit_queue_dequeue(&q, &v), MICROKIT_QUEUE_CORRUPT);
    assert_int_equal(microkit_queue_enqueue(&q, &v), MICROKIT_QUEUE_CORRUPT);
    assert_int_equal(microkit_queue_length(&q), q.capacity + 1);
    assert_false(microkit_queue_producer_wait_request(&q));
    assert_false(microkit_queue_consumer_wait_request(&q));
}

static void test_element_stays_in_its_slot(void **state)
{
    (void)state;
    /* A ring of 2 elements of 3 bytes in a region with room for 2.x. */
    struct microkit_queue q = queue_of(MICROKIT_QUEUE_HEADER_SIZE + 8, 3);
    assert_int_equal(q.capacity, 2);
    const unsigned char a[3] = {1, 2, 3}, b[3] = {4, 5, 6};
    assert_int_equal(microkit_queue_enqueue(&q, a), MICROKIT_QUEUE_OK);
    assert_int_equal(microkit_queue_enqueue(&q, b), MICROKIT_QUEUE_OK);
    assert_memory_equal(region + MICROKIT_QUEUE_HEADER_SIZE, a, 3);
    assert_memory_equal(region + MICROKIT_QUEUE_HEADER_SIZE + 3, b, 3);
    assert_int_equal(region[MICROKIT_QUEUE_HEADER_SIZE + 6], 0);
}

static void test_consumer_wait_request(void **state)
{
    (void)state;
    struct microkit_queue q = queue_of(sizeof(region), 4);
    uint32_t v = 1;
    /* Nothing queued: the consumer may sleep; the producer then notifies once. */
    assert_true(microkit_queue_consumer_wait_request(&q));
    assert_int_equal(microkit_queue_enqueue(&q, &v), MICROKIT_QUEUE_OK);
    assert_true(microkit_queue_producer_should_notify(&q));
    assert_false(microkit_queue_producer_should_notify(&q));
    /* Data present: the request is withdrawn and nobody is notified. */
    assert_false(microkit_queue_consumer_wait_request(&q));
    assert_int_equal(q.shared->consumer_waiting, 0);
    assert_false(microkit_queue_producer_should_notify(&q));
}

static void test_producer_wait_request(void **state)
{
    (void)state;
    struct microkit_queue q = queue_of(MICROKIT_QUEUE_HEADER_SIZE + 4, 4);
    uint32_t v = 1;
    assert_false(microkit_queue_producer_wait_request(&q)); /* room */
    assert_int_equal(microkit_queue_enqueue(&q, &v), MICROKIT_QUEUE_OK);
    assert_true(microkit_queue_producer_wait_request(&q)); /* full: may sleep */
    assert_int_equal(microkit_queue_dequeue(&q, &v), MICROKIT_QUEUE_OK);
    assert_true(microkit_queue_consumer_should_notify(&q));
    assert_false(microkit_queue_consumer_should_notify(&q));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_capacity_is_largest_power_of_two),
        cmocka_unit_test(test_init_refuses_what_cannot_hold_one),
        cmocka_unit_test(test_init_writes_nothing),
        cmocka_unit_test(test_fifo_order_full_and_empty),
        cmocka_unit_test(test_indices_wrap_at_2_pow_32),
        cmocka_unit_test(test_corrupt_indices_are_reported),
        cmocka_unit_test(test_element_stays_in_its_slot),
        cmocka_unit_test(test_consumer_wait_request),
        cmocka_unit_test(test_producer_wait_request),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
