/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The event trace and the flight recorder (sim/trace.h). Events are
 * recorded with the kernel lock held, so their numbers follow the order in
 * which the simulated kernel did things; the runner's own events (IRQs, a
 * process that died) take the same lock.
 */
#include <string.h>

#include "sim/kernel.h"
#include "sim/trace.h"

static const char *const op_names[SIM_TR_NUM_OPS] = {
    [SIM_TR_NONE] = "?",
    [SIM_TR_NOTIFY] = "notify",
    [SIM_TR_PPCALL] = "ppcall",
    [SIM_TR_SEND] = "send",
    [SIM_TR_REPLY] = "reply",
    [SIM_TR_NOTIFIED] = "notified",
    [SIM_TR_PROTECTED] = "protected",
    [SIM_TR_RECEIVED] = "received",
    [SIM_TR_FAULT_IN] = "fault-in",
    [SIM_TR_IRQ] = "irq",
    [SIM_TR_IRQ_ACK] = "irq-ack",
    [SIM_TR_FAULT] = "fault",
    [SIM_TR_RESTART] = "restart",
    [SIM_TR_STOP] = "stop",
    [SIM_TR_RESUME] = "resume",
    [SIM_TR_PASSIVE] = "passive",
    [SIM_TR_YIELD] = "yield",
    [SIM_TR_DIED] = "died",
    [SIM_TR_INVOKE] = "invoke",
};

const char *sim_trace_op_name(int op)
{
    return op > 0 && op < SIM_TR_NUM_OPS ? op_names[op] : op_names[0];
}

static void stream(struct sim_shared *s, const struct sim_trace_ev *e)
{
    char rec[1 + sizeof(*e)];
    rec[0] = SIM_CONSOLE_TRACE;
    memcpy(rec + 1, e, sizeof(*e));
    sim_console_write(s, rec, sizeof(rec));
}

void sim_trace(struct sim_shared *s, struct sim_trace_ev *e)
{
    struct sim_trace_state *t = &s->trace;
    if (e->pd < 0 || e->pd >= SDK_MAX_PDS) {
        return;
    }
    e->seq = ++s->trace_seq;
    if (t->flight_on) {
        struct sim_flight *f = &t->pd[e->pd];
        f->ev[f->head++ % SIM_FLIGHT_EVENTS] = *e;
    }
    if (t->stream_mask & (1ull << e->pd)) {
        stream(s, e);
    }
}

void sim_trace_msg(struct sim_shared *s, int pd, int op, int peer, int ch, uint64_t badge,
                   uint64_t info, const uint64_t *mrs)
{
    if (op == SIM_TR_RESTART && peer >= 0 && peer < SDK_MAX_PDS) {
        s->trace.restarts[peer]++;
    } else if (op == SIM_TR_FAULT && pd >= 0 && pd < SDK_MAX_PDS) {
        s->trace.faults[pd]++;
    }
    if (!s->trace.flight_on && !s->trace.stream_mask) {
        return; /* nothing records: the cost of a trace that is off is this test */
    }
    struct sim_trace_ev e = {0};
    e.pd = (int16_t)pd;
    e.op = (uint8_t)op;
    e.peer = (int16_t)peer;
    e.ch = (int16_t)ch;
    e.badge = badge;
    e.label = SIM_INFO_LABEL(info);
    uint64_t len = SIM_INFO_LENGTH(info);
    e.len = (uint8_t)(len > SIM_MSG_MAX ? SIM_MSG_MAX : len);
    for (unsigned i = 0; mrs && i < e.len && i < SIM_TRACE_MRS; i++) {
        e.mr[i] = mrs[i];
    }
    sim_trace(s, &e);
}

static const uint64_t *mrs_of(struct sim_shared *s, int pd)
{
    return (const uint64_t *)sim_ipc_page(s, pd) + 1; /* msg[] follows the tag word */
}

/* The lowest set bit of a badge below bit 62: a channel id. */
static int first_channel(uint64_t badge)
{
    badge &= (1ull << 62) - 1;
    return badge ? __builtin_ctzll(badge) : -1;
}

void sim_trace_deliver(struct sim_shared *s, int snd, int rcv, uint64_t badge, uint64_t info,
                       int call)
{
    const struct sim_tcb *t = &s->tcb[snd];
    if (t->send_fault) {
        sim_trace_msg(s, rcv, SIM_TR_FAULT_IN, snd, (int)(badge & 0x3f), badge,
                      SIM_INFO(t->fault_label, t->fault_len), t->fault_mr);
        return;
    }
    int op = call ? SIM_TR_PROTECTED : SIM_TR_RECEIVED;
    int ch = (badge >> 63) ? (int)(badge & 0x3f) : -1; /* Microkit's PPC badge: bit 63 | id */
    sim_trace_msg(s, rcv, op, snd, ch, badge, info, mrs_of(s, snd));
}

void sim_trace_notified(struct sim_shared *s, int pd, uint64_t bits)
{
    sim_trace_msg(s, pd, SIM_TR_NOTIFIED, -1, first_channel(bits), bits, 0, NULL);
}

void sim_trace_reply(struct sim_shared *s, int me, uint64_t info)
{
    int c = s->tcb[me].reply_caller;
    if (c < 0 || c >= SIM_MAX_PDS) {
        return;
    }
    if (s->tcb[c].fault_label != 0) {
        info = SIM_INFO(0, 0); /* a fault reply resumes the child; no message */
    }
    sim_trace_msg(s, me, SIM_TR_REPLY, c, -1, 0, info, mrs_of(s, me));
}

void sim_trace_fault(struct sim_shared *s, int me)
{
    const struct sim_tcb *t = &s->tcb[me];
    sim_trace_msg(s, me, SIM_TR_FAULT, t->fault_to, -1, t->fault_badge,
                  SIM_INFO(t->fault_label, t->fault_len), t->fault_mr);
}

void sim_trace_irq(struct sim_shared *s, int pd, unsigned slot, uint64_t irq)
{
    sim_trace_msg(s, pd, SIM_TR_IRQ, -1, (int)slot, 1ull << slot, SIM_INFO(irq, 0), NULL);
}

void sim_trace_simple(struct sim_shared *s, int pd, int op, int peer)
{
    sim_trace_msg(s, pd, op, peer, -1, 0, 0, NULL);
}
