/* SPDX-License-Identifier: BSD-2-Clause */
/* The attribution rule and symbol lookup of the sampling profiler (sample_rule.h). */
#include <sel4/syscall.h>

#include "sample_rule.h"

int sample_pick(const struct sample_cand *c, uint32_t n)
{
    int best = SAMPLE_IDLE;
    bool tie = false;
    for (uint32_t i = 0; i < n; i++) {
        if (!c[i].ran || c[i].blocked) {
            continue;
        }
        if (best < 0 || c[i].priority > c[best].priority) {
            best = (int)i;
            tie = false;
        } else if (c[i].priority == c[best].priority) {
            tie = true;
        }
    }
    return tie ? SAMPLE_UNATTRIBUTED : best;
}

bool sample_blocking_syscall(uint64_t x7)
{
    /* Send to an endpoint can block too, but Send is also microkit_notify's
     * seL4_Signal, after which the thread runs on: it is not counted. */
    int64_t s = (int64_t)x7;
    return s == seL4_SysCall || s == seL4_SysReplyRecv || s == seL4_SysNBSendRecv ||
           s == seL4_SysNBSendWait || s == seL4_SysRecv || s == seL4_SysWait;
}

/* Whether `i` comes after `prev` in the order of sample_next_top(). */
static bool after(const uint32_t *counts, int32_t prev, uint32_t i)
{
    if (prev < 0) {
        return true;
    }
    uint32_t pc = counts[prev];
    return counts[i] < pc || (counts[i] == pc && i > (uint32_t)prev);
}

int32_t sample_next_top(const uint32_t *counts, uint32_t n, int32_t prev)
{
    int32_t best = -1;
    for (uint32_t i = 0; i < n; i++) {
        if (counts[i] == 0 || !after(counts, prev, i)) {
            continue;
        }
        if (best < 0 || counts[i] > counts[best]) {
            best = (int32_t)i;
        }
    }
    return best;
}
