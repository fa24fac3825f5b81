/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Unit tests of the host board's device models (sim/devices.h): the PL011
 * and timer register models on their own, then the devices in a shared
 * block (sim/kernel/devices.c): UART output into the console ring, the
 * level-triggered IRQ raised once per acknowledgement, the virtual clock.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sim/devices.h"
#include "sim/kernel.h"

static void pl011_registers(void **state)
{
    struct sim_pl011 u;
    sim_pl011_reset(&u);
    assert_int_equal(sim_pl011_read(&u, SIM_PL011_FR), SIM_PL011_FR_RXFE | SIM_PL011_FR_TXFE);
    assert_int_equal(sim_pl011_read(&u, SIM_PL011_CR), 0x300);
    assert_int_equal(sim_pl011_read(&u, SIM_PL011_IFLS), 0x12);
    assert_int_equal(sim_pl011_read(&u, 0xfe0), 0x11);
    assert_int_equal(sim_pl011_read(&u, 0xffc), 0xb1);
    sim_pl011_write(&u, SIM_PL011_IBRD, 4, 0x1234);
    sim_pl011_write(&u, SIM_PL011_IBRD + 1, 1, 0xab); /* byte 1 only */
    assert_int_equal(sim_pl011_read(&u, SIM_PL011_IBRD), 0xab34);
    assert_int_equal(sim_pl011_read(&u, SIM_PL011_IBRD + 1) & 0xff, 0xab);
    assert_int_equal(sim_pl011_write(&u, SIM_PL011_DR, 4, 'x'), 'x');
    assert_int_equal(sim_pl011_write(&u, SIM_PL011_IMSC, 4, 0xffffffff), -1);
    assert_int_equal(sim_pl011_read(&u, SIM_PL011_IMSC), SIM_PL011_INT_ALL);
}

static void pl011_checks(void **state)
{
    assert_null(sim_pl011_check(SIM_PL011_DR, 1, true, true));
    assert_null(sim_pl011_check(SIM_PL011_FR, 2, true, false));
    assert_null(sim_pl011_check(SIM_PL011_ICR, 4, false, true));
    assert_non_null(sim_pl011_check(SIM_PL011_IMSC, 8, true, false));     /* too wide */
    assert_non_null(sim_pl011_check(SIM_PL011_IMSC + 1, 2, true, false)); /* misaligned */
    assert_non_null(sim_pl011_check(0x800, 4, true, false));              /* no register */
    assert_non_null(sim_pl011_check(SIM_PL011_FR, 4, false, true));       /* read-only */
    assert_non_null(sim_pl011_check(SIM_PL011_ICR, 4, true, false));      /* write-only */
    assert_non_null(sim_pl011_check(0xfe0, 4, true, true));               /* an ALU form on ID */
}

static void pl011_receive_and_interrupts(void **state)
{
    struct sim_pl011 u;
    sim_pl011_reset(&u);
    assert_int_equal(sim_pl011_receive(&u, (const uint8_t *)"ab", 2), 2);
    assert_false(sim_pl011_irq(&u)); /* masked */
    sim_pl011_write(&u, SIM_PL011_IMSC, 4, SIM_PL011_INT_RX | SIM_PL011_INT_RT);
    assert_true(sim_pl011_irq(&u));
    assert_int_equal(sim_pl011_read(&u, SIM_PL011_MIS), SIM_PL011_INT_RX | SIM_PL011_INT_RT);
    assert_int_equal(sim_pl011_read(&u, SIM_PL011_FR) & SIM_PL011_FR_RXFE, 0);
    assert_int_equal(sim_pl011_read(&u, SIM_PL011_DR), 'a');
    assert_true(sim_pl011_irq(&u)); /* one byte left */
    assert_int_equal(sim_pl011_read(&u, SIM_PL011_DR), 'b');
    assert_false(sim_pl011_irq(&u)); /* read empty: RX and RT clear */
    assert_int_equal(sim_pl011_read(&u, SIM_PL011_DR), 0);
    sim_pl011_receive(&u, (const uint8_t *)"c", 1);
    sim_pl011_write(&u, SIM_PL011_ICR, 4, SIM_PL011_INT_RX | SIM_PL011_INT_RT);
    assert_false(sim_pl011_irq(&u)); /* cleared, though the byte waits */
    assert_int_equal(sim_pl011_read(&u, SIM_PL011_DR), 'c');
    sim_pl011_write(&u, SIM_PL011_DR, 1, 'z'); /* TX raw interrupt, masked */
    assert_int_equal(sim_pl011_read(&u, SIM_PL011_RIS), SIM_PL011_INT_TX);
    assert_false(sim_pl011_irq(&u));
}

static void pl011_fifo_full(void **state)
{
    struct sim_pl011 u;
    sim_pl011_reset(&u);
    uint8_t buf[40];
    memset(buf, 'q', sizeof(buf));
    assert_int_equal(sim_pl011_receive(&u, buf, sizeof(buf)), SIM_PL011_FIFO);
    assert_true(sim_pl011_read(&u, SIM_PL011_FR) & SIM_PL011_FR_RXFF);
    assert_int_equal(sim_pl011_receive(&u, buf, 1), 0);
    sim_pl011_read(&u, SIM_PL011_DR);
    assert_int_equal(sim_pl011_receive(&u, buf, 2), 1);
}

static void timer_registers(void **state)
{
    struct sim_timer t = {0};
    uint64_t now = 0x100000005ull;
    assert_int_equal(sim_timer_read(&t, SIM_TIMER_FREQ, 4, now), SIM_TIMER_HZ);
    assert_int_equal(sim_timer_read(&t, SIM_TIMER_COUNT_LO, 4, now), 5);
    now += 0x100000000ull; /* the high half changes after the latch */
    assert_int_equal(sim_timer_read(&t, SIM_TIMER_COUNT_HI, 4, now), 1);
    assert_int_equal(sim_timer_read(&t, SIM_TIMER_COUNT_LO, 8, now), now);
    sim_timer_write(&t, SIM_TIMER_COMPARE_LO, 8, 0x300000000ull, now);
    sim_timer_write(&t, SIM_TIMER_COMPARE_LO, 4, 7, now);
    assert_int_equal(sim_timer_read(&t, SIM_TIMER_COMPARE_HI, 4, now), 3);
    assert_int_equal(sim_timer_read(&t, SIM_TIMER_COMPARE_LO, 8, now), 0x300000007ull);
    assert_null(sim_timer_check(SIM_TIMER_COMPARE_LO, 8, true, true));
    assert_non_null(sim_timer_check(SIM_TIMER_CTRL, 8, true, false));
    assert_non_null(sim_timer_check(SIM_TIMER_COUNT_LO, 4, false, true));
    assert_non_null(sim_timer_check(0x1c, 4, true, false));
    assert_non_null(sim_timer_check(SIM_TIMER_CTRL, 2, true, false));
}

static void timer_one_shot(void **state)
{
    struct sim_timer t = {0};
    sim_timer_write(&t, SIM_TIMER_COMPARE_LO, 8, 100, 0);
    sim_timer_write(&t, SIM_TIMER_CTRL, 4, SIM_TIMER_CTRL_ENABLE, 0);
    assert_true(sim_timer_armed(&t));
    sim_timer_update(&t, 99);
    assert_false(sim_timer_irq(&t));
    sim_timer_update(&t, 100);
    assert_true(sim_timer_irq(&t));
    assert_false(sim_timer_armed(&t));
    sim_timer_write(&t, SIM_TIMER_STATUS, 4, SIM_TIMER_STATUS_EXPIRED, 101);
    sim_timer_update(&t, 200); /* one shot: stays clear until set again */
    assert_false(sim_timer_irq(&t));
    sim_timer_write(&t, SIM_TIMER_COMPARE_LO, 8, 150, 200); /* already passed: at once */
    assert_true(sim_timer_irq(&t));
    sim_timer_write(&t, SIM_TIMER_CTRL, 4, 0, 200); /* disabled: line down */
    assert_false(sim_timer_irq(&t));
    assert_false(sim_timer_armed(&t));
}

/* A block with one running PD holding the timer's IRQ (slot 2) and the UART's (slot 5). */
static struct sim_shared *make(void)
{
    struct sim_shared *s = calloc(1, sizeof(*s));
    s->npd = 1;
    s->ncpu = 1;
    s->doorbell_fd = -1;
    for (int p = 0; p < SIM_NUM_PRIOS; p++) {
        s->cpu[0].rq[p].head = s->cpu[0].rq[p].tail = SIM_NONE;
    }
    struct sim_tcb *t = &s->tcb[0];
    t->prio = 100;
    t->sc = 0;
    t->parent = t->fault_to = SIM_NONE;
    t->state = SIM_RUNNING;
    t->blocked_on = t->ep_head = t->ep_tail = t->ep_next = SIM_NONE;
    t->reply_caller = t->reply_to = t->rq_next = t->rq_prev = SIM_NONE;
    t->irq_bits = 1u << 2 | 1u << 5;
    t->irq_num[2] = SIM_TIMER_IRQ;
    t->irq_num[5] = SIM_PL011_IRQ;
    sim_sched_append(s, 0);
    s->cpu[0].current = SIM_IDLE;
    s->cpu[0].action = SIM_ACTION_CHOOSE;
    sim_schedule(s);
    sim_pl011_reset(&s->dev.pl011);
    return s;
}

static void device_pages(void **state)
{
    assert_int_equal(sim_dev_at(SIM_PL011_PADDR + 0xfff), SIM_DEV_PL011);
    assert_int_equal(sim_dev_at(SIM_TIMER_PADDR), SIM_DEV_TIMER);
    assert_int_equal(sim_dev_at(SIM_PL011_PADDR + 0x1000), -1);
    assert_string_equal(sim_dev_info(SIM_DEV_TIMER)->name, "timer");
}

static void uart_output_to_console(void **state)
{
    struct sim_shared *s = make();
    const char *text = "ok\r\n";
    for (const char *p = text; *p; p++) {
        sim_dev_write(s, SIM_DEV_PL011, SIM_PL011_DR, 4, (uint8_t)*p);
    }
    sim_dev_write(s, SIM_DEV_PL011, SIM_PL011_DR, 1, SIM_CONSOLE_FAULT); /* not a record */
    assert_int_equal(s->con_head, 3);
    assert_memory_equal(s->console, "ok\n", 3);
    free(s);
}

static void timer_irq_once_per_ack(void **state)
{
    struct sim_shared *s = make();
    struct sim_tcb *t = &s->tcb[0];
    sim_dev_write(s, SIM_DEV_TIMER, SIM_TIMER_COMPARE_LO, 8, 1000);
    sim_dev_write(s, SIM_DEV_TIMER, SIM_TIMER_CTRL, 4, SIM_TIMER_CTRL_ENABLE);
    sim_dev_update(s, SIM_DEV_TIMER);
    assert_int_equal(t->ntfn_bits, 0); /* the virtual clock stands still */
    uint64_t when;
    assert_true(sim_dev_timer_deadline(s, &when));
    assert_int_equal(when, 1000);
    assert_true(sim_dev_clock_advance(s));
    assert_int_equal(sim_dev_now(s), 1000);
    assert_int_equal(t->ntfn_bits, 1u << 2);
    t->ntfn_bits = 0;
    sim_dev_update(s, SIM_DEV_TIMER); /* masked until the ack: nothing more */
    assert_int_equal(t->ntfn_bits, 0);
    assert_int_equal(t->irq_pending, 0);
    sim_k_irq_ack(s, 0, 2);
    sim_dev_irq_acked(s, 0, 2); /* the line is still up: again */
    assert_int_equal(t->ntfn_bits, 1u << 2);
    t->ntfn_bits = 0;
    sim_dev_write(s, SIM_DEV_TIMER, SIM_TIMER_STATUS, 4, SIM_TIMER_STATUS_EXPIRED);
    sim_k_irq_ack(s, 0, 2);
    sim_dev_irq_acked(s, 0, 2); /* down now */
    assert_int_equal(t->ntfn_bits, 0);
    assert_false(sim_dev_clock_advance(s)); /* not armed */
    free(s);
}

static void uart_input_raises_irq(void **state)
{
    struct sim_shared *s = make();
    struct sim_tcb *t = &s->tcb[0];
    assert_int_equal(sim_dev_uart_input(s, (const uint8_t *)"hi", 2), 2);
    assert_int_equal(t->ntfn_bits, 0); /* IMSC masks it */
    sim_dev_write(s, SIM_DEV_PL011, SIM_PL011_IMSC, 4, SIM_PL011_INT_RX);
    sim_dev_update(s, SIM_DEV_PL011);
    assert_int_equal(t->ntfn_bits, 1u << 5);
    assert_false(sim_dev_uart_empty(s));
    assert_int_equal(sim_dev_read(s, SIM_DEV_PL011, SIM_PL011_DR, 4), 'h');
    assert_int_equal(sim_dev_read(s, SIM_DEV_PL011, SIM_PL011_DR, 4), 'i');
    assert_true(sim_dev_uart_empty(s));
    t->ntfn_bits = 0;
    sim_k_irq_ack(s, 0, 5);
    sim_dev_irq_acked(s, 0, 5);
    assert_int_equal(t->ntfn_bits, 0);
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pl011_registers),
        cmocka_unit_test(pl011_checks),
        cmocka_unit_test(pl011_receive_and_interrupts),
        cmocka_unit_test(pl011_fifo_full),
        cmocka_unit_test(timer_registers),
        cmocka_unit_test(timer_one_shot),
        cmocka_unit_test(device_pages),
        cmocka_unit_test(uart_output_to_console),
        cmocka_unit_test(timer_irq_once_per_ack),
        cmocka_unit_test(uart_input_raises_irq),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
