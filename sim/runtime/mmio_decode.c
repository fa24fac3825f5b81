/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Decode and emulate the x86-64 memory accesses of `volatile` device code
 * (mmio_decode.h lists the forms). Only what compilers emit for such code
 * is decoded; anything else is refused with a reason, never guessed.
 */
#include <string.h>

#include "mmio_decode.h"

/* The glibc greg index of each x86 register number. */
static const int greg_of[16] = {
    REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI,
    REG_R8,  REG_R9,  REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15,
};

#define REX_W 8u
#define REX_R 4u
#define REX_X 2u
#define REX_B 1u

#define FL_CF    (1u << 0)
#define FL_PF    (1u << 2)
#define FL_AF    (1u << 4)
#define FL_ZF    (1u << 6)
#define FL_SF    (1u << 7)
#define FL_OF    (1u << 11)
#define FL_ARITH (FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF)

/* Decoder state: the bytes, the position, and the prefixes seen. */
struct cursor {
    const uint8_t *p;
    size_t n;
    size_t i;
    unsigned rex;
    int has_rex;
    int opsize16;
    int rip_relative;
    const char *why;
};

static uint64_t mask_of(unsigned size)
{
    return size >= 8 ? ~0ull : (1ull << (8 * size)) - 1;
}

static uint64_t sign_extend(uint64_t v, unsigned size)
{
    if (size == 0 || size >= 8) {
        return size ? v : 0; /* no bytes (no displacement) are 0 */
    }
    uint64_t sbit = 1ull << (8 * size - 1);
    v &= mask_of(size);
    return (v ^ sbit) - sbit;
}

static uint64_t greg(const ucontext_t *uc, int r)
{
    return (uint64_t)uc->uc_mcontext.gregs[greg_of[r]];
}

static void set_greg(ucontext_t *uc, int r, uint64_t v)
{
    uc->uc_mcontext.gregs[greg_of[r]] = (greg_t)v;
}

static int fail(struct cursor *c, const char *why)
{
    c->why = why;
    return -1;
}

static int next(struct cursor *c, uint8_t *b)
{
    if (c->i >= c->n || c->i >= SIM_MMIO_MAX_LEN) {
        return fail(c, "instruction longer than the bytes available");
    }
    *b = c->p[c->i++];
    return 0;
}

/* `k` little-endian bytes, sign-extended from k bytes when `sign`. */
static int take(struct cursor *c, unsigned k, int sign, uint64_t *v)
{
    uint64_t x = 0;
    for (unsigned j = 0; j < k; j++) {
        uint8_t b;
        if (next(c, &b) < 0) {
            return -1;
        }
        x |= (uint64_t)b << (8 * j);
    }
    *v = sign ? sign_extend(x, k) : x;
    return 0;
}

static int prefix(struct cursor *c, uint8_t b)
{
    switch (b) {
    case 0x66:
        c->opsize16 = 1;
        return 1;
    case 0x26:
    case 0x2e:
    case 0x36:
    case 0x3e:
        return 1; /* segment overrides without effect in 64-bit mode */
    case 0x64:
    case 0x65:
        return fail(c, "fs or gs segment prefix");
    case 0x67:
        return fail(c, "address-size prefix");
    case 0xf0:
        return fail(c, "lock prefix (atomic access)");
    case 0xf2:
    case 0xf3:
        return fail(c, "rep or repne prefix");
    default:
        return 0;
    }
}

/* Skip the prefixes and return the opcode byte in `*op`. */
static int prefixes(struct cursor *c, uint8_t *op)
{
    for (;;) {
        if (next(c, op) < 0) {
            return -1;
        }
        int r = prefix(c, *op);
        if (r < 0) {
            return -1;
        }
        if (r == 0) {
            break;
        }
    }
    if ((*op & 0xf0) == 0x40) {
        c->rex = *op & 0x0f;
        c->has_rex = 1;
        if (next(c, op) < 0) {
            return -1;
        }
        if (prefix(c, *op) != 0 || (*op & 0xf0) == 0x40) {
            return fail(c, c->why ? c->why : "prefix after rex");
        }
    }
    return 0;
}

static int sib(struct cursor *c, const ucontext_t *uc, unsigned mod, uint64_t *ea)
{
    uint8_t s;
    if (next(c, &s) < 0) {
        return -1;
    }
    unsigned index = ((s >> 3) & 7) | ((c->rex & REX_X) ? 8 : 0);
    unsigned base = (s & 7) | ((c->rex & REX_B) ? 8 : 0);
    *ea = index == 4 ? 0 : greg(uc, (int)index) << (s >> 6);
    if ((s & 7) == 5 && mod == 0) {
        uint64_t disp;
        if (take(c, 4, 1, &disp) < 0) {
            return -1;
        }
        *ea += disp;
        return 0;
    }
    *ea += greg(uc, (int)base);
    return 0;
}

/* Parse ModRM, SIB and displacement; the memory address in `d->addr` (RIP-
 * relative addresses get the instruction's end added once it is known). */
static int modrm(struct cursor *c, const ucontext_t *uc, struct sim_mmio_insn *d, unsigned *reg)
{
    uint8_t m;
    if (next(c, &m) < 0) {
        return -1;
    }
    unsigned mod = m >> 6, rm = m & 7;
    *reg = ((m >> 3) & 7) | ((c->rex & REX_R) ? 8 : 0);
    if (mod == 3) {
        return fail(c, "register operand, not a memory access");
    }
    uint64_t ea = 0, disp = 0;
    if (rm == 4) {
        if (sib(c, uc, mod, &ea) < 0) {
            return -1;
        }
    } else if (rm == 5 && mod == 0) {
        c->rip_relative = 1;
    } else {
        ea = greg(uc, (int)(rm | ((c->rex & REX_B) ? 8 : 0)));
    }
    unsigned dlen = mod == 1 ? 1 : (mod == 2 || (mod == 0 && rm == 5)) ? 4 : 0;
    if (take(c, dlen, 1, &disp) < 0) {
        return -1;
    }
    d->addr = ea + disp;
    return 0;
}

static unsigned opsize(const struct cursor *c, int byte_op)
{
    if (byte_op) {
        return 1;
    }
    if (c->rex & REX_W) {
        return 8;
    }
    return c->opsize16 ? 2 : 4;
}

/* The register operand `reg` of `size` bytes (AH..BH for 4..7 without REX). */
static void set_reg(const struct cursor *c, struct sim_mmio_insn *d, unsigned reg, unsigned size)
{
    d->reg = (int)reg;
    d->reg_size = size;
    d->high8 = size == 1 && !c->has_rex && reg >= 4 && reg < 8;
}

/* An immediate of the operand size (at most 4 bytes, sign-extended), or of
 * one byte when `imm8`. */
static int immediate(struct cursor *c, struct sim_mmio_insn *d, int imm8)
{
    unsigned k = imm8 ? 1 : d->size > 4 ? 4 : d->size;
    uint64_t v;
    if (take(c, k, 1, &v) < 0) {
        return -1;
    }
    d->reg = -1;
    d->reg_size = d->size;
    d->imm = v & mask_of(d->size);
    return 0;
}

/* The ALU forms with a register: 00..3B with the low bits 0..3. */
static int alu_reg(struct cursor *c, const ucontext_t *uc, struct sim_mmio_insn *d, uint8_t op)
{
    unsigned reg;
    d->op = (enum sim_mmio_op)(SIM_MMIO_ADD + (op >> 3));
    d->size = opsize(c, !(op & 1));
    if (modrm(c, uc, d, &reg) < 0) {
        return -1;
    }
    set_reg(c, d, reg, d->size);
    d->is_load = 1;
    d->mem_is_dst = !(op & 2);
    d->is_store = d->mem_is_dst && d->op != SIM_MMIO_CMP;
    return 0;
}

/* 80, 81, 83: ALU op (ModRM.reg) of memory with an immediate. */
static int alu_imm(struct cursor *c, const ucontext_t *uc, struct sim_mmio_insn *d, uint8_t op)
{
    unsigned sub;
    d->size = opsize(c, op == 0x80);
    if (modrm(c, uc, d, &sub) < 0 || immediate(c, d, op != 0x81) < 0) {
        return -1;
    }
    d->op = (enum sim_mmio_op)(SIM_MMIO_ADD + (sub & 7));
    d->is_load = 1;
    d->mem_is_dst = 1;
    d->is_store = d->op != SIM_MMIO_CMP;
    return 0;
}

/* F6, F7 /0 (and its alias /1): TEST memory with an immediate. */
static int test_imm(struct cursor *c, const ucontext_t *uc, struct sim_mmio_insn *d, uint8_t op)
{
    unsigned sub;
    d->size = opsize(c, op == 0xf6);
    if (modrm(c, uc, d, &sub) < 0) {
        return -1;
    }
    if ((sub & 7) > 1) {
        return fail(c, "not, neg, mul or div of memory");
    }
    d->op = SIM_MMIO_TEST;
    d->is_load = 1;
    d->mem_is_dst = 1;
    return immediate(c, d, op == 0xf6);
}

/* FE, FF /0 /1: INC or DEC of memory. */
static int inc_dec(struct cursor *c, const ucontext_t *uc, struct sim_mmio_insn *d, uint8_t op)
{
    unsigned sub;
    d->size = opsize(c, op == 0xfe);
    if (modrm(c, uc, d, &sub) < 0) {
        return -1;
    }
    if ((sub & 7) > 1) {
        return fail(c, "indirect call, jump or push through memory");
    }
    d->op = (sub & 7) ? SIM_MMIO_DEC : SIM_MMIO_INC;
    d->reg = -1;
    d->reg_size = d->size;
    d->imm = 1;
    d->is_load = d->is_store = d->mem_is_dst = 1;
    return 0;
}

/* 88..8B: MOV between a register and memory; 84, 85: TEST with a register. */
static int mov_reg(struct cursor *c, const ucontext_t *uc, struct sim_mmio_insn *d, uint8_t op)
{
    unsigned reg;
    d->size = opsize(c, !(op & 1));
    if (modrm(c, uc, d, &reg) < 0) {
        return -1;
    }
    set_reg(c, d, reg, d->size);
    if (op == 0x84 || op == 0x85) {
        d->op = SIM_MMIO_TEST;
        d->is_load = d->mem_is_dst = 1;
        return 0;
    }
    d->is_store = !(op & 2);
    d->is_load = !d->is_store;
    return 0;
}

/* C6, C7 /0: MOV an immediate to memory. */
static int mov_imm(struct cursor *c, const ucontext_t *uc, struct sim_mmio_insn *d, uint8_t op)
{
    unsigned sub;
    d->size = opsize(c, op == 0xc6);
    if (modrm(c, uc, d, &sub) < 0) {
        return -1;
    }
    if ((sub & 7) != 0) {
        return fail(c, "xabort or xbegin");
    }
    d->is_store = 1;
    return immediate(c, d, 0);
}

/* A0..A3: MOV between rAX and a 64-bit absolute address (`movabs`). */
static int mov_moffs(struct cursor *c, struct sim_mmio_insn *d, uint8_t op)
{
    d->size = opsize(c, !(op & 1));
    set_reg(c, d, 0, d->size);
    d->is_store = (op & 2) != 0;
    d->is_load = !d->is_store;
    return take(c, 8, 0, &d->addr);
}

/* 0F B6, B7, BE, BF: MOVZX and MOVSX. */
static int mov_ext(struct cursor *c, const ucontext_t *uc, struct sim_mmio_insn *d)
{
    uint8_t op;
    unsigned reg;
    if (next(c, &op) < 0) {
        return -1;
    }
    if (op != 0xb6 && op != 0xb7 && op != 0xbe && op != 0xbf) {
        return fail(c, "two-byte opcode other than movzx or movsx");
    }
    if (modrm(c, uc, d, &reg) < 0) {
        return -1;
    }
    d->size = (op & 1) ? 2 : 1;
    set_reg(c, d, reg, opsize(c, 0));
    d->high8 = 0;
    d->ext = op >= 0xbe ? SIM_MMIO_EXT_SIGN : SIM_MMIO_EXT_ZERO;
    d->is_load = 1;
    return 0;
}

/* 63: MOVSXD (without REX.W a plain 32-bit load). */
static int movsxd(struct cursor *c, const ucontext_t *uc, struct sim_mmio_insn *d)
{
    unsigned reg;
    if (c->opsize16) {
        return fail(c, "movsxd with a 16-bit operand");
    }
    if (modrm(c, uc, d, &reg) < 0) {
        return -1;
    }
    d->size = 4;
    set_reg(c, d, reg, opsize(c, 0));
    d->ext = (c->rex & REX_W) ? SIM_MMIO_EXT_SIGN : SIM_MMIO_EXT_NONE;
    d->is_load = 1;
    return 0;
}

static int dispatch(struct cursor *c, const ucontext_t *uc, struct sim_mmio_insn *d, uint8_t op)
{
    if (op < 0x40 && (op & 7) < 4) {
        return alu_reg(c, uc, d, op);
    }
    switch (op) {
    case 0x0f:
        return mov_ext(c, uc, d);
    case 0x63:
        return movsxd(c, uc, d);
    case 0x80:
    case 0x81:
    case 0x83:
        return alu_imm(c, uc, d, op);
    case 0x84:
    case 0x85:
    case 0x88:
    case 0x89:
    case 0x8a:
    case 0x8b:
        return mov_reg(c, uc, d, op);
    case 0xa0:
    case 0xa1:
    case 0xa2:
    case 0xa3:
        return mov_moffs(c, d, op);
    case 0xc6:
    case 0xc7:
        return mov_imm(c, uc, d, op);
    case 0xf6:
    case 0xf7:
        return test_imm(c, uc, d, op);
    case 0xfe:
    case 0xff:
        return inc_dec(c, uc, d, op);
    default:
        return fail(c, "opcode not decoded (not a plain load, store or alu form)");
    }
}

int sim_mmio_decode(const uint8_t *code, size_t n, const ucontext_t *uc, struct sim_mmio_insn *out,
                    const char **why)
{
    struct cursor c = {.p = code, .n = n};
    struct sim_mmio_insn d;
    uint8_t op;
    memset(&d, 0, sizeof(d));
    if (prefixes(&c, &op) < 0 || dispatch(&c, uc, &d, op) < 0) {
        if (why) {
            *why = c.why;
        }
        return -1;
    }
    d.len = (unsigned)c.i;
    if (c.rip_relative) {
        d.addr += (uint64_t)uc->uc_mcontext.gregs[REG_RIP] + d.len;
    }
    *out = d;
    return 0;
}

/* The register or immediate operand, `d->reg_size` bytes. */
static uint64_t operand(const struct sim_mmio_insn *d, const ucontext_t *uc)
{
    if (d->reg < 0) {
        return d->imm;
    }
    if (d->high8) {
        return (greg(uc, d->reg - 4) >> 8) & 0xff;
    }
    return greg(uc, d->reg) & mask_of(d->reg_size);
}

/* Write `size` bytes of `v` to register `reg` as the CPU does. */
static void write_reg(const struct sim_mmio_insn *d, ucontext_t *uc, unsigned size, uint64_t v)
{
    if (d->high8) {
        uint64_t old = greg(uc, d->reg - 4);
        set_greg(uc, d->reg - 4, (old & ~0xff00ull) | ((v & 0xff) << 8));
    } else if (size >= 4) {
        set_greg(uc, d->reg, v & mask_of(size)); /* a 32-bit write zeroes 63..32 */
    } else {
        uint64_t old = greg(uc, d->reg);
        set_greg(uc, d->reg, (old & ~mask_of(size)) | (v & mask_of(size)));
    }
}

static void advance(const struct sim_mmio_insn *d, ucontext_t *uc)
{
    uc->uc_mcontext.gregs[REG_RIP] += (greg_t)d->len;
}

uint64_t sim_mmio_store_value(const struct sim_mmio_insn *d, const ucontext_t *uc)
{
    return operand(d, uc) & mask_of(d->size);
}

void sim_mmio_apply_load(const struct sim_mmio_insn *d, ucontext_t *uc, uint64_t value)
{
    value &= mask_of(d->size);
    if (d->ext == SIM_MMIO_EXT_SIGN) {
        value = sign_extend(value, d->size);
    }
    write_reg(d, uc, d->reg_size, value);
    advance(d, uc);
}

/* The flags of result `r` (`size` bytes) and the carry and overflow words. */
static uint64_t flags_of(uint64_t r, unsigned size, uint64_t carry, uint64_t over, uint64_t aux)
{
    uint64_t sbit = 1ull << (8 * size - 1), f = 0;
    f |= (carry & sbit) ? FL_CF : 0;
    f |= (over & sbit) ? FL_OF : 0;
    f |= (aux & 0x10) ? FL_AF : 0;
    f |= (r & mask_of(size)) == 0 ? FL_ZF : 0;
    f |= (r & sbit) ? FL_SF : 0;
    f |= __builtin_parity((unsigned)(r & 0xff)) ? 0 : FL_PF;
    return f;
}

/* Compute `a op b` of `size` bytes and update the flags in `*efl`. */
static uint64_t alu(enum sim_mmio_op op, unsigned size, uint64_t a, uint64_t b, uint64_t *efl)
{
    uint64_t cin = (*efl & FL_CF) ? 1 : 0, r, f, keep = FL_ARITH;
    switch (op) {
    case SIM_MMIO_ADD:
    case SIM_MMIO_ADC:
    case SIM_MMIO_INC:
        r = a + b + (op == SIM_MMIO_ADC ? cin : 0);
        f = flags_of(r, size, (a & b) | ((a | b) & ~r), (a ^ r) & (b ^ r), a ^ b ^ r);
        break;
    case SIM_MMIO_SUB:
    case SIM_MMIO_SBB:
    case SIM_MMIO_CMP:
    case SIM_MMIO_DEC:
        r = a - b - (op == SIM_MMIO_SBB ? cin : 0);
        f = flags_of(r, size, (~a & b) | ((~a | b) & r), (a ^ b) & (a ^ r), a ^ b ^ r);
        break;
    default: /* OR, XOR, AND, TEST: CF, OF and (undefined) AF clear */
        r = op == SIM_MMIO_OR ? a | b : op == SIM_MMIO_XOR ? a ^ b : a & b;
        f = flags_of(r, size, 0, 0, 0);
        break;
    }
    if (op == SIM_MMIO_INC || op == SIM_MMIO_DEC) {
        keep &= ~(uint64_t)FL_CF; /* INC and DEC leave CF alone */
    }
    *efl = (*efl & ~keep) | (f & keep);
    return r & mask_of(size);
}

int sim_mmio_execute(const struct sim_mmio_insn *d, ucontext_t *uc, uint64_t loaded,
                     uint64_t *store)
{
    if (d->op == SIM_MMIO_MOV) {
        if (d->is_store) {
            *store = sim_mmio_store_value(d, uc);
            advance(d, uc);
            return 1;
        }
        sim_mmio_apply_load(d, uc, loaded);
        return 0;
    }
    uint64_t efl = (uint64_t)uc->uc_mcontext.gregs[REG_EFL];
    uint64_t src = operand(d, uc), m = loaded & mask_of(d->size);
    uint64_t r =
        d->mem_is_dst ? alu(d->op, d->size, m, src, &efl) : alu(d->op, d->size, src, m, &efl);
    uc->uc_mcontext.gregs[REG_EFL] = (greg_t)efl;
    advance(d, uc);
    if (d->op == SIM_MMIO_CMP || d->op == SIM_MMIO_TEST) {
        return 0;
    }
    if (d->mem_is_dst) {
        *store = r;
        return 1;
    }
    write_reg(d, uc, d->size, r);
    return 0;
}
