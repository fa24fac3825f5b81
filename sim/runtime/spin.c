/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * `microkit run --spin[=US]` (docs/simulator.md): a PD that has to wait for
 * the CPU first spins on its own host CPU, watching its own run_seq, for
 * up to US microseconds (the runner passes them in
 * SIM_ENV_SPIN and does not pin the PDs to one CPU), and only then sleeps on
 * its futex. A hand-off to a spinning PD then costs a cache line's trip
 * between host CPUs instead of a sleep and a wake-up, so a protected call
 * round trip comes close to native seL4's. Which PD runs is decided by the
 * scheduler alone, as without --spin, so the output order is the same.
 */
#include <stdlib.h>
#include <time.h>

#include "rt.h"

#define S  sim_rt_shared
#define ME sim_rt_me

static long long spin_ns = -1; /* -1: SIM_ENV_SPIN not read yet; 0: no spinning */

static long long now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static inline void relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ volatile("yield");
#endif
}

static void read_spin_env(void)
{
    const char *v = getenv(SIM_ENV_SPIN);
    spin_ns = v ? atoll(v) * 1000 : 0;
    if (spin_ns > 0) {
        sim_lock_spins = 4096; /* the holder is handing the CPU over: wait for it on the lock too */
    }
}

/*
 * Spin on this PD's own run_seq, which the scheduler bumps once when it gives this PD a CPU,
 * not on the CPU's `current`: that word's cache line also holds the scheduler state the
 * waker is still writing, and every look from here would pull the line away from it.
 */
bool sim_rt_spin_for_cpu(void)
{
    if (spin_ns < 0) {
        read_spin_env();
    }
    if (spin_ns <= 0) {
        return false;
    }
    const uint32_t *seq = &S->tcb[ME].run_seq;
    uint32_t seen = __atomic_load_n(seq, __ATOMIC_ACQUIRE);
    if (sim_running_cpu(S, ME) >= 0) {
        return true;
    }
    long long end = now_ns() + spin_ns;
    for (;;) {
        for (int i = 0; i < 256; i++) {
            if (__atomic_load_n(seq, __ATOMIC_ACQUIRE) != seen) {
                seen = __atomic_load_n(seq, __ATOMIC_ACQUIRE);
                if (sim_running_cpu(S, ME) >= 0) {
                    return true;
                }
            }
            relax();
        }
        if (now_ns() >= end) {
            return sim_running_cpu(S, ME) >= 0;
        }
    }
}
