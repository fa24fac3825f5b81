/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Loader entry on RISC-V 64. OpenSBI (QEMU's default -bios, or the firmware
 * before U-Boot) enters here in S-mode with a0 = hart id and a1 = the DTB's
 * physical address, on the boot hart only (the others wait in OpenSBI's HSM
 * until harts.c starts them at hart_entry.S, for an SMP kernel; seL4 does
 * not start harts itself). A hart that enters here anyway (a firmware
 * without HSM) parks in wfi, unless it is the first to arrive.
 */
    .section .text.start, "ax"
    .global _start
_start:
    .option push
    .option norelax
1:  auipc   gp, %pcrel_hi(__global_pointer$)
    addi    gp, gp, %pcrel_lo(1b)
    .option pop
    /* One hart boots: the first to set boot_lock. */
    lla     t0, boot_lock
    li      t1, 1
    amoswap.w t1, t1, (t0)
    bnez    t1, park

    /* We run from the address we were linked at and do not relocate. */
    lla     t0, _start
    la      t1, _start_abs
    ld      t1, 0(t1)
    bne     t0, t1, park

    lla     sp, _stack_top
    lla     t0, __bss_start
    lla     t1, __bss_end
2:  bgeu    t0, t1, 3f
    sd      zero, 0(t0)
    addi    t0, t0, 8
    j       2b
3:  lla     t0, trap_entry
    csrw    stvec, t0
    call    riscv_main          /* a0 = hart id, a1 = DTB, untouched so far */
park:
    wfi
    j       park

/* A trap in the loader, on any hart: report scause, stval and sepc, then stop. */
    .balign 4
    .global trap_entry
trap_entry:
    csrr    a0, scause
    csrr    a1, stval
    csrr    a2, sepc
    call    riscv_trap
    j       park

    .section .rodata
    .balign 8
_start_abs:
    .dword  _start

    .data
    .balign 4
boot_lock:
    .word   0

    .bss
    .balign 16
_stack:
    .space  16384
_stack_top:
