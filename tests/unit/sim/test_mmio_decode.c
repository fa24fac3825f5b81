/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The MMIO instruction decoder (sim/runtime/mmio_decode.c): a table of byte
 * sequences (assembled by GNU as and read back with objdump) with their
 * expected decodes, the refusals, the register write-back rules, and the
 * ALU forms' flags checked against the CPU running the same instruction.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "mmio_decode.h"

#define RIP0 0x400000ull

/* Register n (rax, rcx, ... r15) holds 0x10000 * (n + 1). */
static void regs_init(ucontext_t *uc)
{
    static const int order[16] = {REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP,
                                  REG_RSI, REG_RDI, REG_R8,  REG_R9,  REG_R10, REG_R11,
                                  REG_R12, REG_R13, REG_R14, REG_R15};
    memset(uc, 0, sizeof(*uc));
    for (int i = 0; i < 16; i++) {
        uc->uc_mcontext.gregs[order[i]] = (greg_t)(0x10000ull * (uint64_t)(i + 1));
    }
    uc->uc_mcontext.gregs[REG_RIP] = (greg_t)RIP0;
}

#define R(n) (0x10000ull * ((n) + 1))
enum { AX, CX, DX, BX, SP, BP, SI, DI, R8, R9, R10, R11, R12, R13, R14, R15 };
enum { LD = 1, ST = 2, RMW = 3 };

struct row {
    const char *bytes; /* as objdump shows them */
    const char *text;  /* objdump's disassembly */
    unsigned len;
    enum sim_mmio_op op;
    int dir; /* LD, ST or RMW */
    unsigned size, reg_size;
    enum sim_mmio_ext ext;
    int reg, high8;
    uint64_t imm, addr;
};

#define N   SIM_MMIO_EXT_NONE
#define Z   SIM_MMIO_EXT_ZERO
#define S   SIM_MMIO_EXT_SIGN
#define MOV SIM_MMIO_MOV

static const struct row rows[] = {
    {"8b 07", "mov (%rdi),%eax", 2, MOV, LD, 4, 4, N, AX, 0, 0, R(DI)},
    {"89 07", "mov %eax,(%rdi)", 2, MOV, ST, 4, 4, N, AX, 0, 0, R(DI)},
    {"8a 07", "mov (%rdi),%al", 2, MOV, LD, 1, 1, N, AX, 0, 0, R(DI)},
    {"88 26", "mov %ah,(%rsi)", 2, MOV, ST, 1, 1, N, SP, 1, 0, R(SI)},
    {"40 88 37", "mov %sil,(%rdi)", 3, MOV, ST, 1, 1, N, SI, 0, 0, R(DI)},
    {"8a 3f", "mov (%rdi),%bh", 2, MOV, LD, 1, 1, N, DI, 1, 0, R(DI)},
    {"66 c7 07 34 12", "movw $0x1234,(%rdi)", 5, MOV, ST, 2, 2, N, -1, 0, 0x1234, R(DI)},
    {"66 8b 07", "mov (%rdi),%ax", 3, MOV, LD, 2, 2, N, AX, 0, 0, R(DI)},
    {"66 44 89 4f 10", "mov %r9w,0x10(%rdi)", 5, MOV, ST, 2, 2, N, R9, 0, 0, R(DI) + 0x10},
    {"48 c7 07 fb ff ff ff", "movq $0xfffffffffffffffb,(%rdi)", 7, MOV, ST, 8, 8, N, -1, 0,
     0xfffffffffffffffbull, R(DI)},
    {"c7 45 7f ef be ad de", "movl $0xdeadbeef,0x7f(%rbp)", 7, MOV, ST, 4, 4, N, -1, 0, 0xdeadbeef,
     R(BP) + 0x7f},
    {"c6 44 24 80 5a", "movb $0x5a,-0x80(%rsp)", 5, MOV, ST, 1, 1, N, -1, 0, 0x5a, R(SP) - 0x80},
    {"44 8b 14 88", "mov (%rax,%rcx,4),%r10d", 4, MOV, LD, 4, 4, N, R10, 0, 0, R(AX) + 4 * R(CX)},
    {"4f 89 9c ec 78 56 34 12", "mov %r11,0x12345678(%r12,%r13,8)", 8, MOV, ST, 8, 8, N, R11, 0, 0,
     R(R12) + 8 * R(R13) + 0x12345678},
    {"8b 05 00 01 00 00", "mov 0x100(%rip),%eax", 6, MOV, LD, 4, 4, N, AX, 0, 0, RIP0 + 6 + 0x100},
    {"c7 05 00 01 00 00 07 00 00 00", "movl $0x7,0x100(%rip)", 10, MOV, ST, 4, 4, N, -1, 0, 7,
     RIP0 + 10 + 0x100},
    {"8b 04 25 0c 00 00 40", "mov 0x4000000c,%eax", 7, MOV, LD, 4, 4, N, AX, 0, 0, 0x4000000c},
    {"41 8b 4d 00", "mov 0x0(%r13),%ecx", 4, MOV, LD, 4, 4, N, CX, 0, 0, R(R13)},
    {"8b 4d 00", "mov 0x0(%rbp),%ecx", 3, MOV, LD, 4, 4, N, CX, 0, 0, R(BP)},
    {"8b 14 5d 08 00 00 00", "mov 0x8(,%rbx,2),%edx", 7, MOV, LD, 4, 4, N, DX, 0, 0, 2 * R(BX) + 8},
    {"8b 04 24", "mov (%rsp),%eax", 3, MOV, LD, 4, 4, N, AX, 0, 0, R(SP)},
    {"41 89 04 24", "mov %eax,(%r12)", 4, MOV, ST, 4, 4, N, AX, 0, 0, R(R12)},
    {"a1 00 89 67 45 23 01 00 00", "movabs 0x12345678900,%eax", 9, MOV, LD, 4, 4, N, AX, 0, 0,
     0x12345678900ull},
    {"a2 00 89 67 45 23 01 00 00", "movabs %al,0x12345678900", 9, MOV, ST, 1, 1, N, AX, 0, 0,
     0x12345678900ull},
    {"48 a3 00 89 67 45 23 01 00 00", "movabs %rax,0x12345678900", 10, MOV, ST, 8, 8, N, AX, 0, 0,
     0x12345678900ull},
    {"0f b6 07", "movzbl (%rdi),%eax", 3, MOV, LD, 1, 4, Z, AX, 0, 0, R(DI)},
    {"0f b7 47 02", "movzwl 0x2(%rdi),%eax", 4, MOV, LD, 2, 4, Z, AX, 0, 0, R(DI) + 2},
    {"4c 0f b6 07", "movzbq (%rdi),%r8", 4, MOV, LD, 1, 8, Z, R8, 0, 0, R(DI)},
    {"0f be 07", "movsbl (%rdi),%eax", 3, MOV, LD, 1, 4, S, AX, 0, 0, R(DI)},
    {"48 0f bf 07", "movswq (%rdi),%rax", 4, MOV, LD, 2, 8, S, AX, 0, 0, R(DI)},
    {"66 0f be 07", "movsbw (%rdi),%ax", 4, MOV, LD, 1, 2, S, AX, 0, 0, R(DI)},
    {"48 63 07", "movslq (%rdi),%rax", 3, MOV, LD, 4, 8, S, AX, 0, 0, R(DI)},
    {"83 0f 04", "orl $0x4,(%rdi)", 3, SIM_MMIO_OR, RMW, 4, 4, N, -1, 0, 4, R(DI)},
    {"80 27 fe", "andb $0xfe,(%rdi)", 3, SIM_MMIO_AND, RMW, 1, 1, N, -1, 0, 0xfe, R(DI)},
    {"66 81 37 00 01", "xorw $0x100,(%rdi)", 5, SIM_MMIO_XOR, RMW, 2, 2, N, -1, 0, 0x100, R(DI)},
    {"48 83 07 01", "addq $0x1,(%rdi)", 4, SIM_MMIO_ADD, RMW, 8, 8, N, -1, 0, 1, R(DI)},
    {"f7 07 01 00 00 00", "testl $0x1,(%rdi)", 6, SIM_MMIO_TEST, LD, 4, 4, N, -1, 0, 1, R(DI)},
    {"80 3f 00", "cmpb $0x0,(%rdi)", 3, SIM_MMIO_CMP, LD, 1, 1, N, -1, 0, 0, R(DI)},
    {"48 ff 07", "incq (%rdi)", 3, SIM_MMIO_INC, RMW, 8, 8, N, -1, 0, 1, R(DI)},
    {"ff 0f", "decl (%rdi)", 2, SIM_MMIO_DEC, RMW, 4, 4, N, -1, 0, 1, R(DI)},
    {"03 07", "add (%rdi),%eax", 2, SIM_MMIO_ADD, LD, 4, 4, N, AX, 0, 0, R(DI)},
    {"21 0f", "and %ecx,(%rdi)", 2, SIM_MMIO_AND, RMW, 4, 4, N, CX, 0, 0, R(DI)},
    {"3b 0f", "cmp (%rdi),%ecx", 2, SIM_MMIO_CMP, LD, 4, 4, N, CX, 0, 0, R(DI)},
    {"84 07", "test %al,(%rdi)", 2, SIM_MMIO_TEST, LD, 1, 1, N, AX, 0, 0, R(DI)},
    {"81 0f 45 23 01 00", "orl $0x12345,(%rdi)", 6, SIM_MMIO_OR, RMW, 4, 4, N, -1, 0, 0x12345,
     R(DI)},
    {"48 81 2f 80 00 00 00", "subq $0x80,(%rdi)", 7, SIM_MMIO_SUB, RMW, 8, 8, N, -1, 0, 0x80,
     R(DI)},
    {"2e 8b 07", "mov %cs:(%rdi),%eax", 3, MOV, LD, 4, 4, N, AX, 0, 0, R(DI)},
};

static size_t parse_hex(const char *s, uint8_t *out)
{
    size_t n = 0;
    while (*s) {
        unsigned v;
        int used;
        if (sscanf(s, " %2x%n", &v, &used) != 1) {
            break;
        }
        out[n++] = (uint8_t)v;
        s += used;
    }
    return n;
}

static void check_row(const struct row *r)
{
    uint8_t code[32];
    size_t n = parse_hex(r->bytes, code);
    ucontext_t uc;
    struct sim_mmio_insn d;
    const char *why = NULL;
    regs_init(&uc);
    /* Trailing bytes past the instruction must not change the decode. */
    memset(code + n, 0x90, sizeof(code) - n);
    int rc = sim_mmio_decode(code, SIM_MMIO_MAX_LEN, &uc, &d, &why);
    if (rc != 0) {
        fail_msg("%s: refused: %s", r->text, why);
    }
    if (d.len != r->len || d.op != r->op || d.is_load != (r->dir & LD) >> 0 ||
        d.is_store != (r->dir & ST) >> 1 || d.size != r->size || d.reg_size != r->reg_size ||
        d.ext != r->ext || d.reg != r->reg || d.high8 != r->high8 || d.imm != r->imm ||
        d.addr != r->addr) {
        fail_msg("%s: len %u op %d load %d store %d size %u/%u ext %d reg %d high8 %d imm %#llx "
                 "addr %#llx",
                 r->text, d.len, d.op, d.is_load, d.is_store, d.size, d.reg_size, d.ext, d.reg,
                 d.high8, (unsigned long long)d.imm, (unsigned long long)d.addr);
    }
    /* Cut short by one byte, the same bytes are refused. */
    assert_int_equal(sim_mmio_decode(code, n - 1, &uc, &d, &why), -1);
}

static void test_table(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        check_row(&rows[i]);
    }
}

struct refusal {
    const char *bytes, *text, *why;
};

static const struct refusal refusals[] = {
    {"f0 83 0f 01", "lock orl $0x1,(%rdi)", "lock prefix"},
    {"f3 a4", "rep movsb", "rep or repne"},
    {"64 8b 04 25 00 00 00 00", "mov %fs:0x0,%eax", "fs or gs"},
    {"67 8b 07", "mov (%edi),%eax", "address-size"},
    {"89 c7", "mov %eax,%edi", "register operand"},
    {"87 07", "xchg %eax,(%rdi)", "opcode not decoded"},
    {"0f a3 07", "bt %eax,(%rdi)", "two-byte opcode"},
    {"0f 10 07", "movups (%rdi),%xmm0", "two-byte opcode"},
    {"ff 17", "call *(%rdi)", "indirect call"},
    {"f7 1f", "negl (%rdi)", "not, neg"},
    {"a4", "movsb", "opcode not decoded"},
    {"8b", "(truncated)", "longer than"},
    {"48", "(rex alone)", "longer than"},
    {"48 66 8b 07", "(rex before 0x66)", "prefix after rex"},
};

static void test_refusals(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(refusals) / sizeof(refusals[0]); i++) {
        uint8_t code[32];
        size_t n = parse_hex(refusals[i].bytes, code);
        ucontext_t uc;
        struct sim_mmio_insn d;
        const char *why = NULL;
        regs_init(&uc);
        if (sim_mmio_decode(code, n, &uc, &d, &why) == 0 || !why || !strstr(why, refusals[i].why)) {
            fail_msg("%s: expected refusal '%s', got '%s'", refusals[i].text, refusals[i].why,
                     why ? why : "(decoded)");
        }
    }
}

/* Decode `bytes` with `uc`, apply `loaded` and return the register `greg`. */
static uint64_t load_into(const char *bytes, ucontext_t *uc, uint64_t loaded, int greg)
{
    uint8_t code[16];
    size_t n = parse_hex(bytes, code);
    struct sim_mmio_insn d;
    uint64_t store = 0;
    assert_int_equal(sim_mmio_decode(code, n, uc, &d, NULL), 0);
    sim_mmio_apply_load(&d, uc, loaded);
    assert_int_equal(sim_mmio_execute(&d, uc, loaded, &store), 0); /* a second time: same */
    assert_int_equal((uint64_t)uc->uc_mcontext.gregs[REG_RIP], RIP0 + 2 * n);
    return (uint64_t)uc->uc_mcontext.gregs[greg];
}

#define ALL1 0x1111111111111111ull

static void test_loads(void **state)
{
    (void)state;
    ucontext_t uc;
    struct {
        const char *bytes;
        int greg;
        uint64_t before, loaded, after;
    } cases[] = {
        {"8b 07", REG_RAX, ~0ull, 0x12345678, 0x12345678},           /* 32-bit: zero upper */
        {"66 8b 07", REG_RAX, ALL1, 0xabcd, 0x111111111111abcdull},  /* 16-bit: keep */
        {"8a 07", REG_RAX, ALL1, 0xab, 0x11111111111111abull},       /* al */
        {"8a 3f", REG_RBX, ALL1, 0xab, 0x111111111111ab11ull},       /* bh */
        {"40 8a 3f", REG_RDI, ALL1, 0xab, 0x11111111111111abull},    /* dil */
        {"0f be 07", REG_RAX, ALL1, 0x80, 0xffffff80ull},            /* movsbl */
        {"48 0f bf 07", REG_RAX, 0, 0x8000, 0xffffffffffff8000ull},  /* movswq */
        {"66 0f be 07", REG_RAX, ALL1, 0x80, 0x111111111111ff80ull}, /* movsbw */
        {"48 63 07", REG_RAX, 0, 0x80000000, 0xffffffff80000000ull}, /* movslq */
        {"63 07", REG_RAX, ALL1, 0x80000000, 0x80000000ull},         /* movsxd, no W */
        {"4c 0f b6 07", REG_R8, ~0ull, 0x1ff, 0xffull},              /* movzbq */
        {"0f b7 47 02", REG_RAX, ~0ull, 0xfffff234, 0xf234ull},      /* movzwl */
        {"48 8b 07", REG_RAX, 0, 0x0123456789abcdefull, 0x0123456789abcdefull},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        regs_init(&uc);
        uc.uc_mcontext.gregs[cases[i].greg] = (greg_t)cases[i].before;
        uint64_t got = load_into(cases[i].bytes, &uc, cases[i].loaded, cases[i].greg);
        if (got != cases[i].after) {
            fail_msg("%s: %#llx, expected %#llx", cases[i].bytes, (unsigned long long)got,
                     (unsigned long long)cases[i].after);
        }
    }
}

static void test_stores(void **state)
{
    (void)state;
    struct {
        const char *bytes;
        int greg;
        uint64_t reg, value;
    } cases[] = {
        {"88 26", REG_RAX, 0x1234, 0x12},                          /* ah */
        {"66 44 89 4f 10", REG_R9, 0xaaaabbbbccccddddull, 0xdddd}, /* r9w */
        {"89 07", REG_RAX, 0xaaaabbbbccccddddull, 0xccccdddd},
        {"48 c7 07 fb ff ff ff", REG_RAX, 0, 0xfffffffffffffffbull}, /* imm32 sign-extended */
        {"c7 45 7f ef be ad de", REG_RAX, 0, 0xdeadbeef},
        {"48 a3 00 89 67 45 23 01 00 00", REG_RAX, 0x0123456789abcdefull, 0x0123456789abcdefull},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        uint8_t code[16];
        size_t n = parse_hex(cases[i].bytes, code);
        ucontext_t uc;
        struct sim_mmio_insn d;
        uint64_t store = 0;
        regs_init(&uc);
        uc.uc_mcontext.gregs[cases[i].greg] = (greg_t)cases[i].reg;
        assert_int_equal(sim_mmio_decode(code, n, &uc, &d, NULL), 0);
        assert_int_equal(sim_mmio_store_value(&d, &uc), cases[i].value);
        assert_int_equal(sim_mmio_execute(&d, &uc, 0, &store), 1);
        assert_int_equal(store, cases[i].value);
        assert_int_equal((uint64_t)uc.uc_mcontext.gregs[REG_RIP], RIP0 + n);
    }
}

#define FLAGS 0x8d5ull /* CF PF AF ZF SF OF */

/* Run `insn` (with memory at (%rdi), register operand in eax/rax/al) on the
 * CPU, with the flags `fin`; the memory, rax and flags afterwards. */
#define CPU_RUN(insn, mem, rax, fin, fout)                                                         \
    __asm__ volatile("lea -128(%%rsp),%%rsp\n\tpush %[fi]\n\tpopfq\n\t" insn                       \
                     "\n\tpushfq\n\tpop %[fo]\n\tlea 128(%%rsp),%%rsp"                             \
                     : [fo] "=&r"(fout), "+a"(rax)                                                 \
                     : [fi] "r"(fin), "D"(&(mem))                                                  \
                     : "cc", "memory")

struct alu_case {
    const char *bytes;
    int which; /* the instruction below */
};

static void cpu(int which, uint64_t *mem, uint64_t *rax, uint64_t fin, uint64_t *fout)
{
    uint64_t fo = 0, a = *rax;
    switch (which) {
    case 0:
        CPU_RUN("orl $0x4,(%%rdi)", *mem, a, fin, fo);
        break;
    case 1:
        CPU_RUN("andb $0xfe,(%%rdi)", *mem, a, fin, fo);
        break;
    case 2:
        CPU_RUN("addq $0x1,(%%rdi)", *mem, a, fin, fo);
        break;
    case 3:
        CPU_RUN("subq $0x80,(%%rdi)", *mem, a, fin, fo);
        break;
    case 4:
        CPU_RUN("cmpb $0x0,(%%rdi)", *mem, a, fin, fo);
        break;
    case 5:
        CPU_RUN("incq (%%rdi)", *mem, a, fin, fo);
        break;
    case 6:
        CPU_RUN("decl (%%rdi)", *mem, a, fin, fo);
        break;
    case 7:
        CPU_RUN("add (%%rdi),%%eax", *mem, a, fin, fo);
        break;
    case 8:
        CPU_RUN("cmp (%%rdi),%%eax", *mem, a, fin, fo);
        break;
    case 9:
        CPU_RUN("adc %%eax,(%%rdi)", *mem, a, fin, fo);
        break;
    case 10:
        CPU_RUN("sbb (%%rdi),%%ax", *mem, a, fin, fo);
        break;
    case 11:
        CPU_RUN("xorw $0x100,(%%rdi)", *mem, a, fin, fo);
        break;
    case 12:
        CPU_RUN("testl $0x1,(%%rdi)", *mem, a, fin, fo);
        break;
    case 13:
        CPU_RUN("sub %%al,(%%rdi)", *mem, a, fin, fo);
        break;
    default:
        CPU_RUN("cmpq $-0x1,(%%rdi)", *mem, a, fin, fo);
        break;
    }
    *rax = a;
    *fout = fo;
}

static const struct alu_case alu_cases[] = {
    {"83 0f 04", 0},
    {"80 27 fe", 1},
    {"48 83 07 01", 2},
    {"48 81 2f 80 00 00 00", 3},
    {"80 3f 00", 4},
    {"48 ff 07", 5},
    {"ff 0f", 6},
    {"03 07", 7},
    {"3b 07", 8},
    {"11 07", 9},
    {"66 1b 07", 10},
    {"66 81 37 00 01", 11},
    {"f7 07 01 00 00 00", 12},
    {"28 07", 13},
    {"48 83 3f ff", 14},
};

static const uint64_t alu_values[] = {
    0,
    1,
    2,
    0x7f,
    0x80,
    0xff,
    0x100,
    0x7fff,
    0x8000,
    0xffff,
    0x7fffffff,
    0x80000000,
    0xffffffff,
    0x7fffffffffffffffull,
    0x8000000000000000ull,
    ~0ull,
    0x123456789abcdef0ull,
};

static void alu_one(const struct alu_case *c, uint64_t m, uint64_t a, uint64_t fin)
{
    uint8_t code[16];
    size_t n = parse_hex(c->bytes, code);
    uint64_t cpu_mem = m, cpu_rax = a, cpu_fl, store = m;
    ucontext_t uc;
    struct sim_mmio_insn d;
    cpu(c->which, &cpu_mem, &cpu_rax, fin, &cpu_fl);
    regs_init(&uc);
    uc.uc_mcontext.gregs[REG_RAX] = (greg_t)a;
    uc.uc_mcontext.gregs[REG_EFL] = (greg_t)fin;
    assert_int_equal(sim_mmio_decode(code, n, &uc, &d, NULL), 0);
    uint64_t loaded = m & (d.size >= 8 ? ~0ull : (1ull << (8 * d.size)) - 1);
    if (sim_mmio_execute(&d, &uc, loaded, &store)) {
        store = (m & ~(d.size >= 8 ? ~0ull : (1ull << (8 * d.size)) - 1)) | store;
    }
    uint64_t fl = (uint64_t)uc.uc_mcontext.gregs[REG_EFL];
    /* AF is undefined after the logical operations: compare it elsewhere. */
    uint64_t cmp =
        d.op == SIM_MMIO_OR || d.op == SIM_MMIO_AND || d.op == SIM_MMIO_XOR || d.op == SIM_MMIO_TEST
            ? FLAGS & ~0x10ull
            : FLAGS;
    if (store != cpu_mem || (uint64_t)uc.uc_mcontext.gregs[REG_RAX] != cpu_rax ||
        (fl & cmp) != (cpu_fl & cmp)) {
        fail_msg("%s mem %#llx rax %#llx cf %llu: emulated mem %#llx rax %#llx flags %#llx, cpu "
                 "%#llx %#llx %#llx",
                 c->bytes, (unsigned long long)m, (unsigned long long)a,
                 (unsigned long long)(fin & 1), (unsigned long long)store,
                 (unsigned long long)uc.uc_mcontext.gregs[REG_RAX], (unsigned long long)(fl & cmp),
                 (unsigned long long)cpu_mem, (unsigned long long)cpu_rax,
                 (unsigned long long)(cpu_fl & cmp));
    }
}

static void test_alu_against_cpu(void **state)
{
    (void)state;
    size_t nv = sizeof(alu_values) / sizeof(alu_values[0]);
    for (size_t c = 0; c < sizeof(alu_cases) / sizeof(alu_cases[0]); c++) {
        for (size_t i = 0; i < nv; i++) {
            for (size_t j = 0; j < nv; j++) {
                alu_one(&alu_cases[c], alu_values[i], alu_values[j], 0x202);
                alu_one(&alu_cases[c], alu_values[i], alu_values[j], 0x203); /* CF in */
            }
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),           cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_loads),           cmocka_unit_test(test_stores),
        cmocka_unit_test(test_alu_against_cpu),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
