/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Kernel entry and exit of a PD process: taking the CPU and the lock, leaving through the
 * scheduler, and the restart check every exit makes. The lowest layer of the runtime: the system
 * calls, the fault path and the start-up use it; it uses only the kernel model and the PD's place
 * in the block, which start.c defines (a PD program is linked with the runtime because it refers to
 * those). The restart itself (which calls main() again) is installed by start.c as a hook, so this
 * layer never calls up into the PD.
 */
#include "rt.h"

#define S  sim_rt_shared
#define ME sim_rt_me

void (*sim_rt_restart_hook)(void);

void sim_rt_check_restart(void)
{
    if (sim_rt_restart_hook) {
        sim_rt_restart_hook();
    }
}

void sim_rt_wait_cpu(void)
{
    struct sim_tcb *t = &S->tcb[ME];
    if (sim_rt_spin_for_cpu()) {
        return;
    }
    /* sleeping, then the checks: sim_wake() reads it after giving the CPU (shared.h). */
    __atomic_store_n(&t->sleeping, 1, __ATOMIC_RELAXED);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    for (;;) {
        uint32_t seq = __atomic_load_n(&t->run_seq, __ATOMIC_ACQUIRE);
        if (sim_running_cpu(S, ME) >= 0) {
            break;
        }
        sim_futex_wait(&t->run_seq, seq);
    }
    __atomic_store_n(&t->sleeping, 0, __ATOMIC_RELAXED);
}

void sim_rt_enter(void)
{
    sim_lock(S);
    while ((sim_k_cpu = sim_running_cpu(S, ME)) < 0) {
        sim_unlock(S);
        sim_rt_wait_cpu();
        sim_lock(S);
    }
}

int sim_rt_leave(void)
{
    int now = sim_schedule(S);
    sim_unlock(S);
    if (now != ME) {
        sim_wake(S, now);
        sim_rt_wait_cpu();
    }
    sim_rt_check_restart();
    struct sim_tcb *t = &S->tcb[ME];
    if (__atomic_load_n(&t->state, __ATOMIC_ACQUIRE) == SIM_RESTART) {
        sim_lock(S);
        t->state = SIM_RUNNING;
        sim_unlock(S);
        return 1;
    }
    return 0;
}
