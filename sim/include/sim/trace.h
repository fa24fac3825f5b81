/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The simulator's event trace (docs/debugging.md): every seL4 call a PD
 * makes and every delivery it gets, numbered in the order they happen (the
 * virtual time of a run: one CPU, so the order is the same every run).
 *
 * Every event goes into its PD's flight recorder, the last SIM_FLIGHT_EVENTS
 * events of that PD, kept in the shared block and printed by the runner when
 * the PD faults. With --trace, events of the traced PDs are also written to
 * the console ring (marker SIM_CONSOLE_TRACE), so the runner prints them in
 * order with the PDs' output. All sim_trace_* functions need the lock.
 */
#ifndef SIM_TRACE_H
#define SIM_TRACE_H

#include <stdint.h>

#include "sdk/limits.h"

#define SIM_FLIGHT_EVENTS 16
#define SIM_TRACE_MRS     4    /* message registers kept per event */
#define SIM_CONSOLE_TRACE 0x01 /* console ring marker: a struct sim_trace_ev follows */

enum sim_trace_op {
    SIM_TR_NONE = 0,
    SIM_TR_NOTIFY,    /* seL4_Signal on a notification cap (microkit_notify) */
    SIM_TR_PPCALL,    /* seL4_Call on an endpoint cap (microkit_ppcall) */
    SIM_TR_SEND,      /* seL4_Send on an endpoint cap */
    SIM_TR_REPLY,     /* the reply of ReplyRecv to a waiting caller */
    SIM_TR_NOTIFIED,  /* delivery: notification bits (badge) */
    SIM_TR_PROTECTED, /* delivery: a protected call (badge, label, MRs) */
    SIM_TR_RECEIVED,  /* delivery: a plain send */
    SIM_TR_FAULT_IN,  /* delivery: a child's fault message */
    SIM_TR_IRQ,       /* an IRQ raised by the runner (label: IRQ number) */
    SIM_TR_IRQ_ACK,   /* microkit_irq_ack */
    SIM_TR_FAULT,     /* the PD faulted (label: fault label, MRs: the fault's) */
    SIM_TR_RESTART,   /* TCB WriteRegisters on a child (label: pc) */
    SIM_TR_STOP,      /* TCB Suspend */
    SIM_TR_RESUME,    /* TCB Resume */
    SIM_TR_PASSIVE,   /* the PD handed its SC back to the monitor */
    SIM_TR_YIELD,
    SIM_TR_DIED,   /* the PD's process went */
    SIM_TR_INVOKE, /* another invocation (label: the invocation label) */
    SIM_TR_NUM_OPS
};

struct sim_trace_ev {
    uint64_t seq; /* 1, 2, ...: the position of the event in the run */
    int16_t pd;   /* whose event it is */
    int16_t peer; /* the other PD, or -1 */
    int16_t ch;   /* channel id in `pd`'s terms, or -1 */
    uint8_t op;   /* enum sim_trace_op */
    uint8_t len;  /* message length (MRs beyond SIM_TRACE_MRS are not kept) */
    uint64_t badge;
    uint64_t label;
    uint64_t mr[SIM_TRACE_MRS];
};

/*
 * An event is 64 bytes: aligned, each takes one cache line, not two (under
 * --spin the lines a kernel entry writes move to the other host CPU).
 */
struct sim_flight {
    uint64_t head; /* events recorded; the ring holds the last SIM_FLIGHT_EVENTS */
    struct sim_trace_ev ev[SIM_FLIGHT_EVENTS] __attribute__((aligned(64)));
};

struct sim_trace_state {
    uint64_t stream_mask; /* PDs whose events go to the console ring (--trace) */
    uint32_t flight_on;   /* 0: no flight recorder (--flight 0) */
    uint32_t pad;
    uint32_t restarts[SDK_MAX_PDS]; /* restarts of each PD (counted when tracing is off too) */
    uint32_t faults[SDK_MAX_PDS];
    struct sim_flight pd[SDK_MAX_PDS];
};

struct sim_shared;

/* Record event `e` (seq is filled in); lock held. */
void sim_trace(struct sim_shared *s, struct sim_trace_ev *e);
/* Record an event of `pd` with the message `info` (label, length) whose MRs
 * are in `mrs` (may be NULL). */
void sim_trace_msg(struct sim_shared *s, int pd, int op, int peer, int ch, uint64_t badge,
                   uint64_t info, const uint64_t *mrs);
/* The hooks of the kernel model (objects.c, control.c). */
void sim_trace_deliver(struct sim_shared *s, int snd, int rcv, uint64_t badge, uint64_t info,
                       int call);
void sim_trace_notified(struct sim_shared *s, int pd, uint64_t bits);
void sim_trace_reply(struct sim_shared *s, int me, uint64_t info);
void sim_trace_fault(struct sim_shared *s, int me);
void sim_trace_irq(struct sim_shared *s, int pd, unsigned slot, uint64_t irq);
void sim_trace_simple(struct sim_shared *s, int pd, int op, int peer);
/* The name of `op` as the trace prints it. */
const char *sim_trace_op_name(int op);

#endif /* SIM_TRACE_H */
