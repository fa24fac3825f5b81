/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The simulator's scheduler: seL4's scheduler on each virtual CPU, over the shared
 * block (the lock and futexes are in lock.c). The function bodies follow seL4's kernel/thread.c so
 * that the order in which PDs run, and so the order of their output, is seL4's.
 * A thread is queued and runs on the CPU of the scheduling context it holds
 * (MCS); a wake-up for another CPU reschedules that CPU when the woken thread
 * is of higher priority than its current one (seL4's remote queue update and IPI).
 */
#include <limits.h>
#include <signal.h>

#include "sim/kernel.h"

int sim_k_cpu;

bool sim_sched_schedulable(const struct sim_shared *s, int t)
{
    if (t < 0) {
        return false;
    }
    const struct sim_tcb *tcb = &s->tcb[t];
    return (tcb->state == SIM_RUNNING || tcb->state == SIM_RESTART) && tcb->sc != SIM_NONE;
}

/* The CPU thread `t` runs on: its scheduling context's. */
static int cpu_of(const struct sim_shared *s, int t)
{
    int sc = s->tcb[t].sc;
    int c = sc >= 0 ? s->tcb[sc].cpu : s->tcb[t].cpu;
    return c >= 0 && (uint32_t)c < s->ncpu ? c : 0;
}

static void bitmap_update(struct sim_cpu *k, int prio)
{
    uint64_t bit = 1ull << (prio % 64);
    if (k->rq[prio].head != SIM_NONE) {
        k->rq_bitmap[prio / 64] |= bit;
    } else {
        k->rq_bitmap[prio / 64] &= ~bit;
    }
}

void sim_sched_enqueue(struct sim_shared *s, int t)
{
    struct sim_tcb *tcb = &s->tcb[t];
    if (tcb->in_rq) {
        return;
    }
    tcb->rq_cpu = cpu_of(s, t);
    struct sim_cpu *k = &s->cpu[tcb->rq_cpu];
    int p = tcb->prio;
    tcb->rq_prev = SIM_NONE;
    tcb->rq_next = k->rq[p].head;
    if (k->rq[p].head != SIM_NONE) {
        s->tcb[k->rq[p].head].rq_prev = t;
    } else {
        k->rq[p].tail = t;
    }
    k->rq[p].head = t;
    tcb->in_rq = 1;
    bitmap_update(k, p);
}

void sim_sched_append(struct sim_shared *s, int t)
{
    struct sim_tcb *tcb = &s->tcb[t];
    if (tcb->in_rq) {
        return;
    }
    tcb->rq_cpu = cpu_of(s, t);
    struct sim_cpu *k = &s->cpu[tcb->rq_cpu];
    int p = tcb->prio;
    tcb->rq_next = SIM_NONE;
    tcb->rq_prev = k->rq[p].tail;
    if (k->rq[p].tail != SIM_NONE) {
        s->tcb[k->rq[p].tail].rq_next = t;
    } else {
        k->rq[p].head = t;
    }
    k->rq[p].tail = t;
    tcb->in_rq = 1;
    bitmap_update(k, p);
}

void sim_sched_dequeue(struct sim_shared *s, int t)
{
    struct sim_tcb *tcb = &s->tcb[t];
    if (!tcb->in_rq) {
        return;
    }
    struct sim_cpu *k = &s->cpu[tcb->rq_cpu];
    int p = tcb->prio;
    if (tcb->rq_prev != SIM_NONE) {
        s->tcb[tcb->rq_prev].rq_next = tcb->rq_next;
    } else {
        k->rq[p].head = tcb->rq_next;
    }
    if (tcb->rq_next != SIM_NONE) {
        s->tcb[tcb->rq_next].rq_prev = tcb->rq_prev;
    } else {
        k->rq[p].tail = tcb->rq_prev;
    }
    tcb->in_rq = 0;
    bitmap_update(k, p);
}

/* The first thread of priority `p`'s queue in the current domain, or SIM_NONE. */
static int domain_head(const struct sim_shared *s, const struct sim_cpu *k, int p)
{
    int t = k->rq[p].head;
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
static int highest_prio(const struct sim_shared *s, const struct sim_cpu *k, int *head)
{
    for (int w = SIM_NUM_PRIOS / 64 - 1; w >= 0; w--) {
        uint64_t bits = k->rq_bitmap[w];
        while (bits) {
            int p = w * 64 + 63 - __builtin_clzll(bits);
            *head = domain_head(s, k, p);
            if (*head != SIM_NONE) {
                return p;
            }
            bits &= ~(1ull << (p % 64));
        }
    }
    *head = SIM_IDLE;
    return -1;
}

static void reschedule_on(struct sim_shared *s, int c)
{
    struct sim_cpu *k = &s->cpu[c];
    if (k->action >= 0 && sim_sched_schedulable(s, k->action)) {
        sim_sched_enqueue(s, k->action);
    }
    k->action = SIM_ACTION_CHOOSE;
}

void sim_sched_reschedule_required(struct sim_shared *s)
{
    reschedule_on(s, sim_k_cpu);
}

/* A thread made ready for another CPU: reschedule it if the thread beats its current one. */
static void remote_wake(struct sim_shared *s, int t, int c)
{
    sim_sched_enqueue(s, t);
    int cur = s->cpu[c].current;
    if (cur == SIM_IDLE || s->tcb[t].prio > s->tcb[cur].prio) {
        reschedule_on(s, c);
    }
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
    int c = cpu_of(s, t);
    if (c != sim_k_cpu) {
        remote_wake(s, t, c);
    } else if (s->cpu[c].action != SIM_ACTION_RESUME) {
        sim_sched_reschedule_required(s);
        sim_sched_enqueue(s, t);
    } else {
        s->cpu[c].action = t;
    }
}

void sim_sched_lost_cpu(struct sim_shared *s, int t)
{
    int c = sim_running_cpu(s, t);
    if (c >= 0) {
        s->cpu[c].action = SIM_ACTION_CHOOSE;
    }
}

void sim_sched_set_state(struct sim_shared *s, int t, int state)
{
    s->tcb[t].state = state;
    int c = sim_running_cpu(s, t);
    if (c >= 0 && s->cpu[c].action == SIM_ACTION_RESUME && !sim_sched_schedulable(s, t)) {
        s->cpu[c].action = SIM_ACTION_CHOOSE;
    }
    if (!sim_sched_schedulable(s, t)) {
        sim_sched_dequeue(s, t);
    }
}

static void switch_to(struct sim_shared *s, struct sim_cpu *k, int t)
{
    if (t != SIM_IDLE) {
        sim_sched_dequeue(s, t);
    }
    if (t != k->current) {
        s->switches++;
        k->switches++;
    }
    k->current = t;
}

static void choose_thread(struct sim_shared *s, struct sim_cpu *k)
{
    int head;
    highest_prio(s, k, &head);
    switch_to(s, k, head);
}

static void schedule_candidate(struct sim_shared *s, struct sim_cpu *k, bool was_runnable)
{
    int cand = k->action;
    int cur = k->current;
    bool fastfail = cur == SIM_IDLE || s->tcb[cand].prio < s->tcb[cur].prio;
    int head;
    if (fastfail && s->tcb[cand].prio < highest_prio(s, k, &head)) {
        sim_sched_enqueue(s, cand);
        choose_thread(s, k);
    } else if (was_runnable && s->tcb[cand].prio == s->tcb[cur].prio) {
        sim_sched_append(s, cand);
        choose_thread(s, k);
    } else {
        switch_to(s, k, cand);
    }
}

static int schedule_cpu(struct sim_shared *s, struct sim_cpu *k)
{
    int before = k->current;
    if (k->action != SIM_ACTION_RESUME) {
        bool was_runnable = sim_sched_schedulable(s, k->current);
        if (was_runnable) {
            sim_sched_enqueue(s, k->current);
        }
        if (k->action == SIM_ACTION_CHOOSE || !sim_sched_schedulable(s, k->action)) {
            choose_thread(s, k);
        } else {
            schedule_candidate(s, k, was_runnable);
        }
    }
    k->action = SIM_ACTION_RESUME;
    int now = k->current;
    if (now != before && now == SIM_IDLE) {
        sim_doorbell(s);
    }
    return now; /* the new current's run_seq is bumped by sim_wake(), after the unlock */
}

/* Another CPU's new current thread is woken now and the old one preempted (seL4's IPI). */
static void schedule_remote(struct sim_shared *s, int c)
{
    int before = s->cpu[c].current;
    int now = schedule_cpu(s, &s->cpu[c]);
    if (now == before) {
        return;
    }
    sim_wake(s, now);
    int pid = before >= 0 ? s->tcb[before].pid : 0;
    if (pid > 0) {
        kill(pid, SIGURG);
    }
}

int sim_schedule(struct sim_shared *s)
{
    for (uint32_t c = 0; c < s->ncpu; c++) {
        if ((int)c != sim_k_cpu && s->cpu[c].action != SIM_ACTION_RESUME) {
            schedule_remote(s, (int)c);
        }
    }
    return schedule_cpu(s, &s->cpu[sim_k_cpu]);
}

void sim_wake(struct sim_shared *s, int t)
{
    if (t < 0) {
        return;
    }
    /* Bumped here, once the waker is done with the block (and normally has released the lock):
     * a PD spinning on run_seq (--spin) then finds the lock free and the scheduler's lines
     * written, instead of pulling them back and forth while the waker still writes. */
    __atomic_add_fetch(&s->tcb[t].run_seq, 1, __ATOMIC_RELEASE);
    /* A PD that is not asleep on run_seq (spinning, with --spin) sees the CPU without a wake-up. */
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    if (__atomic_load_n(&s->tcb[t].sleeping, __ATOMIC_RELAXED)) {
        sim_futex_wake(&s->tcb[t].run_seq, INT_MAX);
    }
}
