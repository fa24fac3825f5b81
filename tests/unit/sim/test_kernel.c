/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Unit tests of the simulator's kernel model (sim/kernel/): scheduling,
 * notifications, protected calls with SC donation, IRQs and faults, run in
 * one process on a private copy of the shared state.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sim/kernel.h"

#define NPD 4

static struct sim_shared *make(const int *prios, int n)
{
    size_t base = (sizeof(struct sim_shared) + SIM_PAGE - 1) & ~(size_t)(SIM_PAGE - 1);
    struct sim_shared *s = calloc(1, base + (size_t)n * SIM_PAGE);
    s->ipc_offset = base;
    s->npd = (uint32_t)n;
    s->ncpu = 1;
    s->doorbell_fd = -1;
    for (int p = 0; p < SIM_NUM_PRIOS; p++) {
        s->cpu[0].rq[p].head = s->cpu[0].rq[p].tail = SIM_NONE;
    }
    for (int i = 0; i < n; i++) {
        struct sim_tcb *t = &s->tcb[i];
        t->prio = prios[i];
        t->sc = i;
        t->parent = t->fault_to = SIM_NONE;
        t->input_is_ep = 1;
        t->state = SIM_RUNNING;
        t->blocked_on = t->ep_head = t->ep_tail = t->ep_next = SIM_NONE;
        t->reply_caller = t->reply_to = t->rq_next = t->rq_prev = SIM_NONE;
        sim_sched_append(s, i);
    }
    s->cpu[0].current = SIM_IDLE;
    s->cpu[0].action = SIM_ACTION_CHOOSE;
    sim_schedule(s);
    return s;
}

static uint64_t *mr(struct sim_shared *s, int pd)
{
    return (uint64_t *)sim_ipc_page(s, pd) + 1;
}

static void highest_priority_runs_fifo_within(void **state)
{
    int prios[] = {5, 9, 9, 1};
    struct sim_shared *s = make(prios, 4);
    assert_int_equal(s->cpu[0].current, 1);
    sim_k_recv(s, 1, true); /* 1 blocks: 2 (same priority, queued after it) runs */
    assert_int_equal(sim_schedule(s), 2);
    sim_k_yield(s, 2); /* alone at its priority: keeps running */
    assert_int_equal(sim_schedule(s), 2);
    sim_k_recv(s, 2, true);
    assert_int_equal(sim_schedule(s), 0);
    free(s);
}

/* --cpus 2: each CPU runs its own PDs; a signal to another CPU's PD runs it there. */
static void cpus_schedule_their_own_pds(void **state)
{
    int prios[] = {10, 20, 30};
    struct sim_shared *s = make(prios, 3);
    s->ncpu = 2;
    for (int p = 0; p < SIM_NUM_PRIOS; p++) {
        s->cpu[1].rq[p].head = s->cpu[1].rq[p].tail = SIM_NONE;
    }
    s->cpu[1].current = SIM_IDLE;
    s->cpu[1].action = SIM_ACTION_RESUME;
    s->tcb[0].cpu = 1; /* PD 0 on CPU 1, PDs 1 and 2 on CPU 0 */
    sim_sched_dequeue(s, 0);
    sim_sched_append(s, 0);
    s->cpu[1].action = SIM_ACTION_CHOOSE;
    assert_int_equal(sim_schedule(s), 2);
    assert_int_equal(s->cpu[1].current, 0);
    sim_k_recv(s, 0, true); /* as if on CPU 1: it blocks there, CPU 1 goes idle */
    sim_k_cpu = 1;
    assert_int_equal(sim_schedule(s), SIM_IDLE);
    sim_k_cpu = 0;
    assert_int_equal(s->cpu[0].current, 2);
    sim_k_signal(s, 0, 1); /* from CPU 0: PD 0 runs on CPU 1, CPU 0 keeps PD 2 */
    assert_int_equal(sim_schedule(s), 2);
    assert_int_equal(s->cpu[1].current, 0);
    assert_int_equal(sim_running_cpu(s, 0), 1);
    free(s);
}

static void notifications_or_badges(void **state)
{
    int prios[] = {10, 20};
    struct sim_shared *s = make(prios, 2);
    assert_int_equal(s->cpu[0].current, 1);
    sim_k_signal(s, 0, 1u << 5);
    sim_k_signal(s, 0, 1u << 7);
    sim_k_signal(s, 0, 1u << 5);
    sim_k_recv(s, 1, true);
    assert_int_equal(sim_schedule(s), 0);
    assert_true(sim_k_recv(s, 0, true));
    assert_int_equal(s->tcb[0].rcv_badge, (1u << 5) | (1u << 7));
    assert_false(sim_k_recv(s, 0, true)); /* nothing left: blocks */
    assert_int_equal(sim_schedule(s), SIM_IDLE);
    sim_k_signal(s, 0, 1u << 9); /* wakes the blocked receiver */
    assert_int_equal(sim_schedule(s), 0);
    assert_int_equal(s->tcb[0].rcv_badge, 1u << 9);
    free(s);
}

static void call_transfers_and_donates(void **state)
{
    int prios[] = {100, 99};
    struct sim_shared *s = make(prios, 2);
    /* The server (0) becomes passive and waits. */
    s->tcb[0].passive = 1;
    sim_k_monitor_send(s, 0);
    assert_int_equal(s->tcb[0].sc, SIM_NONE);
    sim_k_recv(s, 0, true);
    assert_int_equal(sim_schedule(s), 1);
    mr(s, 1)[0] = 21;
    mr(s, 1)[1] = 22;
    sim_k_ep_send(s, 1, 0, (1ull << 63) | 3, SIM_INFO(7, 2), true, true);
    assert_int_equal(s->tcb[1].state, SIM_BLOCKED_REPLY);
    assert_int_equal(s->tcb[0].sc, 1); /* runs on the client's SC */
    assert_int_equal(sim_schedule(s), 0);
    assert_int_equal(s->tcb[0].rcv_badge, (1ull << 63) | 3);
    assert_int_equal(SIM_INFO_LABEL(s->tcb[0].rcv_info), 7);
    assert_int_equal(SIM_INFO_LENGTH(s->tcb[0].rcv_info), 2);
    assert_int_equal(mr(s, 0)[1], 22);
    mr(s, 0)[0] = 42;
    sim_k_reply(s, 0, SIM_INFO(0, 1));
    sim_k_recv(s, 0, true);
    assert_int_equal(sim_schedule(s), 1);
    assert_int_equal(s->tcb[1].sc, 1);
    assert_int_equal(s->tcb[0].sc, SIM_NONE);
    assert_int_equal(mr(s, 1)[0], 42);
    free(s);
}

static void passive_pd_runs_on_its_notification_sc(void **state)
{
    int prios[] = {100, 99};
    struct sim_shared *s = make(prios, 2);
    s->tcb[0].passive = 1;
    sim_k_monitor_send(s, 0);
    sim_k_recv(s, 0, true);
    assert_int_equal(sim_schedule(s), 1);
    sim_k_signal(s, 0, 1u << 2);
    assert_int_equal(s->tcb[0].sc, 0);
    assert_int_equal(sim_schedule(s), 0); /* higher priority: runs at once */
    assert_int_equal(s->tcb[0].rcv_badge, 1u << 2);
    sim_k_recv(s, 0, true); /* blocks again: the SC goes back */
    assert_int_equal(s->tcb[0].sc, SIM_NONE);
    assert_int_equal(sim_schedule(s), 1);
    free(s);
}

static void irq_pending_until_ack(void **state)
{
    int prios[] = {50};
    struct sim_shared *s = make(prios, 1);
    s->tcb[0].irq_bits = 1u << 4;
    s->tcb[0].irq_num[4] = 33;
    sim_k_recv(s, 0, true);
    sim_schedule(s);
    assert_true(sim_k_irq_inject(s, 0, 33));
    assert_false(sim_k_irq_inject(s, 0, 34));
    assert_int_equal(sim_schedule(s), 0);
    assert_int_equal(s->tcb[0].rcv_badge, 1u << 4);
    sim_k_irq_inject(s, 0, 33); /* masked: pending */
    assert_false(sim_k_recv(s, 0, false));
    sim_k_irq_ack(s, 0, 4);
    assert_true(sim_k_recv(s, 0, false));
    assert_int_equal(s->tcb[0].rcv_badge, 1u << 4);
    free(s);
}

static void fault_goes_to_parent(void **state)
{
    int prios[] = {254, 253, 1};
    struct sim_shared *s = make(prios, 3);
    s->tcb[1].parent = s->tcb[1].fault_to = 0;
    s->tcb[1].fault_badge = (1ull << 62) | 1;
    sim_k_recv(s, 0, true);
    assert_int_equal(sim_schedule(s), 1);
    s->tcb[1].fault_label = SIM_FAULT_VM;
    s->tcb[1].fault_mr[1] = 0x10;
    s->tcb[1].fault_len = 4;
    assert_true(sim_k_fault(s, 1));
    assert_int_equal(sim_schedule(s), 0);
    assert_int_equal(s->tcb[0].rcv_badge, (1ull << 62) | 1);
    assert_int_equal(SIM_INFO_LABEL(s->tcb[0].rcv_info), SIM_FAULT_VM);
    assert_int_equal(mr(s, 0)[1], 0x10);
    sim_k_tcb_restart(s, 1, 0x200000, true);
    assert_int_equal(s->tcb[1].state, SIM_RESTART);
    assert_true(s->tcb[1].restart_pending);
    sim_k_recv(s, 0, true);
    assert_int_equal(sim_schedule(s), 1);
    /* Without a parent the fault stops the PD (the monitor reports it). */
    assert_false(sim_k_fault(s, 2));
    assert_int_equal(s->tcb[2].state, SIM_INACTIVE);
    free(s);
}

static void console_ring_keeps_order(void **state)
{
    int prios[] = {1};
    struct sim_shared *s = make(prios, 1);
    s->con_head = s->con_tail = SIM_CONSOLE_SIZE - 3; /* wraps in the middle */
    sim_console_write(s, "abcdef", 6);
    assert_int_equal(s->con_head - s->con_tail, 6);
    char out[7] = {0};
    for (int i = 0; i < 6; i++) {
        out[i] = s->console[(s->con_tail + (uint64_t)i) % SIM_CONSOLE_SIZE];
    }
    assert_string_equal(out, "abcdef");
    free(s);
}

static void suspend_and_resume(void **state)
{
    int prios[] = {10, 5};
    struct sim_shared *s = make(prios, 2);
    assert_int_equal(s->cpu[0].current, 0);
    sim_k_tcb_suspend(s, 1);
    sim_k_recv(s, 0, true);
    assert_int_equal(sim_schedule(s), SIM_IDLE); /* 1 is suspended */
    sim_k_tcb_resume(s, 1);
    assert_int_equal(sim_schedule(s), 1);
    assert_int_equal(s->tcb[1].state, SIM_RESTART);
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(highest_priority_runs_fifo_within),
        cmocka_unit_test(notifications_or_badges),
        cmocka_unit_test(call_transfers_and_donates),
        cmocka_unit_test(passive_pd_runs_on_its_notification_sc),
        cmocka_unit_test(irq_pending_until_ack),
        cmocka_unit_test(fault_goes_to_parent),
        cmocka_unit_test(console_ring_keeps_order),
        cmocka_unit_test(suspend_and_resume),
        cmocka_unit_test(cpus_schedule_their_own_pds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
