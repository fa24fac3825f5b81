/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Loader entry. The firmware (QEMU's -device loader, U-Boot's go) enters here
 * at the board's link address on every CPU it starts. Only the CPU with
 * affinity 0.0.0 boots; the others park in wfe, because seL4 starts them
 * itself later (or not at all in a single-core configuration).
 */
    .section .text.start, "ax"
    .global _start
_start:
    mrs     x0, mpidr_el1
    and     x0, x0, #0xffffff           /* Aff2.Aff1.Aff0 */
    cbnz    x0, park

    /*
     * We run from the address we were linked at and do not relocate: a
     * loader started elsewhere cannot find its data, so it stops here.
     */
    adr     x0, _start
    ldr     x1, =_start
    cmp     x0, x1
    b.ne    park

    /* Firmware may have left the MMU and caches on: write back and turn off. */
    bl      caches_off

    ldr     x0, =_stack_top
    mov     sp, x0

    ldr     x0, =__bss_start
    ldr     x1, =__bss_end
1:  cmp     x0, x1
    b.hs    2f
    str     xzr, [x0], #8
    b       1b
2:
    bl      set_vbar
    bl      main
park:
    wfe
    b       park

    .bss
    .balign 16
_stack:
    .space  16384
_stack_top:
