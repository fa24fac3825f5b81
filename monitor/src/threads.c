/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Stage 6: configure every thread (PDs and VM vCPUs) and start the PDs.
 * Each thread gets its scheduling context (budget and period in
 * microseconds), priority and maximum controlled priority, a badged cap to
 * its fault endpoint, its CSpace and VSpace, its IPC buffer, its initial pc
 * and sp, its bound notification and, for vCPU threads, its VCPU; with
 * fpu="false" the FPU disabled (seL4_TCBFlag_fpuDisabled), and with a
 * domain schedule its domain (the root task holds seL4_CapDomain).
 */
#include "boot.h"
#include "print.h"
#include "smp.h"

/* A cap to the thread's fault endpoint with its badge, or seL4_CapNull. */
static int fault_cap(struct boot *b, const struct bs_pd *p, seL4_CPtr *out)
{
    *out = seL4_CapNull;
    if (p->fault_ep == BS_NONE) {
        return 0;
    }
    seL4_CPtr slot = boot_new_slot(b);
    if (slot == 0) {
        return -1;
    }
    seL4_Error err =
        seL4_CNode_Mint(boot_root(b), slot, seL4_WordBits, boot_root(b), boot_cap(b, p->fault_ep),
                        seL4_WordBits, seL4_AllRights, p->fault_badge);
    *out = slot;
    return boot_check(b, err, "minting a badged cap of", p->fault_ep);
}

static int sched(struct boot *b, const struct bs_pd *p, seL4_CPtr fault)
{
    seL4_CPtr control = smp_sched_control(b, p); /* the SC's core is where the thread runs */
    if (control == 0) {
        return -1;
    }
    seL4_Error err =
        seL4_SchedControl_ConfigureFlags(control, boot_cap(b, p->sched_context), p->budget_us,
                                         p->period_us, 0, p->sc_badge, seL4_SchedContext_NoFlag);
    if (boot_check(b, err, "configuring", p->sched_context) != 0) {
        return -1;
    }
    err = seL4_TCB_SetSchedParams(boot_cap(b, p->tcb), seL4_CapInitThreadTCB, p->mcp, p->priority,
                                  boot_cap(b, p->sched_context), fault);
    return boot_check(b, err, "setting the scheduling parameters of", p->tcb);
}

static int space(struct boot *b, const struct bs_pd *p, seL4_CPtr fault)
{
    seL4_CPtr tcb = boot_cap(b, p->tcb);
    seL4_CPtr cnode = p->cnode == BS_NONE ? seL4_CapNull : boot_cap(b, p->cnode);
    seL4_Error err =
        seL4_TCB_SetSpace(tcb, fault, cnode, p->cnode_guard, boot_cap(b, p->vspace), 0);
    if (boot_check(b, err, "setting the address spaces of", p->tcb) != 0) {
        return -1;
    }
    if (p->ipc_buffer != BS_NONE) {
        err = seL4_TCB_SetIPCBuffer(tcb, p->ipc_buffer_vaddr, boot_cap(b, p->ipc_buffer));
        if (boot_check(b, err, "setting the ipc buffer of", p->tcb) != 0) {
            return -1;
        }
    }
    seL4_UserContext regs = {0};
    regs.pc = p->entry;
    regs.sp = p->stack_top;
#ifdef CONFIG_ARCH_RISCV
    err = seL4_TCB_WriteRegisters(tcb, seL4_False, 0, 3, &regs); /* pc, ra, sp */
#else
    err = seL4_TCB_WriteRegisters(tcb, seL4_False, 0, 2, &regs);
#endif
    return boot_check(b, err, "setting the registers of", p->tcb);
}

static int bind(struct boot *b, const struct bs_pd *p)
{
    seL4_CPtr tcb = boot_cap(b, p->tcb);
    if (p->notification != BS_NONE) {
        seL4_Error err = seL4_TCB_BindNotification(tcb, boot_cap(b, p->notification));
        if (boot_check(b, err, "binding a notification to", p->tcb) != 0) {
            return -1;
        }
    }
#ifndef CONFIG_ARCH_RISCV /* no VCPUs: the tool refuses VMs there */
    if (p->flags & BS_PD_VCPU) {
        seL4_Error err = seL4_ARM_VCPU_SetTCB(boot_cap(b, p->vcpu), tcb);
        if (boot_check(b, err, "binding a thread to", p->vcpu) != 0) {
            return -1;
        }
    }
#endif
#ifdef CONFIG_DEBUG_BUILD
    seL4_DebugNameThread(tcb, bs_str(b->spec, p->name));
#endif
    return 0;
}

static int flags_domain(struct boot *b, const struct bs_pd *p)
{
    seL4_CPtr tcb = boot_cap(b, p->tcb);
    if (p->flags & BS_PD_FPU_DISABLED) {
        seL4_TCB_SetFlags_t r = seL4_TCB_SetFlags(tcb, 0, seL4_TCBFlag_fpuDisabled);
        if (boot_check(b, r.error, "disabling the fpu of", p->tcb) != 0) {
            return -1;
        }
    }
    if (b->spec->hdr->schedule_start != BS_NONE) {
        seL4_Error err = seL4_DomainSet_Set(seL4_CapDomain, p->domain, tcb);
        return boot_check(b, err, "setting the domain of", p->tcb);
    }
    return 0;
}

int boot_threads(struct boot *b)
{
    const struct bs_spec *s = b->spec;
    for (uint32_t i = 0; i < s->hdr->num_pds; i++) {
        const struct bs_pd *p = &s->pds[i];
        seL4_CPtr fault;
        if (fault_cap(b, p, &fault) != 0 || sched(b, p, fault) != 0 || space(b, p, fault) != 0 ||
            bind(b, p) != 0 || flags_domain(b, p) != 0) {
            return -1;
        }
    }
    return 0;
}

int boot_start(struct boot *b)
{
    const struct bs_spec *s = b->spec;
    mon_info("starting protection domains\n");
    for (uint32_t i = 0; i < s->hdr->num_pds; i++) {
        const struct bs_pd *p = &s->pds[i];
        if (p->flags & BS_PD_START) {
            if (boot_check(b, seL4_TCB_Resume(boot_cap(b, p->tcb)), "resuming", p->tcb) != 0) {
                return -1;
            }
        }
    }
    return 0;
}
