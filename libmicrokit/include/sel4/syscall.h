/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * seL4 system call numbers (MCS kernel). The number goes in x7 on AArch64.
 * The debug calls exist only in kernels built with printing/debug support.
 */
#ifndef SEL4_SYSCALL_H
#define SEL4_SYSCALL_H

#include <sel4/config.h>

typedef enum {
    seL4_SysCall = -1,
    seL4_SysReplyRecv = -2,
    seL4_SysNBSendRecv = -3,
    seL4_SysNBSendWait = -4,
    seL4_SysSend = -5,
    seL4_SysNBSend = -6,
    seL4_SysRecv = -7,
    seL4_SysNBRecv = -8,
    seL4_SysWait = -9,
    seL4_SysNBWait = -10,
    seL4_SysYield = -11,
#if defined(CONFIG_PRINTING) || defined(CONFIG_DEBUG_BUILD)
    seL4_SysDebugPutChar = -12,
    seL4_SysDebugDumpScheduler = -13,
    seL4_SysDebugHalt = -14,
    seL4_SysDebugCapIdentify = -15,
    seL4_SysDebugSnapshot = -16,
    seL4_SysDebugNameThread = -17,
#endif
} seL4_Syscall_ID;

#endif /* SEL4_SYSCALL_H */
