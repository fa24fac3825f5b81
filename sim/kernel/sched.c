/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The simulator's scheduler: seL4's scheduler on one CPU, over the shared
 * block (the lock and futexes are in lock.c). The function bodies follow seL4's kernel/thread.c so
 * that the order in which PDs run, and so the order of their output, is seL4's.
 */
#include <limits.h>

#include "sim/kernel.h"

bool sim_sched_schedulable(const struct sim_shared *s, int t)
{
    if (t < 0) {
        return false;
    }
    const struct sim_tcb *tcb = &s->tcb[t];
    return (tcb->state == SIM_RUNNING || tcb->state == SIM_RESTART) && tcb->sc != SIM_NONE;
}

static void bitmap_update(struct sim_shared *s, int prio)
{
    uint64_t bit = 1ull << (prio % 64);
    if (s->rq_head[prio] != SIM_NONE) {
        s->rq_bitmap[prio / 64] |= bit;
    } else {
        s->rq_bitmap[prio / 64] &= ~bit;
    }
}

void sim_sched_enqueue(struct sim_shared *s, int t)
{
    struct sim_tcb *tcb = &s->tcb[t];
    if (tcb->in_rq) {
        return;
    }
    int p = tcb->prio;
    tcb->rq_prev = SIM_NONE;
    tcb->rq_next = s->rq_head[p];
    if (s->rq_head[p] != SIM_NONE) {
        s->tcb[s->rq_head[p]].rq_prev = t;
    } else {
        s->rq_tail[p] = t;
    }
    s->rq_head[p] = t;
    tcb->in_rq = 1;
    bitmap_update(s, p);
}

void sim_sched_append(struct sim_shared *s, int t)
{
    struct sim_tcb *tcb = &s->tcb[t];
    if (tcb->in_rq) {
        return;
    }
    int p = tcb->prio;
    tcb->rq_next = SIM_NONE;
    tcb->rq_prev = s->rq_tail[p];
    if (s->rq_tail[p] != SIM_NONE) {
        s->tcb[s->rq_tail[p]].rq_next = t;
    } else {
        s->rq_head[p] = t;
    }
    s->rq_tail[p] = t;
    tcb->in_rq = 1;
    bitmap_update(s, p);
}

void sim_sched_dequeue(struct sim_shared *s, int t)
{
    struct sim_tcb *tcb = &s->tcb[t];
    if (!tcb->in_rq) {
        return;
    }
    int p = tcb->prio;
    if (tcb->rq_prev != SIM_NONE) {
        s->tcb[tcb->rq_prev].rq_next = tcb->rq_next;
    } else {
        s->rq_head[p] = tcb->rq_next;
    }
    if (tcb->rq_next != SIM_NONE) {
        s->tcb[tcb->rq_next].rq_prev = tcb->rq_prev;
    } else {
        s->rq_tail[p] = tcb->rq_prev;
    }
    tcb->in_rq = 0;
    bitmap_update(s, p);
}

/* The first thread of priority `p`'s queue in the current domain, or SIM_NONE. */
static int domain_head(const struct sim_shared *s, int p)
{
    int t = s->rq_head[p];
    while (t != SIM_NONE && s->tcb[t].domain != s->cur_domain) {
        t = s->tcb[t].rq_next;
    }
    return t;
}

/*
 * The highest priority with a ready thread in the current domain (seL4
 * keeps a ready queue per domain and priority); *head gets that thread.
 * Without a domain schedule every thread is in domain 0 and the first
 * queue found answers.
 */
static int highest_prio(const struct sim_shared *s, int *head)
{
    for (int w = SIM_NUM_PRIOS / 64 - 1; w >= 0; w--) {
        uint64_t bits = s->rq_bitmap[w];
        while (bits) {
            int p = w * 64 + 63 - __builtin_clzll(bits);
            *head = domain_head(s, p);
            if (*head != SIM_NONE) {
                return p;
            }
            bits &= ~(1ull << (p % 64));
        }
    }
    *head = SIM_IDLE;
    return -1;
}

void sim_sched_reschedule_required(struct sim_shared *s)
{
    if (s->action >= 0 && sim_sched_schedulable(s, s->action)) {
        sim_sched_enqueue(s, s->action);
    }
    s->action = SIM_ACTION_CHOOSE;
}

void sim_sched_possible_switch_to(struct sim_shared *s, int t)
{
    if (s->tcb[t].sc == SIM_NONE) {
        return;
    }
    if (s->tcb[t].domain != s->cur_domain) {
        sim_sched_enqueue(s, t); /* it runs when its domain's turn comes */
        return;
    }
    if (s->action != SIM_ACTION_RESUME) {
        sim_sched_reschedule_required(s);
        sim_sched_enqueue(s, t);
    } else {
        s->action = t;
    }
}

void sim_sched_set_state(struct sim_shared *s, int t, int state)
{
    s->tcb[t].state = state;
    if (t == s->current && s->action == SIM_ACTION_RESUME && !sim_sched_schedulable(s, t)) {
        s->action = SIM_ACTION_CHOOSE;
    }
    if (!sim_sched_schedulable(s, t)) {
        sim_sched_dequeue(s, t);
    }
}

static void switch_to(struct sim_shared *s, int t)
{
    if (t != SIM_IDLE) {
        sim_sched_dequeue(s, t);
    }
    if (t != s->current) {
        s->switches++;
    }
    s->current = t;
}

static void choose_thread(struct sim_shared *s)
{
    int head;
    highest_prio(s, &head);
    switch_to(s, head);
}

static void schedule_candidate(struct sim_shared *s, bool was_runnable)
{
    int cand = s->action;
    int cur = s->current;
    bool fastfail = cur == SIM_IDLE || s->tcb[cand].prio < s->tcb[cur].prio;
    int head;
    if (fastfail && s->tcb[cand].prio < highest_prio(s, &head)) {
        sim_sched_enqueue(s, cand);
        choose_thread(s);
    } else if (was_runnable && s->tcb[cand].prio == s->tcb[cur].prio) {
        sim_sched_append(s, cand);
        choose_thread(s);
    } else {
        switch_to(s, cand);
    }
}

int sim_schedule(struct sim_shared *s)
{
    int before = s->current;
    if (s->action != SIM_ACTION_RESUME) {
        bool was_runnable = sim_sched_schedulable(s, s->current);
        if (was_runnable) {
            sim_sched_enqueue(s, s->current);
        }
        if (s->action == SIM_ACTION_CHOOSE || !sim_sched_schedulable(s, s->action)) {
            choose_thread(s);
        } else {
            schedule_candidate(s, was_runnable);
        }
    }
    s->action = SIM_ACTION_RESUME;
    int now = s->current;
    if (now != before) {
        if (now != SIM_IDLE) {
            __atomic_add_fetch(&s->tcb[now].run_seq, 1, __ATOMIC_RELEASE);
        } else {
            sim_doorbell(s);
        }
    }
    return now;
}

void sim_wake(struct sim_shared *s, int t)
{
    /* A PD that is not asleep on run_seq (spinning, with --spin) sees the CPU without a wake-up. */
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    if (t >= 0 && __atomic_load_n(&s->tcb[t].sleeping, __ATOMIC_RELAXED)) {
        sim_futex_wake(&s->tcb[t].run_seq, INT_MAX);
    }
}
