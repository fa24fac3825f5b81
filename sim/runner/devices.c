/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The runner's side of the host board's devices (sim/devices.h): which PD
 * maps which device page, the UART's input and the timer's clock.
 *
 * Input from --input is typed a line at a time, each line once every PD is
 * blocked and the UART's FIFO is empty, so a run is the same every time and
 * each line's echo comes before the next line. Terminal input goes into the
 * FIFO as it comes. The virtual clock stands still while any PD runs; once
 * every PD is blocked it jumps to the timer's deadline. The real clock is
 * CLOCK_MONOTONIC, and the runner checks the timer whenever it wakes.
 */
#include <poll.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "runner.h"

#define TTY_POLL_MS 20

int runner_map_device(struct runner *r, int pd, const struct bs_map *m)
{
    const struct bs_object *o = &r->spec.objects[m->obj];
    int dev = o->paddr == BS_ANY_PADDR ? -1 : sim_dev_at(o->paddr);
    struct sim_shared *s = r->s;
    if (dev < 0) {
        return 0;
    }
    if (s->nmap >= SIM_MAX_MAPS) {
        runner_error(r, pd, "sim-too-many-maps", "map fewer regions, or larger ones",
                     "the simulator maps at most %u runs of frames; PD '%s' needs more",
                     SIM_MAX_MAPS, s->tcb[pd].name);
        return -1;
    }
    struct sim_map *sm = &s->maps[s->nmap++];
    *sm = (struct sim_map){.pd = pd,
                           .prot = ((m->rights & BS_RIGHT_READ) ? PROT_READ : 0) |
                                   ((m->rights & BS_RIGHT_WRITE) ? PROT_WRITE : 0),
                           .vaddr = m->vaddr,
                           .size = SIM_DEV_PAGE,
                           .device = dev,
                           .paddr = o->paddr};
    snprintf(sm->name, sizeof(sm->name), "%s", bs_object_name(&r->spec, m->obj));
    r->in.uart_mapped |= dev == SIM_DEV_PL011;
    return 1;
}

static uint64_t mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

int runner_devices_init(struct runner *r)
{
    struct sim_shared *s = r->s;
    sim_pl011_reset(&s->dev.pl011);
    s->dev.clock = r->o->clock == SIM_CLOCK_REAL ? SIM_CLOCK_REAL : SIM_CLOCK_VIRTUAL;
    s->dev.real_t0_ns = mono_ns();
    r->in.data = r->o->input;
    r->in.size = r->o->input_size;
    r->in.released = true;
    r->in.tty = -1;
    if (r->o->input_after) {
        if (regcomp(&r->in.after, r->o->input_after, REG_EXTENDED | REG_NOSUB) != 0) {
            runner_error(r, -1, "sim-until", NULL, "--input-after: invalid regular expression '%s'",
                         r->o->input_after);
            return SIM_EXIT_USAGE;
        }
        r->in.have_after = true;
        r->in.released = false;
    }
    bool control_stdin = r->o->control && !strcmp(r->o->control, "-");
    if (!r->in.data && r->in.uart_mapped && !control_stdin && isatty(0)) {
        r->in.tty = 0;
    }
    return SIM_EXIT_OK;
}

/* Give the UART `n` bytes (the lock taken here); returns how many it took. */
static size_t type_bytes(struct runner *r, const uint8_t *b, size_t n)
{
    if (!runner_lock(r)) {
        return 0;
    }
    int before = r->s->cpu[0].current;
    size_t k = n ? sim_dev_uart_input(r->s, b, (uint32_t)n) : 0;
    runner_unlock_switch(r, before, sim_schedule(r->s));
    return k;
}

static void read_tty(struct runner *r)
{
    struct pollfd p = {r->in.tty, POLLIN, 0};
    if (r->in.buf_len < sizeof(r->in.buf) && poll(&p, 1, 0) > 0) {
        ssize_t n = read(r->in.tty, r->in.buf + r->in.buf_len, sizeof(r->in.buf) - r->in.buf_len);
        if (n <= 0) {
            r->in.tty = -1; /* its end (Ctrl-D) */
            return;
        }
        r->in.buf_len += (size_t)n;
    }
    if (r->in.buf_len) {
        size_t k = type_bytes(r, r->in.buf, r->in.buf_len);
        memmove(r->in.buf, r->in.buf + k, r->in.buf_len - k);
        r->in.buf_len -= k;
    }
}

/* The real clock: raise the timer's IRQ once its deadline has passed. */
static void check_timer(struct runner *r)
{
    uint64_t when;
    if (r->s->dev.clock != SIM_CLOCK_REAL || !runner_lock(r)) {
        return;
    }
    int before = r->s->cpu[0].current;
    if (sim_dev_timer_deadline(r->s, &when) && sim_dev_now(r->s) >= when) {
        sim_dev_update(r->s, SIM_DEV_TIMER);
    }
    runner_unlock_switch(r, before, sim_schedule(r->s));
}

void runner_devices_poll(struct runner *r)
{
    if (r->in.tty >= 0 || r->in.buf_len) {
        read_tty(r);
    }
    check_timer(r);
}

/* The next line of --input, or what of it fits, when the FIFO is empty. */
static bool type_line(struct runner *r)
{
    if (!r->in.data || !r->in.released || r->in.pos >= r->in.size) {
        return false;
    }
    if (!runner_lock(r)) {
        return false;
    }
    bool empty = sim_dev_uart_empty(r->s);
    sim_unlock(r->s);
    if (!empty) {
        return false;
    }
    const uint8_t *start = r->in.data + r->in.pos;
    const uint8_t *nl = memchr(start, '\n', r->in.size - r->in.pos);
    size_t len = nl ? (size_t)(nl - start) + 1 : r->in.size - r->in.pos;
    size_t k = type_bytes(r, start, len < SIM_PL011_FIFO ? len : SIM_PL011_FIFO);
    r->in.pos += k;
    return k > 0;
}

static bool advance_clock(struct runner *r)
{
    if (!runner_lock(r)) {
        return false;
    }
    int before = r->s->cpu[0].current;
    bool moved = sim_dev_clock_advance(r->s);
    runner_unlock_switch(r, before, sim_schedule(r->s));
    return moved;
}

bool runner_devices_idle(struct runner *r)
{
    return type_line(r) || advance_clock(r);
}

bool runner_devices_busy(struct runner *r)
{
    uint64_t when;
    if (r->in.tty >= 0 || r->in.buf_len) {
        return true;
    }
    if (r->s->dev.clock != SIM_CLOCK_REAL || !runner_lock(r)) {
        return false;
    }
    bool armed = sim_dev_timer_deadline(r->s, &when);
    sim_unlock(r->s);
    return armed;
}

int runner_devices_ms(struct runner *r)
{
    uint64_t when;
    int ms = r->in.tty >= 0 ? TTY_POLL_MS : -1;
    if (r->s->dev.clock != SIM_CLOCK_REAL || !runner_lock(r)) {
        return ms;
    }
    bool armed = sim_dev_timer_deadline(r->s, &when);
    uint64_t now = sim_dev_now(r->s);
    sim_unlock(r->s);
    if (armed) {
        uint64_t left = when > now ? (when - now) * 1000 / SIM_TIMER_HZ : 0;
        int t = left > 200 ? 200 : (int)left;
        ms = ms < 0 || t < ms ? t : ms;
    }
    return ms;
}
