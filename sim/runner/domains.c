/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The domain schedule (Microkit 2.3 <domains>), as seL4 runs it: from the
 * spec's start index the kernel's schedule entries follow one another, each
 * making its domain the current one for its duration; an end marker, or an
 * index the spec leaves unconfigured (an end marker in a booted kernel),
 * goes back to the start. Only threads of the current domain run (the
 * scheduler, sim/kernel/sched.c); when a slot ends the runner switches the
 * domain and preempts the running PD, as the kernel's timer does.
 *
 * Durations are host wall-clock time: microseconds as they are, timer
 * ticks at the spec's timer_hz (the board's; 1 MHz when it is 0, as for the
 * host board). The runner wakes at the end of each slot, so a slot lasts at
 * least about a millisecond (docs/simulator.md).
 */
#include <stdio.h>

#include "runner.h"

/* The spec entry at kernel index `index`, or NULL (an end marker). */
static const struct bs_sched *entry_at(const struct runner *r, uint64_t index)
{
    const struct bs_spec *sp = &r->spec;
    for (uint32_t i = 0; i < sp->hdr->num_schedule; i++) {
        if (sp->schedule[i].index == index) {
            return sp->schedule[i].unit == BS_SCHED_END ? NULL : &sp->schedule[i];
        }
    }
    return NULL;
}

static double slot_ms(const struct runner *r, const struct bs_sched *e)
{
    uint64_t hz = r->spec.hdr->timer_hz ? r->spec.hdr->timer_hz : 1000000;
    double ms = e->unit == BS_SCHED_US ? e->duration / 1e3 : e->duration * 1e3 / (double)hz;
    return ms < 1 ? 1 : ms;
}

void runner_domains_init(struct runner *r)
{
    uint32_t start = r->spec.hdr->schedule_start;
    r->dom_on = start != BS_NONE;
    r->dom_index = start;
    r->dom_end = -1;
    r->s->cur_domain = r->dom_on ? entry_at(r, start)->domain : 0;
}

int runner_domain_ms(struct runner *r, double now)
{
    if (!r->dom_on) {
        return -1;
    }
    if (r->dom_end < 0) {
        r->dom_end = now + slot_ms(r, entry_at(r, r->dom_index));
    }
    double left = r->dom_end - now;
    return left <= 0 ? 0 : (int)left + 1;
}

/* The next slot's entry: the one after, or the start after an end marker. */
static const struct bs_sched *advance(struct runner *r)
{
    const struct bs_sched *e = entry_at(r, r->dom_index + 1);
    r->dom_index = e ? r->dom_index + 1 : r->spec.hdr->schedule_start;
    return e ? e : entry_at(r, r->dom_index);
}

void runner_domain_check(struct runner *r, double now)
{
    if (runner_domain_ms(r, now) != 0) {
        return;
    }
    const struct bs_sched *e = advance(r);
    r->dom_end = now + slot_ms(r, e);
    struct sim_shared *s = r->s;
    if (!runner_lock(r)) {
        return;
    }
    int cur = s->cpu[0].current;
    int now_pd = cur;
    if (s->cur_domain != e->domain) {
        s->cur_domain = e->domain;
        sim_sched_reschedule_required(s);
        now_pd = sim_schedule(s);
    }
    runner_unlock_switch(r, cur, now_pd);
}

bool runner_domains_ready(const struct runner *r)
{
    for (int w = 0; r->dom_on && w < SIM_NUM_PRIOS / 64; w++) {
        if (r->s->cpu[0].rq_bitmap[w]) {
            return true;
        }
    }
    return false;
}

void runner_fpu_warning(const struct runner *r)
{
    int first = -1, more = 0;
    for (uint32_t i = 0; i < r->npd; i++) {
        if (r->spec.pds[i].flags & BS_PD_FPU_DISABLED) {
            more += first >= 0;
            first = first >= 0 ? first : (int)i;
        }
    }
    if (first < 0) {
        return;
    }
    fprintf(stderr, "microkit run: warning: fpu=\"false\" on PD '%s'", r->names[first]);
    if (more) {
        fprintf(stderr, " (and %d more)", more);
    }
    fprintf(stderr, " is not enforced: the simulator cannot trap the host's FPU use, so such a "
                    "PD runs with the FPU here and faults only on seL4 [sim-fpu-not-enforced]\n");
}
