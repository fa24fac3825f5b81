/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * seL4 types for AArch64 (seL4 16.0.0): basic integer types, the message
 * info word, cap rights, the IPC buffer, the boot info frame, the register
 * context of TCB_ReadRegisters/WriteRegisters and the SMC context. Layouts
 * are checked with _Static_assert against the sizes seL4 documents.
 */
#ifndef SEL4_TYPES_H
#define SEL4_TYPES_H

#include <sel4/config.h>

typedef signed char seL4_Int8;
typedef short seL4_Int16;
typedef int seL4_Int32;
typedef long long seL4_Int64;
typedef unsigned char seL4_Uint8;
typedef unsigned short seL4_Uint16;
typedef unsigned int seL4_Uint32;
typedef unsigned long long seL4_Uint64;

typedef seL4_Int8 seL4_Bool;
#define seL4_True  1
#define seL4_False 0
#define seL4_Null  ((void *)0)

/* A machine word; unsigned long is 64 bits on every LP64 host and AArch64. */
typedef unsigned long seL4_Word;
typedef seL4_Word seL4_CPtr;
typedef seL4_Word seL4_NodeId;
typedef seL4_Word seL4_PAddr;
typedef seL4_Word seL4_Domain;
typedef seL4_Word seL4_SlotPos;
typedef seL4_Uint64 seL4_Time;

/* _Static_assert is C11; __extension__ lets -std=c99 -Wpedantic builds include this. */
#define SEL4_STATIC_ASSERT(cond, msg) __extension__ _Static_assert(cond, msg)

SEL4_STATIC_ASSERT(sizeof(seL4_Word) == 8, "seL4_Word must be 64 bits");

/* Cap types: all plain cap pointers, named for readability of signatures. */
typedef seL4_CPtr seL4_CNode;
typedef seL4_CPtr seL4_IRQHandler;
typedef seL4_CPtr seL4_IRQControl;
typedef seL4_CPtr seL4_TCB;
typedef seL4_CPtr seL4_Untyped;
typedef seL4_CPtr seL4_DomainSet;
typedef seL4_CPtr seL4_SchedContext;
typedef seL4_CPtr seL4_SchedControl;
#ifndef CONFIG_ARCH_RISCV
typedef seL4_CPtr seL4_ARM_VSpace;
typedef seL4_CPtr seL4_ARM_Page;
typedef seL4_CPtr seL4_ARM_PageTable;
typedef seL4_CPtr seL4_ARM_ASIDControl;
typedef seL4_CPtr seL4_ARM_ASIDPool;
typedef seL4_CPtr seL4_ARM_VCPU;
typedef seL4_CPtr seL4_ARM_SMC;
typedef seL4_Word seL4_VCPUReg;
typedef seL4_Word seL4_ARM_VMAttributes;
#endif

/*
 * Message info: one word. Bits 63..12 label, 11..9 capsUnwrapped,
 * 8..7 extraCaps, 6..0 length (number of message registers).
 */
typedef struct seL4_MessageInfo {
    seL4_Uint64 words[1];
} seL4_MessageInfo_t;

#define SEL4_MI_LABEL_SHIFT     12
#define SEL4_MI_LABEL_MASK      0xfffffffffffffull
#define SEL4_MI_UNWRAPPED_SHIFT 9
#define SEL4_MI_UNWRAPPED_MASK  0x7ull
#define SEL4_MI_EXTRA_SHIFT     7
#define SEL4_MI_EXTRA_MASK      0x3ull
#define SEL4_MI_LENGTH_MASK     0x7full

static inline seL4_MessageInfo_t seL4_MessageInfo_new(seL4_Uint64 label, seL4_Uint64 capsUnwrapped,
                                                      seL4_Uint64 extraCaps, seL4_Uint64 length)
{
    seL4_MessageInfo_t info;
    info.words[0] = ((label & SEL4_MI_LABEL_MASK) << SEL4_MI_LABEL_SHIFT) |
                    ((capsUnwrapped & SEL4_MI_UNWRAPPED_MASK) << SEL4_MI_UNWRAPPED_SHIFT) |
                    ((extraCaps & SEL4_MI_EXTRA_MASK) << SEL4_MI_EXTRA_SHIFT) |
                    (length & SEL4_MI_LENGTH_MASK);
    return info;
}

static inline seL4_Uint64 seL4_MessageInfo_get_label(seL4_MessageInfo_t info)
{
    return (info.words[0] >> SEL4_MI_LABEL_SHIFT) & SEL4_MI_LABEL_MASK;
}

static inline seL4_Uint64 seL4_MessageInfo_get_capsUnwrapped(seL4_MessageInfo_t info)
{
    return (info.words[0] >> SEL4_MI_UNWRAPPED_SHIFT) & SEL4_MI_UNWRAPPED_MASK;
}

static inline seL4_Uint64 seL4_MessageInfo_get_extraCaps(seL4_MessageInfo_t info)
{
    return (info.words[0] >> SEL4_MI_EXTRA_SHIFT) & SEL4_MI_EXTRA_MASK;
}

static inline seL4_Uint64 seL4_MessageInfo_get_length(seL4_MessageInfo_t info)
{
    return info.words[0] & SEL4_MI_LENGTH_MASK;
}

static inline seL4_MessageInfo_t seL4_MessageInfo_set_field(seL4_MessageInfo_t info, seL4_Uint64 v,
                                                            seL4_Uint64 mask, unsigned shift)
{
    info.words[0] = (info.words[0] & ~(mask << shift)) | ((v & mask) << shift);
    return info;
}

static inline seL4_MessageInfo_t seL4_MessageInfo_set_label(seL4_MessageInfo_t info, seL4_Uint64 v)
{
    return seL4_MessageInfo_set_field(info, v, SEL4_MI_LABEL_MASK, SEL4_MI_LABEL_SHIFT);
}

static inline seL4_MessageInfo_t seL4_MessageInfo_set_capsUnwrapped(seL4_MessageInfo_t info,
                                                                    seL4_Uint64 v)
{
    return seL4_MessageInfo_set_field(info, v, SEL4_MI_UNWRAPPED_MASK, SEL4_MI_UNWRAPPED_SHIFT);
}

static inline seL4_MessageInfo_t seL4_MessageInfo_set_extraCaps(seL4_MessageInfo_t info,
                                                                seL4_Uint64 v)
{
    return seL4_MessageInfo_set_field(info, v, SEL4_MI_EXTRA_MASK, SEL4_MI_EXTRA_SHIFT);
}

static inline seL4_MessageInfo_t seL4_MessageInfo_set_length(seL4_MessageInfo_t info, seL4_Uint64 v)
{
    return seL4_MessageInfo_set_field(info, v, SEL4_MI_LENGTH_MASK, 0);
}

/* Cap rights: bit 0 write, 1 read, 2 grant, 3 grant-reply. */
typedef struct seL4_CapRights {
    seL4_Uint64 words[1];
} seL4_CapRights_t;

static inline seL4_CapRights_t seL4_CapRights_new(seL4_Uint64 capAllowGrantReply,
                                                  seL4_Uint64 capAllowGrant,
                                                  seL4_Uint64 capAllowRead,
                                                  seL4_Uint64 capAllowWrite)
{
    seL4_CapRights_t rights;
    rights.words[0] = ((capAllowGrantReply & 1) << 3) | ((capAllowGrant & 1) << 2) |
                      ((capAllowRead & 1) << 1) | (capAllowWrite & 1);
    return rights;
}

#define seL4_AllRights     seL4_CapRights_new(1, 1, 1, 1)
#define seL4_CanRead       seL4_CapRights_new(0, 0, 1, 0)
#define seL4_CanWrite      seL4_CapRights_new(0, 0, 0, 1)
#define seL4_CanGrant      seL4_CapRights_new(0, 1, 0, 0)
#define seL4_CanGrantReply seL4_CapRights_new(1, 0, 0, 0)
#define seL4_ReadWrite     seL4_CapRights_new(0, 0, 1, 1)
#define seL4_NoWrite       seL4_CapRights_new(1, 1, 1, 0)
#define seL4_NoRead        seL4_CapRights_new(1, 1, 0, 1)
#define seL4_NoRights      seL4_CapRights_new(0, 0, 0, 0)

/* Message limits (needed by the IPC buffer layout). */
#define seL4_MsgLengthBits   7
#define seL4_MsgExtraCapBits 2
#define seL4_MsgMaxLength    120
#define seL4_MsgMaxExtraCaps ((1 << seL4_MsgExtraCapBits) - 1)

/* The IPC buffer: one per thread, 1 KiB, 1 KiB aligned. */
typedef struct seL4_IPCBuffer_ {
    seL4_MessageInfo_t tag;
    seL4_Word msg[seL4_MsgMaxLength];
    seL4_Word userData;
    seL4_Word caps_or_badges[seL4_MsgMaxExtraCaps];
    seL4_CPtr receiveCNode;
    seL4_CPtr receiveIndex;
    seL4_Word receiveDepth;
} seL4_IPCBuffer __attribute__((__aligned__(1024)));

SEL4_STATIC_ASSERT(sizeof(seL4_IPCBuffer) == 1024, "seL4_IPCBuffer is 1 KiB");
SEL4_STATIC_ASSERT(__builtin_offsetof(seL4_IPCBuffer, msg) == 8, "msg offset");
SEL4_STATIC_ASSERT(__builtin_offsetof(seL4_IPCBuffer, userData) == 968, "userData offset");
SEL4_STATIC_ASSERT(__builtin_offsetof(seL4_IPCBuffer, caps_or_badges) == 976, "caps offset");
SEL4_STATIC_ASSERT(__builtin_offsetof(seL4_IPCBuffer, receiveDepth) == 1016, "receiveDepth offset");

#ifdef CONFIG_ARCH_RISCV
#include <sel4/arch_types.h> /* libmicrokit/arch/riscv64/include */
#else
/* Register context, in the order TCB_ReadRegisters/WriteRegisters use. */
typedef struct seL4_UserContext_ {
    seL4_Word pc, sp, spsr, x0, x1, x2, x3, x4, x5, x6, x7, x8, x16, x17, x18, x29, x30;
    seL4_Word x9, x10, x11, x12, x13, x14, x15, x19, x20, x21, x22, x23, x24, x25, x26, x27, x28;
    seL4_Word tpidr_el0, tpidrro_el0;
} seL4_UserContext;

SEL4_STATIC_ASSERT(sizeof(seL4_UserContext) == 36 * sizeof(seL4_Word),
                   "seL4_UserContext is 36 words");

/* Arguments and results of seL4_ARM_SMC_Call. */
typedef struct seL4_ARM_SMCContext_ {
    seL4_Word x0, x1, x2, x3, x4, x5, x6, x7;
} seL4_ARM_SMCContext;
#endif /* CONFIG_ARCH_RISCV */

/* Boot info: handed to the root task (the monitor) by the kernel. */
typedef struct seL4_SlotRegion {
    seL4_SlotPos start; /* first slot of the region */
    seL4_SlotPos end;   /* first slot after the region */
} seL4_SlotRegion;

typedef struct seL4_UntypedDesc {
    seL4_Word paddr;
    seL4_Uint8 sizeBits;
    seL4_Uint8 isDevice;
    seL4_Uint8 padding[sizeof(seL4_Word) - 2 * sizeof(seL4_Uint8)];
} seL4_UntypedDesc;

SEL4_STATIC_ASSERT(sizeof(seL4_UntypedDesc) == 16, "seL4_UntypedDesc is 16 bytes");

typedef struct seL4_BootInfo {
    seL4_Word extraLen;
    seL4_NodeId nodeID;
    seL4_Word numNodes;
    seL4_Word numIOPTLevels;
    seL4_IPCBuffer *ipcBuffer;
    seL4_SlotRegion empty;
    seL4_SlotRegion sharedFrames;
    seL4_SlotRegion userImageFrames;
    seL4_SlotRegion userImagePaging;
    seL4_SlotRegion ioSpaceCaps;
    seL4_SlotRegion extraBIPages;
    seL4_Word initThreadCNodeSizeBits;
    seL4_Domain initThreadDomain;
    seL4_SlotRegion schedcontrol;
    seL4_SlotRegion untyped;
    seL4_UntypedDesc untypedList[CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS];
} seL4_BootInfo;

SEL4_STATIC_ASSERT(sizeof(seL4_BootInfo) == 3864, "seL4_BootInfo is 3864 bytes");
SEL4_STATIC_ASSERT(__builtin_offsetof(seL4_BootInfo, schedcontrol) == 152, "schedcontrol offset");
SEL4_STATIC_ASSERT(__builtin_offsetof(seL4_BootInfo, untyped) == 168, "untyped offset");
SEL4_STATIC_ASSERT(__builtin_offsetof(seL4_BootInfo, untypedList) == 184, "untypedList offset");

/* Header of each extra boot info chunk that follows the boot info frame. */
typedef struct seL4_BootInfoHeader {
    seL4_Word id;
    seL4_Word len;
} seL4_BootInfoHeader;

#endif /* SEL4_TYPES_H */
