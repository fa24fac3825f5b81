/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Entry of a secondary core started by PSCI CPU_ON (smp.c): MMU and caches
 * off, at the exception level of the CPU_ON caller, x0 = the context id,
 * which is the core's logical number (1..). Gives the core its own stack
 * (smp_stacks, SMP_STACK_SIZE each) and the loader's vectors, then calls
 * smp_secondary_main(id), which does not return.
 */
#define SMP_STACK_SIZE 4096

    .text
    .global smp_secondary_entry
smp_secondary_entry:
    msr     daifset, #0xf
    mov     x19, x0
    ldr     x1, =smp_stacks             /* core id's stack is entry id - 1: top at id * size */
    mov     x3, #SMP_STACK_SIZE
    madd    x1, x19, x3, x1
    mov     sp, x1
    bl      set_vbar
    mov     x0, x19
    bl      smp_secondary_main
1:  wfe
    b       1b

/*
 * Entry of a core released from a spin table (smp.c): no argument, so its
 * number is in smp_spin_core, which the primary wrote and cleaned to memory.
 */
    .global smp_spin_entry
smp_spin_entry:
    ldr     x0, =smp_spin_core
    ldr     x0, [x0]
    b       smp_secondary_entry

/* PSCI calls: x0 function id, x1..x3 arguments; the result in x0. */
    .global psci_smc
psci_smc:
    smc     #0
    ret

    .global psci_hvc
psci_hvc:
    hvc     #0
    ret

/* The logical core number seL4's entry reads (head.S: mrs x6, tpidr_el1). */
    .global set_tpidr_el1
set_tpidr_el1:
    msr     tpidr_el1, x0
    isb
    ret

    .global read_id_aa64pfr0
read_id_aa64pfr0:
    mrs     x0, id_aa64pfr0_el1
    ret
