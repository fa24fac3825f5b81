/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Limits shared by the host tool, the monitor, libmicrokit and the simulator.
 * One definition each: the tool rejects systems that exceed them, and the
 * target code sizes its fixed arrays with them.
 */
#ifndef SDK_LIMITS_H
#define SDK_LIMITS_H

/* Protection domains in one system, children included. */
#define SDK_MAX_PDS 63
/* Virtual machines in one system. */
#define SDK_MAX_VMS 63
/* Channel, IRQ and vCPU ids of one PD are 0..SDK_MAX_CHANNEL_ID. */
#define SDK_MAX_CHANNEL_ID 61
#define SDK_MAX_CHANNELS   62
/* Bytes kept of a PD name, including the terminating NUL. */
#define SDK_PD_NAME_LENGTH 64
/* Priorities 0..254 for PDs; the monitor runs at 255. */
#define SDK_MAX_PD_PRIORITY  254
#define SDK_MONITOR_PRIORITY 255

/* Stack sizes (bytes). */
#define SDK_STACK_SIZE_DEFAULT 0x2000
#define SDK_STACK_SIZE_MIN     0x1000
#define SDK_STACK_SIZE_MAX     0x1000000

/* Scheduling defaults, microseconds. */
#define SDK_BUDGET_DEFAULT 1000

/* Where libmicrokit's linker script puts .text. */
#define SDK_PD_TEXT_BASE 0x200000

/*
 * AArch64, hypervisor kernel, 40-bit physical addresses: user virtual
 * addresses run up to seL4_UserVSpaceTop (0xffffffffff). The IPC buffer is
 * the top user page, one guard page lies below it, and the stack ends below
 * the guard page.
 */
#define SDK_PD_IPC_BUFFER_VADDR 0xfffffff000ull
#define SDK_PD_STACK_TOP        0xffffffe000ull

/*
 * RISC-V 64 (Sv39): user virtual addresses run below seL4_UserTop
 * (0x3ffffff000); seL4_UserVSpaceTop is 0x3fffffefff. As on AArch64 (and as
 * Microkit 2.3 places them): the IPC buffer is the top page of
 * seL4_UserVSpaceTop, the stack ends one page below it.
 */
#define SDK_PD_USER_TOP_RISCV64         0x3ffffff000ull
#define SDK_PD_IPC_BUFFER_VADDR_RISCV64 0x3fffffe000ull
#define SDK_PD_STACK_TOP_RISCV64        0x3fffffd000ull

/* Badge bits seen by a PD's event loop. */
#define SDK_BADGE_PPC_BIT   63
#define SDK_BADGE_FAULT_BIT 62

/* Cap slots in a PD's CNode (one CNode of 512 slots, guard 55). */
#define SDK_PD_CNODE_BITS         9
#define SDK_PD_CNODE_GUARD        55
#define SDK_CAP_INPUT             1
#define SDK_CAP_VSPACE            3
#define SDK_CAP_REPLY             4
#define SDK_CAP_MONITOR_EP        5
#define SDK_CAP_TCB               6
#define SDK_CAP_SMC               7
#define SDK_CAP_BASE_NOTIFICATION 10
#define SDK_CAP_BASE_ENDPOINT     74
#define SDK_CAP_BASE_IRQ          138
#define SDK_CAP_BASE_TCB          202
#define SDK_CAP_BASE_VM_TCB       266
#define SDK_CAP_BASE_VCPU         330

/*
 * A PD with a <cspace> (Microkit 2.3) has the two-level CSpace Microkit 2.3
 * gives every PD: its TCB's CSpace root is a CNode of 64 slots without a
 * guard; slot 0 of it holds the PD CNode above with a guard of
 * 64 - 6 - 9 = 49 bits, so the slots above keep their cptrs (0..511), and
 * slot s (1..63) holds the <cspace> cap with slot="s", whose cptr is
 * s << (64 - 6) (microkit_cspace_root_slot_to_cptr). The guard goes in as
 * the badge of the CNode cap: seL4_CNode_Mint takes a CNode cap's guard
 * (size in bits 0..5, value above) where other caps take a badge.
 */
#define SDK_PD_ROOT_CNODE_BITS     6
#define SDK_PD_ROOT_CNODE_GUARD    0
#define SDK_PD_CNODE_GUARD_IN_ROOT (64 - SDK_PD_ROOT_CNODE_BITS - SDK_PD_CNODE_BITS)
#define SDK_CAP_ROOT_PD_CNODE      0
/* Microkit 2.3's MICROKIT_MAX_USER_CAPS: the bound its parser puts on slot. */
#define SDK_MAX_USER_CAPS 128

#endif /* SDK_LIMITS_H */
