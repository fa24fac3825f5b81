/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The guest's entry point and exception vectors. The VMM starts vCPU 0 at
 * _start (the first byte of guest RAM) at EL1h with interrupts masked and
 * the MMU off; there is no firmware and no device tree.
 */
    .section .text.start, "ax"
    .global _start
_start:
    ldr x0, =guest_stack_top
    mov sp, x0
    adr x0, vectors
    msr vbar_el1, x0
    isb
    bl guest_main
    /*
     * Done: tell the VMM with an hvc, x0 = 0; it does not resume us. seL4
     * takes a guest's hvc for a system call, numbered by x7 (negative
     * numbers are seL4's own), and passes any other number to the VMM as
     * an unknown syscall: x7 = 0 makes sure of that.
     */
    mov x0, #0
    mov x7, #0
1:  hvc #0
    b 1b

/* Save the caller-saved registers, call `fn`, restore them, eret. */
.macro handler fn
    sub sp, sp, #176
    stp x0, x1, [sp, #0]
    stp x2, x3, [sp, #16]
    stp x4, x5, [sp, #32]
    stp x6, x7, [sp, #48]
    stp x8, x9, [sp, #64]
    stp x10, x11, [sp, #80]
    stp x12, x13, [sp, #96]
    stp x14, x15, [sp, #112]
    stp x16, x17, [sp, #128]
    stp x18, x29, [sp, #144]
    str x30, [sp, #160]
    bl \fn
    ldp x0, x1, [sp, #0]
    ldp x2, x3, [sp, #16]
    ldp x4, x5, [sp, #32]
    ldp x6, x7, [sp, #48]
    ldp x8, x9, [sp, #64]
    ldp x10, x11, [sp, #80]
    ldp x12, x13, [sp, #96]
    ldp x14, x15, [sp, #112]
    ldp x16, x17, [sp, #128]
    ldp x18, x29, [sp, #144]
    ldr x30, [sp, #160]
    add sp, sp, #176
    eret
.endm

/* Anything but an IRQ from EL1 with SP_EL1 is unexpected: an hvc with x0 = 1 reports it. */
.macro unexpected
    .balign 0x80
    mov x0, #1
    mrs x1, esr_el1
    mrs x2, elr_el1
    mov x7, #0
    hvc #0
    b .
.endm

    .balign 0x800
vectors:
    unexpected /* EL1t: sync, irq, fiq, serror */
    unexpected
    unexpected
    unexpected
    unexpected /* EL1h: sync */
    .balign 0x80
    handler guest_irq
    unexpected /* EL1h: fiq */
    unexpected /* EL1h: serror */
    unexpected /* lower EL, AArch64 and AArch32 */
    unexpected
    unexpected
    unexpected
    unexpected
    unexpected
    unexpected
    unexpected
