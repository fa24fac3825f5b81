/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Entry of the RISC-V 64 boot-protocol test kernel, linked like seL4 on
 * qemu-riscv-virt (virtual 0xffffffff80200000, physical 0x80200000). Keeps
 * a0..a7 exactly as the loader handed them over, sets up a stack in its own
 * .bss, and runs the checks.
 */
    .section .text.start, "ax"
    .global _start
_start:
    lla     t0, boot_args
    sd      a0, 0(t0)
    sd      a1, 8(t0)
    sd      a2, 16(t0)
    sd      a3, 24(t0)
    sd      a4, 32(t0)
    sd      a5, 40(t0)
    sd      a6, 48(t0)
    sd      a7, 56(t0)
    lla     sp, stack_top
    mv      a0, t0
    call    test_main
1:  wfi
    j       1b

    .bss
    .balign 16
    .global boot_args
boot_args:
    .space  64
stack:
    .space  8192
stack_top:
