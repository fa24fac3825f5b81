/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The lowest layer of the simulator's kernel: futex waits and wake-ups on
 * shared words, the lock that every kernel entry takes, and the runner's
 * doorbell. Everything else in sim/kernel uses these; they use nothing.
 */
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sim/kernel.h"

int sim_lock_spins;

/* This process's pid, asked once: a getpid() system call per kernel entry cost
 * more than the rest of a --spin hand-off. PD processes are exec'd after fork,
 * so a copy inherited from the runner never takes the lock. */
static int self_pid(void)
{
    static int pid;
    if (pid == 0) {
        pid = getpid();
    }
    return pid;
}

static inline void relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ volatile("yield");
#endif
}

/* --spin: the holder runs on another host CPU and is about to release the lock (it hands the
 * CPU over just before), so watch the word a while before sleeping on it. */
static void spin_on_lock(struct sim_shared *s)
{
    for (int i = 0; i < sim_lock_spins; i++) {
        if (__atomic_load_n(&s->lock, __ATOMIC_RELAXED) == 0) {
            return;
        }
        relax();
    }
}

void sim_futex_wait(uint32_t *word, uint32_t expected)
{
    syscall(SYS_futex, word, FUTEX_WAIT, expected, NULL, NULL, 0);
}

void sim_futex_wake(uint32_t *word, int count)
{
    syscall(SYS_futex, word, FUTEX_WAKE, count, NULL, NULL, 0);
}

static uint32_t cas(uint32_t *w, uint32_t expected, uint32_t desired)
{
    __atomic_compare_exchange_n(w, &expected, desired, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
    return expected;
}

/* A three-state futex mutex (free, held, held with waiters). */
void sim_lock(struct sim_shared *s)
{
    uint32_t c = cas(&s->lock, 0, 1);
    if (c != 0 && sim_lock_spins > 0) {
        spin_on_lock(s);
        c = cas(&s->lock, 0, 1);
    }
    if (c != 0) {
        if (c != 2) {
            c = __atomic_exchange_n(&s->lock, 2, __ATOMIC_ACQUIRE);
        }
        while (c != 0) {
            sim_futex_wait(&s->lock, 2);
            c = __atomic_exchange_n(&s->lock, 2, __ATOMIC_ACQUIRE);
        }
    }
    s->lock_pid = self_pid();
}

void sim_unlock(struct sim_shared *s)
{
    s->lock_pid = 0;
    if (__atomic_exchange_n(&s->lock, 0, __ATOMIC_RELEASE) == 2) {
        sim_futex_wake(&s->lock, 1);
    }
}

void sim_lock_recover(struct sim_shared *s, int pid)
{
    if (pid != 0 && __atomic_load_n(&s->lock_pid, __ATOMIC_ACQUIRE) == pid) {
        sim_unlock(s);
    }
}

void sim_doorbell(struct sim_shared *s)
{
    uint64_t one = 1;
    if (s->doorbell_fd >= 0) {
        ssize_t r = write(s->doorbell_fd, &one, sizeof(one));
        (void)r;
    }
}
