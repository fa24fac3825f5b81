/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The pure part of the monitor's sampling profiler (profile.c,
 * docs/profiling.md "On target"), kept free of seL4 calls so that it builds
 * and is tested on the host (tests/unit/monitor/test_sample.c).
 *
 * At each sample the monitor knows, for every PD, whether its thread ran
 * since the last sample (its utilisation counters moved), whether it sits
 * in a blocking system call now (x7 holds one and the instruction at its
 * pc is `svc #0`), and its priority. sample_pick() names the PD that was
 * running when the monitor's periodic wake-up preempted it.
 */
#ifndef MONITOR_SAMPLE_RULE_H
#define MONITOR_SAMPLE_RULE_H

#include <stdbool.h>
#include <stdint.h>

struct sample_cand {
    bool ran;     /* the thread's utilisation or schedule count moved */
    bool blocked; /* it is in a blocking system call */
    uint8_t priority;
};

#define SAMPLE_IDLE         (-1) /* no PD was running: the idle thread (or the monitor) */
#define SAMPLE_UNATTRIBUTED (-2) /* two or more PDs of the same, highest priority remain */

/*
 * The running PD among `n`: of those that ran and are not blocked, the one
 * of the highest priority (any other that ran and is runnable was
 * preempted by it); SAMPLE_IDLE when none is left, SAMPLE_UNATTRIBUTED on a
 * tie at the highest priority.
 */
int sample_pick(const struct sample_cand *c, uint32_t n);

/* True for the numbers (x7) of the system calls a thread can block in on
 * an MCS kernel: Call, ReplyRecv, NBSendRecv, NBSendWait, Recv, Wait. */
bool sample_blocking_syscall(uint64_t x7);

/* The AArch64 encoding of `svc #0`: a thread in a system call has its pc
 * (seL4_TCB_ReadRegisters' pc, the kernel's FaultIP) at it, as seL4 saves
 * a system call's FaultIP as ELR - 4; a preempted thread's pc is where it
 * resumes. */
#define SAMPLE_SVC0 0xd4000001u

/*
 * For listing functions by their samples without sorting: the index of the
 * entry after `prev` (-1: the first) in the order of count, highest first,
 * then index; entries of count 0 are left out. -1 after the last.
 */
int32_t sample_next_top(const uint32_t *counts, uint32_t n, int32_t prev);

#endif /* MONITOR_SAMPLE_RULE_H */
