/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * timer: a passive driver for the ARM generic timer. It uses the EL1
 * physical timer, which the kernel exports to user level
 * (KernelArmExportPCNTUser, KernelArmExportPTMRUser): the counter
 * CNTPCT_EL0, the frequency CNTFRQ_EL0, and the timer's compare value
 * CNTP_CVAL_EL0 and control CNTP_CTL_EL0. The timer raises interrupt 30
 * (PPI 14) on this core while the counter is at or past the compare value
 * and the timer is enabled and unmasked; it is level triggered, so the
 * driver disables the timer before it acknowledges the interrupt.
 *
 * The driver is passive: it runs init on its own scheduling context, then
 * serves protected calls on its clients' and the interrupt's notification
 * on the one the monitor binds to it.
 */
#include <stdint.h>

#include <microkit.h>

#include "timer_client.h"

#define CLIENT 0 /* channel: the client's protected calls, our notifications */
#define IRQ    1 /* the timer's interrupt */

#define CNTP_CTL_ENABLE 1u /* CNTP_CTL_EL0.ENABLE; IMASK (bit 1) stays clear */

#if defined(__aarch64__)
#define READ_SYSREG(name, v)  __asm__ volatile("mrs %0, " name : "=r"(v))
#define WRITE_SYSREG(name, v) __asm__ volatile("msr " name ", %0" ::"r"(v))
#define ISB()                 __asm__ volatile("isb" ::: "memory")
#else
/* The host simulator has no timer device yet: the registers read as zero. */
#define READ_SYSREG(name, v)  ((v) = 0)
#define WRITE_SYSREG(name, v) ((void)(v))
#define ISB()                 ((void)0)
#endif

static uint64_t freq; /* counter ticks per second */

static uint64_t counter(void)
{
    uint64_t v;
    /* Without the barrier the read may happen before earlier instructions. */
    ISB();
    READ_SYSREG("cntpct_el0", v);
    return v;
}

static uint64_t ticks_to_ns(uint64_t ticks)
{
    return ticks / freq * NS_PER_S + ticks % freq * NS_PER_S / freq;
}

static uint64_t ns_to_ticks(uint64_t ns)
{
    return ns / NS_PER_S * freq + ns % NS_PER_S * freq / NS_PER_S;
}

static void timer_stop(void)
{
    uint64_t ctl = 0;
    WRITE_SYSREG("cntp_ctl_el0", ctl);
    ISB();
}

static void timer_start(uint64_t deadline)
{
    uint64_t ctl = CNTP_CTL_ENABLE;
    WRITE_SYSREG("cntp_cval_el0", deadline);
    WRITE_SYSREG("cntp_ctl_el0", ctl);
    ISB();
}

void init(void)
{
    READ_SYSREG("cntfrq_el0", freq);
    if (freq == 0) {
        freq = 1; /* never divide by zero, even on a board that leaves it unset */
    }
    timer_stop();
    microkit_dbg_puts("timer: ARM generic timer, ");
    microkit_dbg_put32((seL4_Uint32)(freq / 1000));
    microkit_dbg_puts(" kHz\n");
}

void notified(microkit_channel ch)
{
    if (ch != IRQ) {
        return;
    }
    /* The line stays asserted while the timer is enabled and expired. */
    timer_stop();
    microkit_irq_ack(IRQ);
    microkit_notify(CLIENT);
}

microkit_msginfo protected(microkit_channel ch, microkit_msginfo msginfo)
{
    switch (microkit_msginfo_get_label(msginfo)) {
    case TIMER_NOW:
        microkit_mr_set(0, ticks_to_ns(counter()));
        return microkit_msginfo_new(TIMER_OK, 1);
    case TIMER_SET_TIMEOUT:
        if (microkit_msginfo_get_count(msginfo) < 1) {
            break;
        }
        timer_start(counter() + ns_to_ticks(microkit_mr_get(0)));
        return microkit_msginfo_new(TIMER_OK, 0);
    default:
        break;
    }
    return microkit_msginfo_new(TIMER_BAD_CALL, 0);
}
