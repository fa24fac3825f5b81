/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * seL4 16.0.0 constants for AArch64 with MCS and hypervisor support (RISC-V
 * 64's object types, paging sizes and VM attributes: sel4/arch_constants.h):
 * object types and sizes, errors, fault labels and message layouts, VM
 * attributes, the root task's initial cap slots, priorities and limits.
 */
#ifndef SEL4_CONSTANTS_H
#define SEL4_CONSTANTS_H

#include <sel4/config.h>

#ifdef CONFIG_ARCH_RISCV
#include <sel4/arch_constants.h> /* libmicrokit/arch/riscv64/include */
#else
/* Object types for seL4_Untyped_Retype. */
typedef enum {
    seL4_UntypedObject = 0,
    seL4_TCBObject = 1,
    seL4_EndpointObject = 2,
    seL4_NotificationObject = 3,
    seL4_CapTableObject = 4,
    seL4_SchedContextObject = 5,
    seL4_ReplyObject = 6,
    seL4_NonArchObjectTypeCount = 7,
    seL4_ARM_HugePageObject = 7,
    seL4_ARM_VSpaceObject = 8,
    seL4_ModeObjectTypeCount = 9,
    seL4_ARM_SmallPageObject = 9,
    seL4_ARM_LargePageObject = 10,
    seL4_ARM_PageTableObject = 11,
    seL4_ARM_VCPUObject = 12,
    seL4_ObjectTypeCount = 13,
} seL4_ObjectType;

/* Object sizes, log2 bytes. HardwareDebugAPI doubles the TCB. */
#ifdef CONFIG_HARDWARE_DEBUG_API
#define seL4_TCBBits 12
#else
#define seL4_TCBBits 11
#endif
#define seL4_PageTableBits      12
#define seL4_PageTableEntryBits 3
#define seL4_PageTableIndexBits 9
#define seL4_VSpaceBits         13
#define seL4_VSpaceEntryBits    3
#define seL4_VSpaceIndexBits    10
#define seL4_VCPUBits           12
#define seL4_ARM_VCPUBits       12
#define seL4_IOPageTableBits    12
#define seL4_MaxUntypedBits     47
#define seL4_UserTop            0xffffffffffull
#define seL4_UserVSpaceTop      0xffffffffffull
#endif /* CONFIG_ARCH_RISCV */
#define seL4_EndpointBits            4
#define seL4_NotificationBits        6
#define seL4_ReplyBits               5
#define seL4_SlotBits                5
#define seL4_PageBits                12
#define seL4_LargePageBits           21
#define seL4_HugePageBits            30
#define seL4_ASIDPoolBits            12
#define seL4_ASIDPoolIndexBits       9
#define seL4_NumASIDPoolsBits        7
#define seL4_MinUntypedBits          4
#define seL4_MinSchedContextBits     7
#define seL4_CoreSchedContextBytes   128
#define seL4_RefillSizeBytes         16
#define seL4_IPCBufferSizeBits       10
#define seL4_BootInfoFrameBits       12
#define seL4_WordBits                64
#define seL4_WordSizeBits            3
#define seL4_BadgeBits               64
#define seL4_GuardBits               58
#define seL4_GuardSizeBits           6
#define seL4_UntypedRetypeMaxObjects 256
#define seL4_FastMessageRegisters    4

/* Errors, returned as the label of an invocation's reply. */
typedef enum {
    seL4_NoError = 0,
    seL4_InvalidArgument = 1,
    seL4_InvalidCapability = 2,
    seL4_IllegalOperation = 3,
    seL4_RangeError = 4,
    seL4_AlignmentError = 5,
    seL4_FailedLookup = 6,
    seL4_TruncatedMessage = 7,
    seL4_DeleteFirst = 8,
    seL4_RevokeFirst = 9,
    seL4_NotEnoughMemory = 10,
    seL4_NumErrors = 11,
} seL4_Error;

/* Fault types: the label of a fault message. */
typedef enum {
    seL4_Fault_NullFault = 0,
    seL4_Fault_CapFault = 1,
    seL4_Fault_UnknownSyscall = 2,
    seL4_Fault_UserException = 3,
#ifdef CONFIG_HARDWARE_DEBUG_API
    seL4_Fault_DebugException = 4,
#endif
    seL4_Fault_Timeout = 5,
    seL4_Fault_VMFault = 6,
    seL4_Fault_VGICMaintenance = 7,
    seL4_Fault_VCPUFault = 8,
    seL4_Fault_VPPIEvent = 9,
} seL4_FaultType;

/* Message register indexes of each fault message. */
enum {
    seL4_VMFault_IP = 0,
    seL4_VMFault_Addr = 1,
    seL4_VMFault_PrefetchFault = 2,
    seL4_VMFault_FSR = 3,
    seL4_VMFault_Length = 4,
};
#ifndef CONFIG_ARCH_RISCV /* RISC-V: sel4/arch_constants.h */
enum {
    seL4_UserException_FaultIP = 0,
    seL4_UserException_SP = 1,
    seL4_UserException_SPSR = 2,
    seL4_UserException_Number = 3,
    seL4_UserException_Code = 4,
    seL4_UserException_Length = 5,
};
#endif
enum {
    seL4_Timeout_Data = 0,
    seL4_Timeout_Consumed = 1,
    seL4_Timeout_Length = 2,
};
enum {
    seL4_VCPUFault_HSR = 0,
    seL4_VCPUFault_Length = 1,
};
enum {
    seL4_VPPIEvent_IRQ = 0,
    seL4_VPPIEvent_Length = 1,
};
enum {
    seL4_VGICMaintenance_IDX = 0,
    seL4_VGICMaintenance_Length = 1,
};
/* Cap fault: IP, address, whether it was a receive phase, lookup failure info. */
enum {
    seL4_CapFault_IP = 0,
    seL4_CapFault_Addr = 1,
    seL4_CapFault_InRecvPhase = 2,
    seL4_CapFault_LookupFailureType = 3,
    seL4_CapFault_BitsLeft = 4,
    seL4_CapFault_DepthMismatch_BitsFound = 5,
    seL4_CapFault_GuardMismatch_GuardFound = 5,
    seL4_CapFault_GuardMismatch_BitsFound = 6,
};
#ifndef CONFIG_ARCH_RISCV /* RISC-V: sel4/arch_constants.h */
/* Unknown syscall: the registers, then the syscall number. */
enum {
    seL4_UnknownSyscall_X0 = 0,
    seL4_UnknownSyscall_X1 = 1,
    seL4_UnknownSyscall_X2 = 2,
    seL4_UnknownSyscall_X3 = 3,
    seL4_UnknownSyscall_X4 = 4,
    seL4_UnknownSyscall_X5 = 5,
    seL4_UnknownSyscall_X6 = 6,
    seL4_UnknownSyscall_X7 = 7,
    seL4_UnknownSyscall_FaultIP = 8,
    seL4_UnknownSyscall_SP = 9,
    seL4_UnknownSyscall_LR = 10,
    seL4_UnknownSyscall_SPSR = 11,
    seL4_UnknownSyscall_Syscall = 12,
    seL4_UnknownSyscall_Length = 13,
};
#endif

/* Scheduling. */
enum {
    seL4_InvalidPrio = -1,
    seL4_MinPrio = 0,
    seL4_MaxPrio = 255,
};
typedef enum {
    seL4_SchedContext_NoFlag = 0,
    seL4_SchedContext_Sporadic = 1,
} seL4_SchedContextFlag;
typedef enum {
    seL4_TCBFlag_NoFlag = 0,
    seL4_TCBFlag_fpuDisabled = 1,
    seL4_TCBFlag_MASK = 1,
} seL4_TCBFlag;

#ifndef CONFIG_ARCH_RISCV
/* Page mapping attributes. */
enum {
    seL4_ARM_PageCacheable = 1,
    seL4_ARM_ParityEnabled = 2,
    seL4_ARM_Default_VMAttributes = 3,
    seL4_ARM_ExecuteNever = 4,
};
#endif

/*
 * vCPU registers (seL4_ARM_VCPU_ReadRegs/WriteRegs, seL4_VCPUReg), numbered
 * as seL4 16.0.0 numbers them for AArch64.
 */
#ifndef CONFIG_ARCH_RISCV
enum {
    seL4_VCPUReg_SCTLR = 0,
    seL4_VCPUReg_CPACR,
    seL4_VCPUReg_TTBR0,
    seL4_VCPUReg_TTBR1,
    seL4_VCPUReg_TCR,
    seL4_VCPUReg_MAIR,
    seL4_VCPUReg_AMAIR,
    seL4_VCPUReg_CIDR,
    seL4_VCPUReg_ACTLR,
    seL4_VCPUReg_AFSR0,
    seL4_VCPUReg_AFSR1,
    seL4_VCPUReg_ESR,
    seL4_VCPUReg_FAR,
    seL4_VCPUReg_PAR,
    seL4_VCPUReg_VBAR,
    seL4_VCPUReg_TPIDR_EL1,
    seL4_VCPUReg_VMPIDR_EL2,
    seL4_VCPUReg_SP_EL1,
    seL4_VCPUReg_ELR_EL1,
    seL4_VCPUReg_SPSR_EL1,
    seL4_VCPUReg_CNTV_CTL,
    seL4_VCPUReg_CNTV_CVAL,
    seL4_VCPUReg_CNTVOFF,
    seL4_VCPUReg_CNTKCTL_EL1,
    seL4_VCPUReg_Num,
};
#endif

/* Cap slots of the root task's initial CNode. */
enum {
    seL4_CapNull = 0,
    seL4_CapInitThreadTCB = 1,
    seL4_CapInitThreadCNode = 2,
    seL4_CapInitThreadVSpace = 3,
    seL4_CapIRQControl = 4,
    seL4_CapASIDControl = 5,
    seL4_CapInitThreadASIDPool = 6,
    seL4_CapIOPortControl = 7,
    seL4_CapIOSpace = 8,
    seL4_CapBootInfoFrame = 9,
    seL4_CapInitThreadIPCBuffer = 10,
    seL4_CapDomain = 11,
    seL4_CapSMMUSIDControl = 12,
    seL4_CapSMMUCBControl = 13,
    seL4_CapInitThreadSC = 14,
    seL4_CapSMC = 15,
    seL4_NumInitialCaps = 16,
};

/* Ids of the extra boot info chunks. */
typedef enum {
    SEL4_BOOTINFO_HEADER_PADDING = 0,
    SEL4_BOOTINFO_HEADER_X86_VBE = 1,
    SEL4_BOOTINFO_HEADER_X86_MBMMAP = 2,
    SEL4_BOOTINFO_HEADER_X86_ACPI_RSDP = 3,
    SEL4_BOOTINFO_HEADER_X86_FRAMEBUFFER = 4,
    SEL4_BOOTINFO_HEADER_X86_TSC_FREQ = 5,
    SEL4_BOOTINFO_HEADER_FDT = 6,
    SEL4_BOOTINFO_HEADER_NUM = 7,
} seL4_BootInfoID;

#endif /* SEL4_CONSTANTS_H */
