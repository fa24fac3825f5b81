/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Prototypes of the trap-layer primitives, for trap layers that implement
 * them as ordinary functions instead of inline `svc #0` (the host simulator,
 * sim/include/sel4/syscalls_impl.h, and the monitor's recording fake in
 * tests/unit/monitor/fake/). Such a syscalls_impl.h includes this file and
 * defines every function listed here that its users call. The semantics are
 * those listed at the top of sel4/sel4.h.
 */
#ifndef SEL4_SYSCALLS_DECL_H
#define SEL4_SYSCALLS_DECL_H

#include <sel4/config.h>
#include <sel4/types.h>

void seL4_Send(seL4_CPtr dest, seL4_MessageInfo_t info);
void seL4_NBSend(seL4_CPtr dest, seL4_MessageInfo_t info);
void seL4_Signal(seL4_CPtr dest);
seL4_MessageInfo_t seL4_Call(seL4_CPtr dest, seL4_MessageInfo_t info);
seL4_MessageInfo_t seL4_Recv(seL4_CPtr src, seL4_Word *sender, seL4_CPtr reply);
seL4_MessageInfo_t seL4_NBRecv(seL4_CPtr src, seL4_Word *sender, seL4_CPtr reply);
seL4_MessageInfo_t seL4_Wait(seL4_CPtr src, seL4_Word *sender);
seL4_MessageInfo_t seL4_NBWait(seL4_CPtr src, seL4_Word *sender);
seL4_MessageInfo_t seL4_Poll(seL4_CPtr src, seL4_Word *sender);
seL4_MessageInfo_t seL4_ReplyRecv(seL4_CPtr src, seL4_MessageInfo_t info, seL4_Word *sender,
                                  seL4_CPtr reply);
seL4_MessageInfo_t seL4_NBSendRecv(seL4_CPtr dest, seL4_MessageInfo_t info, seL4_CPtr src,
                                   seL4_Word *sender, seL4_CPtr reply);
seL4_MessageInfo_t seL4_NBSendWait(seL4_CPtr dest, seL4_MessageInfo_t info, seL4_CPtr src,
                                   seL4_Word *sender);
void seL4_Yield(void);

/* The *WithMRs variants: a NULL mrN sends 0 and discards the received MR N. */
void seL4_SendWithMRs(seL4_CPtr dest, seL4_MessageInfo_t info, seL4_Word *mr0, seL4_Word *mr1,
                      seL4_Word *mr2, seL4_Word *mr3);
void seL4_NBSendWithMRs(seL4_CPtr dest, seL4_MessageInfo_t info, seL4_Word *mr0, seL4_Word *mr1,
                        seL4_Word *mr2, seL4_Word *mr3);
seL4_MessageInfo_t seL4_CallWithMRs(seL4_CPtr dest, seL4_MessageInfo_t info, seL4_Word *mr0,
                                    seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3);
seL4_MessageInfo_t seL4_RecvWithMRs(seL4_CPtr src, seL4_Word *sender, seL4_Word *mr0,
                                    seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3,
                                    seL4_CPtr reply);
seL4_MessageInfo_t seL4_ReplyRecvWithMRs(seL4_CPtr src, seL4_MessageInfo_t info, seL4_Word *sender,
                                         seL4_Word *mr0, seL4_Word *mr1, seL4_Word *mr2,
                                         seL4_Word *mr3, seL4_CPtr reply);

#ifdef CONFIG_PRINTING
void seL4_DebugPutChar(char c);
void seL4_DebugDumpScheduler(void);
#endif
#ifdef CONFIG_DEBUG_BUILD
void seL4_DebugHalt(void);
void seL4_DebugNameThread(seL4_CPtr tcb, const char *name);
#endif

#endif /* SEL4_SYSCALLS_DECL_H */
