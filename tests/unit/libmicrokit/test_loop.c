/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Unit tests of libmicrokit's event loop (src/main.c, built with main
 * renamed to microkit_main) and API checks, over the fake trap layer: the
 * test scripts the events the kernel would deliver and checks which entry
 * points ran and which system calls the loop made.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <microkit.h>

int microkit_main(void);

struct fake_sel4 fake_sel4;
static seL4_IPCBuffer ipc_buffer;

/* What the entry points saw, in order, as short strings like "n3" or "p5". */
static char trace[256];
static int fault_result;
static int deferred_channel = -1;
static int protected_deferred_channel = -1;
static int fault_deferred_irq = -1;

static void trace_add(char kind, unsigned value)
{
    size_t n = strlen(trace);
    snprintf(trace + n, sizeof(trace) - n, "%s%c%u", n ? " " : "", kind, value);
}

void init(void)
{
    trace_add('i', 0);
}

void notified(microkit_channel ch)
{
    trace_add('n', ch);
    if (deferred_channel >= 0) {
        microkit_deferred_notify((microkit_channel)deferred_channel);
    }
}

microkit_msginfo protected(microkit_channel ch, microkit_msginfo msginfo)
{
    trace_add('p', ch);
    trace_add('l', (unsigned)microkit_msginfo_get_label(msginfo));
    microkit_mr_set(0, microkit_mr_get(0) + 1);
    if (protected_deferred_channel >= 0) {
        microkit_deferred_notify((microkit_channel)protected_deferred_channel);
    }
    return microkit_msginfo_new(7, 1);
}

seL4_Bool fault(microkit_child child, microkit_msginfo msginfo, microkit_msginfo *reply)
{
    trace_add('f', child);
    trace_add('l', (unsigned)microkit_msginfo_get_label(msginfo));
    *reply = microkit_msginfo_new(0, 0);
    if (fault_deferred_irq >= 0) {
        microkit_deferred_irq_ack((microkit_channel)fault_deferred_irq);
    }
    return (seL4_Bool)fault_result;
}

static int reset(void **state)
{
    memset(&fake_sel4, 0, sizeof(fake_sel4));
    memset(&ipc_buffer, 0, sizeof(ipc_buffer));
    __sel4_ipc_buffer = &ipc_buffer;
    trace[0] = '\0';
    fault_result = 0;
    deferred_channel = -1;
    protected_deferred_channel = -1;
    fault_deferred_irq = -1;
    strcpy(microkit_name, "tester");
    microkit_passive = 0;
    microkit_irqs = 0;
    microkit_notifications = 0;
    microkit_pps = 0;
    microkit_have_signal = 0;
    return 0;
}

static void add_event(seL4_Word badge, seL4_MessageInfo_t info, seL4_Word mr0)
{
    struct fake_event *e = &fake_sel4.script[fake_sel4.nscript++];
    e->badge = badge;
    e->info = info;
    e->mr[0] = mr0;
}

/* Run main until the script is used up. */
static void run_main(void)
{
    if (setjmp(fake_sel4.done) == 0) {
        microkit_main();
    }
}

static void check_log(int i, enum fake_call call, seL4_CPtr dest, seL4_CPtr src, seL4_CPtr reply)
{
    assert_true(i < fake_sel4.nlog);
    assert_int_equal(fake_sel4.log[i].call, call);
    assert_int_equal(fake_sel4.log[i].dest, dest);
    assert_int_equal(fake_sel4.log[i].src, src);
    assert_int_equal(fake_sel4.log[i].reply, reply);
}

static void test_notifications_in_bit_order(void **state)
{
    add_event((1ull << 7) | (1ull << 0) | (1ull << 5) | (1ull << 61),
              seL4_MessageInfo_new(0, 0, 0, 0), 0);
    run_main();
    assert_string_equal(trace, "i0 n0 n5 n7 n61");
    assert_int_equal(fake_sel4.nlog, 2);
    check_log(0, FAKE_RECV, 0, 1, 4);
    check_log(1, FAKE_RECV, 0, 1, 4);
}

static void test_protected_call_and_reply(void **state)
{
    add_event((1ull << 63) | 5, seL4_MessageInfo_new(33, 0, 0, 1), 41);
    add_event(1, seL4_MessageInfo_new(0, 0, 0, 0), 0);
    run_main();
    assert_string_equal(trace, "i0 p5 l33 n0");
    check_log(0, FAKE_RECV, 0, 1, 4);
    check_log(1, FAKE_REPLYRECV, 0, 1, 4);
    assert_int_equal(seL4_MessageInfo_get_label(fake_sel4.log[1].info), 7);
    assert_int_equal(seL4_MessageInfo_get_length(fake_sel4.log[1].info), 1);
    assert_int_equal(fake_sel4.log[1].mr[0], 42);
    /* After a notification there is nothing to reply to. */
    check_log(2, FAKE_RECV, 0, 1, 4);
}

static void test_fault_reply_only_when_asked(void **state)
{
    fault_result = 1;
    add_event((1ull << 62) | 3, seL4_MessageInfo_new(seL4_Fault_VMFault, 0, 0, 4), 0);
    run_main();
    assert_string_equal(trace, "i0 f3 l6");
    check_log(1, FAKE_REPLYRECV, 0, 1, 4);

    reset(state);
    fault_result = 0;
    add_event((1ull << 62) | 0x102, seL4_MessageInfo_new(seL4_Fault_UserException, 0, 0, 5), 0);
    run_main();
    assert_string_equal(trace, "i0 f2 l3");
    check_log(1, FAKE_RECV, 0, 1, 4);
}

static void test_passive_hand_over(void **state)
{
    microkit_passive = 1;
    run_main();
    check_log(0, FAKE_NBSENDRECV, MONITOR_EP, 1, 4);
    assert_int_equal(fake_sel4.log[0].info.words[0], 0);
    assert_false(microkit_have_signal);
}

static void test_deferred_notify(void **state)
{
    microkit_notifications = 1ull << 9;
    deferred_channel = 9;
    add_event(1, seL4_MessageInfo_new(0, 0, 0, 0), 0);
    run_main();
    check_log(0, FAKE_RECV, 0, 1, 4);
    check_log(1, FAKE_NBSENDRECV, BASE_OUTPUT_NOTIFICATION_CAP + 9, 1, 4);
}

static void test_deferred_notify_with_reply(void **state)
{
    /* A signal deferred by protected() goes out before the reply. */
    microkit_notifications = 1ull << 2;
    protected_deferred_channel = 2;
    add_event((1ull << 63) | 1, seL4_MessageInfo_new(0, 0, 0, 1), 10);
    run_main();
    assert_int_equal(fake_sel4.nlog, 3);
    check_log(0, FAKE_RECV, 0, 1, 4);
    check_log(1, FAKE_SEND, BASE_OUTPUT_NOTIFICATION_CAP + 2, 0, 0);
    check_log(2, FAKE_REPLYRECV, 0, 1, 4);
    /* The reply's MR0 survived the send. */
    assert_int_equal(fake_sel4.log[2].mr[0], 11);
    assert_false(microkit_have_signal);
}

static void test_deferred_notify_then_reply_order(void **state)
{
    /*
     * Two protected calls in a row, each deferring a notify: every time the
     * notify is sent on its own, and only then the reply with the receive;
     * the signal is never combined with the receive (no NBSendRecv).
     */
    microkit_notifications = 1ull << 5;
    protected_deferred_channel = 5;
    add_event((1ull << 63) | 3, seL4_MessageInfo_new(1, 0, 0, 1), 0);
    add_event((1ull << 63) | 4, seL4_MessageInfo_new(2, 0, 0, 1), 0);
    run_main();
    assert_string_equal(trace, "i0 p3 l1 p4 l2");
    assert_int_equal(fake_sel4.nlog, 5);
    check_log(0, FAKE_RECV, 0, 1, 4);
    check_log(1, FAKE_SEND, BASE_OUTPUT_NOTIFICATION_CAP + 5, 0, 0);
    assert_int_equal(fake_sel4.log[1].info.words[0], 0);
    check_log(2, FAKE_REPLYRECV, 0, 1, 4);
    assert_int_equal(seL4_MessageInfo_get_label(fake_sel4.log[2].info), 7);
    check_log(3, FAKE_SEND, BASE_OUTPUT_NOTIFICATION_CAP + 5, 0, 0);
    check_log(4, FAKE_REPLYRECV, 0, 1, 4);
    for (int i = 0; i < fake_sel4.nlog; i++) {
        assert_int_not_equal(fake_sel4.log[i].call, FAKE_NBSENDRECV);
    }
    assert_false(microkit_have_signal);
}

static void test_deferred_irq_ack_from_fault(void **state)
{
    /* fault() replies: the IRQ ack goes out first, then the reply. */
    microkit_irqs = 1ull << 6;
    fault_deferred_irq = 6;
    fault_result = 1;
    add_event((1ull << 62) | 2, seL4_MessageInfo_new(seL4_Fault_VMFault, 0, 0, 4), 0);
    run_main();
    /* The ack at start, the first receive, the deferred ack, the reply. */
    assert_int_equal(fake_sel4.nlog, 4);
    assert_int_equal(fake_sel4.log[0].call, FAKE_CALLWITHMRS);
    check_log(1, FAKE_RECV, 0, 1, 4);
    check_log(2, FAKE_SEND, BASE_IRQ_CAP + 6, 0, 0);
    assert_int_equal(seL4_MessageInfo_get_label(fake_sel4.log[2].info), IRQAckIRQ);
    check_log(3, FAKE_REPLYRECV, 0, 1, 4);
    assert_false(microkit_have_signal);

    /* fault() does not reply: the ack goes with the next receive. */
    reset(state);
    microkit_irqs = 1ull << 6;
    fault_deferred_irq = 6;
    fault_result = 0;
    add_event((1ull << 62) | 2, seL4_MessageInfo_new(seL4_Fault_VMFault, 0, 0, 4), 0);
    run_main();
    assert_int_equal(fake_sel4.nlog, 3);
    check_log(2, FAKE_NBSENDRECV, BASE_IRQ_CAP + 6, 1, 4);
    assert_int_equal(seL4_MessageInfo_get_label(fake_sel4.log[2].info), IRQAckIRQ);
    assert_false(microkit_have_signal);
}

static void test_irqs_acked_at_start(void **state)
{
    microkit_irqs = (1ull << 2) | (1ull << 61);
    run_main();
    assert_int_equal(fake_sel4.nlog, 3);
    assert_int_equal(fake_sel4.log[0].call, FAKE_CALLWITHMRS);
    assert_int_equal(fake_sel4.log[0].dest, BASE_IRQ_CAP + 2);
    assert_int_equal(seL4_MessageInfo_get_label(fake_sel4.log[0].info), IRQAckIRQ);
    assert_int_equal(fake_sel4.log[1].dest, BASE_IRQ_CAP + 61);
    check_log(2, FAKE_RECV, 0, 1, 4);
}

static void test_api_checks_channels(void **state)
{
    microkit_notifications = 1ull << 4;
    microkit_pps = 1ull << 6;
    microkit_irqs = 1ull << 8;
    microkit_notify(4);
    check_log(0, FAKE_SIGNAL, BASE_OUTPUT_NOTIFICATION_CAP + 4, 0, 0);
    microkit_ppcall(6, microkit_msginfo_new(3, 0));
    check_log(1, FAKE_CALL, BASE_ENDPOINT_CAP + 6, 0, 0);
    microkit_irq_ack(8);
    assert_int_equal(fake_sel4.log[2].dest, BASE_IRQ_CAP + 8);
    assert_int_equal(fake_sel4.nlog, 3);
#ifdef CONFIG_PRINTING
    microkit_notify(5);
    microkit_ppcall(62, microkit_msginfo_new(0, 0));
    microkit_irq_ack(4);
    microkit_deferred_notify(6);
    microkit_deferred_irq_ack(9);
    assert_string_equal(fake_sel4.out,
                        "tester microkit_notify: invalid channel given '5'\n"
                        "tester microkit_ppcall: invalid channel given '62'\n"
                        "tester microkit_irq_ack: invalid channel given '4'\n"
                        "tester microkit_deferred_notify: invalid channel given '6'\n"
                        "tester microkit_deferred_irq_ack: invalid channel given '9'\n");
#endif
    assert_int_equal(fake_sel4.nlog, 3);
    assert_false(microkit_have_signal);
}

static void test_deferred_irq_ack(void **state)
{
    microkit_irqs = 1ull << 3;
    microkit_deferred_irq_ack(3);
    assert_true(microkit_have_signal);
    assert_int_equal(microkit_signal_cap, BASE_IRQ_CAP + 3);
    assert_int_equal(seL4_MessageInfo_get_label(microkit_signal_msg), IRQAckIRQ);
}

static void test_pd_restart_and_stop(void **state)
{
    microkit_pd_restart(3, 0x200000);
    assert_int_equal(fake_sel4.last.call, FAKE_CALLWITHMRS);
    assert_int_equal(fake_sel4.last.dest, BASE_TCB_CAP + 3);
    assert_int_equal(seL4_MessageInfo_get_label(fake_sel4.last.info), TCBWriteRegisters);
    assert_int_equal(seL4_MessageInfo_get_length(fake_sel4.last.info), 3);
    assert_int_equal(fake_sel4.last.mr[0], 1);
    assert_int_equal(fake_sel4.last.mr[1], 1);
    assert_int_equal(fake_sel4.last.mr[2], 0x200000);
    microkit_pd_stop(4);
    assert_int_equal(fake_sel4.last.dest, BASE_TCB_CAP + 4);
    assert_int_equal(seL4_MessageInfo_get_label(fake_sel4.last.info), TCBSuspend);
}

static void test_pd_resume(void **state)
{
    microkit_pd_stop(5);
    microkit_pd_resume(5);
    assert_int_equal(fake_sel4.nlog, 2);
    assert_int_equal(fake_sel4.log[1].call, FAKE_CALLWITHMRS);
    assert_int_equal(fake_sel4.log[1].dest, BASE_TCB_CAP + 5);
    assert_int_equal(seL4_MessageInfo_get_label(fake_sel4.log[1].info), TCBResume);
    assert_int_equal(seL4_MessageInfo_get_length(fake_sel4.log[1].info), 0);
    assert_int_equal(seL4_MessageInfo_get_extraCaps(fake_sel4.log[1].info), 0);
    microkit_pd_resume(63);
    assert_int_equal(fake_sel4.last.dest, BASE_TCB_CAP + 63);
    assert_int_equal(seL4_MessageInfo_get_label(fake_sel4.last.info), TCBResume);
#ifdef CONFIG_PRINTING
    /* Success prints nothing. */
    assert_int_equal(fake_sel4.nout, 0);
#endif
}

static void test_dbg_numbers(void **state)
{
#ifdef CONFIG_PRINTING
    microkit_dbg_put8(0);
    microkit_dbg_putc(' ');
    microkit_dbg_put8(255);
    microkit_dbg_putc(' ');
    microkit_dbg_put32(4294967295u);
    microkit_dbg_puts(" ok\n");
    assert_string_equal(fake_sel4.out, "0 255 4294967295 ok\n");
#else
    microkit_dbg_puts("silent");
    assert_int_equal(fake_sel4.nout, 0);
#endif
}

static void test_patchable_symbols_in_data(void **state)
{
    /* The tool patches these in the ELF file: they must not be in .bss. */
    extern char __bss_start[], _end[];
    const char *syms[] = {microkit_name, (char *)&microkit_passive, (char *)&microkit_irqs,
                          (char *)&microkit_notifications, (char *)&microkit_pps};
    for (size_t i = 0; i < sizeof(syms) / sizeof(syms[0]); i++) {
        assert_false(syms[i] >= __bss_start && syms[i] < _end);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_notifications_in_bit_order, reset),
        cmocka_unit_test_setup(test_protected_call_and_reply, reset),
        cmocka_unit_test_setup(test_fault_reply_only_when_asked, reset),
        cmocka_unit_test_setup(test_passive_hand_over, reset),
        cmocka_unit_test_setup(test_deferred_notify, reset),
        cmocka_unit_test_setup(test_deferred_notify_with_reply, reset),
        cmocka_unit_test_setup(test_deferred_notify_then_reply_order, reset),
        cmocka_unit_test_setup(test_deferred_irq_ack_from_fault, reset),
        cmocka_unit_test_setup(test_irqs_acked_at_start, reset),
        cmocka_unit_test_setup(test_api_checks_channels, reset),
        cmocka_unit_test_setup(test_deferred_irq_ack, reset),
        cmocka_unit_test_setup(test_pd_restart_and_stop, reset),
        cmocka_unit_test_setup(test_pd_resume, reset),
        cmocka_unit_test_setup(test_dbg_numbers, reset),
        cmocka_unit_test_setup(test_patchable_symbols_in_data, reset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
