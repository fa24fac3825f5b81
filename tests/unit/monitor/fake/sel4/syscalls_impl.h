/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A recording fake of the seL4 trap layer, for the monitor's host tests. It
 * replaces libmicrokit/arch/aarch64/include/sel4/syscalls_impl.h (this
 * directory comes first on the include path), so the monitor's calls go
 * through the real invocation wrappers of sel4/client.h and arrive here as
 * the label, caps and message registers the kernel would see. fake_sel4.c
 * decodes and records them; see fake_sel4.h for the test-side interface.
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
seL4_MessageInfo_t seL4_CallWithMRs(seL4_CPtr dest, seL4_MessageInfo_t info, seL4_Word *mr0,
                                    seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3);
void seL4_DebugPutChar(char c);
void seL4_DebugDumpScheduler(void);
void seL4_DebugHalt(void);
void seL4_DebugNameThread(seL4_CPtr tcb, const char *name);

#endif /* SEL4_SYSCALLS_IMPL_H */
