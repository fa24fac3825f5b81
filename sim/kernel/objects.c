/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The simulator's kernel objects: notifications (badge bits OR-ed, as seL4
 * does), endpoints with FIFO send queues, MCS reply objects with scheduling
 * context donation, IRQ handlers, TCB invocations and fault delivery. Each
 * PD owns one endpoint (or only a notification), one notification bound to
 * it and one reply object, which is all a Microkit PD has.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sim/kernel.h"

static uint64_t *ipc_words(struct sim_shared *s, int pd)
{
    return (uint64_t *)sim_ipc_page(s, pd);
}

/* Copy the message (label, length, MRs) from `from` to `to`'s IPC buffer. */
static void transfer(struct sim_shared *s, int from, int to, uint64_t info, uint64_t badge)
{
    uint64_t len = SIM_INFO_LENGTH(info);
    if (len > SIM_MSG_MAX) {
        len = SIM_MSG_MAX;
    }
    struct sim_tcb *src = &s->tcb[from];
    uint64_t *dst = ipc_words(s, to) + 1; /* msg[] follows the tag word */
    if (src->send_fault) {
        len = src->fault_len;
        memcpy(dst, src->fault_mr, len * sizeof(uint64_t));
        info = SIM_INFO(src->fault_label, len);
    } else if (from != to) {
        memcpy(dst, ipc_words(s, from) + 1, len * sizeof(uint64_t));
    }
    s->tcb[to].rcv_info = SIM_INFO(SIM_INFO_LABEL(info), len);
    s->tcb[to].rcv_badge = badge;
}

/* Put caller `c` into `callee`'s reply object, lending its SC if needed. */
static void reply_push(struct sim_shared *s, int c, int callee)
{
    struct sim_tcb *r = &s->tcb[callee];
    if (r->reply_caller != SIM_NONE) {
        /* An unanswered caller loses its reply, as seL4 unlinks it. */
        s->tcb[r->reply_caller].reply_to = SIM_NONE;
        sim_sched_set_state(s, r->reply_caller, SIM_INACTIVE);
    }
    r->reply_caller = c;
    r->reply_donated = 0;
    s->tcb[c].reply_to = callee;
    sim_sched_set_state(s, c, SIM_BLOCKED_REPLY);
    if (r->sc == SIM_NONE && s->tcb[c].sc != SIM_NONE) {
        r->sc = s->tcb[c].sc;
        s->tcb[c].sc = SIM_NONE;
        r->reply_donated = 1;
    }
}

/* Remove the caller from `callee`'s reply object, taking its SC back. */
static int reply_pop(struct sim_shared *s, int callee)
{
    struct sim_tcb *r = &s->tcb[callee];
    int c = r->reply_caller;
    if (c == SIM_NONE) {
        return SIM_NONE;
    }
    r->reply_caller = SIM_NONE;
    s->tcb[c].reply_to = SIM_NONE;
    if (r->reply_donated) {
        s->tcb[c].sc = r->sc;
        r->sc = SIM_NONE;
        r->reply_donated = 0;
        int on = sim_running_cpu(s, callee);
        if (on >= 0 && s->cpu[on].action == SIM_ACTION_RESUME) {
            s->cpu[on].action = SIM_ACTION_CHOOSE;
        }
        sim_sched_dequeue(s, callee);
    }
    return c;
}

/* The sender `snd` meets receiver `rcv`, which is ready to take a message. */
static void deliver(struct sim_shared *s, int snd, int rcv, uint64_t badge, uint64_t info,
                    bool call)
{
    sim_trace_deliver(s, snd, rcv, badge, info, call);
    transfer(s, snd, rcv, info, badge);
    struct sim_tcb *t = &s->tcb[snd];
    if (call || t->send_fault) {
        reply_push(s, snd, rcv);
    } else if (t->state != SIM_RUNNING) {
        sim_sched_set_state(s, snd, SIM_RUNNING);
        sim_sched_possible_switch_to(s, snd);
    }
    t->send_fault = 0;
}

void sim_k_signal(struct sim_shared *s, int owner, uint64_t badge)
{
    struct sim_tcb *t = &s->tcb[owner];
    if (t->state == SIM_BLOCKED_RECV) {
        if (t->sc == SIM_NONE && t->ntfn_sc) {
            /* The notification lends the passive PD its own SC. */
            t->sc = owner;
            t->sc_from_ntfn = 1;
        }
        t->rcv_badge = badge;
        t->rcv_info = 0;
        sim_trace_notified(s, owner, badge);
        sim_sched_set_state(s, owner, SIM_RUNNING);
        sim_sched_possible_switch_to(s, owner);
    } else {
        t->ntfn_bits |= badge;
    }
}

static void ep_queue(struct sim_shared *s, int owner, int t)
{
    struct sim_tcb *o = &s->tcb[owner];
    s->tcb[t].ep_next = SIM_NONE;
    if (o->ep_tail != SIM_NONE) {
        s->tcb[o->ep_tail].ep_next = t;
    } else {
        o->ep_head = t;
    }
    o->ep_tail = t;
    s->tcb[t].blocked_on = owner;
}

static void ep_remove(struct sim_shared *s, int t)
{
    int owner = s->tcb[t].blocked_on;
    struct sim_tcb *o = &s->tcb[owner];
    int prev = SIM_NONE;
    /* Bounded, in case a PD wrote over the queue (check.c). */
    int steps = 0;
    for (int i = o->ep_head; i >= 0 && i < SIM_MAX_PDS && steps++ < SIM_MAX_PDS;
         prev = i, i = s->tcb[i].ep_next) {
        if (i != t) {
            continue;
        }
        if (prev == SIM_NONE) {
            o->ep_head = s->tcb[i].ep_next;
        } else {
            s->tcb[prev].ep_next = s->tcb[i].ep_next;
        }
        if (o->ep_tail == t) {
            o->ep_tail = prev;
        }
        break;
    }
    s->tcb[t].blocked_on = SIM_NONE;
}

void sim_k_ep_send(struct sim_shared *s, int me, int owner, uint64_t badge, uint64_t info,
                   bool call, bool blocking)
{
    struct sim_tcb *o = &s->tcb[owner];
    if (o->state == SIM_BLOCKED_RECV && o->input_is_ep) {
        deliver(s, me, owner, badge, info, call);
        sim_sched_set_state(s, owner, SIM_RUNNING);
        sim_sched_possible_switch_to(s, owner);
        return;
    }
    if (!blocking) {
        return;
    }
    struct sim_tcb *t = &s->tcb[me];
    t->send_badge = badge;
    t->send_info = info;
    t->send_call = call;
    ep_queue(s, owner, me);
    sim_sched_set_state(s, me, SIM_BLOCKED_SEND);
}

bool sim_k_recv(struct sim_shared *s, int me, bool blocking)
{
    struct sim_tcb *t = &s->tcb[me];
    if (t->ntfn_bits) {
        t->rcv_badge = t->ntfn_bits;
        t->rcv_info = 0;
        t->ntfn_bits = 0;
        sim_trace_notified(s, me, t->rcv_badge);
        return true;
    }
    if (t->input_is_ep && t->ep_head != SIM_NONE) {
        int snd = t->ep_head;
        ep_remove(s, snd);
        struct sim_tcb *q = &s->tcb[snd];
        deliver(s, snd, me, q->send_badge, q->send_info, q->send_call);
        return true;
    }
    if (!blocking) {
        t->rcv_badge = 0;
        t->rcv_info = 0;
        return false;
    }
    if (t->sc_from_ntfn && t->sc == me) {
        t->sc = SIM_NONE; /* back to the notification */
        t->sc_from_ntfn = 0;
    }
    sim_sched_set_state(s, me, SIM_BLOCKED_RECV);
    return false;
}

void sim_k_reply(struct sim_shared *s, int me, uint64_t info)
{
    sim_trace_reply(s, me, info);
    int c = reply_pop(s, me);
    if (c == SIM_NONE || s->tcb[c].state != SIM_BLOCKED_REPLY) {
        return;
    }
    struct sim_tcb *ct = &s->tcb[c];
    if (ct->fault_label != 0) {
        /* A fault reply resumes the thread at the faulting instruction. */
        ct->fault_label = 0;
        ct->rcv_badge = 0;
        ct->rcv_info = 0;
    } else {
        transfer(s, me, c, info, 0);
    }
    sim_sched_set_state(s, c, SIM_RUNNING);
    sim_sched_possible_switch_to(s, c);
}

void sim_k_monitor_send(struct sim_shared *s, int me)
{
    struct sim_tcb *t = &s->tcb[me];
    if (!t->passive || t->made_passive) {
        return;
    }
    t->made_passive = 1;
    t->ntfn_sc = 1; /* the monitor binds the SC to the PD's notification */
    if (t->sc == me) {
        t->sc = SIM_NONE;
        sim_sched_set_state(s, me, t->state);
    }
    char line[160];
    int n = snprintf(line, sizeof(line), SIM_PASSIVE_MSG, t->name);
    sim_console_write(s, line, (size_t)n);
}

void sim_k_yield(struct sim_shared *s, int me)
{
    sim_trace_simple(s, me, SIM_TR_YIELD, -1);
    sim_sched_dequeue(s, me);
    sim_sched_append(s, me);
    sim_sched_reschedule_required(s);
}
