/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * seL4 16.0.0 constants that differ on RISC-V 64 (Sv39, MCS), included by
 * sel4/constants.h instead of its AArch64 ones: object types, the sizes of
 * the paging objects, the user address space and the VM attributes. Values
 * from libsel4's riscv and riscv64 headers of a qemu-riscv-virt build (see
 * docs/abi-riscv64.md).
 */
#ifndef SEL4_ARCH_CONSTANTS_H
#define SEL4_ARCH_CONSTANTS_H

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
    seL4_RISCV_Giga_Page = 7,
    seL4_ModeObjectTypeCount = 8,
    seL4_RISCV_4K_Page = 8,
    seL4_RISCV_Mega_Page = 9,
    seL4_RISCV_PageTableObject = 10,
    seL4_ObjectTypeCount = 11,
} seL4_ObjectType;

/* No HardwareDebugAPI on RISC-V: a TCB is 2 KiB in every configuration. */
#define seL4_TCBBits            11
#define seL4_PageTableBits      12
#define seL4_PageTableEntryBits 3
#define seL4_PageTableIndexBits 9
#define seL4_VSpaceBits         seL4_PageTableBits /* the root is a page table */
#define seL4_VSpaceIndexBits    seL4_PageTableIndexBits
#define seL4_MaxUntypedBits     38
#define seL4_UserTop            0x3ffffff000ull
#define seL4_UserVSpaceTop      (seL4_UserTop - 1)

/* Page mapping attributes: RISC-V PTEs have no cacheability bit. */
enum {
    seL4_RISCV_ExecuteNever = 1,
    seL4_RISCV_Default_VMAttributes = 0,
};

/* Fault messages whose layout is the architecture's (libsel4 riscv64 constants.h). */
enum {
    seL4_UserException_FaultIP = 0,
    seL4_UserException_SP = 1,
    seL4_UserException_Number = 2, /* scause */
    seL4_UserException_Code = 3,
    seL4_UserException_Length = 4,
};
enum {
    seL4_UnknownSyscall_FaultIP = 0,
    seL4_UnknownSyscall_SP = 1,
    seL4_UnknownSyscall_RA = 2,
    seL4_UnknownSyscall_A0 = 3,
    seL4_UnknownSyscall_A1 = 4,
    seL4_UnknownSyscall_A2 = 5,
    seL4_UnknownSyscall_A3 = 6,
    seL4_UnknownSyscall_A4 = 7,
    seL4_UnknownSyscall_A5 = 8,
    seL4_UnknownSyscall_A6 = 9,
    seL4_UnknownSyscall_Syscall = 10,
    seL4_UnknownSyscall_Length = 11,
};

#endif /* SEL4_ARCH_CONSTANTS_H */
