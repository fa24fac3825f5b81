/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Invocation labels of seL4 16.0.0 for AArch64, MCS, hypervisor support and
 * SMC calls. The generic labels are followed directly by the AArch64 ones
 * and then the ARM ones, as one sequence. A kernel built with
 * CONFIG_HARDWARE_DEBUG_API (the debug config) has four more TCB labels, so
 * every label from TCBSetTLSBase on is 4 higher there.
 */
#ifndef SEL4_INVOCATION_H
#define SEL4_INVOCATION_H

#include <sel4/config.h>

enum invocation_label {
    InvalidInvocation,
    UntypedRetype,
    TCBReadRegisters,
    TCBWriteRegisters,
    TCBCopyRegisters,
    TCBConfigure,
    TCBSetPriority,
    TCBSetMCPriority,
    TCBSetSchedParams,
    TCBSetTimeoutEndpoint,
    TCBSetIPCBuffer,
    TCBSetSpace,
    TCBSuspend,
    TCBResume,
    TCBBindNotification,
    TCBUnbindNotification,
#ifdef CONFIG_HARDWARE_DEBUG_API
    TCBSetBreakpoint,
    TCBGetBreakpoint,
    TCBUnsetBreakpoint,
    TCBConfigureSingleStepping,
#endif
    TCBSetTLSBase,
    TCBSetFlags,
    CNodeRevoke,
    CNodeDelete,
    CNodeCancelBadgedSends,
    CNodeCopy,
    CNodeMint,
    CNodeMove,
    CNodeMutate,
    CNodeRotate,
    IRQIssueIRQHandler,
    IRQAckIRQ,
    IRQSetIRQHandler,
    IRQClearIRQHandler,
    DomainSetSet,
    DomainScheduleConfigure,
    DomainScheduleSetStart,
    SchedControlConfigureFlags,
    SchedContextBind,
    SchedContextUnbind,
    SchedContextUnbindObject,
    SchedContextConsumed,
    SchedContextYieldTo,
    nInvocationLabels
};

enum sel4_arch_invocation_label {
    ARMVSpaceClean_Data = nInvocationLabels,
    ARMVSpaceInvalidate_Data,
    ARMVSpaceCleanInvalidate_Data,
    ARMVSpaceUnify_Instruction,
    ARMSMCCall,
    nSeL4ArchInvocationLabels
};

enum arch_invocation_label {
    ARMPageTableMap = nSeL4ArchInvocationLabels,
    ARMPageTableUnmap,
    ARMPageMap,
    ARMPageUnmap,
    ARMPageClean_Data,
    ARMPageInvalidate_Data,
    ARMPageCleanInvalidate_Data,
    ARMPageUnify_Instruction,
    ARMPageGetAddress,
    ARMASIDControlMakePool,
    ARMASIDPoolAssign,
    ARMVCPUSetTCB,
    ARMVCPUInjectIRQ,
    ARMVCPUReadReg,
    ARMVCPUWriteReg,
    ARMVCPUAckVPPI,
    ARMIRQIssueIRQHandlerTrigger,
    ARMIRQIssueSGISignal,
    nArchInvocationLabels
};

#endif /* SEL4_INVOCATION_H */
