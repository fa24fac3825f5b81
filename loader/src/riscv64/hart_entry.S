/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Where a hart started by SBI HSM hart_start (harts.c) begins: S-mode,
 * satp = 0, interrupts off, a0 = its hart id, a1 = the opaque value, which
 * is its logical core number (1..). Gives it the loader's global pointer,
 * its own stack (hart_stacks, HART_STACK_SIZE each: core c's top is at
 * hart_stacks + c * HART_STACK_SIZE) and the loader's trap vector, then
 * calls harts_secondary_main(hart id, core), which does not return.
 */
#define HART_STACK_SIZE 4096

    .text
    .balign 4
    .global hart_secondary_entry
hart_secondary_entry:
    .option push
    .option norelax
1:  auipc   gp, %pcrel_hi(__global_pointer$)
    addi    gp, gp, %pcrel_lo(1b)
    .option pop
    csrw    sie, zero
    lla     sp, hart_stacks
    li      t0, HART_STACK_SIZE
    mul     t0, t0, a1
    add     sp, sp, t0
    lla     t0, trap_entry
    csrw    stvec, t0
    call    harts_secondary_main
2:  wfi
    j       2b
