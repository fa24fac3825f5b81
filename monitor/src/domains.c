/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Stage 7: the domain schedule (Microkit 2.3 <domains>, seL4 16 RFC-20),
 * last of all, since once the schedule runs the monitor (domain 0) gets the
 * CPU only in domain 0's slices. Entries with a duration are configured
 * first, then the start index is set, then the end markers: the kernel
 * refuses an end marker at its current start index, 0 until SetStart.
 * Microseconds become timer ticks here, to the nearest tick, with the
 * frequency of the timer the kernel counts in (boot.timer_hz, from
 * CNTFRQ_EL0; the board's frequency in the spec when that is 0). A duration
 * of 0 ticks or beyond the kernel's 56 bits fails the boot.
 */
#include "boot.h"
#include "print.h"

#define US_PER_S   1000000ull
#define DSCHED_MAX ((1ull << 56) - 1)

/* us * hz / 10^6 rounded to nearest, or 0 when it does not fit in 56 bits. */
static uint64_t us_to_ticks(uint64_t us, uint64_t hz)
{
    uint64_t q = us / US_PER_S, r = us % US_PER_S;
    if (hz == 0 || hz >= (1ull << 40) || q > DSCHED_MAX / hz) {
        return 0;
    }
    uint64_t ticks = q * hz + (r * hz + US_PER_S / 2) / US_PER_S;
    return ticks > DSCHED_MAX ? 0 : ticks;
}

static int ticks_of(const struct boot *b, const struct bs_sched *e, uint64_t *out)
{
    uint64_t hz = b->timer_hz ? b->timer_hz : b->spec->hdr->timer_hz;
    *out = e->unit == BS_SCHED_TICKS ? e->duration : us_to_ticks(e->duration, hz);
    if (*out == 0 || *out > DSCHED_MAX) {
        mon_error("domain schedule entry ");
        mon_putdec(e->index);
        mon_puts(": ");
        mon_putdec(e->duration);
        mon_puts(e->unit == BS_SCHED_TICKS ? " ticks" : " us");
        mon_puts(" is not 1..2^56-1 timer ticks at ");
        mon_putdec(hz);
        mon_puts(" Hz\n");
        return -1;
    }
    return 0;
}

static int configure(const struct boot *b, const struct bs_sched *e, uint64_t ticks)
{
    seL4_Error err = seL4_DomainSet_ScheduleConfigure(seL4_CapDomain, e->index, e->domain, ticks);
    if (err != seL4_NoError) {
        mon_error("configuring domain schedule entry ");
        mon_putdec(e->index);
        mon_puts(" failed: ");
        mon_puts(sel4_error_name(err));
        mon_puts("\n");
        return -1;
    }
    return 0;
}

/* The entries with a duration (`ends` 0) or the end markers (`ends` 1). */
static int configure_all(const struct boot *b, int ends)
{
    const struct bs_spec *s = b->spec;
    for (uint32_t i = 0; i < s->hdr->num_schedule; i++) {
        const struct bs_sched *e = &s->schedule[i];
        uint64_t ticks = 0;
        if ((e->unit == BS_SCHED_END) != ends) {
            continue;
        }
        if ((!ends && ticks_of(b, e, &ticks) != 0) || configure(b, e, ticks) != 0) {
            return -1;
        }
    }
    return 0;
}

int boot_domains(struct boot *b)
{
    const struct bs_header *h = b->spec->hdr;
    if (h->schedule_start == BS_NONE) {
        return 0;
    }
    if (configure_all(b, 0) != 0) {
        return -1;
    }
    mon_info("starting the domain schedule at entry ");
    mon_putdec(h->schedule_start);
    mon_puts("\n");
    seL4_Error err = seL4_DomainSet_ScheduleSetStart(seL4_CapDomain, h->schedule_start);
    if (err != seL4_NoError) {
        mon_error("starting the domain schedule failed: ");
        mon_puts(sel4_error_name(err));
        mon_puts("\n");
        return -1;
    }
    return configure_all(b, 1);
}
