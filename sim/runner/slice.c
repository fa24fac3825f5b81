/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Time slices. seL4 (MCS, budget equal to period, as Microkit configures by
 * default) puts a PD that used up its budget at the back of its priority's
 * ready queue, so PDs of equal priority that never block share the CPU. The
 * simulator has no timer in the PDs; the runner measures how long the same
 * PD has held the CPU while another PD of its priority waits, and ends its
 * slice after its budget. Only such PDs are affected: a system whose PDs
 * block runs exactly as without slices.
 */
#include <signal.h>

#include "runner.h"

/* The virtual CPUs, from the options: the block's count may have been written over. */
static int ncpu(const struct runner *r)
{
    return r->o->cpus > 1 ? r->o->cpus : 1;
}

/* Read without the lock, so checked here: a PD may have written anything. */
static int waiting_peer(const struct runner *r, int c, int *cur)
{
    const struct sim_shared *s = r->s;
    *cur = __atomic_load_n(&s->cpu[c].current, __ATOMIC_ACQUIRE);
    if (*cur < 0 || (uint32_t)*cur >= r->npd) {
        return 0;
    }
    int32_t prio = __atomic_load_n(&s->tcb[*cur].prio, __ATOMIC_RELAXED);
    return prio >= 0 && prio < SIM_NUM_PRIOS && s->cpu[c].rq[prio].head != SIM_NONE;
}

/* Milliseconds until virtual CPU `c`'s running PD's slice ends, or -1. */
static int cpu_slice_ms(struct runner *r, int c, double now)
{
    int cur;
    struct runner_slice *sl = &r->slice[c];
    uint64_t sw = __atomic_load_n(&r->s->cpu[c].switches, __ATOMIC_ACQUIRE);
    if (!waiting_peer(r, c, &cur)) {
        sl->pd = -1;
        return -1;
    }
    if (cur != sl->pd || sw != sl->switches) {
        sl->pd = cur;
        sl->switches = sw;
        sl->start = now;
    }
    double left = sl->start + r->s->tcb[cur].budget_us / 1e3 - now;
    return left <= 0 ? 0 : (int)left + 1;
}

int runner_slice_ms(struct runner *r, double now)
{
    int next = -1;
    for (int c = 0; c < ncpu(r); c++) {
        int ms = cpu_slice_ms(r, c, now);
        next = ms >= 0 && (next < 0 || ms < next) ? ms : next;
    }
    return next;
}

void runner_preempt(struct runner *r, int old)
{
    if (old >= 0 && (uint32_t)old < r->npd && r->pids[old] > 0) {
        kill(r->pids[old], SIGURG);
    }
}

void runner_unlock_switch(struct runner *r, int before, int after)
{
    sim_unlock(r->s);
    if (after != before) {
        sim_wake(r->s, after);
        runner_preempt(r, before);
    }
}

/* The runner ends the slice as virtual CPU `c`'s timer would, on that CPU. */
static void cpu_slice_check(struct runner *r, int c, double now)
{
    if (cpu_slice_ms(r, c, now) != 0) {
        return;
    }
    struct sim_shared *s = r->s;
    if (!runner_lock(r)) {
        return;
    }
    struct runner_slice *sl = &r->slice[c];
    int cur = s->cpu[c].current;
    int now_pd = cur;
    if (cur == sl->pd && s->cpu[c].switches == sl->switches && cur >= 0 &&
        s->cpu[c].rq[s->tcb[cur].prio].head != SIM_NONE) {
        sim_k_cpu = c;
        sim_sched_append(s, cur);
        sim_sched_reschedule_required(s);
        now_pd = sim_schedule(s);
        sim_k_cpu = 0;
    }
    runner_unlock_switch(r, cur, now_pd);
    sl->pd = -1;
}

void runner_slice_check(struct runner *r, double now)
{
    for (int c = 0; c < ncpu(r); c++) {
        cpu_slice_check(r, c, now);
    }
}
