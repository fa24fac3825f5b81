/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The x86-64 decoder behind the simulator's device models (docs/simulator.md,
 * "Device models (in progress)"): a PD's access to a device region faults, the
 * fault handler decodes the instruction at the faulting pc, the device model
 * emulates the register, and these functions write the result back into the
 * signal's register set and step over the instruction.
 *
 * Decoded (the forms gcc and clang emit for loads and stores of 8, 16, 32 and
 * 64 bits through `volatile` pointers, at -O0 to -O3 and -Os), with the
 * prefixes 0x66 (16-bit operand), REX (any W/R/X/B), the ignored segment
 * prefixes 2E/3E/26/36, and every ModRM/SIB/displacement form including
 * RIP-relative addressing:
 *   - MOV r/m,r and r,r/m (88, 89, 8A, 8B); MOV imm to memory (C6 /0, C7 /0);
 *     MOV with a 64-bit absolute address (A0..A3, `movabs`);
 *   - MOVZX (0F B6, 0F B7), MOVSX (0F BE, 0F BF), MOVSXD (63);
 *   - the ALU forms clang folds `*p |= x`, `*p & m` polls and comparisons into:
 *     ADD/OR/ADC/SBB/AND/SUB/XOR/CMP with memory as source or destination
 *     (00..3B), with an immediate (80, 81, 83), TEST (84, 85, F6 /0, F7 /0),
 *     INC/DEC (FE, FF /0 /1), emulated with the flags the CPU would set
 *     (AF and the flags of the logical operations as Intel defines them).
 * Refused, with a reason: a register (not memory) operand, the LOCK, REP/REPNE,
 * FS/GS and address-size prefixes, and every other opcode (string
 * instructions, XCHG, BT, SSE/AVX moves, x87 and so on).
 */
#ifndef SIM_MMIO_DECODE_H
#define SIM_MMIO_DECODE_H

#include <stddef.h>
#include <stdint.h>
#include <ucontext.h>

/* The longest x86-64 instruction. */
#define SIM_MMIO_MAX_LEN 15

/* What the instruction does with its register or immediate operand. */
enum sim_mmio_op {
    SIM_MMIO_MOV, /* plain load or store */
    SIM_MMIO_ADD,
    SIM_MMIO_OR,
    SIM_MMIO_ADC,
    SIM_MMIO_SBB,
    SIM_MMIO_AND,
    SIM_MMIO_SUB,
    SIM_MMIO_XOR,
    SIM_MMIO_CMP,  /* flags only */
    SIM_MMIO_TEST, /* flags only */
    SIM_MMIO_INC,
    SIM_MMIO_DEC,
};

/* How a load wider than its memory operand fills the register. */
enum sim_mmio_ext {
    SIM_MMIO_EXT_NONE,
    SIM_MMIO_EXT_ZERO,
    SIM_MMIO_EXT_SIGN,
};

/* One decoded instruction. */
struct sim_mmio_insn {
    unsigned len;          /* bytes, prefixes included */
    enum sim_mmio_op op;   /* SIM_MMIO_MOV for a plain load or store */
    int is_load;           /* reads memory */
    int is_store;          /* writes memory (ALU forms may do both) */
    unsigned size;         /* memory access size: 1, 2, 4 or 8 */
    unsigned reg_size;     /* the register operand's size (a MOVZX/MOVSX may be wider) */
    enum sim_mmio_ext ext; /* for loads into a wider register */
    int reg;               /* register operand, 0..15 (rax, rcx, rdx, rbx, rsp,
                              rbp, rsi, rdi, r8..r15), or -1 for an immediate */
    int high8;             /* reg 4..7 means AH, CH, DH, BH (8-bit, no REX) */
    int mem_is_dst;        /* ALU forms: memory is the destination operand */
    uint64_t imm;          /* the immediate, sign-extended to reg_size, when reg < 0 */
    uint64_t addr;         /* the effective address, from the registers */
};

/* Decode the `n` (up to SIM_MMIO_MAX_LEN) bytes at the faulting pc, with the
 * registers of `uc` (the address registers and RIP). Returns 0 and fills
 * `out`, or returns -1 with `*why` (when not NULL) set to a static reason,
 * lowercase, for an error message such as "lock prefix". */
int sim_mmio_decode(const uint8_t *code, size_t n, const ucontext_t *uc, struct sim_mmio_insn *out,
                    const char **why);

/* The value a plain store writes (the register truncated to the access size,
 * or the immediate). */
uint64_t sim_mmio_store_value(const struct sim_mmio_insn *d, const ucontext_t *uc);

/* Complete a plain load: write `value` (the `d->size` bytes read) to the
 * destination register as the CPU would (extension as decoded; a 32-bit write
 * zeroes bits 63..32, 8- and 16-bit writes keep the rest) and advance RIP. */
void sim_mmio_apply_load(const struct sim_mmio_insn *d, ucontext_t *uc, uint64_t value);

/* Run any decoded instruction once the device read (if `d->is_load`) gave
 * `loaded`: update the registers and flags, advance RIP, and return 1 with
 * `*store` set when the device register must then be written (0 otherwise). */
int sim_mmio_execute(const struct sim_mmio_insn *d, ucontext_t *uc, uint64_t loaded,
                     uint64_t *store);

#endif /* SIM_MMIO_DECODE_H */
