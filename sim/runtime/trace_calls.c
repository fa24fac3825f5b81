/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The trace events of the send phase of a PD's system calls (sim/trace.h):
 * what the call is, from the cap it goes to, and the channel id, which is
 * the cap's slot less the base of its range in Microkit's CNode layout.
 */
#include <sel4/sel4.h>

#include "rt.h"

#define S  sim_rt_shared
#define ME sim_rt_me

static int channel_of(seL4_CPtr slot, seL4_CPtr base)
{
    return slot >= base && slot < base + SDK_MAX_CHANNELS ? (int)(slot - base) : -1;
}

static int tcb_op(seL4_Word label)
{
    switch (label) {
    case TCBWriteRegisters:
        return SIM_TR_RESTART;
    case TCBSuspend:
        return SIM_TR_STOP;
    case TCBResume:
        return SIM_TR_RESUME;
    default:
        return SIM_TR_INVOKE;
    }
}

void sim_rt_trace_send(uint64_t dest, const struct sim_cap *cap, uint64_t info, bool call)
{
    const uint64_t *mrs = __sel4_ipc_buffer->msg;
    seL4_Word label = SIM_INFO_LABEL(info);
    switch (cap->type) {
    case SIM_CAP_EP:
        sim_trace_msg(S, ME, call ? SIM_TR_PPCALL : SIM_TR_SEND, cap->obj,
                      channel_of(dest, SDK_CAP_BASE_ENDPOINT), cap->badge, info, mrs);
        break;
    case SIM_CAP_NTFN:
        sim_trace_msg(S, ME, SIM_TR_NOTIFY, cap->obj, channel_of(dest, SDK_CAP_BASE_NOTIFICATION),
                      cap->badge, 0, NULL);
        break;
    case SIM_CAP_IRQ:
        sim_trace_msg(S, ME, label == IRQAckIRQ ? SIM_TR_IRQ_ACK : SIM_TR_INVOKE, -1,
                      (int)cap->badge, 0, info, mrs);
        break;
    case SIM_CAP_TCB:
        sim_trace_msg(S, ME, tcb_op(label), cap->obj, channel_of(dest, SDK_CAP_BASE_TCB), 0, info,
                      mrs);
        break;
    case SIM_CAP_MONITOR_EP:
        sim_trace_simple(S, ME, SIM_TR_PASSIVE, -1);
        break;
    case SIM_CAP_NULL:
        break; /* a cap fault follows */
    default:
        sim_trace_msg(S, ME, SIM_TR_INVOKE, -1, -1, 0, info, mrs);
        break;
    }
}
