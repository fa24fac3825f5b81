/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Entry of the monitor on RISC-V 64. The kernel starts the root task with
 * a0 = boot info pointer and no stack. Zero .bss, set up gp and the stack
 * and call monitor_main(bootinfo), as src/crt0.S does on AArch64.
 */
    .section .text.start, "ax"
    .global _start
    .type _start, %function
_start:
    .option push
    .option norelax
1:  auipc   gp, %pcrel_hi(__global_pointer$)
    addi    gp, gp, %pcrel_lo(1b)
    .option pop
    lla     t0, __bss_start
    lla     t1, __bss_end
2:  bgeu    t0, t1, 3f
    sd      zero, 0(t0)
    addi    t0, t0, 8
    j       2b
3:  lla     sp, monitor_stack_top
    mv      ra, zero
    mv      s0, zero
    call    monitor_main
4:  wfi
    j       4b
    .size _start, . - _start

    .section .bss.monitor_stack, "aw", %nobits
    .balign 16
monitor_stack:
    .space  0x8000
monitor_stack_top:
