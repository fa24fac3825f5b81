/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The seL4 ABI layer as a RISC-V 64 board sees it (sel4/config.h with
 * TEST_CONFIG_RISCV64: CONFIG_ARCH_RISCV, libmicrokit/arch/riscv64/include
 * on the path after the fake trap layer): every invocation label, object
 * type, size, fault message index and register context position against
 * the values of real seL4 16.0.0 qemu-riscv-virt builds (debug and release
 * agree: RISC-V has no HardwareDebugAPI), and the RISC-V invocation
 * wrappers' messages.
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

static int reset(void **state)
{
    memset(&fake_sel4, 0, sizeof(fake_sel4));
    memset(&ipc_buffer, 0, sizeof(ipc_buffer));
    return 0;
}

/* generated/invocations_all.json of the riscv64-debug and -release builds. */
static const struct {
    const char *name;
    int value, want;
} labels[] = {
    {"UntypedRetype", UntypedRetype, 1},
    {"TCBReadRegisters", TCBReadRegisters, 2},
    {"TCBWriteRegisters", TCBWriteRegisters, 3},
    {"TCBConfigure", TCBConfigure, 5},
    {"TCBSetSchedParams", TCBSetSchedParams, 8},
    {"TCBSetIPCBuffer", TCBSetIPCBuffer, 10},
    {"TCBSetSpace", TCBSetSpace, 11},
    {"TCBSuspend", TCBSuspend, 12},
    {"TCBResume", TCBResume, 13},
    {"TCBBindNotification", TCBBindNotification, 14},
    {"TCBUnbindNotification", TCBUnbindNotification, 15},
    {"TCBSetTLSBase", TCBSetTLSBase, 16},
    {"TCBSetFlags", TCBSetFlags, 17},
    {"CNodeRevoke", CNodeRevoke, 18},
    {"CNodeDelete", CNodeDelete, 19},
    {"CNodeCopy", CNodeCopy, 21},
    {"CNodeMint", CNodeMint, 22},
    {"CNodeMutate", CNodeMutate, 24},
    {"IRQIssueIRQHandler", IRQIssueIRQHandler, 26},
    {"IRQAckIRQ", IRQAckIRQ, 27},
    {"IRQSetIRQHandler", IRQSetIRQHandler, 28},
    {"DomainSetSet", DomainSetSet, 30},
    {"DomainScheduleConfigure", DomainScheduleConfigure, 31},
    {"DomainScheduleSetStart", DomainScheduleSetStart, 32},
    {"SchedControlConfigureFlags", SchedControlConfigureFlags, 33},
    {"SchedContextBind", SchedContextBind, 34},
    {"SchedContextUnbindObject", SchedContextUnbindObject, 36},
    {"SchedContextYieldTo", SchedContextYieldTo, 38},
    {"nInvocationLabels", nInvocationLabels, 39},
    {"nSeL4ArchInvocationLabels", nSeL4ArchInvocationLabels, 39},
    {"RISCVPageTableMap", RISCVPageTableMap, 39},
    {"RISCVPageTableUnmap", RISCVPageTableUnmap, 40},
    {"RISCVPageMap", RISCVPageMap, 41},
    {"RISCVPageUnmap", RISCVPageUnmap, 42},
    {"RISCVPageGetAddress", RISCVPageGetAddress, 43},
    {"RISCVASIDControlMakePool", RISCVASIDControlMakePool, 44},
    {"RISCVASIDPoolAssign", RISCVASIDPoolAssign, 45},
    {"RISCVIRQIssueIRQHandlerTrigger", RISCVIRQIssueIRQHandlerTrigger, 46},
    {"nArchInvocationLabels", nArchInvocationLabels, 47},
};

static void test_labels(void **state)
{
    for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++) {
        if (labels[i].value != labels[i].want) {
            fail_msg("label %s is %d, want %d", labels[i].name, labels[i].value, labels[i].want);
        }
    }
}

static void test_objects_and_sizes(void **state)
{
    assert_int_equal(seL4_SchedContextObject, 5);
    assert_int_equal(seL4_ReplyObject, 6);
    assert_int_equal(seL4_RISCV_Giga_Page, 7);
    assert_int_equal(seL4_RISCV_4K_Page, 8);
    assert_int_equal(seL4_RISCV_Mega_Page, 9);
    assert_int_equal(seL4_RISCV_PageTableObject, 10);
    assert_int_equal(seL4_ObjectTypeCount, 11);
    assert_int_equal(seL4_TCBBits, 11);
    assert_int_equal(seL4_PageTableBits, 12);
    assert_int_equal(seL4_VSpaceBits, 12);
    assert_int_equal(seL4_ASIDPoolBits, 12);
    assert_int_equal(seL4_EndpointBits, 4);
    assert_int_equal(seL4_NotificationBits, 6);
    assert_int_equal(seL4_ReplyBits, 5);
    assert_int_equal(seL4_MinUntypedBits, 4);
    assert_int_equal(seL4_MaxUntypedBits, 38);
    assert_int_equal(seL4_UserTop, 0x3ffffff000ull);
    assert_int_equal(seL4_RISCV_ExecuteNever, 1);
    assert_int_equal(seL4_RISCV_Default_VMAttributes, 0);
    assert_int_equal(sizeof(seL4_BootInfo), 3864);
    assert_int_equal(offsetof(seL4_BootInfo, schedcontrol), 152);
    assert_int_equal(offsetof(seL4_BootInfo, untypedList), 184);
}

static void test_faults_and_registers(void **state)
{
    assert_int_equal(seL4_Fault_UserException, 3);
    assert_int_equal(seL4_Fault_Timeout, 5);
    assert_int_equal(seL4_Fault_VMFault, 6);
    assert_int_equal(seL4_VMFault_IP, 0);
    assert_int_equal(seL4_VMFault_Addr, 1);
    assert_int_equal(seL4_VMFault_PrefetchFault, 2);
    assert_int_equal(seL4_VMFault_FSR, 3);
    assert_int_equal(seL4_UserException_FaultIP, 0);
    assert_int_equal(seL4_UserException_SP, 1);
    assert_int_equal(seL4_UserException_Number, 2);
    assert_int_equal(seL4_UserException_Code, 3);
    assert_int_equal(seL4_UserException_Length, 4);
    assert_int_equal(seL4_UnknownSyscall_FaultIP, 0);
    assert_int_equal(seL4_UnknownSyscall_RA, 2);
    assert_int_equal(seL4_UnknownSyscall_Syscall, 10);
    assert_int_equal(seL4_UnknownSyscall_Length, 11);
    assert_int_equal(sizeof(seL4_UserContext), 32 * 8);
    assert_int_equal(offsetof(seL4_UserContext, pc), 0);
    assert_int_equal(offsetof(seL4_UserContext, ra), 8);
    assert_int_equal(offsetof(seL4_UserContext, sp), 16);
    assert_int_equal(offsetof(seL4_UserContext, a0), 16 * 8);
    assert_int_equal(offsetof(seL4_UserContext, tp), 31 * 8);
}

static void check_call(seL4_CPtr dest, seL4_Word label, seL4_Word extra, seL4_Word length,
                       seL4_Word mr0, seL4_Word mr1, seL4_Word mr2)
{
    const struct fake_record *r = &fake_sel4.last;
    assert_int_equal(r->call, FAKE_CALLWITHMRS);
    assert_int_equal(r->dest, dest);
    assert_int_equal(seL4_MessageInfo_get_label(r->info), label);
    assert_int_equal(seL4_MessageInfo_get_extraCaps(r->info), extra);
    assert_int_equal(seL4_MessageInfo_get_length(r->info), length);
    assert_int_equal(r->mr[0], mr0);
    assert_int_equal(r->mr[1], mr1);
    assert_int_equal(r->mr[2], mr2);
}

static void test_vm_calls(void **state)
{
    seL4_RISCV_Page_Map(60, 61, 0x400000, seL4_ReadWrite, seL4_RISCV_ExecuteNever);
    check_call(60, 41, 1, 3, 0x400000, 3, 1);
    assert_int_equal(fake_sel4.last.caps[0], 61);
    seL4_RISCV_Page_Unmap(60);
    check_call(60, 42, 0, 0, 0, 0, 0);
    seL4_RISCV_PageTable_Map(62, 61, 0x200000, seL4_RISCV_Default_VMAttributes);
    check_call(62, 39, 1, 2, 0x200000, 0, 0);
    seL4_RISCV_ASIDPool_Assign(6, 61);
    check_call(6, 45, 1, 0, 0, 0, 0);
    assert_int_equal(fake_sel4.last.caps[0], 61);
    seL4_IRQControl_GetTrigger(4, 10, 1, 2, 500, 64);
    check_call(4, 46, 1, 4, 10, 1, 500);
    seL4_TCB_WriteRegisters(70, seL4_False, 0, 3, &(seL4_UserContext){.pc = 0x200000, .sp = 9});
    check_call(70, 3, 0, 5, 0, 3, 0x200000);
    assert_int_equal(seL4_GetMR(4), 9); /* sp is the third register */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_labels, reset),
        cmocka_unit_test_setup(test_objects_and_sizes, reset),
        cmocka_unit_test_setup(test_faults_and_registers, reset),
        cmocka_unit_test_setup(test_vm_calls, reset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
