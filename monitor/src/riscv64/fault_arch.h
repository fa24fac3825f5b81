/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * RISC-V 64 fault decoding for src/fault.c, included there in place of the
 * AArch64 ESR decoding (it uses fault.c's static line(), put_pc() and user_exception_lines()):
 * seL4 reports scause as the VM fault's FSR and as the user exception's
 * number, and stval as the VM fault's address.
 */
#ifndef MONITOR_RISCV64_FAULT_ARCH_H
#define MONITOR_RISCV64_FAULT_ARCH_H

/* scause exception codes (RISC-V privileged spec, table "Supervisor cause register"). */
static const char *scause_text(uint64_t scause)
{
    static const char *const text[] = {
        "instruction address misaligned",
        "instruction access fault",
        "illegal instruction",
        "breakpoint",
        "load address misaligned",
        "load access fault",
        "store/AMO address misaligned",
        "store/AMO access fault",
        "environment call from U-mode",
        "environment call from S-mode",
        "reserved",
        "reserved",
        "instruction page fault",
        "load page fault",
        "reserved",
        "store/AMO page fault",
    };
    return scause < sizeof(text) / sizeof(text[0]) ? text[scause] : "exception";
}

static void vm_fault(const struct bs_spec *s, uint32_t pd)
{
    const struct bs_pd *p = &s->pds[pd];
    uint64_t addr = seL4_GetMR(seL4_VMFault_Addr);
    uint64_t scause = seL4_GetMR(seL4_VMFault_FSR);
    int instruction = seL4_GetMR(seL4_VMFault_PrefetchFault) != 0;
    mon_puts(instruction ? ": instruction fault" : ": data fault");
    mon_puts(" at address ");
    mon_puthex64(addr);
    mon_puts("\n");
    put_pc(s, pd, seL4_GetMR(seL4_VMFault_IP));
    line("scause ");
    mon_puthex(scause);
    mon_puts(": ");
    mon_puts(scause_text(scause));
    mon_puts(", stval ");
    mon_puthex64(addr);
    mon_puts("\n");
    if (p->stack_bottom >= 0x1000 && addr >= p->stack_bottom - 0x1000 && addr < p->stack_bottom) {
        line("potential stack overflow: the address is in the page below the stack (");
        mon_puthex(p->stack_bottom);
        mon_puts("..");
        mon_puthex(p->stack_top);
        mon_puts(")\n");
    }
}

static void user_exception(const struct bs_spec *s, uint32_t pd)
{
    uint64_t scause = seL4_GetMR(seL4_UserException_Number);
    user_exception_lines(s, pd, scause_text(scause), "scause ", scause);
    if (scause == 2 && (s->pds[pd].flags & BS_PD_FPU_DISABLED)) {
        line("an illegal instruction in a PD with fpu=\"false\" may be a floating point one: "
             "its thread runs with the FPU disabled (seL4_TCBFlag_fpuDisabled)\n");
    }
}

/* seL4_UserContext in order (libsel4 arch/riscv types.h). */
static const char *const fault_reg_names[] = {
    "pc", "ra", "sp", "gp",  "s0",  "s1", "s2", "s3", "s4", "s5", "s6",
    "s7", "s8", "s9", "s10", "s11", "a0", "a1", "a2", "a3", "a4", "a5",
    "a6", "a7", "t0", "t1",  "t2",  "t3", "t4", "t5", "t6", "tp",
};

#endif /* MONITOR_RISCV64_FAULT_ARCH_H */
