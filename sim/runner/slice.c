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

/* Read without the lock, so checked here: a PD may have written anything. */
static int waiting_peer(const struct runner *r, int *cur)
{
    const struct sim_shared *s = r->s;
    *cur = __atomic_load_n(&s->cpu[0].current, __ATOMIC_ACQUIRE);
    if (*cur < 0 || (uint32_t)*cur >= r->npd) {
        return 0;
    }
    int32_t prio = __atomic_load_n(&s->tcb[*cur].prio, __ATOMIC_RELAXED);
    return prio >= 0 && prio < SIM_NUM_PRIOS && s->cpu[0].rq_head[prio] != SIM_NONE;
}

int runner_slice_ms(struct runner *r, double now)
{
    int cur;
    uint64_t sw = __atomic_load_n(&r->s->switches, __ATOMIC_ACQUIRE);
    if (!waiting_peer(r, &cur)) {
        r->slice_pd = -1;
        return -1;
    }
    if (cur != r->slice_pd || sw != r->slice_switches) {
        r->slice_pd = cur;
        r->slice_switches = sw;
        r->slice_start = now;
    }
    double left = r->slice_start + r->s->tcb[cur].budget_us / 1e3 - now;
    return left <= 0 ? 0 : (int)left + 1;
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

void runner_slice_check(struct runner *r, double now)
{
    if (runner_slice_ms(r, now) != 0) {
        return;
    }
    struct sim_shared *s = r->s;
    if (!runner_lock(r)) {
        return;
    }
    int cur = s->cpu[0].current;
    int now_pd = cur;
    if (cur == r->slice_pd && s->switches == r->slice_switches && cur >= 0 &&
        s->cpu[0].rq_head[s->tcb[cur].prio] != SIM_NONE) {
        sim_sched_append(s, cur);
        sim_sched_reschedule_required(s);
        now_pd = sim_schedule(s);
    }
    runner_unlock_switch(r, cur, now_pd);
    r->slice_pd = -1;
}
