/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * vmm: the virtual machine monitor of the `guest` VM (vmm.system). It
 * starts vCPU 0 at the guest's entry point at EL1, and then serves the
 * guest's exits, which seL4 delivers as faults of the vCPU to fault():
 *
 *   VM fault (stage-2 data abort)  the guest touched the PL011 at 0x9000000,
 *                                  which is not mapped: decode the access
 *                                  from the syndrome, perform it on the
 *                                  model (vmm_dev.c), step over the insn
 *   VPPI event                     the virtual timer fired while the vCPU
 *                                  ran: inject it as virtual IRQ 27
 *   VGIC maintenance               the guest finished with the IRQ (EOI):
 *                                  unmask the timer's PPI again
 *   vCPU fault, WFI                step over it (the guest waits for a tick)
 *   unknown syscall                the guest's hvc (seL4 takes hvc for a
 *                                  system call): x0 = 0, the guest is done:
 *                                  stop the vCPU
 *
 * Replying (returning true) resumes the vCPU.
 */
#include <microkit.h>
#include "vmm_dev.h"

#define GUEST_VCPU  0
#define GUEST_ENTRY 0x40000000ul
#define UART_GPA    0x09000000ul
#define VTIMER_PPI  27
/* SCTLR_EL1 with the MMU and caches off (its RES1 bits only). */
#define SCTLR_EL1_OFF 0x30d00800ul
/* SPSR for EL1h with D, A, I, F masked. */
#define SPSR_EL1H_MASKED 0x3c5ul
#define UCTX_WORDS       (sizeof(seL4_UserContext) / sizeof(seL4_Word))

static struct vmm_pl011 uart;
static char line[128];
static unsigned line_len;
static unsigned injected;
static seL4_Bool uart_seen, wfi_seen, eoi_seen;

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

/* The guest's UART output, a line at a time (so it never splits one of ours). */
static void uart_out(char c)
{
    line[line_len++] = c;
    if (c == '\n' || line_len == sizeof(line) - 1) {
        line[line_len] = '\0';
        microkit_dbg_puts(line);
        line_len = 0;
    }
}

static seL4_Word *ctx_word(seL4_UserContext *ctx, unsigned i)
{
    return (seL4_Word *)ctx + i;
}

static seL4_Error read_ctx(microkit_child vcpu, seL4_UserContext *ctx)
{
    return seL4_TCB_ReadRegisters(BASE_VM_TCB_CAP + vcpu, seL4_False, 0, UCTX_WORDS, ctx);
}

static seL4_Error write_ctx(microkit_child vcpu, seL4_UserContext *ctx)
{
    return seL4_TCB_WriteRegisters(BASE_VM_TCB_CAP + vcpu, seL4_False, 0, UCTX_WORDS, ctx);
}

/* Move the vCPU past the instruction that trapped (`len` bytes). */
static seL4_Bool step_over(microkit_child vcpu, unsigned len)
{
    seL4_UserContext ctx;
    if (read_ctx(vcpu, &ctx) != seL4_NoError) {
        return seL4_False;
    }
    ctx.pc += len;
    return write_ctx(vcpu, &ctx) == seL4_NoError;
}

static void say_access(seL4_Word addr, const struct vmm_access *a)
{
    microkit_dbg_puts("vmm: stage-2 fault at ");
    put_hex(addr);
    microkit_dbg_puts(a->write ? " (write, " : " (read, ");
    microkit_dbg_put32(a->size);
    microkit_dbg_puts(" bytes): the PL011 is emulated here\n");
}

/* A stage-2 data abort: perform the access on the UART model. */
static seL4_Bool handle_mmio(microkit_child vcpu, seL4_Word addr, seL4_Word esr)
{
    struct vmm_access a;
    if (vmm_decode_abort(esr, &a) != 0 || !vmm_pl011_covers(&uart, addr)) {
        microkit_dbg_puts("vmm: stage-2 fault at ");
        put_hex(addr);
        microkit_dbg_puts(" (esr ");
        put_hex(esr);
        microkit_dbg_puts(") is not emulated: vcpu stopped\n");
        microkit_vcpu_stop(vcpu);
        return seL4_False;
    }
    if (!uart_seen) {
        uart_seen = seL4_True;
        say_access(addr, &a);
    }
    seL4_UserContext ctx;
    if (read_ctx(vcpu, &ctx) != seL4_NoError) {
        return seL4_False;
    }
    int slot = vmm_ctx_index(a.reg);
    uint64_t v = a.write && slot >= 0 ? vmm_store_value(&a, *ctx_word(&ctx, (unsigned)slot)) : 0;
    if (vmm_pl011_access(&uart, addr, &a, &v) != 0) {
        return seL4_False;
    }
    if (!a.write && slot >= 0) {
        *ctx_word(&ctx, (unsigned)slot) = vmm_load_value(&a, v);
    }
    ctx.pc += vmm_esr_insn_len(esr);
    return write_ctx(vcpu, &ctx) == seL4_NoError;
}

/*
 * The guest's hvc: seL4 delivers it as an unknown syscall (the guest's x7 is
 * the syscall number), with x0..x7 in the message. x0 = 0: the guest is
 * done; x0 = 1: it took an unexpected exception (x1 ESR_EL1, x2 ELR_EL1).
 */
static seL4_Bool handle_hvc(microkit_child vcpu, seL4_Word x0, seL4_Word x1, seL4_Word x2)
{
    microkit_dbg_puts("vmm: guest called hvc with x0 = ");
    microkit_dbg_put32((seL4_Uint32)x0);
    if (x0 == 1) {
        microkit_dbg_puts(" (unexpected exception: esr ");
        put_hex(x1);
        microkit_dbg_puts(", elr ");
        put_hex(x2);
        microkit_dbg_puts(")");
    }
    microkit_dbg_puts(" after ");
    microkit_dbg_put32(injected);
    microkit_dbg_puts(" timer interrupts and ");
    microkit_dbg_put32((seL4_Uint32)uart.bytes);
    microkit_dbg_puts(" UART bytes; vcpu stopped\n");
    microkit_vcpu_stop(vcpu);
    return seL4_False;
}

static seL4_Bool stop(microkit_child vcpu, const char *what, seL4_Word detail)
{
    microkit_dbg_puts("vmm: ");
    microkit_dbg_puts(what);
    put_hex(detail);
    microkit_dbg_puts(", not handled: vcpu stopped\n");
    /* Suspending the vCPU also drops the reply we do not send. */
    microkit_vcpu_stop(vcpu);
    return seL4_False;
}

/* WFI, SMC and the rest: seL4's vCPU fault, with the syndrome (HSR). */
static seL4_Bool handle_vcpu_fault(microkit_child vcpu, seL4_Word hsr)
{
    if (vmm_esr_class(hsr) == VMM_EC_WFX) {
        if (!wfi_seen) {
            wfi_seen = seL4_True;
            microkit_dbg_puts("vmm: the guest waits in wfi (trapped): stepping over it\n");
        }
        return step_over(vcpu, vmm_esr_insn_len(hsr));
    }
    return stop(vcpu, "vcpu fault, syndrome ", hsr);
}

/* The virtual timer fired: make it the guest's virtual IRQ 27. */
static seL4_Bool handle_vppi(microkit_child vcpu, seL4_Word irq)
{
    injected++;
    microkit_dbg_puts("vmm: virtual timer (ppi ");
    microkit_dbg_put32((seL4_Uint32)irq);
    microkit_dbg_puts(") fired, injecting irq ");
    microkit_dbg_put32((seL4_Uint32)irq);
    microkit_dbg_puts(" (");
    microkit_dbg_put32(injected);
    microkit_dbg_puts(")\n");
    microkit_vcpu_arm_inject_irq(vcpu, (seL4_Uint16)irq, 0, 0, 0);
    return seL4_True;
}

/* The guest's EOI freed list register `lr`: let the timer's PPI through again. */
static seL4_Bool handle_eoi(microkit_child vcpu, seL4_Word lr)
{
    if (!eoi_seen) {
        eoi_seen = seL4_True;
        microkit_dbg_puts("vmm: vgic maintenance (the guest's eoi, list register ");
        microkit_dbg_put32((seL4_Uint32)lr);
        microkit_dbg_puts("): acknowledging ppi 27\n");
    }
    microkit_vcpu_arm_ack_vppi(vcpu, VTIMER_PPI);
    return seL4_True;
}

seL4_Bool fault(microkit_child child, microkit_msginfo msginfo, microkit_msginfo *reply_msginfo)
{
    /* Read the message first: the calls below reuse the IPC buffer. */
    seL4_Word mr0 = microkit_mr_get(0), mr1 = microkit_mr_get(1), mr2 = microkit_mr_get(2);
    seL4_Word mr3 = microkit_mr_get(3);
    *reply_msginfo = microkit_msginfo_new(0, 0);
    switch (microkit_msginfo_get_label(msginfo)) {
    case seL4_Fault_VMFault:
        return handle_mmio(child, mr1 /* Addr */, mr3 /* FSR */);
    case seL4_Fault_UnknownSyscall:
        return handle_hvc(child, mr0 /* x0 */, mr1, mr2);
    case seL4_Fault_VCPUFault:
        return handle_vcpu_fault(child, mr0 /* HSR */);
    case seL4_Fault_VPPIEvent:
        return handle_vppi(child, mr0 /* IRQ */);
    case seL4_Fault_VGICMaintenance:
        return handle_eoi(child, mr0);
    default:
        return stop(child, "fault with label ", microkit_msginfo_get_label(msginfo));
    }
}

void init(void)
{
    vmm_pl011_init(&uart, UART_GPA, uart_out);
    microkit_vcpu_arm_write_reg(GUEST_VCPU, seL4_VCPUReg_SCTLR, SCTLR_EL1_OFF);
    seL4_UserContext ctx;
    if (read_ctx(GUEST_VCPU, &ctx) != seL4_NoError) {
        microkit_dbg_puts("vmm: cannot read the registers of vcpu 0\n");
        return;
    }
    ctx.pc = GUEST_ENTRY;
    ctx.spsr = SPSR_EL1H_MASKED;
    if (write_ctx(GUEST_VCPU, &ctx) != seL4_NoError) {
        microkit_dbg_puts("vmm: cannot set the registers of vcpu 0\n");
        return;
    }
    microkit_dbg_puts("vmm: vcpu 0: SCTLR_EL1 ");
    put_hex(microkit_vcpu_arm_read_reg(GUEST_VCPU, seL4_VCPUReg_SCTLR));
    microkit_dbg_puts(" (MMU off), starting the guest at ");
    put_hex(GUEST_ENTRY);
    microkit_dbg_puts(" in EL1h\n");
    microkit_vcpu_restart(GUEST_VCPU, GUEST_ENTRY);
}

void notified(microkit_channel ch)
{
}
