/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A stand-in for U-Boot's `go`: QEMU starts here at EL2 (or EL3), this turns
 * on an identity-mapped MMU with data and instruction caches, as firmware
 * leaves them, and branches to the loader at 0x70000000. The loader must
 * clean up after it (crt0.S: caches_off) and boot as usual.
 *
 * Translation: 32-bit VA, 1 GiB blocks from level 1: [1 GiB, 4 GiB) normal
 * write-back, and [0, 1 GiB), where the UART is, left unmapped on purpose: a
 * loader that kept running on these tables would fault on its first UART
 * access and never print its banner.
 */
#define LOADER   0x70000000
#define DESC_MEM 0x705   /* block, AF, inner shareable, AttrIndx 1 */
#define TCR_VAL  (32 | (1 << 8) | (1 << 10) | (3 << 12) | (2 << 16) | (1 << 23) | (1 << 31))

    .section .text.start, "ax"
    .global _start
_start:
    mrs     x0, CurrentEL
    cmp     x0, #(2 << 2)
    b.ne    .                           /* only the EL2 case is modelled */
    adr     x0, l1
    str     xzr, [x0, #0]
    ldr     x1, =(0x40000000 + DESC_MEM)
    str     x1, [x0, #8]
    ldr     x1, =(0x80000000 + DESC_MEM)
    str     x1, [x0, #16]
    ldr     x1, =(0xc0000000 + DESC_MEM)
    str     x1, [x0, #24]
    mov     x1, #0xff00                 /* AttrIndx 1: normal write-back */
    msr     mair_el2, x1
    ldr     x1, =TCR_VAL
    msr     tcr_el2, x1
    msr     ttbr0_el2, x0
    isb
    tlbi    alle2
    dsb     sy
    isb
    mrs     x1, sctlr_el2
    mov     x2, #((1 << 0) | (1 << 2))
    orr     x1, x1, x2
    orr     x1, x1, #(1 << 12)
    msr     sctlr_el2, x1
    isb
    ldr     x2, =LOADER
    br      x2

    .balign 4096
l1:
    .space  4096
