/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The seL4 system calls of the host simulator's trap layer
 * (sim/include/sel4/syscalls_impl.h). Each call enters the kernel (takes the
 * shared lock while this PD owns the CPU), looks the cap up in this PD's
 * cap table, performs the operation on the shared objects, lets the
 * scheduler pick the next PD and, if that is another PD, sleeps until this
 * one is picked again. Message registers stay in the IPC buffers; the
 * kernel copies them between buffers.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <sel4/sel4.h>

#include "rt.h"

#define S  sim_rt_shared
#define ME sim_rt_me

/*
 * The cap `cptr` names, as seL4 resolves it in the PD's CSpace: one CNode
 * (guard 55), or a root whose top 6 bits pick a slot, slot 0 holding that
 * CNode (guard 49). Resolution stops at the first cap that is no CNode, so
 * the bits below a root slot's do not matter.
 */
static const struct sim_cap *cap_of(seL4_CPtr cptr)
{
    static const struct sim_cap null_cap;
    const struct sim_tcb *t = &S->tcb[ME];
    seL4_Word root_slot = cptr >> (seL4_WordBits - SDK_PD_ROOT_CNODE_BITS);
    if (t->cspace_root && root_slot != 0) {
        return &t->root_caps[root_slot];
    }
    if (cptr >= SIM_CNODE_SLOTS) {
        return &null_cap;
    }
    return &t->caps[cptr];
}

static seL4_Word invoke_tcb(int target, seL4_Word label, seL4_Word len)
{
    seL4_IPCBuffer *ipc = __sel4_ipc_buffer;
    switch (label) {
    case TCBWriteRegisters:
        if (len < 3 || ipc->msg[1] < 1) {
            return seL4_InvalidArgument;
        }
        sim_k_tcb_restart(S, target, ipc->msg[2], ipc->msg[0] & 1);
        return seL4_NoError;
    case TCBSuspend:
        sim_k_tcb_suspend(S, target);
        return seL4_NoError;
    case TCBResume:
        sim_k_tcb_resume(S, target);
        return seL4_NoError;
    default:
        return seL4_IllegalOperation;
    }
}

/* An invocation of a kernel object other than an endpoint or notification. */
static seL4_Word invoke(const struct sim_cap *cap, seL4_MessageInfo_t info)
{
    seL4_Word label = seL4_MessageInfo_get_label(info);
    switch (cap->type) {
    case SIM_CAP_IRQ:
        if (label == IRQAckIRQ) {
            sim_k_irq_ack(S, ME, (unsigned)cap->badge);
            sim_dev_irq_acked(S, ME, (unsigned)cap->badge); /* a device line still up */
            return seL4_NoError;
        }
        return seL4_IllegalOperation;
    case SIM_CAP_TCB:
        return invoke_tcb(cap->obj, label, seL4_MessageInfo_get_length(info));
    default:
        return seL4_IllegalOperation;
    }
}

/* The send phase of Send, NBSend, Call and NBSendRecv. Returns the error of
 * an object invocation (0 for IPC). */
static seL4_Word send_phase(seL4_CPtr dest, seL4_MessageInfo_t info, bool call, bool blocking)
{
    const struct sim_cap *cap = cap_of(dest);
    sim_rt_trace_send(dest, cap, info.words[0], call);
    switch (cap->type) {
    case SIM_CAP_EP:
        sim_k_ep_send(S, ME, cap->obj, cap->badge, info.words[0], call, blocking);
        return 0;
    case SIM_CAP_NTFN:
        sim_k_signal(S, cap->obj, cap->badge);
        return 0;
    case SIM_CAP_MONITOR_EP:
        sim_k_monitor_send(S, ME);
        return 0;
    case SIM_CAP_NULL:
        return (seL4_Word)-1;
    default:
        return invoke(cap, info);
    }
}

static seL4_MessageInfo_t result(seL4_Word *sender)
{
    struct sim_tcb *t = &S->tcb[ME];
    seL4_MessageInfo_t out = {{t->rcv_info}};
    if (sender) {
        *sender = t->rcv_badge;
    }
    return out;
}

static void do_send(seL4_CPtr dest, seL4_MessageInfo_t info, bool blocking)
{
    do {
        sim_rt_enter();
        if (send_phase(dest, info, false, blocking) == (seL4_Word)-1) {
            sim_unlock(S);
            sim_rt_cap_fault(dest, 0);
            return;
        }
    } while (sim_rt_leave());
}

void seL4_Send(seL4_CPtr dest, seL4_MessageInfo_t info)
{
    do_send(dest, info, true);
}

void seL4_NBSend(seL4_CPtr dest, seL4_MessageInfo_t info)
{
    do_send(dest, info, false);
}

void seL4_Signal(seL4_CPtr dest)
{
    do_send(dest, seL4_MessageInfo_new(0, 0, 0, 0), true);
}

seL4_MessageInfo_t seL4_Call(seL4_CPtr dest, seL4_MessageInfo_t info)
{
    for (;;) {
        sim_rt_enter();
        const struct sim_cap *cap = cap_of(dest);
        bool ipc = cap->type == SIM_CAP_EP;
        seL4_Word err = send_phase(dest, info, true, true);
        if (err == (seL4_Word)-1) {
            sim_unlock(S);
            sim_rt_cap_fault(dest, 0);
            continue;
        }
        if (!ipc) {
            /* A kernel object answers at once: the label is the error. */
            S->tcb[ME].rcv_info = seL4_MessageInfo_new(err, 0, 0, 0).words[0];
            S->tcb[ME].rcv_badge = 0;
        }
        if (!sim_rt_leave()) {
            return result(NULL);
        }
    }
}

/* The receive phase on the PD's own input endpoint or notification. */
static bool recv_ok(seL4_CPtr src)
{
    const struct sim_cap *cap = cap_of(src);
    return (cap->type == SIM_CAP_EP || cap->type == SIM_CAP_NTFN) && cap->obj == ME;
}

static seL4_MessageInfo_t do_recv(seL4_CPtr src, seL4_Word *sender, bool blocking)
{
    for (;;) {
        sim_rt_enter();
        if (!recv_ok(src)) {
            sim_unlock(S);
            sim_rt_cap_fault(src, 1);
            continue;
        }
        sim_k_recv(S, ME, blocking);
        if (!sim_rt_leave()) {
            return result(sender);
        }
    }
}

seL4_MessageInfo_t seL4_Recv(seL4_CPtr src, seL4_Word *sender, seL4_CPtr reply)
{
    return do_recv(src, sender, true);
}

seL4_MessageInfo_t seL4_NBRecv(seL4_CPtr src, seL4_Word *sender, seL4_CPtr reply)
{
    return do_recv(src, sender, false);
}

seL4_MessageInfo_t seL4_Wait(seL4_CPtr src, seL4_Word *sender)
{
    return do_recv(src, sender, true);
}

seL4_MessageInfo_t seL4_NBWait(seL4_CPtr src, seL4_Word *sender)
{
    return do_recv(src, sender, false);
}

seL4_MessageInfo_t seL4_Poll(seL4_CPtr src, seL4_Word *sender)
{
    return do_recv(src, sender, false);
}

seL4_MessageInfo_t seL4_ReplyRecv(seL4_CPtr src, seL4_MessageInfo_t info, seL4_Word *sender,
                                  seL4_CPtr reply)
{
    sim_rt_enter();
    sim_k_reply(S, ME, info.words[0]);
    if (!recv_ok(src)) {
        sim_unlock(S);
        sim_rt_cap_fault(src, 1);
    } else {
        sim_k_recv(S, ME, true);
        if (!sim_rt_leave()) {
            return result(sender);
        }
    }
    return do_recv(src, sender, true);
}

static seL4_MessageInfo_t send_recv(seL4_CPtr dest, seL4_MessageInfo_t info, seL4_CPtr src,
                                    seL4_Word *sender)
{
    sim_rt_enter();
    if (send_phase(dest, info, false, false) == (seL4_Word)-1) {
        sim_unlock(S);
        sim_rt_cap_fault(dest, 0);
        return do_recv(src, sender, true);
    }
    if (!recv_ok(src)) {
        sim_unlock(S);
        sim_rt_cap_fault(src, 1);
    } else {
        sim_k_recv(S, ME, true);
        if (!sim_rt_leave()) {
            return result(sender);
        }
    }
    return do_recv(src, sender, true);
}

seL4_MessageInfo_t seL4_NBSendRecv(seL4_CPtr dest, seL4_MessageInfo_t info, seL4_CPtr src,
                                   seL4_Word *sender, seL4_CPtr reply)
{
    return send_recv(dest, info, src, sender);
}

seL4_MessageInfo_t seL4_NBSendWait(seL4_CPtr dest, seL4_MessageInfo_t info, seL4_CPtr src,
                                   seL4_Word *sender)
{
    return send_recv(dest, info, src, sender);
}

void seL4_Yield(void)
{
    sim_rt_enter();
    sim_k_yield(S, ME);
    sim_rt_leave();
}

static void mrs_in(seL4_Word *mr0, seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3)
{
    seL4_Word *mr[4] = {mr0, mr1, mr2, mr3};
    for (int i = 0; i < 4; i++) {
        seL4_SetMR(i, mr[i] ? *mr[i] : 0);
    }
}

static void mrs_out(seL4_Word *mr0, seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3)
{
    seL4_Word *mr[4] = {mr0, mr1, mr2, mr3};
    for (int i = 0; i < 4; i++) {
        if (mr[i]) {
            *mr[i] = seL4_GetMR(i);
        }
    }
}

void seL4_SendWithMRs(seL4_CPtr dest, seL4_MessageInfo_t info, seL4_Word *mr0, seL4_Word *mr1,
                      seL4_Word *mr2, seL4_Word *mr3)
{
    mrs_in(mr0, mr1, mr2, mr3);
    seL4_Send(dest, info);
}

void seL4_NBSendWithMRs(seL4_CPtr dest, seL4_MessageInfo_t info, seL4_Word *mr0, seL4_Word *mr1,
                        seL4_Word *mr2, seL4_Word *mr3)
{
    mrs_in(mr0, mr1, mr2, mr3);
    seL4_NBSend(dest, info);
}

seL4_MessageInfo_t seL4_CallWithMRs(seL4_CPtr dest, seL4_MessageInfo_t info, seL4_Word *mr0,
                                    seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3)
{
    mrs_in(mr0, mr1, mr2, mr3);
    seL4_MessageInfo_t out = seL4_Call(dest, info);
    mrs_out(mr0, mr1, mr2, mr3);
    return out;
}

seL4_MessageInfo_t seL4_RecvWithMRs(seL4_CPtr src, seL4_Word *sender, seL4_Word *mr0,
                                    seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3, seL4_CPtr reply)
{
    seL4_MessageInfo_t out = seL4_Recv(src, sender, reply);
    mrs_out(mr0, mr1, mr2, mr3);
    return out;
}

seL4_MessageInfo_t seL4_ReplyRecvWithMRs(seL4_CPtr src, seL4_MessageInfo_t info, seL4_Word *sender,
                                         seL4_Word *mr0, seL4_Word *mr1, seL4_Word *mr2,
                                         seL4_Word *mr3, seL4_CPtr reply)
{
    mrs_in(mr0, mr1, mr2, mr3);
    seL4_MessageInfo_t out = seL4_ReplyRecv(src, info, sender, reply);
    mrs_out(mr0, mr1, mr2, mr3);
    return out;
}

#ifdef CONFIG_PRINTING
void seL4_DebugPutChar(char c)
{
    if (c == SIM_CONSOLE_FAULT || c == SIM_CONSOLE_TRACE) {
        return; /* those bytes mark fault and trace records in the console ring */
    }
    sim_rt_enter();
    sim_console_write(S, &c, 1);
    sim_unlock(S);
}

void seL4_DebugDumpScheduler(void)
{
    char line[128];
    sim_rt_enter();
    for (uint32_t i = 0; i < S->npd; i++) {
        const struct sim_tcb *t = &S->tcb[i];
        int n = snprintf(line, sizeof(line), "%-20s prio %3d state %d%s\n", t->name, t->prio,
                         t->state, sim_running_cpu(S, (int)i) >= 0 ? " (current)" : "");
        sim_console_write(S, line, (size_t)n);
    }
    sim_unlock(S);
}
#endif

#ifdef CONFIG_DEBUG_BUILD
void seL4_DebugHalt(void)
{
    sim_rt_enter();
    sim_k_tcb_suspend(S, ME);
    sim_rt_leave();
}

void seL4_DebugNameThread(seL4_CPtr tcb, const char *name)
{
    (void)tcb;
    (void)name;
}
#endif
