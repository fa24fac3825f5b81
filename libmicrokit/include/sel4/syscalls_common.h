/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The architecture-neutral half of the seL4 trap layer: every system call of
 * sel4/syscalls_decl.h written with the two things an architecture's
 * sel4/syscalls_impl.h defines before including this file:
 *   struct sel4_arch_regs  w0 (destination cap in, sender's badge out),
 *                          w1 (message info), mr[0..3] (message registers)
 *   sel4_arch_trap()       one system call with those registers
 */
#ifndef SEL4_SYSCALLS_COMMON_H
#define SEL4_SYSCALLS_COMMON_H

/* Registers for a send phase: MR0..3 come from the IPC buffer. */
static inline struct sel4_arch_regs sel4_arch_send_regs(seL4_CPtr w0, seL4_MessageInfo_t info)
{
    struct sel4_arch_regs r;
    r.w0 = w0;
    r.w1 = info.words[0];
    for (int i = 0; i < 4; i++) {
        r.mr[i] = seL4_GetMR(i);
    }
    return r;
}

/* After a receive phase: store MR0..3 in the IPC buffer, hand out badge and info. */
static inline seL4_MessageInfo_t sel4_arch_received(const struct sel4_arch_regs *r,
                                                    seL4_Word *sender)
{
    seL4_MessageInfo_t info;
    for (int i = 0; i < 4; i++) {
        seL4_SetMR(i, r->mr[i]);
    }
    if (sender) {
        *sender = r->w0;
    }
    info.words[0] = r->w1;
    return info;
}

static inline void seL4_Send(seL4_CPtr dest, seL4_MessageInfo_t msgInfo)
{
    struct sel4_arch_regs r = sel4_arch_send_regs(dest, msgInfo);
    sel4_arch_trap((seL4_Word)seL4_SysSend, &r, 0, 0);
}

static inline void seL4_NBSend(seL4_CPtr dest, seL4_MessageInfo_t msgInfo)
{
    struct sel4_arch_regs r = sel4_arch_send_regs(dest, msgInfo);
    sel4_arch_trap((seL4_Word)seL4_SysNBSend, &r, 0, 0);
}

static inline void seL4_Signal(seL4_CPtr dest)
{
    struct sel4_arch_regs r = {dest, 0, {0, 0, 0, 0}};
    sel4_arch_trap((seL4_Word)seL4_SysSend, &r, 0, 0);
}

static inline seL4_MessageInfo_t seL4_Call(seL4_CPtr dest, seL4_MessageInfo_t msgInfo)
{
    struct sel4_arch_regs r = sel4_arch_send_regs(dest, msgInfo);
    sel4_arch_trap((seL4_Word)seL4_SysCall, &r, 0, 0);
    return sel4_arch_received(&r, seL4_Null);
}

static inline seL4_MessageInfo_t seL4_Recv(seL4_CPtr src, seL4_Word *sender, seL4_CPtr reply)
{
    struct sel4_arch_regs r = {src, 0, {0, 0, 0, 0}};
    sel4_arch_trap((seL4_Word)seL4_SysRecv, &r, reply, 0);
    return sel4_arch_received(&r, sender);
}

static inline seL4_MessageInfo_t seL4_NBRecv(seL4_CPtr src, seL4_Word *sender, seL4_CPtr reply)
{
    struct sel4_arch_regs r = {src, 0, {0, 0, 0, 0}};
    sel4_arch_trap((seL4_Word)seL4_SysNBRecv, &r, reply, 0);
    return sel4_arch_received(&r, sender);
}

static inline seL4_MessageInfo_t seL4_Wait(seL4_CPtr src, seL4_Word *sender)
{
    struct sel4_arch_regs r = {src, 0, {0, 0, 0, 0}};
    sel4_arch_trap((seL4_Word)seL4_SysWait, &r, 0, 0);
    return sel4_arch_received(&r, sender);
}

static inline seL4_MessageInfo_t seL4_NBWait(seL4_CPtr src, seL4_Word *sender)
{
    struct sel4_arch_regs r = {src, 0, {0, 0, 0, 0}};
    sel4_arch_trap((seL4_Word)seL4_SysNBWait, &r, 0, 0);
    return sel4_arch_received(&r, sender);
}

/* On an MCS kernel polling a notification is a non-blocking wait. */
static inline seL4_MessageInfo_t seL4_Poll(seL4_CPtr src, seL4_Word *sender)
{
    return seL4_NBWait(src, sender);
}

static inline seL4_MessageInfo_t seL4_ReplyRecv(seL4_CPtr src, seL4_MessageInfo_t msgInfo,
                                                seL4_Word *sender, seL4_CPtr reply)
{
    struct sel4_arch_regs r = sel4_arch_send_regs(src, msgInfo);
    sel4_arch_trap((seL4_Word)seL4_SysReplyRecv, &r, reply, 0);
    return sel4_arch_received(&r, sender);
}

static inline seL4_MessageInfo_t seL4_NBSendRecv(seL4_CPtr dest, seL4_MessageInfo_t msgInfo,
                                                 seL4_CPtr src, seL4_Word *sender, seL4_CPtr reply)
{
    struct sel4_arch_regs r = sel4_arch_send_regs(src, msgInfo);
    sel4_arch_trap((seL4_Word)seL4_SysNBSendRecv, &r, reply, dest);
    return sel4_arch_received(&r, sender);
}

static inline seL4_MessageInfo_t seL4_NBSendWait(seL4_CPtr dest, seL4_MessageInfo_t msgInfo,
                                                 seL4_CPtr src, seL4_Word *sender)
{
    struct sel4_arch_regs r = sel4_arch_send_regs(src, msgInfo);
    sel4_arch_trap((seL4_Word)seL4_SysNBSendWait, &r, 0, dest);
    return sel4_arch_received(&r, sender);
}

static inline void seL4_Yield(void)
{
    struct sel4_arch_regs r = {0, 0, {0, 0, 0, 0}};
    sel4_arch_trap((seL4_Word)seL4_SysYield, &r, 0, 0);
}

/*
 * The *WithMRs variants pass MR0..3 by pointer instead of through the IPC
 * buffer: a NULL mrN sends 0 and discards the received MR N. MRs 4 and up
 * are in the IPC buffer.
 */
static inline void sel4_arch_mrs_in(struct sel4_arch_regs *r, seL4_Word *const mrs[4])
{
    for (int i = 0; i < 4; i++) {
        r->mr[i] = mrs[i] ? *mrs[i] : 0;
    }
}

static inline void sel4_arch_mrs_out(const struct sel4_arch_regs *r, seL4_Word *const mrs[4])
{
    for (int i = 0; i < 4; i++) {
        if (mrs[i]) {
            *mrs[i] = r->mr[i];
        }
    }
}

static inline void seL4_SendWithMRs(seL4_CPtr dest, seL4_MessageInfo_t msgInfo, seL4_Word *mr0,
                                    seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3)
{
    seL4_Word *const mrs[4] = {mr0, mr1, mr2, mr3};
    struct sel4_arch_regs r = {dest, msgInfo.words[0], {0, 0, 0, 0}};
    sel4_arch_mrs_in(&r, mrs);
    sel4_arch_trap((seL4_Word)seL4_SysSend, &r, 0, 0);
}

static inline void seL4_NBSendWithMRs(seL4_CPtr dest, seL4_MessageInfo_t msgInfo, seL4_Word *mr0,
                                      seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3)
{
    seL4_Word *const mrs[4] = {mr0, mr1, mr2, mr3};
    struct sel4_arch_regs r = {dest, msgInfo.words[0], {0, 0, 0, 0}};
    sel4_arch_mrs_in(&r, mrs);
    sel4_arch_trap((seL4_Word)seL4_SysNBSend, &r, 0, 0);
}

static inline seL4_MessageInfo_t seL4_CallWithMRs(seL4_CPtr dest, seL4_MessageInfo_t msgInfo,
                                                  seL4_Word *mr0, seL4_Word *mr1, seL4_Word *mr2,
                                                  seL4_Word *mr3)
{
    seL4_Word *const mrs[4] = {mr0, mr1, mr2, mr3};
    struct sel4_arch_regs r = {dest, msgInfo.words[0], {0, 0, 0, 0}};
    seL4_MessageInfo_t out;
    sel4_arch_mrs_in(&r, mrs);
    sel4_arch_trap((seL4_Word)seL4_SysCall, &r, 0, 0);
    sel4_arch_mrs_out(&r, mrs);
    out.words[0] = r.w1;
    return out;
}

static inline seL4_MessageInfo_t seL4_RecvWithMRs(seL4_CPtr src, seL4_Word *sender, seL4_Word *mr0,
                                                  seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3,
                                                  seL4_CPtr reply)
{
    seL4_Word *const mrs[4] = {mr0, mr1, mr2, mr3};
    struct sel4_arch_regs r = {src, 0, {0, 0, 0, 0}};
    seL4_MessageInfo_t out;
    sel4_arch_trap((seL4_Word)seL4_SysRecv, &r, reply, 0);
    sel4_arch_mrs_out(&r, mrs);
    if (sender) {
        *sender = r.w0;
    }
    out.words[0] = r.w1;
    return out;
}

static inline seL4_MessageInfo_t seL4_ReplyRecvWithMRs(seL4_CPtr src, seL4_MessageInfo_t msgInfo,
                                                       seL4_Word *sender, seL4_Word *mr0,
                                                       seL4_Word *mr1, seL4_Word *mr2,
                                                       seL4_Word *mr3, seL4_CPtr reply)
{
    seL4_Word *const mrs[4] = {mr0, mr1, mr2, mr3};
    struct sel4_arch_regs r = {src, msgInfo.words[0], {0, 0, 0, 0}};
    seL4_MessageInfo_t out;
    sel4_arch_mrs_in(&r, mrs);
    sel4_arch_trap((seL4_Word)seL4_SysReplyRecv, &r, reply, 0);
    sel4_arch_mrs_out(&r, mrs);
    if (sender) {
        *sender = r.w0;
    }
    out.words[0] = r.w1;
    return out;
}

#ifdef CONFIG_PRINTING
static inline void seL4_DebugPutChar(char c)
{
    struct sel4_arch_regs r = {(seL4_Word)(unsigned char)c, 0, {0, 0, 0, 0}};
    sel4_arch_trap((seL4_Word)seL4_SysDebugPutChar, &r, 0, 0);
}

static inline void seL4_DebugDumpScheduler(void)
{
    struct sel4_arch_regs r = {0, 0, {0, 0, 0, 0}};
    sel4_arch_trap((seL4_Word)seL4_SysDebugDumpScheduler, &r, 0, 0);
}
#endif

#ifdef CONFIG_DEBUG_BUILD
static inline void seL4_DebugHalt(void)
{
    struct sel4_arch_regs r = {0, 0, {0, 0, 0, 0}};
    sel4_arch_trap((seL4_Word)seL4_SysDebugHalt, &r, 0, 0);
}

/* The kernel reads the name, NUL-terminated, from the IPC buffer's message words. */
static inline void seL4_DebugNameThread(seL4_CPtr tcb, const char *name)
{
    char *dst = (char *)&seL4_GetIPCBuffer()->msg[0];
    unsigned long max = seL4_MsgMaxLength * sizeof(seL4_Word) - 1;
    unsigned long i = 0;
    for (; i < max && name[i] != '\0'; i++) {
        dst[i] = name[i];
    }
    dst[i] = '\0';
    struct sel4_arch_regs r = {tcb, 0, {0, 0, 0, 0}};
    sel4_arch_trap((seL4_Word)seL4_SysDebugNameThread, &r, 0, 0);
}
#endif

#endif /* SEL4_SYSCALLS_COMMON_H */
