/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The host board's timer model (sim/devices.h): a free-running 64-bit
 * counter at SIM_TIMER_HZ, one compare register and a one-shot expiry. While
 * CTRL.ENABLE is set and the counter is at or past COMPARE, STATUS.EXPIRED
 * is latched; the IRQ line is EXPIRED and ENABLE. Writing 1 to STATUS clears
 * EXPIRED, which then stays clear until the timer is set again: writing
 * COMPARE or CTRL clears EXPIRED and arms it, and it expires at once if the
 * new deadline has already passed.
 * The counter itself is the run's clock, passed in as `now`.
 */
#include <stddef.h>

#include "sim/devices.h"

static bool is_wide(uint32_t off)
{
    return off == SIM_TIMER_COUNT_LO || off == SIM_TIMER_COMPARE_LO;
}

const char *sim_timer_check(uint32_t off, unsigned size, bool read, bool write)
{
    if (off > SIM_TIMER_FREQ || off % 4 != 0) {
        return "no register at this offset";
    }
    if (size == 8 ? !is_wide(off) : size != 4) {
        return "the timer's registers are 32 bits wide (COUNT and COMPARE also 64)";
    }
    bool ro = off == SIM_TIMER_COUNT_LO || off == SIM_TIMER_COUNT_HI || off == SIM_TIMER_FREQ;
    if (write && ro) {
        return "a write to a read-only register";
    }
    return NULL;
}

uint64_t sim_timer_read(struct sim_timer *t, uint32_t off, unsigned size, uint64_t now)
{
    switch (off) {
    case SIM_TIMER_COUNT_LO:
        t->count_hi = (uint32_t)(now >> 32);
        return size == 8 ? now : (uint32_t)now;
    case SIM_TIMER_COUNT_HI:
        return t->count_hi;
    case SIM_TIMER_COMPARE_LO:
        return size == 8 ? t->compare : (uint32_t)t->compare;
    case SIM_TIMER_COMPARE_HI:
        return (uint32_t)(t->compare >> 32);
    case SIM_TIMER_CTRL:
        return t->ctrl;
    case SIM_TIMER_STATUS:
        return t->status;
    case SIM_TIMER_FREQ:
        return SIM_TIMER_HZ;
    default:
        return 0;
    }
}

void sim_timer_write(struct sim_timer *t, uint32_t off, unsigned size, uint64_t value, uint64_t now)
{
    switch (off) {
    case SIM_TIMER_COMPARE_LO:
        t->compare = size == 8 ? value : (t->compare & ~0xffffffffull) | (uint32_t)value;
        t->status = 0;
        t->fired = 0;
        break;
    case SIM_TIMER_COMPARE_HI:
        t->compare = (t->compare & 0xffffffffull) | ((uint64_t)(uint32_t)value << 32);
        t->status = 0;
        t->fired = 0;
        break;
    case SIM_TIMER_CTRL:
        t->ctrl = (uint32_t)value & SIM_TIMER_CTRL_ENABLE;
        t->status = 0;
        t->fired = 0;
        break;
    case SIM_TIMER_STATUS:
        t->status &= ~((uint32_t)value & SIM_TIMER_STATUS_EXPIRED);
        return; /* an acknowledged expiry stays acknowledged */
    default:
        return;
    }
    sim_timer_update(t, now);
}

void sim_timer_update(struct sim_timer *t, uint64_t now)
{
    if ((t->ctrl & SIM_TIMER_CTRL_ENABLE) && !t->fired && now >= t->compare) {
        t->status |= SIM_TIMER_STATUS_EXPIRED;
        t->fired = 1;
    }
}

bool sim_timer_irq(const struct sim_timer *t)
{
    return (t->ctrl & SIM_TIMER_CTRL_ENABLE) && (t->status & SIM_TIMER_STATUS_EXPIRED);
}

bool sim_timer_armed(const struct sim_timer *t)
{
    return (t->ctrl & SIM_TIMER_CTRL_ENABLE) && !t->fired;
}
