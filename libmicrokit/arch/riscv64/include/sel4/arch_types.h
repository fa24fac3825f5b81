/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * RISC-V 64 types of seL4 16.0.0, included by sel4/types.h instead of its
 * AArch64 ones: paging cap types, VM attributes and the register context in
 * the order TCB_ReadRegisters/WriteRegisters use (libsel4's
 * arch_include/riscv/sel4/arch/types.h).
 */
#ifndef SEL4_ARCH_TYPES_H
#define SEL4_ARCH_TYPES_H

typedef seL4_CPtr seL4_RISCV_Page;
typedef seL4_CPtr seL4_RISCV_PageTable;
typedef seL4_CPtr seL4_RISCV_ASIDControl;
typedef seL4_CPtr seL4_RISCV_ASIDPool;
typedef seL4_Word seL4_RISCV_VMAttributes;

typedef struct seL4_UserContext_ {
    seL4_Word pc, ra, sp, gp;
    seL4_Word s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11;
    seL4_Word a0, a1, a2, a3, a4, a5, a6, a7;
    seL4_Word t0, t1, t2, t3, t4, t5, t6;
    seL4_Word tp;
} seL4_UserContext;

SEL4_STATIC_ASSERT(sizeof(seL4_UserContext) == 32 * sizeof(seL4_Word),
                   "seL4_UserContext is 32 words");

#endif /* SEL4_ARCH_TYPES_H */
