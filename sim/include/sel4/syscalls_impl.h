/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The seL4 trap layer for the host simulator: the same functions as
 * libmicrokit/arch/aarch64/include/sel4/syscalls_impl.h (see sel4/sel4.h for
 * the list and their semantics), implemented by the simulator runtime
 * (sim/runtime/) over shared memory and futexes instead of `svc #0`.
 * Message registers live in the IPC buffer only: no register copies.
 */
#ifndef SEL4_SYSCALLS_IMPL_H
#define SEL4_SYSCALLS_IMPL_H

#include <sel4/config.h>
#include <sel4/types.h>
#include <sel4/syscall.h>
#include <sel4/functions.h>

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

#endif /* SEL4_SYSCALLS_IMPL_H */
