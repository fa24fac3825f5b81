/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The host board's devices in the shared block (sim/devices.h): which page
 * is which device, the run's clock, a register access on behalf of the PD
 * that trapped (its output byte to the console ring), and the IRQ line: a
 * device whose line is up raises its IRQ at the PD that holds it, through
 * the same path as the runner's --irq, once per acknowledgement (the IRQs
 * are level-triggered, as the examples declare them).
 */
#include <time.h>

#include "sim/devices.h"
#include "sim/kernel.h"

static const struct sim_dev_info devs[SIM_NUM_DEVS] = {
    [SIM_DEV_PL011] = {"pl011", SIM_PL011_PADDR, SIM_DEV_PAGE, SIM_PL011_IRQ},
    [SIM_DEV_TIMER] = {"timer", SIM_TIMER_PADDR, SIM_DEV_PAGE, SIM_TIMER_IRQ},
};

int sim_dev_at(uint64_t paddr)
{
    for (int i = 0; i < SIM_NUM_DEVS; i++) {
        if (paddr >= devs[i].paddr && paddr - devs[i].paddr < devs[i].size) {
            return i;
        }
    }
    return -1;
}

const struct sim_dev_info *sim_dev_info(int dev)
{
    return &devs[dev];
}

uint64_t sim_dev_now(const struct sim_shared *s)
{
    if (s->dev.clock != SIM_CLOCK_REAL) {
        return s->dev.vclock;
    }
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    uint64_t ns = (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
    return (ns - s->dev.real_t0_ns) / (1000000000ull / SIM_TIMER_HZ);
}

const char *sim_dev_check(int dev, uint32_t off, unsigned size, bool read, bool write)
{
    return dev == SIM_DEV_PL011 ? sim_pl011_check(off, size, read, write)
                                : sim_timer_check(off, size, read, write);
}

uint64_t sim_dev_read(struct sim_shared *s, int dev, uint32_t off, unsigned size)
{
    if (dev == SIM_DEV_PL011) {
        return sim_pl011_read(&s->dev.pl011, off);
    }
    return sim_timer_read(&s->dev.timer, off, size, sim_dev_now(s));
}

/* Console lines end in '\n' alone, as the debug output's do; the ring's
 * record markers are not text. */
static bool console_byte(int c)
{
    if (c < 0 || c == '\r' || c == SIM_CONSOLE_FAULT) {
        return false;
    }
#ifdef SIM_CONSOLE_TRACE
    if (c == SIM_CONSOLE_TRACE) {
        return false;
    }
#endif
    return true;
}

void sim_dev_write(struct sim_shared *s, int dev, uint32_t off, unsigned size, uint64_t value)
{
    if (dev == SIM_DEV_TIMER) {
        sim_timer_write(&s->dev.timer, off, size, value, sim_dev_now(s));
        return;
    }
    int tx = sim_pl011_write(&s->dev.pl011, off, size, (uint32_t)value);
    if (console_byte(tx)) {
        char c = (char)tx;
        sim_console_write(s, &c, 1);
    }
}

/* The PD holding IRQ `irq` and its slot, or -1. */
static int irq_owner(const struct sim_shared *s, uint64_t irq, unsigned *slot)
{
    for (uint32_t pd = 0; pd < s->npd && pd < SIM_MAX_PDS; pd++) {
        const struct sim_tcb *t = &s->tcb[pd];
        for (unsigned k = 0; k < SDK_MAX_CHANNELS; k++) {
            if ((t->irq_bits >> k & 1) && t->irq_num[k] == irq) {
                *slot = k;
                return (int)pd;
            }
        }
    }
    return -1;
}

static bool line_up(struct sim_shared *s, int dev)
{
    if (dev == SIM_DEV_PL011) {
        return sim_pl011_irq(&s->dev.pl011);
    }
    sim_timer_update(&s->dev.timer, sim_dev_now(s));
    return sim_timer_irq(&s->dev.timer);
}

void sim_dev_update(struct sim_shared *s, int dev)
{
    unsigned slot = 0;
    int pd = irq_owner(s, devs[dev].irq, &slot);
    if (line_up(s, dev) && pd >= 0 && !(s->tcb[pd].irq_masked >> slot & 1)) {
        sim_k_irq_inject(s, pd, devs[dev].irq);
    }
}

void sim_dev_irq_acked(struct sim_shared *s, int pd, unsigned slot)
{
    for (int dev = 0; dev < SIM_NUM_DEVS; dev++) {
        unsigned k = 0;
        if (irq_owner(s, devs[dev].irq, &k) == pd && k == slot) {
            sim_dev_update(s, dev);
        }
    }
}

uint32_t sim_dev_uart_input(struct sim_shared *s, const uint8_t *b, uint32_t n)
{
    uint32_t k = sim_pl011_receive(&s->dev.pl011, b, n);
    sim_dev_update(s, SIM_DEV_PL011);
    return k;
}

bool sim_dev_uart_empty(const struct sim_shared *s)
{
    return s->dev.pl011.rx_count == 0;
}

bool sim_dev_timer_deadline(const struct sim_shared *s, uint64_t *when)
{
    *when = s->dev.timer.compare;
    return sim_timer_armed(&s->dev.timer);
}

bool sim_dev_clock_advance(struct sim_shared *s)
{
    uint64_t when;
    if (s->dev.clock == SIM_CLOCK_REAL || !sim_dev_timer_deadline(s, &when)) {
        return false;
    }
    if (when > s->dev.vclock) {
        s->dev.vclock = when;
    }
    sim_dev_update(s, SIM_DEV_TIMER);
    return true;
}
