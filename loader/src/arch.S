/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The parts of the loader that must be assembly: system registers whose
 * name depends on the exception level, set/way cache maintenance (which must
 * not touch the stack while the caches change state), the exception-level
 * changes and the exception vectors. No function here uses the stack.
 */
#define SCTLR_M (1 << 0)
#define SCTLR_C (1 << 2)
#define SCTLR_I (1 << 12)

/* SCR_EL3: NS, RES1 bits 4 and 5, HVC enabled, lower levels AArch64. */
#define SCR_EL3_VALUE ((1 << 0) | (3 << 4) | (1 << 8) | (1 << 10))
/* SCTLR_EL2 / SCTLR_EL1 with the MMU and caches off and RES1 bits set. */
#define SCTLR_EL2_OFF 0x30c50830
#define SCTLR_EL1_OFF 0x30d00800
/* SPSR: D, A, I, F masked; EL2h / EL1h. */
#define SPSR_EL2H 0x3c9
#define SPSR_EL1H 0x3c5

    .text

    .global current_el
current_el:
    mrs     x0, CurrentEL
    lsr     x0, x0, #2
    ret

/*
 * Apply `op` (cisw: clean+invalidate, isw: invalidate) to every data or
 * unified cache line by set/way, for each cache level up to the Level of
 * Coherence. Clobbers x0-x11.
 */
.macro dcache_all op
    mrs     x0, clidr_el1
    ubfx    x3, x0, #24, #3             /* LoC */
    cbz     x3, 5f
    mov     x10, #0                     /* level << 1, as CSSELR wants it */
1:  add     x2, x10, x10, lsr #1        /* 3 * level: Ctype field shift */
    lsr     x1, x0, x2
    and     x1, x1, #7
    cmp     x1, #2
    b.lt    4f                          /* no data cache at this level */
    msr     csselr_el1, x10
    isb
    mrs     x1, ccsidr_el1
    and     x2, x1, #7
    add     x2, x2, #4                  /* log2(line size) */
    ubfx    x4, x1, #3, #10             /* ways - 1 */
    clz     w5, w4                      /* shift of the way field */
    ubfx    x7, x1, #13, #15            /* sets - 1 */
2:  mov     x9, x7
3:  lsl     x6, x4, x5
    orr     x11, x10, x6
    lsl     x6, x9, x2
    orr     x11, x11, x6
    dc      \op, x11
    subs    x9, x9, #1
    b.ge    3b
    subs    x4, x4, #1
    b.ge    2b
4:  add     x10, x10, #2
    cmp     x3, x10, lsr #1
    b.gt    1b
5:  dsb     sy
    isb
.endm

    .global dcache_clean_invalidate_all
dcache_clean_invalidate_all:
    dcache_all cisw
    ret

    .global dcache_invalidate_all
dcache_invalidate_all:
    dcache_all isw
    ret

    .global icache_invalidate_all
icache_invalidate_all:
    dsb     sy
    ic      iallu
    dsb     sy
    isb
    ret

/* Read SCTLR of the current EL into x0 (x1 holds the EL). */
.macro sctlr_read_current
    mrs     x1, CurrentEL
    cmp     x1, #(3 << 2)
    b.eq    10f
    cmp     x1, #(2 << 2)
    b.eq    11f
    mrs     x0, sctlr_el1
    b       12f
10: mrs     x0, sctlr_el3
    b       12f
11: mrs     x0, sctlr_el2
12:
.endm

/*
 * If the MMU or the data cache is on, clean everything to memory and turn
 * both off, with the instruction cache, so the loader starts from a known
 * state whatever the firmware did. Called before the stack exists.
 */
    .global caches_off
caches_off:
    mov     x12, x30
    sctlr_read_current
    mov     x2, #(SCTLR_M | SCTLR_C)
    tst     x0, x2
    b.eq    3f
    bl      dcache_clean_invalidate_all
    sctlr_read_current
    bic     x0, x0, #SCTLR_M
    bic     x0, x0, #SCTLR_C
    bic     x0, x0, #SCTLR_I
    cmp     x1, #(3 << 2)
    b.eq    1f
    cmp     x1, #(2 << 2)
    b.eq    2f
    msr     sctlr_el1, x0
    isb
    tlbi    vmalle1
    b       3f
1:  msr     sctlr_el3, x0
    isb
    tlbi    alle3
    b       3f
2:  msr     sctlr_el2, x0
    isb
    tlbi    alle2
3:  dsb     sy
    isb
    ic      iallu
    dsb     sy
    isb
    mov     x30, x12
    ret

/* Point the current EL's vector base register at our vectors. */
    .global set_vbar
set_vbar:
    adr     x0, vectors
    mrs     x1, CurrentEL
    cmp     x1, #(3 << 2)
    b.eq    1f
    cmp     x1, #(2 << 2)
    b.eq    2f
    msr     vbar_el1, x0
    b       3f
1:  msr     vbar_el3, x0
    b       3f
2:  msr     vbar_el2, x0
3:  isb
    ret

/* Leave EL3 for non-secure EL2; returns to the caller at EL2 on the same stack. */
    .global el3_to_el2
el3_to_el2:
    ldr     x0, =SCR_EL3_VALUE
    msr     scr_el3, x0
    msr     cptr_el3, xzr               /* no FP/SIMD traps */
    ldr     x0, =SCTLR_EL2_OFF
    msr     sctlr_el2, x0
    mov     x0, sp
    msr     sp_el2, x0
    msr     elr_el3, x30
    mov     x0, #SPSR_EL2H
    msr     spsr_el3, x0
    isb
    eret

/* The kernel is a hypervisor: it stays at EL2 and expects no virtual offset. */
    .global el2_setup_hyp
el2_setup_hyp:
    msr     cntvoff_el2, xzr
    isb
    ret

/*
 * Leave EL2 for EL1 (the kernel is not a hypervisor); returns to the caller
 * at EL1 on the same stack. EL1 gets the timers, AArch64, no traps, and the
 * real MIDR/MPIDR.
 */
    .global el2_to_el1
el2_to_el1:
    mrs     x0, cnthctl_el2
    orr     x0, x0, #3                  /* EL1PCTEN, EL1PCEN */
    msr     cnthctl_el2, x0
    msr     cntvoff_el2, xzr
    mov     x0, #(1 << 31)              /* HCR_EL2.RW: EL1 is AArch64 */
    msr     hcr_el2, x0
    mov     x0, #0x33ff
    msr     cptr_el2, x0
    msr     hstr_el2, xzr
    msr     vttbr_el2, xzr
    mrs     x0, midr_el1
    msr     vpidr_el2, x0
    mrs     x0, mpidr_el1
    msr     vmpidr_el2, x0
    ldr     x0, =SCTLR_EL1_OFF
    msr     sctlr_el1, x0
    mov     x0, sp
    msr     sp_el1, x0
    msr     elr_el2, x30
    mov     x0, #SPSR_EL1H
    msr     spsr_el2, x0
    isb
    eret

/* Install translation settings at EL2 and turn on the MMU and caches. */
    .global mmu_enable_el2
mmu_enable_el2:
    msr     mair_el2, x0
    msr     tcr_el2, x1
    msr     ttbr0_el2, x2
    isb
    tlbi    alle2
    dsb     sy
    isb
    mrs     x0, sctlr_el2
    orr     x0, x0, #SCTLR_M
    orr     x0, x0, #SCTLR_C
    orr     x0, x0, #SCTLR_I
    msr     sctlr_el2, x0
    isb
    ret

/* The same at EL1, with TTBR1 for the upper half. */
    .global mmu_enable_el1
mmu_enable_el1:
    msr     mair_el1, x0
    msr     tcr_el1, x1
    msr     ttbr0_el1, x2
    msr     ttbr1_el1, x3
    isb
    tlbi    vmalle1
    dsb     sy
    isb
    mrs     x0, sctlr_el1
    orr     x0, x0, #SCTLR_M
    orr     x0, x0, #SCTLR_C
    orr     x0, x0, #SCTLR_I
    msr     sctlr_el1, x0
    isb
    ret

/*
 * Exception vectors: each of the 16 entries passes its number to a common
 * path that reads the syndrome registers of the current EL and reports.
 */
.macro vector n
    .balign 0x80
    mov     x0, #\n
    b       vector_common
.endm

    .balign 0x800
vectors:
    vector 0
    vector 1
    vector 2
    vector 3
    vector 4
    vector 5
    vector 6
    vector 7
    vector 8
    vector 9
    vector 10
    vector 11
    vector 12
    vector 13
    vector 14
    vector 15

vector_common:
    mrs     x4, CurrentEL
    cmp     x4, #(3 << 2)
    b.eq    1f
    cmp     x4, #(2 << 2)
    b.eq    2f
    mrs     x1, esr_el1
    mrs     x2, far_el1
    mrs     x3, elr_el1
    b       3f
1:  mrs     x1, esr_el3
    mrs     x2, far_el3
    mrs     x3, elr_el3
    b       3f
2:  mrs     x1, esr_el2
    mrs     x2, far_el2
    mrs     x3, elr_el2
3:  bl      loader_exception
4:  wfe
    b       4b
