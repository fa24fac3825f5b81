/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The monitor's fault endpoint: fault reports (kind, details, function
 * name from the spec's symbols, stack overflow hint, registers) and the
 * passive-PD protocol.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "boot.h"
#include "fake_sel4.h"
#include "fault.h"
#include "spec_builder.h"

#define OBJ_BASE 300

static struct sb sb;
static struct bs_spec spec;
static struct boot boot;
static uint8_t *blob;

static int setup(void **state)
{
    const char *why;
    size_t size;
    sb_init(&sb);
    sb.monitor_reply = sb_object(&sb, BS_OBJ_REPLY, 5, BS_ANY_PADDR, 0, "reply");     /* 0 */
    sb.monitor_fault_ep = sb_object(&sb, BS_OBJ_ENDPOINT, 4, BS_ANY_PADDR, 0, "fep"); /* 1 */
    for (int i = 0; i < 2; i++) {
        sb_object(&sb, BS_OBJ_TCB, 12, BS_ANY_PADDR, 0, "tcb");          /* 2, 6 */
        sb_object(&sb, BS_OBJ_SCHED_CONTEXT, 8, BS_ANY_PADDR, 0, "sc");  /* 3, 7 */
        sb_object(&sb, BS_OBJ_VSPACE, 13, BS_ANY_PADDR, 0, "vspace");    /* 4, 8 */
        sb_object(&sb, BS_OBJ_NOTIFICATION, 6, BS_ANY_PADDR, 0, "ntfn"); /* 5, 9 */
    }
    /* 10: a read-only map of 'hello' (the report names it at a fault there). */
    uint32_t ro = sb_object(&sb, BS_OBJ_FRAME, 12, BS_ANY_PADDR, 0, "mr 'ro' [0]");
    sb_map(&sb, 4, ro, 0x30000000, BS_MAP_FRAME, BS_RIGHT_READ, BS_ATTR_EXECUTE_NEVER);
    sb_symbol(&sb, 0x200100, 0x40, "init");
    sb_symbol(&sb, 0x200140, 0, "notified");
    sb_symbol(&sb, 0x200200, 0x20, "main");
    struct bs_pd pd = {0};
    pd.tcb = 2, pd.sched_context = 3, pd.vspace = 4, pd.notification = 5, pd.cnode = BS_NONE;
    pd.ipc_buffer = BS_NONE, pd.fault_ep = 1, pd.vcpu = BS_NONE, pd.parent = BS_NONE;
    pd.stack_top = 0xffffffe000, pd.stack_bottom = 0xffffffc000, pd.flags = BS_PD_START;
    pd.first_symbol = 0, pd.num_symbols = 3;
    sb_pd(&sb, &pd, "hello");
    pd.tcb = 6, pd.sched_context = 7, pd.vspace = 8, pd.notification = 9, pd.num_symbols = 0;
    pd.flags = BS_PD_START | BS_PD_PASSIVE;
    sb_pd(&sb, &pd, "server");
    pd.flags = BS_PD_START | BS_PD_FPU_DISABLED;
    sb_pd(&sb, &pd, "nofpu");
    blob = sb_finish(&sb, &size);
    assert_int_equal(bs_open(&spec, blob, size, &why), 0);
    boot.spec = &spec;
    boot.obj_base = OBJ_BASE;
    return 0;
}

static int teardown(void **state)
{
    free(blob);
    fake_reset(NULL);
    return 0;
}

static void set_mrs(const seL4_Word *mrs, int n)
{
    for (int i = 0; i < n; i++) {
        seL4_SetMR(i, mrs[i]);
    }
}

static void fault(seL4_Word badge, seL4_Word label, const seL4_Word *mrs, int n)
{
    seL4_UserContext regs = {0};
    regs.pc = 0x1111, regs.sp = 0x2222, regs.x0 = 0x3333, regs.tpidrro_el0 = 0x4444;
    fake_reset(NULL);
    fake_set_regs(&regs);
    set_mrs(mrs, n);
    fault_handle(&boot, badge, seL4_MessageInfo_new(label, 0, 0, (seL4_Word)n));
}

static void expect_prefix(const char *want)
{
    if (strncmp(fake_console(), want, strlen(want)) != 0) {
        fail_msg("console:\n%s\nexpected to start with:\n%s", fake_console(), want);
    }
}

/* A write to a read-only map: the report names the region's frame, the
 * offset and the map's perms; no frame record to read (x29 is 0). */
static void test_vm_fault_names_the_map(void **state)
{
    const seL4_Word mrs[] = {0x200124, 0x30000008, 0, 0x9200004f};
    fault(1, seL4_Fault_VMFault, mrs, 4);
    expect_prefix("MON|ERROR: PD 'hello' faulted: VM fault: data abort at address "
                  "0x0000000030000008\n"
                  "MON|ERROR:   pc 0x0000000000200124 (in init+0x24)\n"
                  "MON|ERROR:   fsr 0x9200004f: permission fault, level 3, write\n"
                  "MON|ERROR:   write at offset 0x8 of 'mr 'ro' [0]' mapped at 0x30000000 "
                  "perms=\"r\"\n"
                  "MON|ERROR:   backtrace:\n");
}

static void test_vm_fault_with_symbol_and_stack_hint(void **state)
{
    const seL4_Word mrs[] = {0x200124, 0xffffffbff8, 0, 0x92000047};
    fault(1, seL4_Fault_VMFault, mrs, 4);
    expect_prefix("MON|ERROR: PD 'hello' faulted: VM fault: data abort at address "
                  "0x000000ffffffbff8\n"
                  "MON|ERROR:   pc 0x0000000000200124 (in init+0x24)\n"
                  "MON|ERROR:   fsr 0x92000047: translation fault, level 3, write\n"
                  "MON|ERROR:   potential stack overflow: the address is in the page below the "
                  "stack (0xffffffc000..0xffffffe000)\n"
                  "MON|ERROR:   backtrace:\n"
                  "MON|ERROR:     #0 0x0000000000001111\n"
                  "MON|ERROR:   registers:\n"
                  "MON|ERROR:     pc 0x0000000000001111  sp 0x0000000000002222  spsr "
                  "0x0000000000000000\n"
                  "MON|ERROR:     x0 0x0000000000003333  x1 ");
    assert_non_null(strstr(fake_console(), "tpidrro_el0 0x0000000000004444\n"));
    assert_string_equal(fake_line(0), "TCB_ReadRegisters tcb=302 flags=0x0 n=36");
    assert_string_equal(fake_line(1), "TCB_Suspend tcb=302");
    assert_int_equal(fake_count(), 2);
}

/*
 * fpu="false": the trapped FPU access (EC 0x07) comes as a VCPU fault on a
 * hypervisor kernel and as a user exception on an EL1 kernel; either way
 * the report says why. A PD with the FPU gets no such line.
 */
static void test_fpu_disabled_vcpu_fault(void **state)
{
    const seL4_Word mrs[] = {0x1fe00000};
    fault(3, seL4_Fault_VCPUFault, mrs, 1);
    expect_prefix("MON|ERROR: PD 'nofpu' faulted: VCPU fault: hsr 0x1fe00000 (trapped FPU/SIMD "
                  "access)\n"
                  "MON|ERROR:   pc 0x0000000000001111\n"
                  "MON|ERROR:   the PD touched the FPU with fpu=\"false\": its thread runs with "
                  "the FPU disabled (seL4_TCBFlag_fpuDisabled); drop fpu=\"false\" or keep "
                  "floating point and SIMD out of the program\n"
                  "MON|ERROR:   backtrace:\n"
                  "MON|ERROR:     #0 0x0000000000001111\n"
                  "MON|ERROR:   registers:\n");
}

static void test_fpu_disabled_user_exception(void **state)
{
    const seL4_Word mrs[] = {0x200210, 0xffffffdff0, 0, 0x1fe00000, 0};
    fault(3, seL4_Fault_UserException, mrs, 5);
    assert_non_null(strstr(fake_console(), "faulted: user exception: trapped FPU/SIMD access\n"));
    assert_non_null(strstr(fake_console(), "the PD touched the FPU with fpu=\"false\""));
    fault(1, seL4_Fault_UserException, mrs, 5);
    assert_null(strstr(fake_console(), "fpu=\"false\""));
}

static void test_instruction_abort_without_symbol(void **state)
{
    const seL4_Word mrs[] = {0x500000, 0x500000, 1, 0x8600000f};
    fault(1, seL4_Fault_VMFault, mrs, 4);
    expect_prefix("MON|ERROR: PD 'hello' faulted: VM fault: instruction abort at address "
                  "0x0000000000500000\n"
                  "MON|ERROR:   pc 0x0000000000500000\n"
                  "MON|ERROR:   fsr 0x8600000f: permission fault, level 3\n"
                  "MON|ERROR:   backtrace:\n"
                  "MON|ERROR:     #0 0x0000000000001111\n"
                  "MON|ERROR:   registers:\n");
}

static void test_symbol_lookup(void **state)
{
    uint64_t off = 99;
    assert_string_equal(fault_symbol(&spec, 0, 0x2001f0, &off), "notified");
    assert_int_equal(off, 0xb0);
    assert_string_equal(fault_symbol(&spec, 0, 0x20021f, &off), "main");
    assert_int_equal(off, 0x1f);
    assert_null(fault_symbol(&spec, 0, 0x200220, &off));
    assert_null(fault_symbol(&spec, 0, 0x2000ff, &off));
    assert_null(fault_symbol(&spec, 1, 0x200100, &off));
}

static void test_unknown_syscall_keeps_message(void **state)
{
    /* MR8 (pc) and MR12 (number) lie beyond the registers ReadRegisters returns in MRs 0..3. */
    const seL4_Word mrs[] = {0, 0, 0, 0, 0, 0, 0, 0, 0x200208, 0, 0, 0, 77};
    fault(1, seL4_Fault_UnknownSyscall, mrs, 13);
    expect_prefix("MON|ERROR: PD 'hello' faulted: unknown syscall: number 77\n"
                  "MON|ERROR:   pc 0x0000000000200208 (in main+0x8)\n");
}

static void test_user_exception_and_cap_fault(void **state)
{
    const seL4_Word ue[] = {0x200100, 0xffffffd000, 0x60000000, 0x02000000, 0};
    fault(1, seL4_Fault_UserException, ue, 5);
    expect_prefix("MON|ERROR: PD 'hello' faulted: user exception: undefined instruction\n"
                  "MON|ERROR:   pc 0x0000000000200100 (in init+0x0)\n"
                  "MON|ERROR:   esr 0x2000000 code 0x0 sp 0x000000ffffffd000\n");
    const seL4_Word cf[] = {0x200104, 0x4a, 0, 2};
    fault(1, seL4_Fault_CapFault, cf, 4);
    expect_prefix("MON|ERROR: PD 'hello' faulted: cap fault: cap address 0x4a, missing "
                  "capability\n"
                  "MON|ERROR:   pc 0x0000000000200104 (in init+0x4)\n");
}

static void test_timeout_uses_register_pc(void **state)
{
    const seL4_Word mrs[] = {0x101, 5000};
    fault(2, seL4_Fault_Timeout, mrs, 2);
    expect_prefix("MON|ERROR: PD 'server' faulted: timeout: scheduling context badge 0x101\n"
                  "MON|ERROR:   pc 0x0000000000001111\n");
}

static void test_passive_request(void **state)
{
    fault(2, seL4_Fault_NullFault, NULL, 0);
    assert_string_equal(fake_console(), "MON|INFO: PD 'server' is now passive!\n");
    assert_int_equal(fake_count(), 2);
    assert_string_equal(fake_line(0), "SchedContext_UnbindObject sc=307 obj=306");
    assert_string_equal(fake_line(1), "SchedContext_Bind sc=307 obj=309");
}

static void test_empty_message_from_active_pd_is_a_fault(void **state)
{
    fault(1, seL4_Fault_NullFault, NULL, 0);
    expect_prefix("MON|ERROR: PD 'hello' faulted: unknown fault\n");
    assert_int_equal(fake_find("SchedContext", 0), -1);
}

static void test_unknown_badge(void **state)
{
    fault(4, seL4_Fault_VMFault, NULL, 0);
    assert_string_equal(fake_console(),
                        "MON|ERROR: message with unknown badge 0x4 on the fault endpoint (label "
                        "0x6)\n");
    fault(0, seL4_Fault_VMFault, NULL, 0);
    assert_int_equal(fake_count(), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vm_fault_with_symbol_and_stack_hint),
        cmocka_unit_test(test_vm_fault_names_the_map),
        cmocka_unit_test(test_fpu_disabled_vcpu_fault),
        cmocka_unit_test(test_fpu_disabled_user_exception),
        cmocka_unit_test(test_instruction_abort_without_symbol),
        cmocka_unit_test(test_symbol_lookup),
        cmocka_unit_test(test_unknown_syscall_keeps_message),
        cmocka_unit_test(test_user_exception_and_cap_fault),
        cmocka_unit_test(test_timeout_uses_register_pc),
        cmocka_unit_test(test_passive_request),
        cmocka_unit_test(test_empty_message_from_active_pd_is_a_fault),
        cmocka_unit_test(test_unknown_badge),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
