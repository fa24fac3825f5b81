/* SPDX-License-Identifier: BSD-2-Clause */
#include "fault.h"
#include "backtrace.h"
#include "print.h"
#include "symbol.h"

#ifndef CONFIG_ARCH_RISCV
/* Exception classes of ESR_ELx that user code can cause. */
#define EC_UNKNOWN       0x00
#define EC_FP_ACCESS     0x07
#define EC_ILLEGAL_STATE 0x0e
#define EC_SYSREG        0x18
#define EC_INST_ABORT    0x20
#define EC_PC_ALIGN      0x22
#define EC_DATA_ABORT    0x24
#define EC_SP_ALIGN      0x26
#define EC_FP            0x2c
#define EC_BRK           0x3c
#endif

static const struct {
    seL4_Word label;
    const char *kind;
} kinds[] = {
    {seL4_Fault_CapFault, "cap fault"},
    {seL4_Fault_UnknownSyscall, "unknown syscall"},
    {seL4_Fault_UserException, "user exception"},
#ifdef CONFIG_HARDWARE_DEBUG_API
    {seL4_Fault_DebugException, "debug exception"},
#endif
    {seL4_Fault_Timeout, "timeout"},
    {seL4_Fault_VMFault, "VM fault"},
    {seL4_Fault_VGICMaintenance, "VGIC maintenance"},
    {seL4_Fault_VCPUFault, "VCPU fault"},
    {seL4_Fault_VPPIEvent, "VPPI event"},
};

const char *fault_kind(seL4_Word label)
{
    for (unsigned i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        if (kinds[i].label == label) {
            return kinds[i].kind;
        }
    }
    return "unknown fault";
}

const char *fault_symbol(const struct bs_spec *s, uint32_t pd, uint64_t addr, uint64_t *offset)
{
    const struct bs_pd *p = &s->pds[pd];
    const struct bs_symbol *syms = &s->symbols[p->first_symbol];
    int32_t i = symbol_index(syms, p->num_symbols, addr);
    if (i < 0) {
        return 0;
    }
    *offset = addr - syms[i].addr;
    return bs_str(s, syms[i].name);
}

static void line(const char *text)
{
    mon_error("  ");
    mon_puts(text);
}

static void put_pc(const struct bs_spec *s, uint32_t pd, uint64_t pc)
{
    uint64_t off;
    const char *fn = fault_symbol(s, pd, pc, &off);
    line("pc ");
    mon_puthex64(pc);
    if (fn) {
        mon_puts(" (in ");
        mon_puts(fn);
        mon_puts("+");
        mon_puthex(off);
        mon_puts(")");
    }
    mon_puts("\n");
}

/*
 * A user exception's two lines, the same on every architecture: what it
 * is and where, then the cause register `reg` (ESR, scause), code and sp.
 */
static void user_exception_lines(const struct bs_spec *s, uint32_t pd, const char *what,
                                 const char *reg, uint64_t cause)
{
    mon_puts(": ");
    mon_puts(what);
    mon_puts("\n");
    put_pc(s, pd, seL4_GetMR(seL4_UserException_FaultIP));
    line(reg);
    mon_puthex(cause);
    mon_puts(" code ");
    mon_puthex(seL4_GetMR(seL4_UserException_Code));
    mon_puts(" sp ");
    mon_puthex64(seL4_GetMR(seL4_UserException_SP));
    mon_puts("\n");
}

#ifdef CONFIG_ARCH_RISCV
#include "riscv64/fault_arch.h"
#else
static const char *status_text(unsigned fsc)
{
    switch (fsc >> 2) {
    case 0:
        return "address size fault";
    case 1:
        return "translation fault";
    case 2:
        return "access flag fault";
    case 3:
        return "permission fault";
    default:
        break;
    }
    if (fsc == 0x10) {
        return "synchronous external abort";
    }
    if (fsc == 0x21) {
        return "alignment fault";
    }
    return "other fault";
}

static void put_fsr(uint64_t fsr, int instruction)
{
    unsigned fsc = fsr & 0x3f;
    line("fsr ");
    mon_puthex(fsr);
    mon_puts(": ");
    mon_puts(status_text(fsc));
    if (fsc < 0x10) {
        mon_puts(", level ");
        mon_putdec(fsc & 3);
    }
    if (!instruction) {
        mon_puts((fsr & (1u << 6)) ? ", write" : ", read");
    }
    mon_puts("\n");
}

static void vm_fault(const struct bs_spec *s, uint32_t pd)
{
    const struct bs_pd *p = &s->pds[pd];
    uint64_t addr = seL4_GetMR(seL4_VMFault_Addr);
    int instruction = seL4_GetMR(seL4_VMFault_PrefetchFault) != 0;
    mon_puts(instruction ? ": instruction abort" : ": data abort");
    mon_puts(" at address ");
    mon_puthex64(addr);
    mon_puts("\n");
    put_pc(s, pd, seL4_GetMR(seL4_VMFault_IP));
    put_fsr(seL4_GetMR(seL4_VMFault_FSR), instruction);
    fault_map_info(s, pd, addr, (seL4_GetMR(seL4_VMFault_FSR) >> 6) & 1, instruction);
    if (p->stack_bottom >= 0x1000 && addr >= p->stack_bottom - 0x1000 && addr < p->stack_bottom) {
        line("potential stack overflow: the address is in the page below the stack (");
        mon_puthex(p->stack_bottom);
        mon_puts("..");
        mon_puthex(p->stack_top);
        mon_puts(")\n");
    }
}

static const char *ec_text(unsigned ec)
{
    switch (ec) {
    case EC_UNKNOWN:
        return "undefined instruction";
    case EC_FP_ACCESS:
        return "trapped FPU/SIMD access";
    case EC_ILLEGAL_STATE:
        return "illegal execution state";
    case EC_SYSREG:
        return "trapped system register access";
    case EC_PC_ALIGN:
        return "pc alignment fault";
    case EC_SP_ALIGN:
        return "sp alignment fault";
    case EC_FP:
        return "floating point exception";
    case EC_BRK:
        return "breakpoint instruction (brk)";
    default:
        return "exception";
    }
}

/*
 * A thread with seL4_TCBFlag_fpuDisabled that touches the FPU traps with
 * EC 0x07: a user exception on an EL1 kernel, a VCPU fault (the ESR as its
 * HSR) on a hypervisor kernel, which routes every other trap that way.
 */
static void fpu_note(const struct bs_spec *s, uint32_t pd, uint64_t esr)
{
    if (((esr >> 26) & 0x3f) == EC_FP_ACCESS && (s->pds[pd].flags & BS_PD_FPU_DISABLED)) {
        line("the PD touched the FPU with fpu=\"false\": its thread runs with the FPU disabled "
             "(seL4_TCBFlag_fpuDisabled); drop fpu=\"false\" or keep floating point and SIMD "
             "out of the program\n");
    }
}

static void user_exception(const struct bs_spec *s, uint32_t pd)
{
    uint64_t esr = seL4_GetMR(seL4_UserException_Number);
    user_exception_lines(s, pd, ec_text((unsigned)(esr >> 26) & 0x3f), "esr ", esr);
    fpu_note(s, pd, esr);
}

#endif /* CONFIG_ARCH_RISCV */

static void cap_fault(const struct bs_spec *s, uint32_t pd)
{
    static const char *const lookup[] = {"no failure", "invalid root", "missing capability",
                                         "depth mismatch", "guard mismatch"};
    seL4_Word type = seL4_GetMR(seL4_CapFault_LookupFailureType);
    mon_puts(": cap address ");
    mon_puthex(seL4_GetMR(seL4_CapFault_Addr));
    mon_puts(seL4_GetMR(seL4_CapFault_InRecvPhase) ? " (receive phase), " : ", ");
    mon_puts(type < 5 ? lookup[type] : "unknown lookup failure");
    mon_puts("\n");
    put_pc(s, pd, seL4_GetMR(seL4_CapFault_IP));
}

/* Details of the fault message; kinds without a pc in the message use the registers'. */
static void details(const struct bs_spec *s, uint32_t pd, seL4_Word label, uint64_t reg_pc)
{
    switch (label) {
    case seL4_Fault_VMFault:
        vm_fault(s, pd);
        return;
    case seL4_Fault_UserException:
        user_exception(s, pd);
        return;
    case seL4_Fault_CapFault:
        cap_fault(s, pd);
        return;
    case seL4_Fault_UnknownSyscall:
        mon_puts(": number ");
        mon_putdec(seL4_GetMR(seL4_UnknownSyscall_Syscall));
        mon_puts("\n");
        put_pc(s, pd, seL4_GetMR(seL4_UnknownSyscall_FaultIP));
        return;
#ifndef CONFIG_ARCH_RISCV
    case seL4_Fault_VCPUFault: {
        uint64_t hsr = seL4_GetMR(seL4_VCPUFault_HSR);
        mon_puts(": hsr ");
        mon_puthex(hsr);
        mon_puts(" (");
        mon_puts(ec_text((unsigned)(hsr >> 26) & 0x3f));
        mon_puts(")\n");
        put_pc(s, pd, reg_pc);
        fpu_note(s, pd, hsr);
        return;
    }
#endif
    case seL4_Fault_Timeout:
        mon_puts(": scheduling context badge ");
        mon_puthex(seL4_GetMR(seL4_Timeout_Data));
        break;
    default:
        break;
    }
    mon_puts("\n");
    put_pc(s, pd, reg_pc);
}

static void registers(const seL4_UserContext *regs)
{
#ifdef CONFIG_ARCH_RISCV
    const char *const *names = fault_reg_names;
    const unsigned count = sizeof(fault_reg_names) / sizeof(fault_reg_names[0]);
#else
    const unsigned count = 36;
    static const char *const names[] = {
        "pc",  "sp",  "spsr", "x0",  "x1",  "x2",  "x3",  "x4",        "x5",
        "x6",  "x7",  "x8",   "x16", "x17", "x18", "x29", "x30",       "x9",
        "x10", "x11", "x12",  "x13", "x14", "x15", "x19", "x20",       "x21",
        "x22", "x23", "x24",  "x25", "x26", "x27", "x28", "tpidr_el0", "tpidrro_el0",
    };
#endif
    const seL4_Word *w = (const seL4_Word *)regs;
    line("registers:\n");
    for (unsigned i = 0; i < count; i++) {
        if (i % 3 == 0) {
            line("  ");
        }
        mon_puts(names[i]);
        mon_puts(" ");
        mon_puthex64(w[i]);
        mon_puts(i % 3 == 2 || i + 1 == count ? "\n" : "  ");
    }
}

static void print_fault(const struct boot *b, uint32_t pd, seL4_Word label)
{
    const struct bs_spec *s = b->spec;
    seL4_UserContext regs = {0};
    /* The reply to ReadRegisters overwrites the fault message: keep it aside. */
    seL4_Word mrs[seL4_UnknownSyscall_Length];
    for (int i = 0; i < seL4_UnknownSyscall_Length; i++) {
        mrs[i] = seL4_GetMR(i);
    }
    seL4_Error err = seL4_TCB_ReadRegisters(boot_cap(b, s->pds[pd].tcb), seL4_False, 0,
                                            sizeof(regs) / sizeof(seL4_Word), &regs);
    for (int i = 0; i < seL4_UnknownSyscall_Length; i++) {
        seL4_SetMR(i, mrs[i]);
    }
    mon_error("PD '");
    mon_puts(bs_str(s, s->pds[pd].name));
    mon_puts("' faulted: ");
    mon_puts(fault_kind(label));
    details(s, pd, label, regs.pc);
    if (err == seL4_NoError) {
        fault_backtrace(b, pd, &regs);
        registers(&regs);
    }
}

static void become_passive(const struct boot *b, uint32_t pd)
{
    const struct bs_pd *p = &b->spec->pds[pd];
    seL4_CPtr sc = boot_cap(b, p->sched_context);
    seL4_Error err = seL4_SchedContext_UnbindObject(sc, boot_cap(b, p->tcb));
    if (boot_check(b, err, "unbinding the thread from", p->sched_context) != 0) {
        return;
    }
    if (p->notification != BS_NONE) {
        err = seL4_SchedContext_Bind(sc, boot_cap(b, p->notification));
        if (boot_check(b, err, "binding the notification to", p->sched_context) != 0) {
            return;
        }
    }
    mon_info("PD '");
    mon_puts(bs_str(b->spec, p->name));
    mon_puts("' is now passive!\n");
}

void fault_handle(const struct boot *b, seL4_Word badge, seL4_MessageInfo_t tag)
{
    const struct bs_spec *s = b->spec;
    seL4_Word label = seL4_MessageInfo_get_label(tag);
    if (badge == 0 || badge > s->hdr->num_pds) {
        mon_error("message with unknown badge ");
        mon_puthex(badge);
        mon_puts(" on the fault endpoint (label ");
        mon_puthex(label);
        mon_puts(")\n");
        return;
    }
    uint32_t pd = (uint32_t)(badge - 1);
    if (label == seL4_Fault_NullFault && seL4_MessageInfo_get_length(tag) == 0 &&
        (s->pds[pd].flags & BS_PD_PASSIVE)) {
        become_passive(b, pd);
        return;
    }
    print_fault(b, pd, label);
    /*
     * Not replying leaves the thread blocked, but its pending reply would
     * stay on the monitor's reply object and the next receive would have
     * to cancel it (with a kernel warning). Suspending the thread drops
     * the reply cleanly and keeps the thread stopped, as intended.
     */
    boot_check(b, seL4_TCB_Suspend(boot_cap(b, s->pds[pd].tcb)), "suspending", s->pds[pd].tcb);
}

void fault_loop(const struct boot *b)
{
    seL4_CPtr ep = boot_cap(b, b->spec->hdr->monitor_fault_ep);
    seL4_CPtr reply = boot_cap(b, b->spec->hdr->monitor_reply);
    for (;;) {
        seL4_Word badge = 0;
        seL4_MessageInfo_t tag = seL4_Recv(ep, &badge, reply);
        fault_handle(b, badge, tag);
    }
}
