/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The seL4 trap layer for AArch64: every system call is `svc #0` with
 *   x0  destination cap (in) / badge of the sender (out)
 *   x1  message info (in and out)
 *   x2..x5  message registers 0..3 (in and out)
 *   x6  reply object cap of the MCS receive phase (Recv, ReplyRecv, NBSendRecv)
 *   x7  system call number
 *   x8  destination of NBSendRecv/NBSendWait (x0 then names the source)
 * Message registers 4 and up travel in the IPC buffer. The calls, in
 * sel4/syscalls_common.h (included at the end), move MR0..3 between the IPC buffer and x2..x5, so
 * callers may use seL4_SetMR/seL4_GetMR for every register. See sel4/sel4.h for the list of
 * functions a trap layer must provide.
 */
#ifndef SEL4_SYSCALLS_IMPL_H
#define SEL4_SYSCALLS_IMPL_H

#include <sel4/config.h>
#include <sel4/types.h>
#include <sel4/syscall.h>
#include <sel4/functions.h>

/* The registers of one system call; fields are updated from the kernel's reply. */
struct sel4_arch_regs {
    seL4_Word w0; /* x0 */
    seL4_Word w1; /* x1 */
    seL4_Word mr[4];
};

static inline void sel4_arch_trap(seL4_Word sys, struct sel4_arch_regs *r, seL4_Word reply,
                                  seL4_Word dest)
{
    register seL4_Word x0 __asm__("x0") = r->w0;
    register seL4_Word x1 __asm__("x1") = r->w1;
    register seL4_Word x2 __asm__("x2") = r->mr[0];
    register seL4_Word x3 __asm__("x3") = r->mr[1];
    register seL4_Word x4 __asm__("x4") = r->mr[2];
    register seL4_Word x5 __asm__("x5") = r->mr[3];
    register seL4_Word x6 __asm__("x6") = reply;
    register seL4_Word x7 __asm__("x7") = sys;
    register seL4_Word x8 __asm__("x8") = dest;
    __asm__ volatile("svc #0"
                     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4), "+r"(x5)
                     : "r"(x6), "r"(x7), "r"(x8)
                     : "memory");
    r->w0 = x0;
    r->w1 = x1;
    r->mr[0] = x2;
    r->mr[1] = x3;
    r->mr[2] = x4;
    r->mr[3] = x5;
}

#include <sel4/syscalls_common.h>

#endif /* SEL4_SYSCALLS_IMPL_H */
