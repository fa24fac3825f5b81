/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * PD entry point. The monitor starts the PD here with sp at the stack top
 * (SDK_PD_STACK_TOP) and nothing else set up: run the constructors listed
 * in .init_array, then enter main, which never returns.
 */
    .section .text.start, "ax"
    .global _start
    .type _start, %function
_start:
    ldr     x19, =__init_array_start
    ldr     x20, =__init_array_end
1:  cmp     x19, x20
    b.hs    2f
    ldr     x0, [x19], #8
    blr     x0
    b       1b
2:  bl      main
3:  b       3b
    .size _start, . - _start
