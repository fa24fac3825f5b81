/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Entry of the monitor. The kernel starts the root task with x0 = boot info
 * pointer and no stack. Zero .bss (the tool places the image with .bss
 * zeroed, but this keeps the monitor correct however it was loaded), set up
 * the stack and call monitor_main(bootinfo).
 */
    .section .text.start, "ax"
    .global _start
    .type _start, %function
_start:
    adrp    x1, __bss_start
    add     x1, x1, :lo12:__bss_start
    adrp    x2, __bss_end
    add     x2, x2, :lo12:__bss_end
1:  cmp     x1, x2
    b.hs    2f
    str     xzr, [x1], #8
    b       1b
2:  adrp    x1, monitor_stack_top
    add     x1, x1, :lo12:monitor_stack_top
    mov     sp, x1
    mov     x29, xzr
    mov     x30, xzr
    bl      monitor_main
3:  wfi
    b       3b
    .size _start, . - _start

    .section .bss.monitor_stack, "aw", %nobits
    .balign 16
monitor_stack:
    .space  0x8000
monitor_stack_top:
