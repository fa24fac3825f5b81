/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Compiled for AArch64, freestanding, by the queue_aarch64_ordering test,
 * which reads the disassembly: the index loads must be load-acquire (LDAR),
 * the index stores store-release (STLR), and the handshake a full barrier
 * (DMB ISH).
 */
#include "microkit_queue.h"

int codegen_enqueue(struct microkit_queue *q, const void *e);
int codegen_dequeue(struct microkit_queue *q, void *e);
int codegen_wait(struct microkit_queue *q);

int codegen_enqueue(struct microkit_queue *q, const void *e)
{
    return (int)microkit_queue_enqueue(q, e);
}

int codegen_dequeue(struct microkit_queue *q, void *e)
{
    return (int)microkit_queue_dequeue(q, e);
}

int codegen_wait(struct microkit_queue *q)
{
    return microkit_queue_consumer_wait_request(q);
}
