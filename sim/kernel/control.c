/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The simulator's kernel, continued: IRQ handlers, TCB invocations on child
 * PDs, fault delivery, the death of a PD process and the console ring.
 */
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

#include "sim/kernel.h"

bool sim_k_irq_inject(struct sim_shared *s, int pd, uint64_t irq)
{
    struct sim_tcb *t = &s->tcb[pd];
    for (unsigned slot = 0; slot < SDK_MAX_CHANNELS; slot++) {
        uint64_t bit = 1ull << slot;
        if (!(t->irq_bits & bit) || t->irq_num[slot] != irq) {
            continue;
        }
        if (t->irq_masked & bit) {
            sim_trace_irq(s, pd, slot, irq);
            t->irq_pending |= bit; /* delivered again when acked */
        } else {
            t->irq_masked |= bit;
            sim_trace_irq(s, pd, slot, irq);
            sim_k_signal(s, pd, bit);
        }
        return true;
    }
    return false;
}

void sim_k_irq_ack(struct sim_shared *s, int me, unsigned slot)
{
    struct sim_tcb *t = &s->tcb[me];
    uint64_t bit = 1ull << slot;
    t->irq_masked &= ~bit;
    if (t->irq_pending & bit) {
        t->irq_pending &= ~bit;
        t->irq_masked |= bit;
        sim_k_signal(s, me, bit);
    }
}

/* seL4's cancelIPC: take `t` out of whatever it is blocked on. */
static void cancel_ipc(struct sim_shared *s, int t)
{
    struct sim_tcb *tcb = &s->tcb[t];
    if (tcb->state == SIM_BLOCKED_SEND && tcb->blocked_on != SIM_NONE) {
        int owner = tcb->blocked_on;
        struct sim_tcb *o = &s->tcb[owner];
        int prev = SIM_NONE;
        /* Bounded, in case a PD wrote over the queue (check.c). */
        int steps = 0;
        for (int i = o->ep_head; i >= 0 && i < SIM_MAX_PDS && steps++ < SIM_MAX_PDS;
             prev = i, i = s->tcb[i].ep_next) {
            if (i == t) {
                if (prev == SIM_NONE) {
                    o->ep_head = tcb->ep_next;
                } else {
                    s->tcb[prev].ep_next = tcb->ep_next;
                }
                if (o->ep_tail == t) {
                    o->ep_tail = prev;
                }
                break;
            }
        }
        tcb->blocked_on = SIM_NONE;
    } else if (tcb->state == SIM_BLOCKED_REPLY && tcb->reply_to != SIM_NONE) {
        struct sim_tcb *r = &s->tcb[tcb->reply_to];
        if (r->reply_donated) {
            tcb->sc = r->sc;
            r->sc = SIM_NONE;
            r->reply_donated = 0;
            sim_sched_set_state(s, tcb->reply_to, r->state);
        }
        r->reply_caller = SIM_NONE;
        tcb->reply_to = SIM_NONE;
    }
    tcb->send_fault = 0;
    tcb->fault_label = 0;
}

static bool is_stopped(const struct sim_tcb *t)
{
    return t->state != SIM_RUNNING && t->state != SIM_RESTART && t->state != SIM_DEAD;
}

void sim_k_tcb_suspend(struct sim_shared *s, int t)
{
    if (s->tcb[t].state == SIM_DEAD) {
        return;
    }
    cancel_ipc(s, t);
    sim_sched_set_state(s, t, SIM_INACTIVE);
}

void sim_k_tcb_resume(struct sim_shared *s, int t)
{
    if (!is_stopped(&s->tcb[t])) {
        return;
    }
    cancel_ipc(s, t);
    sim_sched_set_state(s, t, SIM_RESTART);
    sim_sched_possible_switch_to(s, t);
}

void sim_k_tcb_restart(struct sim_shared *s, int t, uint64_t pc, bool resume)
{
    struct sim_tcb *tcb = &s->tcb[t];
    if (tcb->state == SIM_DEAD) {
        return;
    }
    tcb->restart_pc = pc;
    tcb->restart_pending = 1;
    if (resume) {
        sim_k_tcb_resume(s, t);
    }
}

bool sim_k_fault(struct sim_shared *s, int me)
{
    struct sim_tcb *t = &s->tcb[me];
    int to = t->fault_to;
    sim_trace_fault(s, me);
    if (to == SIM_NONE || !s->tcb[to].input_is_ep || s->tcb[to].state == SIM_DEAD) {
        sim_sched_set_state(s, me, SIM_INACTIVE);
        return false;
    }
    t->send_fault = 1;
    sim_k_ep_send(s, me, to, t->fault_badge, 0, true, true);
    return true;
}

void sim_k_kill(struct sim_shared *s, int t)
{
    sim_trace_simple(s, t, SIM_TR_DIED, -1);
    cancel_ipc(s, t);
    struct sim_tcb *tcb = &s->tcb[t];
    if (tcb->reply_caller != SIM_NONE) {
        int c = tcb->reply_caller;
        tcb->reply_caller = SIM_NONE;
        s->tcb[c].reply_to = SIM_NONE;
        if (tcb->reply_donated) {
            s->tcb[c].sc = tcb->sc;
            tcb->reply_donated = 0;
        }
        sim_sched_set_state(s, c, SIM_INACTIVE);
    }
    sim_sched_set_state(s, t, SIM_DEAD);
    sim_sched_lost_cpu(s, t);
}
