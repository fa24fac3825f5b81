/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * PD entry point on RISC-V 64. The monitor starts the PD here with sp at the
 * stack top (SDK_PD_STACK_TOP_RISCV64) and nothing else set up: load gp (the
 * linker may relax accesses near __global_pointer$ to gp-relative ones), run
 * the constructors listed in .init_array, then enter main, which never
 * returns.
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
    lla     s0, __init_array_start
    lla     s1, __init_array_end
2:  bgeu    s0, s1, 3f
    ld      t0, 0(s0)
    addi    s0, s0, 8
    jalr    t0
    j       2b
3:  call    main
4:  j       4b
    .size _start, . - _start
