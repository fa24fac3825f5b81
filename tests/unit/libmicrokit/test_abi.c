/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Unit tests of the arch-neutral seL4 ABI layer: message info layout,
 * invocation labels (debug and release: this file is built twice), constants,
 * struct layouts, and the marshalling of every invocation wrapper, checked
 * through a fake trap layer that records the last call.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <sel4/sel4.h>

struct fake_sel4 fake_sel4;
static seL4_IPCBuffer ipc_buffer;
seL4_IPCBuffer *__sel4_ipc_buffer = &ipc_buffer;

#ifdef TEST_CONFIG_DEBUG
#define CFG(debug, release) (debug)
#else
#define CFG(debug, release) (release)
#endif

static int reset(void **state)
{
    memset(&fake_sel4, 0, sizeof(fake_sel4));
    memset(&ipc_buffer, 0, sizeof(ipc_buffer));
    return 0;
}

static void test_message_info_layout(void **state)
{
    seL4_MessageInfo_t mi = seL4_MessageInfo_new(0x12345, 5, 3, 77);
    assert_int_equal(mi.words[0], (0x12345ull << 12) | (5ull << 9) | (3ull << 7) | 77ull);
    assert_int_equal(seL4_MessageInfo_get_label(mi), 0x12345);
    assert_int_equal(seL4_MessageInfo_get_capsUnwrapped(mi), 5);
    assert_int_equal(seL4_MessageInfo_get_extraCaps(mi), 3);
    assert_int_equal(seL4_MessageInfo_get_length(mi), 77);
    /* Fields are masked to their widths. */
    mi = seL4_MessageInfo_new(1, 8, 4, 128);
    assert_int_equal(mi.words[0], 1ull << 12);
    mi = seL4_MessageInfo_set_length(mi, 120);
    mi = seL4_MessageInfo_set_extraCaps(mi, 2);
    mi = seL4_MessageInfo_set_capsUnwrapped(mi, 7);
    mi = seL4_MessageInfo_set_label(mi, 0xfffffffffffffull);
    assert_int_equal(mi.words[0], ~0ull << 12 | (7ull << 9) | (2ull << 7) | 120ull);
    mi = seL4_MessageInfo_set_label(mi, 3);
    assert_int_equal(seL4_MessageInfo_get_label(mi), 3);
    assert_int_equal(seL4_MessageInfo_get_length(mi), 120);
}

static void test_cap_rights(void **state)
{
    assert_int_equal(seL4_CapRights_new(0, 0, 0, 1).words[0], 1);
    assert_int_equal(seL4_CapRights_new(0, 0, 1, 0).words[0], 2);
    assert_int_equal(seL4_CapRights_new(0, 1, 0, 0).words[0], 4);
    assert_int_equal(seL4_CapRights_new(1, 0, 0, 0).words[0], 8);
    assert_int_equal(seL4_AllRights.words[0], 0xf);
    assert_int_equal(seL4_ReadWrite.words[0], 3);
}

struct label {
    const char *name;
    int value;
    int debug;
    int release;
};

/* Values read from the invocations_all.json of seL4 16.0.0 debug and release builds. */
static const struct label labels[] = {
    {"InvalidInvocation", InvalidInvocation, 0, 0},
    {"UntypedRetype", UntypedRetype, 1, 1},
    {"TCBReadRegisters", TCBReadRegisters, 2, 2},
    {"TCBWriteRegisters", TCBWriteRegisters, 3, 3},
    {"TCBCopyRegisters", TCBCopyRegisters, 4, 4},
    {"TCBConfigure", TCBConfigure, 5, 5},
    {"TCBSetPriority", TCBSetPriority, 6, 6},
    {"TCBSetMCPriority", TCBSetMCPriority, 7, 7},
    {"TCBSetSchedParams", TCBSetSchedParams, 8, 8},
    {"TCBSetTimeoutEndpoint", TCBSetTimeoutEndpoint, 9, 9},
    {"TCBSetIPCBuffer", TCBSetIPCBuffer, 10, 10},
    {"TCBSetSpace", TCBSetSpace, 11, 11},
    {"TCBSuspend", TCBSuspend, 12, 12},
    {"TCBResume", TCBResume, 13, 13},
    {"TCBBindNotification", TCBBindNotification, 14, 14},
    {"TCBUnbindNotification", TCBUnbindNotification, 15, 15},
    {"TCBSetTLSBase", TCBSetTLSBase, 20, 16},
    {"TCBSetFlags", TCBSetFlags, 21, 17},
    {"CNodeRevoke", CNodeRevoke, 22, 18},
    {"CNodeDelete", CNodeDelete, 23, 19},
    {"CNodeCancelBadgedSends", CNodeCancelBadgedSends, 24, 20},
    {"CNodeCopy", CNodeCopy, 25, 21},
    {"CNodeMint", CNodeMint, 26, 22},
    {"CNodeMove", CNodeMove, 27, 23},
    {"CNodeMutate", CNodeMutate, 28, 24},
    {"CNodeRotate", CNodeRotate, 29, 25},
    {"IRQIssueIRQHandler", IRQIssueIRQHandler, 30, 26},
    {"IRQAckIRQ", IRQAckIRQ, 31, 27},
    {"IRQSetIRQHandler", IRQSetIRQHandler, 32, 28},
    {"IRQClearIRQHandler", IRQClearIRQHandler, 33, 29},
    {"DomainSetSet", DomainSetSet, 34, 30},
    {"DomainScheduleConfigure", DomainScheduleConfigure, 35, 31},
    {"DomainScheduleSetStart", DomainScheduleSetStart, 36, 32},
    {"SchedControlConfigureFlags", SchedControlConfigureFlags, 37, 33},
    {"SchedContextBind", SchedContextBind, 38, 34},
    {"SchedContextUnbind", SchedContextUnbind, 39, 35},
    {"SchedContextUnbindObject", SchedContextUnbindObject, 40, 36},
    {"SchedContextConsumed", SchedContextConsumed, 41, 37},
    {"SchedContextYieldTo", SchedContextYieldTo, 42, 38},
    {"ARMVSpaceClean_Data", ARMVSpaceClean_Data, 43, 39},
    {"ARMVSpaceInvalidate_Data", ARMVSpaceInvalidate_Data, 44, 40},
    {"ARMVSpaceCleanInvalidate_Data", ARMVSpaceCleanInvalidate_Data, 45, 41},
    {"ARMVSpaceUnify_Instruction", ARMVSpaceUnify_Instruction, 46, 42},
    {"ARMSMCCall", ARMSMCCall, 47, 43},
    {"ARMPageTableMap", ARMPageTableMap, 48, 44},
    {"ARMPageTableUnmap", ARMPageTableUnmap, 49, 45},
    {"ARMPageMap", ARMPageMap, 50, 46},
    {"ARMPageUnmap", ARMPageUnmap, 51, 47},
    {"ARMPageClean_Data", ARMPageClean_Data, 52, 48},
    {"ARMPageInvalidate_Data", ARMPageInvalidate_Data, 53, 49},
    {"ARMPageCleanInvalidate_Data", ARMPageCleanInvalidate_Data, 54, 50},
    {"ARMPageUnify_Instruction", ARMPageUnify_Instruction, 55, 51},
    {"ARMPageGetAddress", ARMPageGetAddress, 56, 52},
    {"ARMASIDControlMakePool", ARMASIDControlMakePool, 57, 53},
    {"ARMASIDPoolAssign", ARMASIDPoolAssign, 58, 54},
    {"ARMVCPUSetTCB", ARMVCPUSetTCB, 59, 55},
    {"ARMVCPUInjectIRQ", ARMVCPUInjectIRQ, 60, 56},
    {"ARMVCPUReadReg", ARMVCPUReadReg, 61, 57},
    {"ARMVCPUWriteReg", ARMVCPUWriteReg, 62, 58},
    {"ARMVCPUAckVPPI", ARMVCPUAckVPPI, 63, 59},
    {"ARMIRQIssueIRQHandlerTrigger", ARMIRQIssueIRQHandlerTrigger, 64, 60},
    {"ARMIRQIssueSGISignal", ARMIRQIssueSGISignal, 65, 61},
    {"nInvocationLabels", nInvocationLabels, 43, 39},
    {"nSeL4ArchInvocationLabels", nSeL4ArchInvocationLabels, 48, 44},
    {"nArchInvocationLabels", nArchInvocationLabels, 66, 62},
#ifdef CONFIG_HARDWARE_DEBUG_API
    {"TCBSetBreakpoint", TCBSetBreakpoint, 16, -1},
    {"TCBGetBreakpoint", TCBGetBreakpoint, 17, -1},
    {"TCBUnsetBreakpoint", TCBUnsetBreakpoint, 18, -1},
    {"TCBConfigureSingleStepping", TCBConfigureSingleStepping, 19, -1},
#endif
};

static void test_labels(void **state)
{
    for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++) {
        int want = CFG(labels[i].debug, labels[i].release);
        if (labels[i].value != want) {
            fail_msg("label %s is %d, want %d", labels[i].name, labels[i].value, want);
        }
    }
}

static void test_syscall_numbers(void **state)
{
    assert_int_equal(seL4_SysCall, -1);
    assert_int_equal(seL4_SysReplyRecv, -2);
    assert_int_equal(seL4_SysNBSendRecv, -3);
    assert_int_equal(seL4_SysNBSendWait, -4);
    assert_int_equal(seL4_SysSend, -5);
    assert_int_equal(seL4_SysNBSend, -6);
    assert_int_equal(seL4_SysRecv, -7);
    assert_int_equal(seL4_SysNBRecv, -8);
    assert_int_equal(seL4_SysWait, -9);
    assert_int_equal(seL4_SysNBWait, -10);
    assert_int_equal(seL4_SysYield, -11);
#ifdef CONFIG_PRINTING
    assert_int_equal(seL4_SysDebugPutChar, -12);
    assert_int_equal(seL4_SysDebugDumpScheduler, -13);
    assert_int_equal(seL4_SysDebugHalt, -14);
    assert_int_equal(seL4_SysDebugCapIdentify, -15);
    assert_int_equal(seL4_SysDebugSnapshot, -16);
    assert_int_equal(seL4_SysDebugNameThread, -17);
#endif
}

static void test_constants(void **state)
{
    assert_int_equal(seL4_TCBBits, CFG(12, 11));
    assert_int_equal(seL4_EndpointBits, 4);
    assert_int_equal(seL4_NotificationBits, 6);
    assert_int_equal(seL4_ReplyBits, 5);
    assert_int_equal(seL4_SlotBits, 5);
    assert_int_equal(seL4_VSpaceBits, 13);
    assert_int_equal(seL4_PageTableBits, 12);
    assert_int_equal(seL4_LargePageBits, 21);
    assert_int_equal(seL4_HugePageBits, 30);
    assert_int_equal(seL4_VCPUBits, 12);
    assert_int_equal(seL4_MinSchedContextBits, 7);
    assert_int_equal(seL4_MaxUntypedBits, 47);
    assert_int_equal(seL4_UserTop, 0xffffffffffull);
    assert_int_equal(seL4_MsgMaxLength, 120);
    assert_int_equal(seL4_MsgMaxExtraCaps, 3);
    assert_int_equal(seL4_ARM_VSpaceObject, 8);
    assert_int_equal(seL4_ARM_SmallPageObject, 9);
    assert_int_equal(seL4_ARM_LargePageObject, 10);
    assert_int_equal(seL4_ARM_PageTableObject, 11);
    assert_int_equal(seL4_ARM_VCPUObject, 12);
    assert_int_equal(seL4_ARM_HugePageObject, 7);
    assert_int_equal(seL4_SchedContextObject, 5);
    assert_int_equal(seL4_ReplyObject, 6);
    assert_int_equal(seL4_NotEnoughMemory, 10);
    assert_int_equal(seL4_Fault_VMFault, 6);
    assert_int_equal(seL4_Fault_Timeout, 5);
    assert_int_equal(seL4_Fault_VPPIEvent, 9);
#ifdef CONFIG_HARDWARE_DEBUG_API
    assert_int_equal(seL4_Fault_DebugException, 4);
#endif
    assert_int_equal(seL4_VMFault_FSR, 3);
    assert_int_equal(seL4_UserException_Code, 4);
    assert_int_equal(seL4_CapSMC, 15);
    assert_int_equal(seL4_CapInitThreadSC, 14);
    assert_int_equal(seL4_NumInitialCaps, 16);
    assert_int_equal(seL4_ARM_ExecuteNever, 4);
    assert_int_equal(seL4_ARM_Default_VMAttributes, 3);
}

static void test_struct_layouts(void **state)
{
    assert_int_equal(sizeof(seL4_IPCBuffer), 1024);
    assert_int_equal(_Alignof(seL4_IPCBuffer), 1024);
    assert_int_equal(offsetof(seL4_IPCBuffer, tag), 0);
    assert_int_equal(offsetof(seL4_IPCBuffer, msg), 8);
    assert_int_equal(offsetof(seL4_IPCBuffer, userData), 968);
    assert_int_equal(offsetof(seL4_IPCBuffer, caps_or_badges), 976);
    assert_int_equal(offsetof(seL4_IPCBuffer, receiveCNode), 1000);
    assert_int_equal(offsetof(seL4_IPCBuffer, receiveIndex), 1008);
    assert_int_equal(offsetof(seL4_IPCBuffer, receiveDepth), 1016);

    assert_int_equal(sizeof(seL4_BootInfo), 3864);
    assert_int_equal(offsetof(seL4_BootInfo, nodeID), 8);
    assert_int_equal(offsetof(seL4_BootInfo, ipcBuffer), 32);
    assert_int_equal(offsetof(seL4_BootInfo, empty), 40);
    assert_int_equal(offsetof(seL4_BootInfo, userImageFrames), 72);
    assert_int_equal(offsetof(seL4_BootInfo, extraBIPages), 120);
    assert_int_equal(offsetof(seL4_BootInfo, initThreadCNodeSizeBits), 136);
    assert_int_equal(offsetof(seL4_BootInfo, initThreadDomain), 144);
    assert_int_equal(offsetof(seL4_BootInfo, schedcontrol), 152);
    assert_int_equal(offsetof(seL4_BootInfo, untyped), 168);
    assert_int_equal(offsetof(seL4_BootInfo, untypedList), 184);
    assert_int_equal(sizeof(seL4_SlotRegion), 16);
    assert_int_equal(sizeof(seL4_UntypedDesc), 16);
    assert_int_equal(offsetof(seL4_UntypedDesc, sizeBits), 8);
    assert_int_equal(offsetof(seL4_UntypedDesc, isDevice), 9);

    assert_int_equal(sizeof(seL4_UserContext), 288);
    assert_int_equal(offsetof(seL4_UserContext, spsr), 2 * 8);
    assert_int_equal(offsetof(seL4_UserContext, x8), 11 * 8);
    assert_int_equal(offsetof(seL4_UserContext, x16), 12 * 8);
    assert_int_equal(offsetof(seL4_UserContext, x30), 16 * 8);
    assert_int_equal(offsetof(seL4_UserContext, x9), 17 * 8);
    assert_int_equal(offsetof(seL4_UserContext, x19), 24 * 8);
    assert_int_equal(offsetof(seL4_UserContext, tpidrro_el0), 35 * 8);
    assert_int_equal(sizeof(seL4_ARM_SMCContext), 64);
}

static void test_mr_access(void **state)
{
    seL4_SetMR(0, 11);
    seL4_SetMR(119, 22);
    assert_int_equal(ipc_buffer.msg[0], 11);
    assert_int_equal(ipc_buffer.msg[119], 22);
    assert_int_equal(seL4_GetMR(119), 22);
    seL4_SetCap(2, 99);
    assert_int_equal(ipc_buffer.caps_or_badges[2], 99);
    assert_ptr_equal(seL4_GetIPCBuffer(), &ipc_buffer);
}

/* Check the recorded invocation: cap, label, extra caps, length and MR0..3. */
static void check_call(seL4_CPtr dest, seL4_Word label, seL4_Word extra, seL4_Word length,
                       seL4_Word mr0, seL4_Word mr1, seL4_Word mr2, seL4_Word mr3)
{
    const struct fake_record *r = &fake_sel4.last;
    assert_int_equal(r->call, FAKE_CALLWITHMRS);
    assert_int_equal(r->dest, dest);
    assert_int_equal(seL4_MessageInfo_get_label(r->info), label);
    assert_int_equal(seL4_MessageInfo_get_capsUnwrapped(r->info), 0);
    assert_int_equal(seL4_MessageInfo_get_extraCaps(r->info), extra);
    assert_int_equal(seL4_MessageInfo_get_length(r->info), length);
    assert_int_equal(r->mr[0], mr0);
    assert_int_equal(r->mr[1], mr1);
    assert_int_equal(r->mr[2], mr2);
    assert_int_equal(r->mr[3], mr3);
}

static void check_caps(seL4_Word c0, seL4_Word c1, seL4_Word c2)
{
    assert_int_equal(fake_sel4.last.caps[0], c0);
    assert_int_equal(fake_sel4.last.caps[1], c1);
    assert_int_equal(fake_sel4.last.caps[2], c2);
}

static void test_untyped_retype(void **state)
{
    fake_sel4.call_reply = seL4_MessageInfo_new(seL4_NotEnoughMemory, 0, 0, 0);
    assert_int_equal(seL4_Untyped_Retype(100, seL4_TCBObject, 0, 2, 7, 64, 300, 5),
                     seL4_NotEnoughMemory);
    check_call(100, CFG(1, 1), 1, 6, seL4_TCBObject, 0, 7, 64);
    check_caps(2, 0, 0);
    assert_int_equal(ipc_buffer.msg[4], 300);
    assert_int_equal(ipc_buffer.msg[5], 5);
}

static void test_tcb_write_registers(void **state)
{
    seL4_UserContext regs;
    seL4_Word *w = (seL4_Word *)&regs;
    for (int i = 0; i < 36; i++) {
        w[i] = 1000 + i;
    }
    assert_int_equal(seL4_TCB_WriteRegisters(202, seL4_True, 0x5a, 36, &regs), seL4_NoError);
    check_call(202, CFG(3, 3), 0, 38, 1 | (0x5a << 8), 36, 1000, 1001);
    for (int i = 2; i < 36; i++) {
        assert_int_equal(ipc_buffer.msg[i + 2], 1000 + i);
    }
    seL4_TCB_WriteRegisters(203, seL4_False, 0, 1, &regs);
    check_call(203, 3, 0, 3, 0, 1, 1000, 0);
}

static void test_tcb_read_registers(void **state)
{
    seL4_UserContext regs;
    memset(&regs, 0xff, sizeof(regs));
    fake_sel4.call_reply_mr[0] = 0x200000;
    fake_sel4.call_reply_mr[1] = 0xffffe000;
    fake_sel4.call_reply_mr[2] = 0x3c5;
    fake_sel4.call_reply_mr[3] = 42;
    ipc_buffer.msg[4] = 43;
    assert_int_equal(seL4_TCB_ReadRegisters(9, seL4_True, 0, 5, &regs), seL4_NoError);
    check_call(9, 2, 0, 2, 1, 5, 0, 0);
    assert_int_equal(regs.pc, 0x200000);
    assert_int_equal(regs.sp, 0xffffe000);
    assert_int_equal(regs.spsr, 0x3c5);
    assert_int_equal(regs.x0, 42);
    assert_int_equal(regs.x1, 43);
    assert_int_equal(regs.x2, (seL4_Word)-1);
}

static void test_tcb_calls(void **state)
{
    seL4_TCB_SetSchedParams(20, 1, 254, 100, 30, 40);
    check_call(20, 8, 3, 2, 254, 100, 0, 0);
    check_caps(1, 30, 40);
    seL4_TCB_SetSpace(21, 41, 42, 55, 43, 0);
    check_call(21, 11, 3, 2, 55, 0, 0, 0);
    check_caps(41, 42, 43);
    seL4_TCB_SetIPCBuffer(22, 0xfffffff000ull, 44);
    check_call(22, 10, 1, 1, 0xfffffff000ull, 0, 0, 0);
    check_caps(44, 42, 43);
    seL4_TCB_Suspend(23);
    check_call(23, 12, 0, 0, 0, 0, 0, 0);
    seL4_TCB_Resume(24);
    check_call(24, 13, 0, 0, 0, 0, 0, 0);
    seL4_TCB_BindNotification(25, 45);
    check_call(25, 14, 1, 0, 0, 0, 0, 0);
    assert_int_equal(fake_sel4.last.caps[0], 45);
}

static void test_cnode_calls(void **state)
{
    seL4_CNode_Copy(2, 6, 64, 3, 1, 64, seL4_AllRights);
    check_call(2, CFG(25, 21), 1, 5, 6, 64, 1, 64);
    assert_int_equal(fake_sel4.last.caps[0], 3);
    assert_int_equal(ipc_buffer.msg[4], 0xf);
    seL4_CNode_Mint(2, 7, 64, 3, 8, 64, seL4_CanRead, 0x8000000000000005ull);
    check_call(2, CFG(26, 22), 1, 6, 7, 64, 8, 64);
    assert_int_equal(ipc_buffer.msg[4], 2);
    assert_int_equal(ipc_buffer.msg[5], 0x8000000000000005ull);
    seL4_CNode_Mutate(2, 9, 64, 3, 10, 64, 55);
    check_call(2, CFG(28, 24), 1, 5, 9, 64, 10, 64);
    assert_int_equal(ipc_buffer.msg[4], 55);
    seL4_CNode_Delete(2, 11, 64);
    check_call(2, CFG(23, 19), 0, 2, 11, 64, 0, 0);
}

static void test_irq_calls(void **state)
{
    seL4_IRQControl_GetTrigger(4, 33, 1, 2, 500, 64);
    check_call(4, CFG(64, 60), 1, 4, 33, 1, 500, 64);
    assert_int_equal(fake_sel4.last.caps[0], 2);
    seL4_IRQControl_Get(4, 34, 2, 501, 64);
    check_call(4, CFG(30, 26), 1, 3, 34, 501, 64, 0);
    seL4_IRQHandler_Ack(140);
    check_call(140, CFG(31, 27), 0, 0, 0, 0, 0, 0);
    seL4_IRQHandler_SetNotification(140, 77);
    check_call(140, CFG(32, 28), 1, 0, 0, 0, 0, 0);
    assert_int_equal(fake_sel4.last.caps[0], 77);
}

static void test_sched_calls(void **state)
{
    seL4_SchedControl_ConfigureFlags(50, 51, 1000, 2000, 0, 0x105, seL4_SchedContext_Sporadic);
    check_call(50, CFG(37, 33), 1, 5, 1000, 2000, 0, 0x105);
    assert_int_equal(fake_sel4.last.caps[0], 51);
    assert_int_equal(ipc_buffer.msg[4], 1);
    seL4_SchedContext_Bind(52, 53);
    check_call(52, CFG(38, 34), 1, 0, 0, 0, 0, 0);
    assert_int_equal(fake_sel4.last.caps[0], 53);
    seL4_SchedContext_UnbindObject(52, 54);
    check_call(52, CFG(40, 36), 1, 0, 0, 0, 0, 0);
    assert_int_equal(fake_sel4.last.caps[0], 54);
}

static void test_vm_calls(void **state)
{
    seL4_ARM_Page_Map(60, 61, 0x400000, seL4_ReadWrite,
                      seL4_ARM_ParityEnabled | seL4_ARM_ExecuteNever);
    check_call(60, CFG(50, 46), 1, 3, 0x400000, 3, 6, 0);
    assert_int_equal(fake_sel4.last.caps[0], 61);
    seL4_ARM_Page_Unmap(60);
    check_call(60, CFG(51, 47), 0, 0, 0, 0, 0, 0);
    seL4_ARM_PageTable_Map(62, 61, 0x200000, seL4_ARM_Default_VMAttributes);
    check_call(62, CFG(48, 44), 1, 2, 0x200000, 3, 0, 0);
    seL4_ARM_ASIDPool_Assign(6, 61);
    check_call(6, CFG(58, 54), 1, 0, 0, 0, 0, 0);
    assert_int_equal(fake_sel4.last.caps[0], 61);
}

static void test_vcpu_calls(void **state)
{
    seL4_ARM_VCPU_SetTCB(330, 266);
    check_call(330, CFG(59, 55), 1, 0, 0, 0, 0, 0);
    assert_int_equal(fake_sel4.last.caps[0], 266);
    seL4_ARM_VCPU_InjectIRQ(331, 0x1234, 0xa0, 1, 3);
    check_call(331, CFG(60, 56), 0, 1, 0x1234 | (0xa0ull << 16) | (1ull << 24) | (3ull << 32), 0, 0,
               0);
    fake_sel4.call_reply_mr[0] = 0xabc;
    seL4_ARM_VCPU_ReadRegs_t rr = seL4_ARM_VCPU_ReadRegs(332, 7);
    check_call(332, CFG(61, 57), 0, 1, 7, 0, 0, 0);
    assert_int_equal(rr.error, 0);
    assert_int_equal(rr.value, 0xabc);
    seL4_ARM_VCPU_WriteRegs(333, 8, 0xdef);
    check_call(333, CFG(62, 58), 0, 2, 8, 0xdef, 0, 0);
    seL4_ARM_VCPU_AckVPPI(334, 27);
    check_call(334, CFG(63, 59), 0, 1, 27, 0, 0, 0);
}

static void test_smc_call(void **state)
{
    seL4_ARM_SMCContext args = {1, 2, 3, 4, 5, 6, 7, 8};
    seL4_ARM_SMCContext resp;
    for (int i = 0; i < 4; i++) {
        fake_sel4.call_reply_mr[i] = 100 + i;
    }
    fake_sel4.call_reply = seL4_MessageInfo_new(0, 0, 0, 8);
    assert_int_equal(seL4_ARM_SMC_Call(7, &args, &resp), seL4_NoError);
    check_call(7, CFG(47, 43), 0, 8, 1, 2, 3, 4);
    assert_int_equal(ipc_buffer.msg[4], 5);
    assert_int_equal(ipc_buffer.msg[7], 8);
    assert_int_equal(resp.x0, 100);
    assert_int_equal(resp.x3, 103);
    assert_int_equal(resp.x4, 5);
    assert_int_equal(resp.x7, 8);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_message_info_layout, reset),
        cmocka_unit_test_setup(test_cap_rights, reset),
        cmocka_unit_test_setup(test_labels, reset),
        cmocka_unit_test_setup(test_syscall_numbers, reset),
        cmocka_unit_test_setup(test_constants, reset),
        cmocka_unit_test_setup(test_struct_layouts, reset),
        cmocka_unit_test_setup(test_mr_access, reset),
        cmocka_unit_test_setup(test_untyped_retype, reset),
        cmocka_unit_test_setup(test_tcb_write_registers, reset),
        cmocka_unit_test_setup(test_tcb_read_registers, reset),
        cmocka_unit_test_setup(test_tcb_calls, reset),
        cmocka_unit_test_setup(test_cnode_calls, reset),
        cmocka_unit_test_setup(test_irq_calls, reset),
        cmocka_unit_test_setup(test_sched_calls, reset),
        cmocka_unit_test_setup(test_vm_calls, reset),
        cmocka_unit_test_setup(test_vcpu_calls, reset),
        cmocka_unit_test_setup(test_smc_call, reset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
