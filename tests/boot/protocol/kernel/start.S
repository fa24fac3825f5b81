/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Entry of the boot-protocol test kernel, linked like seL4 (virtual
 * 0x8060000000, physical 0x60000000). Keeps x0..x5 exactly as the loader
 * handed them over, sets up a stack in its own .bss, and runs the checks.
 */
    .section .text.start, "ax"
    .global _start
_start:
    adr     x9, boot_args
    stp     x0, x1, [x9, #0]
    stp     x2, x3, [x9, #16]
    stp     x4, x5, [x9, #32]
    adr     x9, stack_top
    mov     sp, x9
    adr     x0, boot_args
    bl      test_main
1:  wfe
    b       1b

    .bss
    .balign 16
    .global boot_args
boot_args:
    .space  48
stack:
    .space  8192
stack_top:
