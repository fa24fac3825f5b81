/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * timer: a passive timer driver, with one small hardware layer per board:
 *
 * - on AArch64 (qemu_virt_aarch64) the ARM generic timer's EL1 physical
 *   timer, which the kernel exports to user level (KernelArmExportPCNTUser,
 *   KernelArmExportPTMRUser): the counter CNTPCT_EL0, the frequency
 *   CNTFRQ_EL0, and the timer's compare value CNTP_CVAL_EL0 and control
 *   CNTP_CTL_EL0. It raises interrupt 30 (PPI 14) on this core while the
 *   counter is at or past the compare value and the timer is enabled and
 *   unmasked; it is level triggered, so the driver disables the timer
 *   before it acknowledges the interrupt.
 * - on RISC-V 64 (qemu_virt_riscv64) QEMU's Goldfish RTC, mapped at
 *   timer_base by riscv64/timer.system: a nanosecond counter and an alarm
 *   that raises interrupt 11.
 * - on the host simulator (MICROKIT_BOARD=host) the host board's MMIO timer
 *   (docs/simulator.md, Device models), mapped at timer_base by
 *   host/timer.system: a 64-bit counter, a compare register, an enable bit
 *   and an expiry flag, interrupt 30 too.
 *
 * The driver is passive: it runs init on its own scheduling context, then
 * serves protected calls on its clients' and the interrupt's notification
 * on the one the monitor binds to it. Everything above the hardware layer
 * is the same on every board, and so is its output.
 */
#include <stdint.h>

#include <microkit.h>

#include "timer_client.h"

#define CLIENT 0 /* channel: the client's protected calls, our notifications */
#define IRQ    1 /* the timer's interrupt */

#if defined(CONFIG_PLAT_MICROKIT_HOST)
/* The host board's timer: 32-bit registers; COUNT and COMPARE are also one
 * 64-bit register each at their low half. */
#define TIMER_COUNT_LO (0x00 / 4)
#define TIMER_COUNT_HI (0x04 / 4) /* latched by the COUNT_LO read */
#define TIMER_COMPARE  (0x08 / 8) /* in 64-bit words */
#define TIMER_CTRL     (0x10 / 4)
#define TIMER_STATUS   (0x14 / 4)
#define TIMER_FREQ     (0x18 / 4)
#define TIMER_ENABLE   1u
#define TIMER_EXPIRED  1u
#define SETVAR         __attribute__((section(".data")))

uintptr_t timer_base SETVAR; /* the registers, mapped uncached */

static volatile uint32_t *regs32(void)
{
    return (volatile uint32_t *)timer_base;
}

static uint64_t hw_freq(void)
{
    return regs32()[TIMER_FREQ];
}

static uint64_t hw_counter(void)
{
    uint32_t lo = regs32()[TIMER_COUNT_LO];
    return (uint64_t)regs32()[TIMER_COUNT_HI] << 32 | lo;
}

static void hw_stop(void)
{
    regs32()[TIMER_CTRL] = 0;
    regs32()[TIMER_STATUS] = TIMER_EXPIRED;
}

static void hw_start(uint64_t deadline)
{
    ((volatile uint64_t *)timer_base)[TIMER_COMPARE] = deadline;
    regs32()[TIMER_CTRL] = TIMER_ENABLE;
}
#elif defined(__riscv)
/*
 * RISC-V 64 (qemu_virt_riscv64): no timer is exported to user level, so the
 * driver uses the machine's Goldfish RTC (riscv64/timer.system maps its
 * page at timer_base): a nanosecond counter (TIME_LOW latches TIME_HIGH)
 * and an alarm that raises interrupt 11 (level) until it is cleared.
 */
#define RTC_TIME_LOW        (0x00 / 4)
#define RTC_TIME_HIGH       (0x04 / 4)
#define RTC_ALARM_LOW       (0x08 / 4) /* writing it arms the alarm */
#define RTC_ALARM_HIGH      (0x0c / 4)
#define RTC_IRQ_ENABLED     (0x10 / 4)
#define RTC_CLEAR_ALARM     (0x14 / 4)
#define RTC_CLEAR_INTERRUPT (0x1c / 4)
#define SETVAR              __attribute__((section(".data")))

uintptr_t timer_base SETVAR; /* the registers, mapped uncached */

static volatile uint32_t *regs32(void)
{
    return (volatile uint32_t *)timer_base;
}

static uint64_t hw_freq(void)
{
    return 1000000000ull;
}

static uint64_t hw_counter(void)
{
    uint32_t lo = regs32()[RTC_TIME_LOW];
    return (uint64_t)regs32()[RTC_TIME_HIGH] << 32 | lo;
}

static void hw_stop(void)
{
    regs32()[RTC_IRQ_ENABLED] = 0;
    regs32()[RTC_CLEAR_ALARM] = 1;
    regs32()[RTC_CLEAR_INTERRUPT] = 1;
}

static void hw_start(uint64_t deadline)
{
    regs32()[RTC_ALARM_HIGH] = (uint32_t)(deadline >> 32);
    regs32()[RTC_IRQ_ENABLED] = 1;
    regs32()[RTC_ALARM_LOW] = (uint32_t)deadline;
}
#elif defined(__aarch64__)
#define CNTP_CTL_ENABLE 1u /* CNTP_CTL_EL0.ENABLE; IMASK (bit 1) stays clear */

#define READ_SYSREG(name, v)  __asm__ volatile("mrs %0, " name : "=r"(v))
#define WRITE_SYSREG(name, v) __asm__ volatile("msr " name ", %0" ::"r"(v))
#define ISB()                 __asm__ volatile("isb" ::: "memory")

static uint64_t hw_freq(void)
{
    uint64_t v;
    READ_SYSREG("cntfrq_el0", v);
    return v;
}

static uint64_t hw_counter(void)
{
    uint64_t v;
    /* Without the barrier the read may happen before earlier instructions. */
    ISB();
    READ_SYSREG("cntpct_el0", v);
    return v;
}

static void hw_stop(void)
{
    uint64_t ctl = 0;
    WRITE_SYSREG("cntp_ctl_el0", ctl);
    ISB();
}

static void hw_start(uint64_t deadline)
{
    uint64_t ctl = CNTP_CTL_ENABLE;
    WRITE_SYSREG("cntp_cval_el0", deadline);
    WRITE_SYSREG("cntp_ctl_el0", ctl);
    ISB();
}
#else
/* No timer for this architecture yet: the counter reads zero and no
 * interrupt comes, so the client never ticks (the example still builds). */
static uint64_t hw_freq(void)
{
    return 0;
}

static uint64_t hw_counter(void)
{
    return 0;
}

static void hw_stop(void)
{
}

static void hw_start(uint64_t deadline)
{
    (void)deadline;
}
#endif

static uint64_t freq; /* counter ticks per second */

static uint64_t counter(void)
{
    return hw_counter();
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
    hw_stop();
}

static void timer_start(uint64_t deadline)
{
    hw_start(deadline);
}

void init(void)
{
    freq = hw_freq();
    if (freq == 0) {
        freq = 1; /* never divide by zero, even on a board that leaves it unset */
    }
    timer_stop();
    microkit_dbg_puts("timer: ready\n");
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
