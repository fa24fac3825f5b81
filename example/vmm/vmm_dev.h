/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * vmm_dev: the part of the example VMM that needs no seL4, so that it can be
 * unit-tested on the host (tests/unit/vmm):
 *
 *   - the exception syndrome (ESR_EL2, the FSR word of a vCPU's VM fault
 *     and the HSR word of a vCPU fault): its class, and for a data abort
 *     the access it describes (ISS: ISV, SAS, SSE, SRT, WnR);
 *   - where general register xN lies in seL4_UserContext, the order of
 *     seL4_TCB_ReadRegisters and seL4_TCB_WriteRegisters;
 *   - a PL011 UART as a guest sees it: transmitted bytes go to a callback,
 *     the flag register says "transmit FIFO empty, receive FIFO empty", the
 *     control registers keep what is written, and the identification
 *     registers read as an ARM PL011 (r1p5), as a Linux driver probes them.
 */
#ifndef VMM_DEV_H
#define VMM_DEV_H

#include <stdbool.h>
#include <stdint.h>

/* ESR exception classes (ESR_ELx.EC, bits 31..26) a VMM sees. */
#define VMM_EC_WFX        0x01u /* WFI or WFE trapped (HCR_EL2.TWI/TWE) */
#define VMM_EC_HVC64      0x16u
#define VMM_EC_SMC64      0x17u
#define VMM_EC_SYSREG     0x18u
#define VMM_EC_IABT_LOWER 0x20u
#define VMM_EC_DABT_LOWER 0x24u

/* The exception class of syndrome `esr`. */
static inline uint32_t vmm_esr_class(uint64_t esr)
{
    return (uint32_t)(esr >> 26) & 0x3fu;
}

/* The 16-bit immediate of an HVC or SMC syndrome. */
static inline uint32_t vmm_esr_imm16(uint64_t esr)
{
    return (uint32_t)esr & 0xffffu;
}

/* Bytes of the trapped instruction (ESR.IL): 4, or 2 for a T32 16-bit one. */
static inline unsigned vmm_esr_insn_len(uint64_t esr)
{
    return (esr >> 25) & 1u ? 4u : 2u;
}

/* A data access decoded from a data abort syndrome. */
struct vmm_access {
    bool write;       /* WnR */
    unsigned size;    /* bytes: 1, 2, 4 or 8 (SAS) */
    unsigned reg;     /* SRT: x0..x30, 31 the zero register */
    bool sign_extend; /* SSE: a load sign-extends to the register */
    bool reg64;       /* SF: the register is 64 bits wide (else 32) */
};

/*
 * Decode data abort syndrome `esr` into *out. Returns 0, or -1 when `esr`
 * is not a data abort from a lower level or carries no instruction
 * syndrome (ISV clear: a load or store pair, writeback, SIMD), which a VMM
 * would have to decode from the instruction itself.
 */
int vmm_decode_abort(uint64_t esr, struct vmm_access *out);

/*
 * The value a load of `a` puts in its register: `raw` cut to the access
 * size, sign-extended when SSE says so, cut to 32 bits for a W register.
 */
uint64_t vmm_load_value(const struct vmm_access *a, uint64_t raw);

/* What a store of `a` writes: the register's value cut to the access size. */
uint64_t vmm_store_value(const struct vmm_access *a, uint64_t reg_value);

/*
 * The word index of register xN (0..30) in seL4_UserContext on AArch64
 * (pc, sp, spsr, x0..x8, x16..x18, x29, x30, x9..x15, x19..x28, ...);
 * -1 for N = 31, the zero register, which has no slot.
 */
int vmm_ctx_index(unsigned reg);

/* PL011 register offsets and flag bits. */
#define PL011_DR    0x000u
#define PL011_FR    0x018u
#define PL011_IBRD  0x024u
#define PL011_FBRD  0x028u
#define PL011_LCR_H 0x02cu
#define PL011_CR    0x030u
#define PL011_IFLS  0x034u
#define PL011_IMSC  0x038u
#define PL011_RIS   0x03cu
#define PL011_MIS   0x040u
#define PL011_ICR   0x044u
#define PL011_SIZE  0x1000u

#define PL011_FR_RXFE 0x10u
#define PL011_FR_TXFF 0x20u
#define PL011_FR_TXFE 0x80u

struct vmm_pl011 {
    uint64_t base;       /* guest-physical address */
    void (*out)(char c); /* where transmitted bytes go */
    uint32_t ibrd, fbrd, lcr_h, cr, ifls, imsc;
    uint64_t bytes; /* bytes transmitted */
};

/* A PL011 at guest-physical `base` sending its output to `out`. */
void vmm_pl011_init(struct vmm_pl011 *u, uint64_t base, void (*out)(char c));

/* Whether guest-physical `addr` lies in the UART's page. */
bool vmm_pl011_covers(const struct vmm_pl011 *u, uint64_t addr);

/*
 * Perform access `a` at guest-physical `addr` (inside the UART's page):
 * a store of *value, or a load into *value (0 for registers it does not
 * model). Returns 0, or -1 for an access that is not 32 bits wide or
 * below (the PL011's registers are 32-bit).
 */
int vmm_pl011_access(struct vmm_pl011 *u, uint64_t addr, const struct vmm_access *a,
                     uint64_t *value);

#endif /* VMM_DEV_H */
