/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Invocation wrappers: each builds the message seL4 expects for one object
 * method (label, extra caps, message registers), performs seL4_CallWithMRs
 * on the object's cap and returns the reply label as an seL4_Error.
 * Message registers 0..3 are passed in registers, the rest through the IPC
 * buffer, and extra caps through the IPC buffer's caps_or_badges array.
 */
#ifndef SEL4_CLIENT_H
#define SEL4_CLIENT_H

#include <sel4/types.h>
#include <sel4/constants.h>
#include <sel4/invocation.h>
#include <sel4/functions.h>
#include <sel4/syscalls_impl.h>

#ifdef SEL4_CLIENT_TRACE
/*
 * Defined by a program that counts its invocations (the monitor's debug
 * build, monitor/src/stats.c): called around every invocation below.
 */
unsigned long long sel4_client_trace_begin(void);
void sel4_client_trace_end(seL4_Word label, unsigned long long begin);
#endif

/* Perform one invocation; mr[0..3] go in registers and receive the reply's. */
static inline seL4_Error sel4_client_invoke(seL4_CPtr service, seL4_Word label, seL4_Word caps,
                                            seL4_Word length, seL4_Word mr[4])
{
#ifdef SEL4_CLIENT_TRACE
    unsigned long long begin = sel4_client_trace_begin();
#endif
    seL4_MessageInfo_t tag = seL4_MessageInfo_new(label, 0, caps, length);
    seL4_MessageInfo_t out = seL4_CallWithMRs(service, tag, &mr[0], &mr[1], &mr[2], &mr[3]);
#ifdef SEL4_CLIENT_TRACE
    sel4_client_trace_end(label, begin);
#endif
    return (seL4_Error)seL4_MessageInfo_get_label(out);
}

static inline seL4_Error seL4_Untyped_Retype(seL4_Untyped service, seL4_Word type,
                                             seL4_Word size_bits, seL4_CNode root,
                                             seL4_Word node_index, seL4_Word node_depth,
                                             seL4_Word node_offset, seL4_Word num_objects)
{
    seL4_Word mr[4] = {type, size_bits, node_index, node_depth};
    seL4_SetCap(0, root);
    seL4_SetMR(4, node_offset);
    seL4_SetMR(5, num_objects);
    return sel4_client_invoke(service, UntypedRetype, 1, 6, mr);
}

/* Registers 0..count-1 of *regs (in seL4_UserContext order) go in MR2 onwards. */
static inline seL4_Error seL4_TCB_WriteRegisters(seL4_TCB service, seL4_Bool resume_target,
                                                 seL4_Uint8 arch_flags, seL4_Word count,
                                                 seL4_UserContext *regs)
{
    const seL4_Word *w = (const seL4_Word *)regs;
    seL4_Word n = count < 36 ? count : 36;
    seL4_Word mr[4] = {((seL4_Word)resume_target & 1) | ((seL4_Word)arch_flags << 8), n,
                       n > 0 ? w[0] : 0, n > 1 ? w[1] : 0};
    for (seL4_Word i = 2; i < n; i++) {
        seL4_SetMR((int)(i + 2), w[i]);
    }
    return sel4_client_invoke(service, TCBWriteRegisters, 0, 2 + n, mr);
}

/* The reply carries the first `count` registers in MR0 onwards. */
static inline seL4_Error seL4_TCB_ReadRegisters(seL4_TCB service, seL4_Bool suspend_source,
                                                seL4_Uint8 arch_flags, seL4_Word count,
                                                seL4_UserContext *regs)
{
    seL4_Word *w = (seL4_Word *)regs;
    seL4_Word n = count < 36 ? count : 36;
    seL4_Word mr[4] = {((seL4_Word)suspend_source & 1) | ((seL4_Word)arch_flags << 8), count, 0, 0};
    seL4_Error err = sel4_client_invoke(service, TCBReadRegisters, 0, 2, mr);
    if (err != seL4_NoError) {
        return err;
    }
    for (seL4_Word i = 0; i < n; i++) {
        w[i] = i < 4 ? mr[i] : seL4_GetMR((int)i);
    }
    return err;
}

static inline seL4_Error seL4_TCB_SetSchedParams(seL4_TCB service, seL4_TCB authority,
                                                 seL4_Word mcp, seL4_Word priority,
                                                 seL4_CPtr sched_context, seL4_CPtr fault_ep)
{
    seL4_Word mr[4] = {mcp, priority, 0, 0};
    seL4_SetCap(0, authority);
    seL4_SetCap(1, sched_context);
    seL4_SetCap(2, fault_ep);
    return sel4_client_invoke(service, TCBSetSchedParams, 3, 2, mr);
}

static inline seL4_Error seL4_TCB_SetSpace(seL4_TCB service, seL4_CPtr fault_ep,
                                           seL4_CNode cspace_root, seL4_Word cspace_root_data,
                                           seL4_CPtr vspace_root, seL4_Word vspace_root_data)
{
    seL4_Word mr[4] = {cspace_root_data, vspace_root_data, 0, 0};
    seL4_SetCap(0, fault_ep);
    seL4_SetCap(1, cspace_root);
    seL4_SetCap(2, vspace_root);
    return sel4_client_invoke(service, TCBSetSpace, 3, 2, mr);
}

static inline seL4_Error seL4_TCB_SetIPCBuffer(seL4_TCB service, seL4_Word buffer,
                                               seL4_CPtr bufferFrame)
{
    seL4_Word mr[4] = {buffer, 0, 0, 0};
    seL4_SetCap(0, bufferFrame);
    return sel4_client_invoke(service, TCBSetIPCBuffer, 1, 1, mr);
}

static inline seL4_Error seL4_TCB_Suspend(seL4_TCB service)
{
    seL4_Word mr[4] = {0, 0, 0, 0};
    return sel4_client_invoke(service, TCBSuspend, 0, 0, mr);
}

static inline seL4_Error seL4_TCB_Resume(seL4_TCB service)
{
    seL4_Word mr[4] = {0, 0, 0, 0};
    return sel4_client_invoke(service, TCBResume, 0, 0, mr);
}

static inline seL4_Error seL4_TCB_BindNotification(seL4_TCB service, seL4_CPtr notification)
{
    seL4_Word mr[4] = {0, 0, 0, 0};
    seL4_SetCap(0, notification);
    return sel4_client_invoke(service, TCBBindNotification, 1, 0, mr);
}

typedef struct seL4_TCB_SetFlags {
    int error;
    seL4_Word flags;
} seL4_TCB_SetFlags_t;

/* Clears then sets seL4_TCBFlag bits (seL4 16: seL4_TCBFlag_fpuDisabled); the reply has the result.
 */
static inline seL4_TCB_SetFlags_t seL4_TCB_SetFlags(seL4_TCB service, seL4_Word clear,
                                                    seL4_Word set)
{
    seL4_TCB_SetFlags_t result;
    seL4_Word mr[4] = {clear, set, 0, 0};
    result.error = sel4_client_invoke(service, TCBSetFlags, 0, 2, mr);
    result.flags = result.error == seL4_NoError ? mr[0] : 0;
    return result;
}

/* Domains (seL4 16, RFC-20), invoked on seL4_CapDomain. */
static inline seL4_Error seL4_DomainSet_Set(seL4_DomainSet service, seL4_Uint8 domain,
                                            seL4_TCB thread)
{
    seL4_Word mr[4] = {domain, 0, 0, 0};
    seL4_SetCap(0, thread);
    return sel4_client_invoke(service, DomainSetSet, 1, 1, mr);
}

static inline seL4_Error seL4_DomainSet_ScheduleConfigure(seL4_DomainSet service, seL4_Word index,
                                                          seL4_Uint8 domain, seL4_Time duration)
{
    seL4_Word mr[4] = {index, domain, duration, 0};
    return sel4_client_invoke(service, DomainScheduleConfigure, 0, 3, mr);
}

static inline seL4_Error seL4_DomainSet_ScheduleSetStart(seL4_DomainSet service, seL4_Word index)
{
    seL4_Word mr[4] = {index, 0, 0, 0};
    return sel4_client_invoke(service, DomainScheduleSetStart, 0, 1, mr);
}

static inline seL4_Error seL4_CNode_Delete(seL4_CNode service, seL4_Word index, seL4_Uint8 depth)
{
    seL4_Word mr[4] = {index, depth, 0, 0};
    return sel4_client_invoke(service, CNodeDelete, 0, 2, mr);
}

static inline seL4_Error seL4_CNode_Copy(seL4_CNode service, seL4_Word dest_index,
                                         seL4_Uint8 dest_depth, seL4_CNode src_root,
                                         seL4_Word src_index, seL4_Uint8 src_depth,
                                         seL4_CapRights_t rights)
{
    seL4_Word mr[4] = {dest_index, dest_depth, src_index, src_depth};
    seL4_SetCap(0, src_root);
    seL4_SetMR(4, rights.words[0]);
    return sel4_client_invoke(service, CNodeCopy, 1, 5, mr);
}

static inline seL4_Error seL4_CNode_Mint(seL4_CNode service, seL4_Word dest_index,
                                         seL4_Uint8 dest_depth, seL4_CNode src_root,
                                         seL4_Word src_index, seL4_Uint8 src_depth,
                                         seL4_CapRights_t rights, seL4_Word badge)
{
    seL4_Word mr[4] = {dest_index, dest_depth, src_index, src_depth};
    seL4_SetCap(0, src_root);
    seL4_SetMR(4, rights.words[0]);
    seL4_SetMR(5, badge);
    return sel4_client_invoke(service, CNodeMint, 1, 6, mr);
}

static inline seL4_Error seL4_CNode_Mutate(seL4_CNode service, seL4_Word dest_index,
                                           seL4_Uint8 dest_depth, seL4_CNode src_root,
                                           seL4_Word src_index, seL4_Uint8 src_depth,
                                           seL4_Word badge)
{
    seL4_Word mr[4] = {dest_index, dest_depth, src_index, src_depth};
    seL4_SetCap(0, src_root);
    seL4_SetMR(4, badge);
    return sel4_client_invoke(service, CNodeMutate, 1, 5, mr);
}

static inline seL4_Error seL4_IRQControl_Get(seL4_IRQControl service, seL4_Word irq,
                                             seL4_CNode root, seL4_Word index, seL4_Uint8 depth)
{
    seL4_Word mr[4] = {irq, index, depth, 0};
    seL4_SetCap(0, root);
    return sel4_client_invoke(service, IRQIssueIRQHandler, 1, 3, mr);
}

/* trigger: 0 level, 1 edge. */
static inline seL4_Error seL4_IRQControl_GetTrigger(seL4_IRQControl service, seL4_Word irq,
                                                    seL4_Word trigger, seL4_CNode root,
                                                    seL4_Word index, seL4_Uint8 depth)
{
    seL4_Word mr[4] = {irq, trigger, index, depth};
    seL4_SetCap(0, root);
    return sel4_client_invoke(service, SEL4_IRQ_ISSUE_TRIGGER_LABEL, 1, 4, mr);
}

#if defined(CONFIG_ENABLE_SMP_SUPPORT) && !defined(CONFIG_ARCH_RISCV)
/*
 * An Arm SMP kernel: the handler of `irq` on core `target` (PPIs need this
 * form). RISC-V has no such invocation: its IRQs are not per core.
 */
static inline seL4_Error seL4_IRQControl_GetTriggerCore(seL4_IRQControl service, seL4_Word irq,
                                                        seL4_Word trigger, seL4_CNode root,
                                                        seL4_Word index, seL4_Uint8 depth,
                                                        seL4_Word target)
{
    seL4_Word mr[4] = {irq, trigger, index, depth};
    seL4_SetCap(0, root);
    seL4_SetMR(4, target);
    return sel4_client_invoke(service, ARMIRQIssueIRQHandlerTriggerCore, 1, 5, mr);
}
#endif

static inline seL4_Error seL4_IRQHandler_Ack(seL4_IRQHandler service)
{
    seL4_Word mr[4] = {0, 0, 0, 0};
    return sel4_client_invoke(service, IRQAckIRQ, 0, 0, mr);
}

static inline seL4_Error seL4_IRQHandler_SetNotification(seL4_IRQHandler service,
                                                         seL4_CPtr notification)
{
    seL4_Word mr[4] = {0, 0, 0, 0};
    seL4_SetCap(0, notification);
    return sel4_client_invoke(service, IRQSetIRQHandler, 1, 0, mr);
}

/* budget and period are in microseconds. */
static inline seL4_Error seL4_SchedControl_ConfigureFlags(seL4_SchedControl service,
                                                          seL4_SchedContext schedcontext,
                                                          seL4_Time budget, seL4_Time period,
                                                          seL4_Word extra_refills, seL4_Word badge,
                                                          seL4_Word flags)
{
    seL4_Word mr[4] = {budget, period, extra_refills, badge};
    seL4_SetCap(0, schedcontext);
    seL4_SetMR(4, flags);
    return sel4_client_invoke(service, SchedControlConfigureFlags, 1, 5, mr);
}

static inline seL4_Error seL4_SchedContext_Bind(seL4_SchedContext service, seL4_CPtr cap)
{
    seL4_Word mr[4] = {0, 0, 0, 0};
    seL4_SetCap(0, cap);
    return sel4_client_invoke(service, SchedContextBind, 1, 0, mr);
}

static inline seL4_Error seL4_SchedContext_UnbindObject(seL4_SchedContext service, seL4_CPtr cap)
{
    seL4_Word mr[4] = {0, 0, 0, 0};
    seL4_SetCap(0, cap);
    return sel4_client_invoke(service, SchedContextUnbindObject, 1, 0, mr);
}

#ifdef CONFIG_ARCH_RISCV
#include <sel4/arch_client.h> /* libmicrokit/arch/riscv64/include */
#else
static inline seL4_Error seL4_ARM_Page_Map(seL4_ARM_Page service, seL4_CPtr vspace, seL4_Word vaddr,
                                           seL4_CapRights_t rights, seL4_ARM_VMAttributes attr)
{
    seL4_Word mr[4] = {vaddr, rights.words[0], attr, 0};
    seL4_SetCap(0, vspace);
    return sel4_client_invoke(service, ARMPageMap, 1, 3, mr);
}

static inline seL4_Error seL4_ARM_Page_Unmap(seL4_ARM_Page service)
{
    seL4_Word mr[4] = {0, 0, 0, 0};
    return sel4_client_invoke(service, ARMPageUnmap, 0, 0, mr);
}

static inline seL4_Error seL4_ARM_PageTable_Map(seL4_ARM_PageTable service, seL4_CPtr vspace,
                                                seL4_Word vaddr, seL4_ARM_VMAttributes attr)
{
    seL4_Word mr[4] = {vaddr, attr, 0, 0};
    seL4_SetCap(0, vspace);
    return sel4_client_invoke(service, ARMPageTableMap, 1, 2, mr);
}

static inline seL4_Error seL4_ARM_ASIDPool_Assign(seL4_ARM_ASIDPool service, seL4_CPtr vspace)
{
    seL4_Word mr[4] = {0, 0, 0, 0};
    seL4_SetCap(0, vspace);
    return sel4_client_invoke(service, ARMASIDPoolAssign, 1, 0, mr);
}

static inline seL4_Error seL4_ARM_VCPU_SetTCB(seL4_ARM_VCPU service, seL4_TCB tcb)
{
    seL4_Word mr[4] = {0, 0, 0, 0};
    seL4_SetCap(0, tcb);
    return sel4_client_invoke(service, ARMVCPUSetTCB, 1, 0, mr);
}

static inline seL4_Error seL4_ARM_VCPU_InjectIRQ(seL4_ARM_VCPU service, seL4_Uint16 virq,
                                                 seL4_Uint8 priority, seL4_Uint8 group,
                                                 seL4_Uint8 index)
{
    seL4_Word mr[4] = {(seL4_Word)virq | ((seL4_Word)priority << 16) | ((seL4_Word)group << 24) |
                           ((seL4_Word)index << 32),
                       0, 0, 0};
    return sel4_client_invoke(service, ARMVCPUInjectIRQ, 0, 1, mr);
}

typedef struct seL4_ARM_VCPU_ReadRegs {
    int error;
    seL4_Word value;
} seL4_ARM_VCPU_ReadRegs_t;

static inline seL4_ARM_VCPU_ReadRegs_t seL4_ARM_VCPU_ReadRegs(seL4_ARM_VCPU service,
                                                              seL4_Word field)
{
    seL4_ARM_VCPU_ReadRegs_t result;
    seL4_Word mr[4] = {field, 0, 0, 0};
    result.error = sel4_client_invoke(service, ARMVCPUReadReg, 0, 1, mr);
    result.value = result.error == seL4_NoError ? mr[0] : 0;
    return result;
}

static inline seL4_Error seL4_ARM_VCPU_WriteRegs(seL4_ARM_VCPU service, seL4_Word field,
                                                 seL4_Word value)
{
    seL4_Word mr[4] = {field, value, 0, 0};
    return sel4_client_invoke(service, ARMVCPUWriteReg, 0, 2, mr);
}

static inline seL4_Error seL4_ARM_VCPU_AckVPPI(seL4_ARM_VCPU service, seL4_Word irq)
{
    seL4_Word mr[4] = {irq, 0, 0, 0};
    return sel4_client_invoke(service, ARMVCPUAckVPPI, 0, 1, mr);
}

/* Forward an SMC: x0..x7 of *smc_args in MR0..7; the reply's MR0..7 fill *smc_response. */
static inline seL4_Error seL4_ARM_SMC_Call(seL4_ARM_SMC service, seL4_ARM_SMCContext *smc_args,
                                           seL4_ARM_SMCContext *smc_response)
{
    seL4_Word mr[4] = {smc_args->x0, smc_args->x1, smc_args->x2, smc_args->x3};
    seL4_SetMR(4, smc_args->x4);
    seL4_SetMR(5, smc_args->x5);
    seL4_SetMR(6, smc_args->x6);
    seL4_SetMR(7, smc_args->x7);
    seL4_Error err = sel4_client_invoke(service, ARMSMCCall, 0, 8, mr);
    smc_response->x0 = mr[0];
    smc_response->x1 = mr[1];
    smc_response->x2 = mr[2];
    smc_response->x3 = mr[3];
    smc_response->x4 = seL4_GetMR(4);
    smc_response->x5 = seL4_GetMR(5);
    smc_response->x6 = seL4_GetMR(6);
    smc_response->x7 = seL4_GetMR(7);
    return err;
}

#endif /* CONFIG_ARCH_RISCV */

#endif /* SEL4_CLIENT_H */
