/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * microkit_queue.h: single-producer single-consumer queues of fixed-size
 * elements in a memory region that two protection domains map, for drivers,
 * virtualisers and their clients. Header only: include it and use it, on the
 * target and on the host simulator alike; it needs no libc.
 *
 * Memory layout of a queue region (little-endian, offsets in bytes):
 *
 *     0    uint32_t tail              next element the producer writes;
 *                                     written by the producer only
 *     4    uint32_t producer_waiting  1 while the producer waits for room;
 *                                     set by the producer, cleared by either
 *     64   uint32_t head              next element the consumer reads;
 *                                     written by the consumer only
 *     68   uint32_t consumer_waiting  1 while the consumer waits for data;
 *                                     set by the consumer, cleared by either
 *     128  element 0, element 1, ... element capacity-1 (elem_size bytes each)
 *
 * The two index words sit 64 bytes apart so that each side writes its own
 * cache line. head and tail run freely and wrap at 2^32; element i of the
 * ring is at (index & (capacity - 1)). The queue holds tail - head elements.
 * A region filled with zeros is an empty queue: the SDK zero-fills memory
 * regions at boot, so neither side initialises the region and the order in
 * which the two PDs' init() run does not matter.
 *
 * Capacity and element size are not stored in the region: both sides pass
 * the same region size and element size to microkit_queue_init (constants,
 * or setvar_size), which keeps them out of the other side's reach. The
 * capacity is the largest power of two that fits. A peer can only change
 * the index words; every access is masked into the ring, and an index pair
 * that claims more than `capacity` elements is reported as
 * MICROKIT_QUEUE_CORRUPT, so a faulty peer cannot make this side read or
 * write outside the region.
 *
 * Memory ordering (C11 acquire/release, which AArch64 implements with
 * LDAR/STLR and the compiler's barriers elsewhere):
 *   - enqueue copies the element in, then stores tail with release; the
 *     consumer loads tail with acquire before it copies the element out;
 *   - dequeue copies the element out, then stores head with release; the
 *     producer loads head with acquire before it reuses the slot.
 *
 * Notifications: a side that finds the queue empty (consumer) or full
 * (producer) and wants to sleep calls the matching *_wait_request; if that
 * returns true it may wait for a notification, otherwise it retries at once.
 * The other side, after it has made progress, calls *_should_notify and sends
 * a notification when that returns true. A full fence on both sides between
 * the flag and the index makes this free of lost wake-ups: either the
 * sleeper sees the progress, or the other side sees the flag. Notifications
 * are only sent when someone waits, so a busy queue costs no system calls.
 * A zeroed region holds no request: a consumer calls
 * microkit_queue_consumer_wait_request once in init() so that the first
 * element wakes it. A notification can be spurious (the sleeper withdrew
 * its request as the other side saw it): treat one as "look at the
 * queue", not as "data".
 *
 * A queue has one producer and one consumer; for two-way traffic use two
 * queues (two regions, or one region split with microkit_queue_init at two
 * offsets).
 */
#ifndef MICROKIT_QUEUE_H
#define MICROKIT_QUEUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Bytes before element 0 (the index words and their padding). */
#define MICROKIT_QUEUE_HEADER_SIZE 128u

enum microkit_queue_status {
    MICROKIT_QUEUE_OK = 0,
    MICROKIT_QUEUE_EMPTY,   /* dequeue: nothing to take */
    MICROKIT_QUEUE_FULL,    /* enqueue: no room */
    MICROKIT_QUEUE_CORRUPT, /* the index words claim more than `capacity` elements */
};

/* The shared words at the start of a queue region (see the layout above). */
struct microkit_queue_shared {
    uint32_t tail;
    uint32_t producer_waiting;
    uint8_t pad0[56];
    uint32_t head;
    uint32_t consumer_waiting;
    uint8_t pad1[56];
};

/* One side's handle: private to the PD, never in the shared region. */
struct microkit_queue {
    struct microkit_queue_shared *shared;
    unsigned char *elems;
    uint32_t capacity; /* a power of two */
    uint32_t elem_size;
};

#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L /* C99 has no _Static_assert */
_Static_assert(sizeof(struct microkit_queue_shared) == MICROKIT_QUEUE_HEADER_SIZE,
               "microkit_queue_shared layout");
#endif

/*
 * Set up this side's handle on the queue in `region` (region_size bytes,
 * 8-byte aligned). Writes nothing to the region. Returns false when the
 * region cannot hold one element or elem_size is 0.
 */
static inline bool microkit_queue_init(struct microkit_queue *q, void *region, size_t region_size,
                                       size_t elem_size)
{
    if (elem_size == 0 || elem_size > UINT32_MAX ||
        region_size < MICROKIT_QUEUE_HEADER_SIZE + elem_size) {
        return false;
    }
    size_t room = (region_size - MICROKIT_QUEUE_HEADER_SIZE) / elem_size;
    uint32_t capacity = 1;
    while (capacity <= UINT32_MAX / 2 && (size_t)capacity * 2 <= room) {
        capacity *= 2;
    }
    q->shared = (struct microkit_queue_shared *)region;
    q->elems = (unsigned char *)region + MICROKIT_QUEUE_HEADER_SIZE;
    q->capacity = capacity;
    q->elem_size = (uint32_t)elem_size;
    return true;
}

/* Region bytes a queue of `capacity` elements (a power of two) needs. */
static inline size_t microkit_queue_region_size(uint32_t capacity, size_t elem_size)
{
    return MICROKIT_QUEUE_HEADER_SIZE + (size_t)capacity * elem_size;
}

/*
 * GCC at -O3 vectorises this loop for any n and then warns (stringop-overflow)
 * about the vector path when the caller's element is smaller than a vector,
 * e.g. a char for a byte queue, although n is elem_size there.
 */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstringop-overflow"
#endif
static inline void microkit_queue_copy(unsigned char *dst, const unsigned char *src, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        dst[i] = src[i];
    }
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

static inline unsigned char *microkit_queue_slot(const struct microkit_queue *q, uint32_t index)
{
    return q->elems + (size_t)(index & (q->capacity - 1)) * q->elem_size;
}

/* Elements in the queue, as either side sees it now; capacity + 1 if corrupt. */
static inline uint32_t microkit_queue_length(const struct microkit_queue *q)
{
    uint32_t head = __atomic_load_n(&q->shared->head, __ATOMIC_ACQUIRE);
    uint32_t tail = __atomic_load_n(&q->shared->tail, __ATOMIC_ACQUIRE);
    uint32_t n = tail - head;
    return n > q->capacity ? q->capacity + 1 : n;
}

static inline bool microkit_queue_empty(const struct microkit_queue *q)
{
    return microkit_queue_length(q) == 0;
}

static inline bool microkit_queue_full(const struct microkit_queue *q)
{
    return microkit_queue_length(q) >= q->capacity;
}

/* Producer: copy elem_size bytes from `elem` to the tail of the queue. */
static inline enum microkit_queue_status microkit_queue_enqueue(struct microkit_queue *q,
                                                                const void *elem)
{
    uint32_t tail = __atomic_load_n(&q->shared->tail, __ATOMIC_RELAXED);
    uint32_t head = __atomic_load_n(&q->shared->head, __ATOMIC_ACQUIRE);
    if (tail - head > q->capacity) {
        return MICROKIT_QUEUE_CORRUPT;
    }
    if (tail - head == q->capacity) {
        return MICROKIT_QUEUE_FULL;
    }
    microkit_queue_copy(microkit_queue_slot(q, tail), (const unsigned char *)elem, q->elem_size);
    __atomic_store_n(&q->shared->tail, tail + 1, __ATOMIC_RELEASE);
    return MICROKIT_QUEUE_OK;
}

/* Consumer: copy the element at the head of the queue to `elem` and drop it. */
static inline enum microkit_queue_status microkit_queue_dequeue(struct microkit_queue *q,
                                                                void *elem)
{
    uint32_t head = __atomic_load_n(&q->shared->head, __ATOMIC_RELAXED);
    uint32_t tail = __atomic_load_n(&q->shared->tail, __ATOMIC_ACQUIRE);
    if (tail - head > q->capacity) {
        return MICROKIT_QUEUE_CORRUPT;
    }
    if (tail == head) {
        return MICROKIT_QUEUE_EMPTY;
    }
    microkit_queue_copy((unsigned char *)elem, microkit_queue_slot(q, head), q->elem_size);
    __atomic_store_n(&q->shared->head, head + 1, __ATOMIC_RELEASE);
    return MICROKIT_QUEUE_OK;
}

/*
 * Consumer, on finding the queue empty: ask to be notified. Returns true if
 * the queue is still empty (wait for the producer's notification), false if
 * data arrived meanwhile (the request is withdrawn; dequeue again).
 */
static inline bool microkit_queue_consumer_wait_request(struct microkit_queue *q)
{
    __atomic_store_n(&q->shared->consumer_waiting, 1, __ATOMIC_RELAXED);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    if (!microkit_queue_empty(q)) {
        __atomic_store_n(&q->shared->consumer_waiting, 0, __ATOMIC_RELAXED);
        return false;
    }
    return true;
}

/*
 * Producer, after enqueueing: true (and the request is cleared) if the
 * consumer asked to be notified; then notify it.
 */
static inline bool microkit_queue_producer_should_notify(struct microkit_queue *q)
{
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    if (__atomic_load_n(&q->shared->consumer_waiting, __ATOMIC_RELAXED) == 0) {
        return false;
    }
    __atomic_store_n(&q->shared->consumer_waiting, 0, __ATOMIC_RELAXED);
    return true;
}

/*
 * Producer, on finding the queue full: as consumer_wait_request, for room
 * (false also when the queue is corrupt, so that enqueue reports it).
 */
static inline bool microkit_queue_producer_wait_request(struct microkit_queue *q)
{
    __atomic_store_n(&q->shared->producer_waiting, 1, __ATOMIC_RELAXED);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    if (microkit_queue_length(q) != q->capacity) {
        __atomic_store_n(&q->shared->producer_waiting, 0, __ATOMIC_RELAXED);
        return false;
    }
    return true;
}

/* Consumer, after dequeueing: true (request cleared) if the producer waits for room. */
static inline bool microkit_queue_consumer_should_notify(struct microkit_queue *q)
{
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    if (__atomic_load_n(&q->shared->producer_waiting, __ATOMIC_RELAXED) == 0) {
        return false;
    }
    __atomic_store_n(&q->shared->producer_waiting, 0, __ATOMIC_RELAXED);
    return true;
}

#endif /* MICROKIT_QUEUE_H */
