/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The console ring PDs print into (sim/shared.h) and the runner drains: when
 * it is full, the writer keeps the lock and waits for the runner, which
 * reads the ring without it.
 */
#include "sim/kernel.h"

void sim_console_write(struct sim_shared *s, const void *buf, size_t len)
{
    const char *p = buf;
    bool ring = false;
    while (len > 0) {
        uint64_t tail = __atomic_load_n(&s->con_tail, __ATOMIC_ACQUIRE);
        uint64_t space = SIM_CONSOLE_SIZE - (s->con_head - tail);
        if (space == 0) {
            /* Full: let the runner drain it. The lock is kept; the runner
             * reads the ring without it. */
            uint32_t seq = __atomic_load_n(&s->con_space, __ATOMIC_ACQUIRE);
            sim_doorbell(s);
            if (__atomic_load_n(&s->con_tail, __ATOMIC_ACQUIRE) == tail) {
                sim_futex_wait(&s->con_space, seq);
            }
            continue;
        }
        size_t n = len < space ? len : (size_t)space;
        for (size_t i = 0; i < n; i++) {
            s->console[(s->con_head + i) % SIM_CONSOLE_SIZE] = p[i];
            ring |= p[i] == '\n';
        }
        __atomic_store_n(&s->con_head, s->con_head + n, __ATOMIC_RELEASE);
        p += n;
        len -= n;
    }
    if (ring) {
        sim_doorbell(s);
    }
}
