/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * microkit.h: the programming interface of a protection domain (PD),
 * compatible with seL4 Microkit 2.0.1.
 *
 * A PD provides the entry points below and links with libmicrokit.a, which
 * supplies main(): it calls init() once, then waits for events forever and
 * dispatches each one:
 *   - a notification (or IRQ) on channel ch      -> notified(ch), once per
 *     channel whose bit is set, lowest channel first;
 *   - a protected procedure call on channel ch   -> protected(ch, msginfo),
 *     whose result is the reply;
 *   - a fault of child PD (or vCPU) `child`      -> fault(child, msginfo,
 *     &reply); the child is resumed with `reply` if fault() returns true.
 * Entry points never run concurrently within one PD.
 *
 * Channel ids run from 0 to MICROKIT_MAX_CHANNEL_ID. Calls naming a channel
 * the system description does not give this PD print an error naming the PD
 * and do nothing.
 */
#ifndef MICROKIT_H
#define MICROKIT_H

#include <sel4/sel4.h>
#include <sdk/limits.h>

typedef unsigned int microkit_channel;
typedef unsigned int microkit_child;
typedef seL4_MessageInfo_t microkit_msginfo;

/* Cap slots of a PD (same numbers as Microkit). */
#define MICROKIT_INPUT_CAP           SDK_CAP_INPUT
#define MICROKIT_REPLY_CAP           SDK_CAP_REPLY
#define MONITOR_EP                   SDK_CAP_MONITOR_EP
#define TCB_CAP                      SDK_CAP_TCB
#define ARM_SMC_CAP                  SDK_CAP_SMC
#define BASE_OUTPUT_NOTIFICATION_CAP SDK_CAP_BASE_NOTIFICATION
#define BASE_ENDPOINT_CAP            SDK_CAP_BASE_ENDPOINT
#define BASE_IRQ_CAP                 SDK_CAP_BASE_IRQ
#define BASE_TCB_CAP                 SDK_CAP_BASE_TCB
#define BASE_VM_TCB_CAP              SDK_CAP_BASE_VM_TCB
#define BASE_VCPU_CAP                SDK_CAP_BASE_VCPU

/*
 * The CSpace root of a PD with a <cspace> (Microkit 2.3): 2^PD_ROOT_CAP_BITS
 * slots; slot 0 holds the CNode of the slots above, slot s the cap of the
 * <cspace> element with slot="s" (microkit_cspace_root_slot_to_cptr).
 */
#define PD_ROOT_CAP_BITS       SDK_PD_ROOT_CNODE_BITS
#define PD_ROOT_CAP_SIZE       (1ULL << PD_ROOT_CAP_BITS)
#define MICROKIT_MAX_USER_CAPS SDK_MAX_USER_CAPS

#define MICROKIT_MAX_CHANNELS   SDK_MAX_CHANNELS
#define MICROKIT_MAX_CHANNEL_ID SDK_MAX_CHANNEL_ID
#define MICROKIT_PD_NAME_LENGTH SDK_PD_NAME_LENGTH

/* Entry points. init and notified are required. */
void init(void);
void notified(microkit_channel ch);
/*
 * Optional (libmicrokit has weak defaults that print
 * "<name> is missing the '<entry>' entry point" and crash the PD).
 * protected: only needed by PDs that are the target of a pp channel end.
 * fault: only needed by PDs with child PDs or virtual machines.
 */
microkit_msginfo protected(microkit_channel ch, microkit_msginfo msginfo);
seL4_Bool fault(microkit_child child, microkit_msginfo msginfo, microkit_msginfo *reply_msginfo);

/*
 * Written into the PD's ELF file by the microkit tool: the PD name, whether
 * the PD is passive, and bit masks of the channel ids this PD may use for
 * IRQ acknowledgement, notification and protected calls.
 */
extern char microkit_name[MICROKIT_PD_NAME_LENGTH];
extern seL4_Bool microkit_passive;
extern seL4_Word microkit_irqs;
extern seL4_Word microkit_notifications;
extern seL4_Word microkit_pps;
/* The core the PD was placed on: its cpu attribute (microkit_cpu). */
extern seL4_Uint8 microkit_core;

/*
 * The core (seL4 node) this PD runs on: the SDF's cpu (0 when not given, and
 * always 0 in a single-core configuration). The tool patches it; the
 * monitor configures the PD's scheduling context with that core's
 * SchedControl cap, and on MCS a thread runs where its scheduling context
 * is, so it is where the PD's code runs, from init on. seL4 gives user
 * level no way to ask (MPIDR_EL1 is not readable at EL0 and seL4 exports
 * no copy); the kernel's own view is in seL4_DebugDumpScheduler's "Core"
 * column in a debug kernel, which tests/boot/multicore compares with this.
 * A passive PD runs its protected() on its caller's core.
 */
static inline seL4_Word microkit_cpu(void)
{
    return microkit_core;
}

/*
 * The pending deferred signal: sent on its own before the reply when the
 * event loop has a reply to send, else with the next receive.
 */
extern seL4_Bool microkit_have_signal;
extern seL4_CPtr microkit_signal_cap;
extern microkit_msginfo microkit_signal_msg;

/* Debug output; prints nothing unless the SDK config prints (debug). */
void microkit_dbg_putc(int c);
void microkit_dbg_puts(const char *s);
/* Print an unsigned number in decimal. */
void microkit_dbg_put8(seL4_Uint8 x);
void microkit_dbg_put32(seL4_Uint32 x);

/* Stop the PD with a fault whose address is `err` (so the monitor shows it). */
void microkit_internal_crash(seL4_Error err) __attribute__((noreturn));

static inline seL4_Bool microkit_internal_channel_ok(seL4_Word mask, microkit_channel ch,
                                                     const char *func)
{
    if (ch <= MICROKIT_MAX_CHANNEL_ID && (mask & (1ull << ch))) {
        return seL4_True;
    }
    microkit_dbg_puts(microkit_name);
    microkit_dbg_puts(" ");
    microkit_dbg_puts(func);
    microkit_dbg_puts(": invalid channel given '");
    microkit_dbg_put32(ch);
    microkit_dbg_puts("'\n");
    return seL4_False;
}

/* Signal the PD at the other end of channel ch. */
static inline void microkit_notify(microkit_channel ch)
{
    if (!microkit_internal_channel_ok(microkit_notifications, ch, "microkit_notify")) {
        return;
    }
    seL4_Signal(BASE_OUTPUT_NOTIFICATION_CAP + ch);
}

/* Acknowledge the IRQ delivered on channel ch so it can fire again. */
static inline void microkit_irq_ack(microkit_channel ch)
{
    if (!microkit_internal_channel_ok(microkit_irqs, ch, "microkit_irq_ack")) {
        return;
    }
    seL4_IRQHandler_Ack(BASE_IRQ_CAP + ch);
}

/*
 * Protected procedure call to the PD at the other end of channel ch; blocks
 * until it replies. Arguments and results travel in message registers.
 */
static inline microkit_msginfo microkit_ppcall(microkit_channel ch, microkit_msginfo msginfo)
{
    if (!microkit_internal_channel_ok(microkit_pps, ch, "microkit_ppcall")) {
        return seL4_MessageInfo_new(0, 0, 0, 0);
    }
    return seL4_Call(BASE_ENDPOINT_CAP + ch, msginfo);
}

/*
 * Deferred variants: the signal or acknowledgement is sent together with the
 * event loop's next receive, saving a system call. Only one can be pending;
 * a second call replaces the first.
 */
static inline void microkit_deferred_notify(microkit_channel ch)
{
    if (!microkit_internal_channel_ok(microkit_notifications, ch, "microkit_deferred_notify")) {
        return;
    }
    microkit_have_signal = seL4_True;
    microkit_signal_msg = seL4_MessageInfo_new(0, 0, 0, 0);
    microkit_signal_cap = BASE_OUTPUT_NOTIFICATION_CAP + ch;
}

static inline void microkit_deferred_irq_ack(microkit_channel ch)
{
    if (!microkit_internal_channel_ok(microkit_irqs, ch, "microkit_deferred_irq_ack")) {
        return;
    }
    microkit_have_signal = seL4_True;
    microkit_signal_msg = seL4_MessageInfo_new(IRQAckIRQ, 0, 0, 0);
    microkit_signal_cap = BASE_IRQ_CAP + ch;
}

/* Restart child PD `pd` at `entry_point` (e.g. its ELF entry, 0x200000). */
static inline void microkit_pd_restart(microkit_child pd, seL4_Word entry_point)
{
    seL4_UserContext ctxt;
    ctxt.pc = entry_point;
    seL4_Error err = seL4_TCB_WriteRegisters(BASE_TCB_CAP + pd, seL4_True, 0, 1, &ctxt);
    if (err != seL4_NoError) {
        microkit_dbg_puts("microkit_pd_restart: error writing TCB registers\n");
        microkit_internal_crash(err);
    }
}

/* Stop child PD `pd`; it stays suspended until restarted or resumed. */
static inline void microkit_pd_stop(microkit_child pd)
{
    seL4_Error err = seL4_TCB_Suspend(BASE_TCB_CAP + pd);
    if (err != seL4_NoError) {
        microkit_dbg_puts("microkit_pd_stop: error suspending TCB\n");
        microkit_internal_crash(err);
    }
}

/* Resume child PD `pd` after microkit_pd_stop, where it was stopped (2.3). */
static inline void microkit_pd_resume(microkit_child pd)
{
    seL4_Error err = seL4_TCB_Resume(BASE_TCB_CAP + pd);
    if (err != seL4_NoError) {
        microkit_dbg_puts("microkit_pd_resume: error resuming TCB\n");
        microkit_internal_crash(err);
    }
}

/*
 * The cptr of the cap a <cspace> element (cap_tcb, cap_sc, cap_vspace) puts
 * in slot `slot` of this PD's CSpace root, for seL4 calls (Microkit 2.3):
 * slot << (seL4_WordBits - PD_ROOT_CAP_BITS). seL4_CapNull for slot 0 (the
 * root's own CNode) and for slots the root does not have; the tool accepts
 * slot="1" to slot="63", as PD_ROOT_CAP_SIZE is 64 (MICROKIT_MAX_USER_CAPS,
 * 128, is the bound Microkit 2.3's parser applies).
 */
static inline seL4_CPtr microkit_cspace_root_slot_to_cptr(seL4_Word slot)
{
    if (slot == 0 || slot >= PD_ROOT_CAP_SIZE || slot >= MICROKIT_MAX_USER_CAPS) {
        return seL4_CapNull;
    }
    return slot << (seL4_WordBits - PD_ROOT_CAP_BITS);
}

static inline microkit_msginfo microkit_msginfo_new(seL4_Word label, seL4_Uint16 count)
{
    return seL4_MessageInfo_new(label, 0, 0, count);
}

static inline seL4_Word microkit_msginfo_get_label(microkit_msginfo msginfo)
{
    return seL4_MessageInfo_get_label(msginfo);
}

static inline seL4_Word microkit_msginfo_get_count(microkit_msginfo msginfo)
{
    return seL4_MessageInfo_get_length(msginfo);
}

static inline void microkit_mr_set(seL4_Uint8 mr, seL4_Word value)
{
    seL4_SetMR(mr, value);
}

static inline seL4_Word microkit_mr_get(seL4_Uint8 mr)
{
    return seL4_GetMR(mr);
}

#if defined(CONFIG_ARM_HYPERVISOR_SUPPORT)
/* Virtual CPUs of this PD's virtual machine, by vcpu id. */
static inline void microkit_vcpu_restart(microkit_child vcpu, seL4_Word entry_point)
{
    seL4_UserContext ctxt;
    ctxt.pc = entry_point;
    seL4_Error err = seL4_TCB_WriteRegisters(BASE_VM_TCB_CAP + vcpu, seL4_True, 0, 1, &ctxt);
    if (err != seL4_NoError) {
        microkit_dbg_puts("microkit_vcpu_restart: error writing registers\n");
        microkit_internal_crash(err);
    }
}

static inline void microkit_vcpu_stop(microkit_child vcpu)
{
    seL4_Error err = seL4_TCB_Suspend(BASE_VM_TCB_CAP + vcpu);
    if (err != seL4_NoError) {
        microkit_dbg_puts("microkit_vcpu_stop: error suspending TCB\n");
        microkit_internal_crash(err);
    }
}

static inline void microkit_vcpu_arm_inject_irq(microkit_child vcpu, seL4_Uint16 irq,
                                                seL4_Uint8 priority, seL4_Uint8 group,
                                                seL4_Uint8 index)
{
    seL4_Error err = seL4_ARM_VCPU_InjectIRQ(BASE_VCPU_CAP + vcpu, irq, priority, group, index);
    if (err != seL4_NoError) {
        microkit_dbg_puts("microkit_vcpu_arm_inject_irq: error injecting IRQ\n");
        microkit_internal_crash(err);
    }
}

static inline void microkit_vcpu_arm_ack_vppi(microkit_child vcpu, seL4_Word irq)
{
    seL4_Error err = seL4_ARM_VCPU_AckVPPI(BASE_VCPU_CAP + vcpu, irq);
    if (err != seL4_NoError) {
        microkit_dbg_puts("microkit_vcpu_arm_ack_vppi: error acknowledging VPPI\n");
        microkit_internal_crash(err);
    }
}

static inline seL4_Word microkit_vcpu_arm_read_reg(microkit_child vcpu, seL4_Word reg)
{
    seL4_ARM_VCPU_ReadRegs_t ret = seL4_ARM_VCPU_ReadRegs(BASE_VCPU_CAP + vcpu, reg);
    if (ret.error != seL4_NoError) {
        microkit_dbg_puts("microkit_vcpu_arm_read_reg: error reading vCPU register\n");
        microkit_internal_crash((seL4_Error)ret.error);
    }
    return ret.value;
}

static inline void microkit_vcpu_arm_write_reg(microkit_child vcpu, seL4_Word reg, seL4_Word value)
{
    seL4_Error err = seL4_ARM_VCPU_WriteRegs(BASE_VCPU_CAP + vcpu, reg, value);
    if (err != seL4_NoError) {
        microkit_dbg_puts("microkit_vcpu_arm_write_reg: error writing vCPU register\n");
        microkit_internal_crash(err);
    }
}
#endif

#if defined(CONFIG_ALLOW_SMC_CALLS)
/* Forward a Secure Monitor Call; the PD needs smc="true" in the system description. */
static inline void microkit_arm_smc_call(seL4_ARM_SMCContext *args, seL4_ARM_SMCContext *response)
{
    seL4_Error err = seL4_ARM_SMC_Call(ARM_SMC_CAP, args, response);
    if (err != seL4_NoError) {
        microkit_dbg_puts("microkit_arm_smc_call: error making SMC call\n");
        microkit_internal_crash(err);
    }
}
#endif

#endif /* MICROKIT_H */
