/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The runner's side of the console ring: copy what the PDs printed to
 * stdout, print fault records as the monitor would, match --until against
 * every line, and take the kernel lock without deadlocking against a PD
 * that holds it while it waits for ring space.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "runner.h"

/* Time a PD may hold the lock before the runner calls the block damaged. */
#define LOCK_PATIENCE_MS 5000.0

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

bool runner_lock(struct runner *r)
{
    double start = now_ms();
    while (__atomic_load_n(&r->s->lock, __ATOMIC_ACQUIRE) != 0 ||
           !__atomic_compare_exchange_n(&r->s->lock, &(uint32_t){0}, 1, false, __ATOMIC_ACQUIRE,
                                        __ATOMIC_RELAXED)) {
        /* A PD may hold the lock while it waits for console space. */
        if (r->damaged) {
            return false;
        }
        if (runner_drain(r) != 0) {
            start = now_ms();
        } else if (!r->o->gdb_pd && now_ms() - start > LOCK_PATIENCE_MS) {
            r->damaged = true; /* a PD stopped inside the kernel, or wrote over the lock */
            return false;
        } else {
            usleep(50);
        }
    }
    r->s->lock_pid = getpid();
    if (!sim_state_ok(r->s, r->npd)) {
        sim_unlock(r->s);
        r->damaged = true;
        return false;
    }
    return true;
}

static void match_line(struct runner *r)
{
    r->line[r->line_len] = '\0';
    /* --input-after (devices.c types the input once it is released). */
    if (r->in.have_after && !r->in.released && regexec(&r->in.after, r->line, 0, NULL, 0) == 0) {
        r->in.released = true;
    }
    if (r->have_until && !r->matched) {
        if (regexec(&r->until, r->line, 0, NULL, 0) == 0) {
            r->matched = true;
        }
    }
}

static void out_char(struct runner *r, char c)
{
    if (r->line_len + 2 > r->line_cap) {
        size_t cap = r->line_cap ? r->line_cap * 2 : 256;
        char *line = realloc(r->line, cap);
        if (!line) {
            r->line_len = 0; /* keep the output flowing; --until sees a broken line */
            return;
        }
        r->line = line;
        r->line_cap = cap;
    }
    if (c == '\n') {
        match_line(r);
        r->line_len = 0;
    } else {
        r->line[r->line_len++] = c;
    }
}

static void out_fault(struct runner *r, const struct sim_fault *f)
{
    r->faulted = true;
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    runner_print_fault(r, f, m);
    fclose(m);
    fwrite(buf, 1, len, stdout);
    for (size_t i = 0; i < len; i++) {
        out_char(r, buf[i]);
    }
    free(buf);
}

size_t runner_drain(struct runner *r)
{
    struct sim_shared *s = r->s;
    uint64_t head = __atomic_load_n(&s->con_head, __ATOMIC_ACQUIRE);
    uint64_t tail = r->con_tail; /* the runner's own copy: a PD could write over the shared one */
    if (head - tail > SIM_CONSOLE_SIZE) {
        r->damaged = true;
        return 0;
    }
    size_t n = 0;
    while (tail < head) {
        char c = s->console[tail % SIM_CONSOLE_SIZE];
        if (c == SIM_CONSOLE_FAULT) {
            if (head - tail <= sizeof(struct sim_fault)) {
                break; /* the rest of the record is still being written */
            }
            struct sim_fault f;
            for (size_t k = 0; k < sizeof(f); k++) {
                ((char *)&f)[k] = s->console[(tail + 1 + k) % SIM_CONSOLE_SIZE];
            }
            fflush(stdout);
            out_fault(r, &f);
            tail += 1 + sizeof(f);
            n += 1 + sizeof(f);
            continue;
        }
        if (c == SIM_CONSOLE_TRACE) {
            size_t k = runner_trace_take(r, tail, head);
            if (k == 0) {
                break;
            }
            tail += k;
            n += k;
            continue;
        }
        putchar(c);
        out_char(r, c);
        tail++;
        n++;
    }
    if (n) {
        fflush(stdout);
        r->con_tail = tail;
        __atomic_store_n(&s->con_tail, tail, __ATOMIC_RELEASE);
        __atomic_add_fetch(&s->con_space, 1, __ATOMIC_RELEASE);
        sim_futex_wake(&s->con_space, 1 << 30);
    }
    return n;
}

void runner_end_line(struct runner *r)
{
    if (r->line_len) {
        match_line(r);
    }
}
