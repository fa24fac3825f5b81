/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The layout's domain schedule: each <schedule_entry> and
 * <schedule_end_marker> of the SDF at kernel index index_shift + its
 * position, and the kernel index to start at. The implicit end marker after
 * the last entry is not written: the kernel's entries are end markers from
 * boot (all but entry 0, which a schedule starting at index 0 overwrites),
 * and checks_domains.c keeps index_shift + length below the kernel's last
 * entry. Microseconds stay microseconds: the monitor converts them with the
 * timer frequency it reads at boot (include/sdk/bootspec.h, step 7).
 */
#include "layout.h"

static struct bs_sched entry(const struct system *sys, const struct sched_entry *s, uint64_t index)
{
    struct bs_sched e = {.index = (uint32_t)index, .unit = BS_SCHED_END};
    if (s->unit != SCHED_END) {
        e.duration = s->duration;
        e.unit = s->unit == SCHED_US ? BS_SCHED_US : BS_SCHED_TICKS;
        e.domain = (uint8_t)sys->domains.list.items[s->domain].id;
    }
    return e;
}

void layout_domains(const struct system *sys, const struct board *board, struct layout *lay)
{
    const struct domains *ds = &sys->domains;
    lay->timer_hz = board ? board->timer_frequency : 0;
    lay->schedule_start = BS_NONE;
    if (!ds->present || ds->schedule.count == 0) {
        return;
    }
    for (size_t i = 0; i < ds->schedule.count; i++) {
        *VEC_PUSH(lay->schedule) = entry(sys, &ds->schedule.items[i], ds->index_shift + i);
    }
    lay->schedule_start = (uint32_t)(ds->index_shift + ds->start_index);
}
