/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The seL4 trap layer for RISC-V 64: every system call is `ecall` with
 *   a0  destination cap (in) / badge of the sender (out)
 *   a1  message info (in and out)
 *   a2..a5  message registers 0..3 (in and out)
 *   a6  reply object cap of the MCS receive phase (Recv, ReplyRecv, NBSendRecv)
 *   a7  system call number
 *   t0  destination of NBSendRecv/NBSendWait (a0 then names the source)
 * Message registers 4 and up travel in the IPC buffer. The calls, in
 * sel4/syscalls_common.h (included at the end), move MR0..3 between the IPC buffer and a2..a5, so
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
    seL4_Word w0; /* a0 */
    seL4_Word w1; /* a1 */
    seL4_Word mr[4];
};

static inline void sel4_arch_trap(seL4_Word sys, struct sel4_arch_regs *r, seL4_Word reply,
                                  seL4_Word dest)
{
    register seL4_Word a0 __asm__("a0") = r->w0;
    register seL4_Word a1 __asm__("a1") = r->w1;
    register seL4_Word a2 __asm__("a2") = r->mr[0];
    register seL4_Word a3 __asm__("a3") = r->mr[1];
    register seL4_Word a4 __asm__("a4") = r->mr[2];
    register seL4_Word a5 __asm__("a5") = r->mr[3];
    register seL4_Word a6 __asm__("a6") = reply;
    register seL4_Word a7 __asm__("a7") = sys;
    register seL4_Word t0 __asm__("t0") = dest;
    __asm__ volatile("ecall"
                     : "+r"(a0), "+r"(a1), "+r"(a2), "+r"(a3), "+r"(a4), "+r"(a5)
                     : "r"(a6), "r"(a7), "r"(t0)
                     : "memory");
    r->w0 = a0;
    r->w1 = a1;
    r->mr[0] = a2;
    r->mr[1] = a3;
    r->mr[2] = a4;
    r->mr[3] = a5;
}

#include <sel4/syscalls_common.h>

#endif /* SEL4_SYSCALLS_IMPL_H */
