/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * linux_vmm: a VMM that boots an arm64 Linux Image (tests/boot/linux). The
 * system file puts the Image at guest-physical 0x40200000, the DTB at
 * 0x40000000 and an initrd after the Image, all through prefill_path; this
 * VMM starts vCPU 0 at the Image with x0 = the DTB (Linux's boot protocol)
 * and serves the exits:
 *   stage-2 faults   the PL011 at 0x9000000 (example/vmm/vmm_dev.c) and the
 *                    GIC distributor at 0x8000000 (gicd.c)
 *   hvc              PSCI 1.0 (version, features, system off and reset);
 *                    anything else: NOT_SUPPORTED
 *   wfi, wfe         stepped over
 *   VPPI event       the virtual timer, injected as IRQ 27
 *   VGIC maintenance the EOI of it: the PPI acknowledged
 */
#include <microkit.h>
#include "gicd.h"
#include "vmm_dev.h"

#define VCPU       0
#define KERNEL_GPA 0x40200000ul
#define DTB_GPA    0x40000000ul
#define UART_GPA   0x09000000ul
#define GICD_GPA   0x08000000ul
#define VTIMER_PPI 27
#define SCTLR_OFF  0x30d00800ul
#define SPSR_EL1H  0x3c5ul
#define UCTX_WORDS (sizeof(seL4_UserContext) / sizeof(seL4_Word))

#define PSCI_VERSION         0x84000000ul
#define PSCI_CPU_OFF         0x84000002ul
#define PSCI_MIGRATE_INFO    0x84000006ul
#define PSCI_SYSTEM_OFF      0x84000008ul
#define PSCI_SYSTEM_RESET    0x84000009ul
#define PSCI_FEATURES        0x8400000aul
#define PSCI_NOT_SUPPORTED   ((seL4_Word)-1)
#define PSCI_TOS_NOT_PRESENT 2

static struct vmm_pl011 uart;
static struct gicd gicd;
static unsigned long timer_irqs;

static void put_hex(seL4_Word x)
{
    static const char digits[] = "0123456789abcdef";
    int shift = 60;
    microkit_dbg_puts("0x");
    while (shift > 0 && ((x >> shift) & 0xf) == 0) {
        shift -= 4;
    }
    for (; shift >= 0; shift -= 4) {
        microkit_dbg_putc(digits[(x >> shift) & 0xf]);
    }
}

static void uart_out(char c)
{
    microkit_dbg_putc(c);
}

static seL4_Bool regs(seL4_UserContext *ctx, seL4_Bool write)
{
    seL4_Error err =
        write ? seL4_TCB_WriteRegisters(BASE_VM_TCB_CAP + VCPU, seL4_False, 0, UCTX_WORDS, ctx)
              : seL4_TCB_ReadRegisters(BASE_VM_TCB_CAP + VCPU, seL4_False, 0, UCTX_WORDS, ctx);
    return err == seL4_NoError;
}

static seL4_Bool stop(const char *why, seL4_Word what)
{
    microkit_dbg_puts("\nlinux_vmm: ");
    microkit_dbg_puts(why);
    put_hex(what);
    microkit_dbg_puts(": vcpu stopped\n");
    microkit_vcpu_stop(VCPU);
    return seL4_False;
}

static seL4_Bool mmio(seL4_Word addr, seL4_Word esr, seL4_Word ip)
{
    struct vmm_access a;
    if (vmm_decode_abort(esr, &a) != 0) {
        microkit_dbg_puts("\nlinux_vmm: pc ");
        put_hex(ip);
        return stop("data abort without a syndrome at ", addr);
    }
    seL4_UserContext ctx;
    if (!regs(&ctx, seL4_False)) {
        return seL4_False;
    }
    int slot = vmm_ctx_index(a.reg);
    seL4_Word *r = slot >= 0 ? (seL4_Word *)&ctx + slot : 0;
    uint64_t v = a.write && r ? vmm_store_value(&a, *r) : 0;
    if (vmm_pl011_covers(&uart, addr)) {
        if (vmm_pl011_access(&uart, addr, &a, &v) != 0) {
            return stop("wide PL011 access at ", addr);
        }
    } else if (gicd_covers(&gicd, addr)) {
        gicd_access(&gicd, addr, a.size, a.write, &v);
    } else {
        microkit_dbg_puts("\nlinux_vmm: pc ");
        put_hex(ip);
        return stop("stage-2 fault on an address nothing emulates: ", addr);
    }
    if (!a.write && r) {
        *r = vmm_load_value(&a, v);
    }
    ctx.pc += vmm_esr_insn_len(esr);
    return regs(&ctx, seL4_True);
}

static seL4_Word psci(seL4_Word fn, seL4_Word arg)
{
    switch (fn) {
    case PSCI_VERSION:
        return 0x10000; /* 1.0 */
    case PSCI_MIGRATE_INFO:
        return PSCI_TOS_NOT_PRESENT;
    case PSCI_FEATURES:
        return arg == PSCI_VERSION || arg == PSCI_SYSTEM_OFF || arg == PSCI_SYSTEM_RESET
                   ? 0
                   : PSCI_NOT_SUPPORTED;
    default:
        return PSCI_NOT_SUPPORTED;
    }
}

/* An hvc (an unknown syscall to seL4): a PSCI call. */
static seL4_Bool hvc(seL4_Word x0, seL4_Word x1)
{
    if (x0 == PSCI_SYSTEM_OFF || x0 == PSCI_SYSTEM_RESET || x0 == PSCI_CPU_OFF) {
        microkit_dbg_puts("\nlinux_vmm: guest PSCI ");
        microkit_dbg_puts(x0 == PSCI_SYSTEM_OFF ? "SYSTEM_OFF"
                          : x0 == PSCI_CPU_OFF  ? "CPU_OFF"
                                                : "SYSTEM_RESET");
        microkit_dbg_puts(" after ");
        microkit_dbg_put32((seL4_Uint32)timer_irqs);
        microkit_dbg_puts(" timer interrupts; vcpu stopped\n");
        microkit_vcpu_stop(VCPU);
        return seL4_False;
    }
    seL4_UserContext ctx;
    if (!regs(&ctx, seL4_False)) {
        return seL4_False;
    }
    ctx.x0 = psci(x0, x1);
    ctx.pc += 4; /* FaultIP is the hvc itself */
    return regs(&ctx, seL4_True);
}

static seL4_Bool vcpu_fault(seL4_Word hsr)
{
    seL4_UserContext ctx;
    switch (vmm_esr_class(hsr)) {
    case VMM_EC_WFX:
        break;
    case VMM_EC_SMC64:
        if (!regs(&ctx, seL4_False)) {
            return seL4_False;
        }
        ctx.x0 = PSCI_NOT_SUPPORTED;
        ctx.pc += 4;
        return regs(&ctx, seL4_True);
    default:
        return stop("vcpu fault, syndrome ", hsr);
    }
    if (!regs(&ctx, seL4_False)) {
        return seL4_False;
    }
    ctx.pc += vmm_esr_insn_len(hsr);
    return regs(&ctx, seL4_True);
}

seL4_Bool fault(microkit_child child, microkit_msginfo msginfo, microkit_msginfo *reply_msginfo)
{
    seL4_Word mr0 = microkit_mr_get(0), mr1 = microkit_mr_get(1), mr3 = microkit_mr_get(3);
    *reply_msginfo = microkit_msginfo_new(0, 0);
    switch (microkit_msginfo_get_label(msginfo)) {
    case seL4_Fault_VMFault:
        return mmio(mr1, mr3, mr0);
    case seL4_Fault_UnknownSyscall:
        return hvc(mr0, mr1);
    case seL4_Fault_VCPUFault:
        return vcpu_fault(mr0);
    case seL4_Fault_VPPIEvent:
        timer_irqs++;
        microkit_vcpu_arm_inject_irq(child, (seL4_Uint16)mr0, 0, 0, 0);
        return seL4_True;
    case seL4_Fault_VGICMaintenance:
        microkit_vcpu_arm_ack_vppi(child, VTIMER_PPI);
        return seL4_True;
    default:
        return stop("fault with label ", microkit_msginfo_get_label(msginfo));
    }
}

void init(void)
{
    vmm_pl011_init(&uart, UART_GPA, uart_out);
    gicd_init(&gicd, GICD_GPA);
    microkit_vcpu_arm_write_reg(VCPU, seL4_VCPUReg_SCTLR, SCTLR_OFF);
    seL4_UserContext ctx;
    if (!regs(&ctx, seL4_False)) {
        return;
    }
    ctx.pc = KERNEL_GPA;
    ctx.spsr = SPSR_EL1H;
    ctx.x0 = DTB_GPA;
    ctx.x1 = ctx.x2 = ctx.x3 = 0;
    if (!regs(&ctx, seL4_True)) {
        return;
    }
    microkit_dbg_puts("linux_vmm: starting Linux at ");
    put_hex(KERNEL_GPA);
    microkit_dbg_puts(", DTB at ");
    put_hex(DTB_GPA);
    microkit_dbg_puts("\n");
    microkit_vcpu_restart(VCPU, KERNEL_GPA);
}

void notified(microkit_channel ch)
{
}
