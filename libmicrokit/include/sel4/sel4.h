/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The SDK's seL4 ABI layer: the subset of libsel4 that PDs, libmicrokit and
 * the monitor use, for seL4 16.0.0 on AArch64 with MCS and hypervisor
 * support. Names and signatures are libsel4's, so code written against
 * libsel4 compiles unchanged; the numbers are per configuration and come
 * from <sel4/config.h> (CONFIG_HARDWARE_DEBUG_API shifts the labels and the
 * TCB size, CONFIG_PRINTING / CONFIG_DEBUG_BUILD enable the debug calls).
 *
 * Layers, in include order:
 *   sel4/config.h         generated per board and config (or by the host build)
 *   sel4/types.h          integer types, message info, rights, IPC buffer,
 *                         boot info, register context
 *   sel4/constants.h      object types and sizes, errors, faults, cap slots
 *   sel4/syscall.h        system call numbers
 *   sel4/invocation.h     invocation labels
 *   sel4/functions.h      IPC buffer access through `__sel4_ipc_buffer`
 *   sel4/syscalls_impl.h  THE TRAP LAYER (see below)
 *   sel4/client.h         invocation wrappers, written on seL4_CallWithMRs
 *
 * Everything except sel4/syscalls_impl.h is architecture-neutral C and is
 * shared by every implementation. The trap layer is found on the include
 * path: libmicrokit/arch/aarch64/include for the target (`svc #0`), and
 * sim/include for the host simulator, which must come first on the host
 * include path. A trap layer provides these functions, with libsel4's
 * semantics (MR0..3 are read from and written back to the IPC buffer by all
 * but seL4_CallWithMRs, which takes them by pointer):
 *
 *   void seL4_Send(seL4_CPtr dest, seL4_MessageInfo_t info);
 *   void seL4_NBSend(seL4_CPtr dest, seL4_MessageInfo_t info);
 *   void seL4_Signal(seL4_CPtr dest);
 *   seL4_MessageInfo_t seL4_Call(seL4_CPtr dest, seL4_MessageInfo_t info);
 *   seL4_MessageInfo_t seL4_Recv(seL4_CPtr src, seL4_Word *sender, seL4_CPtr reply);
 *   seL4_MessageInfo_t seL4_NBRecv(seL4_CPtr src, seL4_Word *sender, seL4_CPtr reply);
 *   seL4_MessageInfo_t seL4_Wait(seL4_CPtr src, seL4_Word *sender);
 *   seL4_MessageInfo_t seL4_NBWait(seL4_CPtr src, seL4_Word *sender);
 *   seL4_MessageInfo_t seL4_Poll(seL4_CPtr src, seL4_Word *sender);
 *   seL4_MessageInfo_t seL4_ReplyRecv(seL4_CPtr src, seL4_MessageInfo_t info,
 *                                     seL4_Word *sender, seL4_CPtr reply);
 *   seL4_MessageInfo_t seL4_NBSendRecv(seL4_CPtr dest, seL4_MessageInfo_t info,
 *                                      seL4_CPtr src, seL4_Word *sender, seL4_CPtr reply);
 *   seL4_MessageInfo_t seL4_NBSendWait(seL4_CPtr dest, seL4_MessageInfo_t info,
 *                                      seL4_CPtr src, seL4_Word *sender);
 *   void seL4_Yield(void);
 *   void seL4_SendWithMRs(seL4_CPtr dest, seL4_MessageInfo_t info,
 *                         seL4_Word *mr0, seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3);
 *   void seL4_NBSendWithMRs(same arguments as seL4_SendWithMRs);
 *   seL4_MessageInfo_t seL4_CallWithMRs(seL4_CPtr dest, seL4_MessageInfo_t info,
 *                                       seL4_Word *mr0, seL4_Word *mr1,
 *                                       seL4_Word *mr2, seL4_Word *mr3);
 *   seL4_MessageInfo_t seL4_RecvWithMRs(seL4_CPtr src, seL4_Word *sender,
 *                                       seL4_Word *mr0, seL4_Word *mr1,
 *                                       seL4_Word *mr2, seL4_Word *mr3, seL4_CPtr reply);
 *   seL4_MessageInfo_t seL4_ReplyRecvWithMRs(seL4_CPtr src, seL4_MessageInfo_t info,
 *                                            seL4_Word *sender, seL4_Word *mr0,
 *                                            seL4_Word *mr1, seL4_Word *mr2,
 *                                            seL4_Word *mr3, seL4_CPtr reply);
 *   with CONFIG_PRINTING:    void seL4_DebugPutChar(char c);
 *                            void seL4_DebugDumpScheduler(void);
 *   with CONFIG_DEBUG_BUILD: void seL4_DebugHalt(void);
 *                            void seL4_DebugNameThread(seL4_CPtr tcb, const char *name);
 *
 * `sender` may be NULL. *WithMRs: MR0..3 by pointer; a NULL mrN sends 0 and
 * discards the received MR N; MRs 4 and up and the extra caps are in the IPC
 * buffer. The invocation wrappers (sel4/client.h) use only seL4_CallWithMRs
 * and seL4_SetMR/GetMR/SetCap.
 * The program defines `seL4_IPCBuffer *__sel4_ipc_buffer`.
 */
#ifndef SEL4_SEL4_H
#define SEL4_SEL4_H

#include <sel4/config.h>
#include <sel4/types.h>
#include <sel4/constants.h>
#include <sel4/syscall.h>
#include <sel4/invocation.h>
#include <sel4/functions.h>
#include <sel4/syscalls_impl.h>
#include <sel4/client.h>

#endif /* SEL4_SEL4_H */
