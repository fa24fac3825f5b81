/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A fake trap layer for host unit tests: every system call is recorded in
 * `fake_sel4` (the last call, plus a log of all calls), and receive phases
 * take their result from a script of events. When the script is exhausted
 * a receive longjmps to `fake_sel4.done`, which ends an event loop test.
 */
#ifndef SEL4_SYSCALLS_IMPL_H
#define SEL4_SYSCALLS_IMPL_H

#include <setjmp.h>
#include <sel4/types.h>
#include <sel4/syscall.h>
#include <sel4/functions.h>

enum fake_call {
    FAKE_NONE,
    FAKE_SEND,
    FAKE_NBSEND,
    FAKE_SIGNAL,
    FAKE_CALL,
    FAKE_RECV,
    FAKE_NBRECV,
    FAKE_WAIT,
    FAKE_NBWAIT,
    FAKE_REPLYRECV,
    FAKE_NBSENDRECV,
    FAKE_NBSENDWAIT,
    FAKE_YIELD,
    FAKE_CALLWITHMRS,
    FAKE_PUTCHAR,
};

struct fake_record {
    enum fake_call call;
    seL4_CPtr dest;  /* destination (send phase) */
    seL4_CPtr src;   /* source (receive phase) */
    seL4_CPtr reply; /* reply object cap */
    seL4_MessageInfo_t info;
    seL4_Word mr[4]; /* MR0..3 as sent */
    seL4_Word caps[3];
};

struct fake_event {
    seL4_Word badge;
    seL4_MessageInfo_t info;
    seL4_Word mr[4];
};

#define FAKE_LOG_MAX    64
#define FAKE_SCRIPT_MAX 16

struct fake_sel4 {
    struct fake_record last;
    struct fake_record log[FAKE_LOG_MAX];
    int nlog;
    /* Result of Call/CallWithMRs: reply info and reply MR0..3. */
    seL4_MessageInfo_t call_reply;
    seL4_Word call_reply_mr[4];
    /* Events returned by the receive phases, in order. */
    struct fake_event script[FAKE_SCRIPT_MAX];
    int nscript;
    int next;
    jmp_buf done;
    char out[1024];
    int nout;
};

extern struct fake_sel4 fake_sel4;

static inline void fake_record(enum fake_call call, seL4_CPtr dest, seL4_CPtr src, seL4_CPtr reply,
                               seL4_MessageInfo_t info, const seL4_Word *mrs)
{
    struct fake_record r = {call, dest, src, reply, info, {0, 0, 0, 0}, {0, 0, 0}};
    for (int i = 0; i < 4; i++) {
        r.mr[i] = mrs ? mrs[i] : seL4_GetMR(i);
    }
    for (int i = 0; i < 3; i++) {
        r.caps[i] = seL4_GetIPCBuffer()->caps_or_badges[i];
    }
    fake_sel4.last = r;
    if (fake_sel4.nlog < FAKE_LOG_MAX) {
        fake_sel4.log[fake_sel4.nlog++] = r;
    }
}

static inline seL4_MessageInfo_t fake_receive(seL4_Word *sender)
{
    if (fake_sel4.next >= fake_sel4.nscript) {
        longjmp(fake_sel4.done, 1);
    }
    struct fake_event *e = &fake_sel4.script[fake_sel4.next++];
    for (int i = 0; i < 4; i++) {
        seL4_SetMR(i, e->mr[i]);
    }
    if (sender) {
        *sender = e->badge;
    }
    return e->info;
}

static inline seL4_MessageInfo_t fake_call_reply(void)
{
    for (int i = 0; i < 4; i++) {
        seL4_SetMR(i, fake_sel4.call_reply_mr[i]);
    }
    return fake_sel4.call_reply;
}

static inline void seL4_Send(seL4_CPtr dest, seL4_MessageInfo_t msgInfo)
{
    fake_record(FAKE_SEND, dest, 0, 0, msgInfo, 0);
}

static inline void seL4_NBSend(seL4_CPtr dest, seL4_MessageInfo_t msgInfo)
{
    fake_record(FAKE_NBSEND, dest, 0, 0, msgInfo, 0);
}

static inline void seL4_Signal(seL4_CPtr dest)
{
    fake_record(FAKE_SIGNAL, dest, 0, 0, seL4_MessageInfo_new(0, 0, 0, 0), 0);
}

static inline seL4_MessageInfo_t seL4_Call(seL4_CPtr dest, seL4_MessageInfo_t msgInfo)
{
    fake_record(FAKE_CALL, dest, 0, 0, msgInfo, 0);
    return fake_call_reply();
}

static inline seL4_MessageInfo_t seL4_Recv(seL4_CPtr src, seL4_Word *sender, seL4_CPtr reply)
{
    fake_record(FAKE_RECV, 0, src, reply, seL4_MessageInfo_new(0, 0, 0, 0), 0);
    return fake_receive(sender);
}

static inline seL4_MessageInfo_t seL4_NBRecv(seL4_CPtr src, seL4_Word *sender, seL4_CPtr reply)
{
    fake_record(FAKE_NBRECV, 0, src, reply, seL4_MessageInfo_new(0, 0, 0, 0), 0);
    return fake_receive(sender);
}

static inline seL4_MessageInfo_t seL4_Wait(seL4_CPtr src, seL4_Word *sender)
{
    fake_record(FAKE_WAIT, 0, src, 0, seL4_MessageInfo_new(0, 0, 0, 0), 0);
    return fake_receive(sender);
}

static inline seL4_MessageInfo_t seL4_NBWait(seL4_CPtr src, seL4_Word *sender)
{
    fake_record(FAKE_NBWAIT, 0, src, 0, seL4_MessageInfo_new(0, 0, 0, 0), 0);
    return fake_receive(sender);
}

static inline seL4_MessageInfo_t seL4_Poll(seL4_CPtr src, seL4_Word *sender)
{
    return seL4_NBWait(src, sender);
}

static inline seL4_MessageInfo_t seL4_ReplyRecv(seL4_CPtr src, seL4_MessageInfo_t msgInfo,
                                                seL4_Word *sender, seL4_CPtr reply)
{
    fake_record(FAKE_REPLYRECV, 0, src, reply, msgInfo, 0);
    return fake_receive(sender);
}

static inline seL4_MessageInfo_t seL4_NBSendRecv(seL4_CPtr dest, seL4_MessageInfo_t msgInfo,
                                                 seL4_CPtr src, seL4_Word *sender, seL4_CPtr reply)
{
    fake_record(FAKE_NBSENDRECV, dest, src, reply, msgInfo, 0);
    return fake_receive(sender);
}

static inline seL4_MessageInfo_t seL4_NBSendWait(seL4_CPtr dest, seL4_MessageInfo_t msgInfo,
                                                 seL4_CPtr src, seL4_Word *sender)
{
    fake_record(FAKE_NBSENDWAIT, dest, src, 0, msgInfo, 0);
    return fake_receive(sender);
}

static inline void seL4_Yield(void)
{
    fake_record(FAKE_YIELD, 0, 0, 0, seL4_MessageInfo_new(0, 0, 0, 0), 0);
}

static inline seL4_MessageInfo_t seL4_CallWithMRs(seL4_CPtr dest, seL4_MessageInfo_t msgInfo,
                                                  seL4_Word *mr0, seL4_Word *mr1, seL4_Word *mr2,
                                                  seL4_Word *mr3)
{
    seL4_Word *p[4] = {mr0, mr1, mr2, mr3};
    seL4_Word sent[4];
    for (int i = 0; i < 4; i++) {
        sent[i] = p[i] ? *p[i] : 0;
    }
    fake_record(FAKE_CALLWITHMRS, dest, 0, 0, msgInfo, sent);
    for (int i = 0; i < 4; i++) {
        if (p[i]) {
            *p[i] = fake_sel4.call_reply_mr[i];
        }
    }
    return fake_sel4.call_reply;
}

#ifdef CONFIG_PRINTING
static inline void seL4_DebugPutChar(char c)
{
    if (fake_sel4.nout < (int)sizeof(fake_sel4.out) - 1) {
        fake_sel4.out[fake_sel4.nout++] = c;
        fake_sel4.out[fake_sel4.nout] = '\0';
    }
}

static inline void seL4_DebugDumpScheduler(void)
{
}
#endif

#endif /* SEL4_SYSCALLS_IMPL_H */
