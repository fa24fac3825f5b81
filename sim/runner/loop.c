/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The runner's main loop: copy the PDs' console output to stdout (matching
 * --until against each line), inject IRQs when due (--irq, --control), reap
 * PD processes that die, and stop on --until, --timeout, Ctrl-C, or when
 * every PD is blocked for good (the system is idle and nothing can wake it).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "runner.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

void runner_lock(struct runner *r)
{
    while (__atomic_load_n(&r->s->lock, __ATOMIC_ACQUIRE) != 0 ||
           !__atomic_compare_exchange_n(&r->s->lock, &(uint32_t){0}, 1, false, __ATOMIC_ACQUIRE,
                                        __ATOMIC_RELAXED)) {
        /* A PD may hold the lock while it waits for console space. */
        if (runner_drain(r) == 0) {
            usleep(50);
        }
    }
    r->s->lock_pid = getpid();
}

static void match_line(struct runner *r)
{
    if (r->have_until && !r->matched) {
        r->line[r->line_len] = '\0';
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
    uint64_t tail = s->con_tail;
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
        putchar(c);
        out_char(r, c);
        tail++;
        n++;
    }
    if (n) {
        fflush(stdout);
        __atomic_store_n(&s->con_tail, tail, __ATOMIC_RELEASE);
        __atomic_add_fetch(&s->con_space, 1, __ATOMIC_RELEASE);
        sim_futex_wake(&s->con_space, 1 << 30);
    }
    return n;
}

/* Inject IRQ `irq` at PD `name`; preempt the running PD if it lost the CPU. */
static void inject(struct runner *r, const char *name, uint64_t irq)
{
    int pd = runner_find_pd(r, name);
    if (pd < 0) {
        fprintf(stderr, "microkit run: warning: --irq: no PD called '%s'\n", name);
        return;
    }
    runner_lock(r);
    int before = r->s->current;
    bool ok = sim_k_irq_inject(r->s, pd, irq);
    int after = sim_schedule(r->s);
    sim_unlock(r->s);
    if (after != before) {
        sim_wake(r->s, after);
        runner_preempt(r, before);
    }
    if (!ok) {
        fprintf(stderr, "microkit run: warning: PD '%s' has no IRQ %llu\n", name,
                (unsigned long long)irq);
    }
}

static void reap(struct runner *r)
{
    int status;
    pid_t pid;
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
        int pd = runner_pd_of(r, pid);
        if (pd < 0 || r->stopping) {
            continue;
        }
        r->pids[pd] = 0;
        r->pd_died = true;
        runner_drain(r);
        if (WIFEXITED(status)) {
            fprintf(stderr, "microkit run: PD '%s' exited with status %d\n", r->s->tcb[pd].name,
                    WEXITSTATUS(status));
        } else if (WIFSIGNALED(status)) {
            fprintf(stderr, "microkit run: PD '%s' was killed by signal %d (%s)\n",
                    r->s->tcb[pd].name, WTERMSIG(status), strsignal(WTERMSIG(status)));
        }
        sim_lock_recover(r->s, pid);
        runner_lock(r);
        sim_k_kill(r->s, pd);
        int now = sim_schedule(r->s);
        sim_unlock(r->s);
        sim_wake(r->s, now);
    }
}

/* A command from --control: "irq PD IRQ". */
static void control_line(struct runner *r, char *line)
{
    char pd[SDK_PD_NAME_LENGTH];
    unsigned long long irq;
    if (sscanf(line, "irq %63s %llu", pd, &irq) == 2) {
        inject(r, pd, irq);
    } else if (line[0] != '\0' && line[0] != '#') {
        fprintf(stderr, "microkit run: warning: unknown control command '%s'\n", line);
    }
}

static bool read_control(struct runner *r, int fd)
{
    char buf[512];
    ssize_t n = read(fd, buf, sizeof(buf) - 1);
    if (n <= 0) {
        return false;
    }
    buf[n] = '\0';
    char *save = NULL;
    for (char *l = strtok_r(buf, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        control_line(r, l);
    }
    return true;
}

static bool idle(struct runner *r)
{
    runner_lock(r);
    bool idle = r->s->current == SIM_IDLE;
    sim_unlock(r->s);
    return idle;
}

/* --irq times count from the moment every PD process has started. */
static bool all_started(struct runner *r, double elapsed)
{
    if (r->irq_t0 >= 0) {
        return true;
    }
    for (uint32_t i = 0; i < r->s->npd; i++) {
        if (__atomic_load_n(&r->s->tcb[i].pid, __ATOMIC_ACQUIRE) == 0 && r->pids[i] != 0) {
            return false;
        }
    }
    r->irq_t0 = elapsed;
    return true;
}

static void due_irqs(struct runner *r, double elapsed)
{
    if (!all_started(r, elapsed)) {
        return;
    }
    elapsed -= r->irq_t0;
    while (r->next_irq < r->o->nirqs && r->o->irqs[r->next_irq].at_ms <= elapsed) {
        const struct sim_irq_event *e = &r->o->irqs[r->next_irq++];
        inject(r, e->pd, e->irq);
    }
}

static int wait_ms(struct runner *r, double elapsed)
{
    double next = -1;
    if (r->next_irq < r->o->nirqs) {
        next = r->irq_t0 < 0 ? 1 : (double)r->o->irqs[r->next_irq].at_ms - (elapsed - r->irq_t0);
    }
    if (r->o->timeout > 0) {
        double t = r->o->timeout * 1e3 - elapsed;
        next = next < 0 || t < next ? t : next;
    }
    int slice = runner_slice_ms(r, elapsed);
    if (slice >= 0 && (next < 0 || slice < next)) {
        next = slice;
    }
    if (next < 0) {
        return 200; /* also a safety net against a missed wake-up */
    }
    return next > 200 ? 200 : (int)next + 1;
}

static int finish(struct runner *r, int status, const char *why)
{
    runner_drain(r);
    if (r->line_len) {
        match_line(r);
    }
    if (status == SIM_EXIT_OK && !r->matched && r->pd_died) {
        status = SIM_EXIT_PD_DIED;
        why = "a PD process ended: the run failed";
    }
    if (r->o->verbose || status != SIM_EXIT_OK) {
        fprintf(stderr, "microkit run: %s\n", why);
    }
    return status;
}

int runner_loop(struct runner *r)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGCHLD);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    int sfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
    int cfd = -1;
    if (r->o->control) {
        cfd = strcmp(r->o->control, "-") ? open(r->o->control, O_RDONLY | O_CLOEXEC) : 0;
    }
    double t0 = now_ms();
    for (;;) {
        double elapsed = now_ms() - t0;
        due_irqs(r, elapsed);
        runner_slice_check(r, elapsed);
        runner_drain(r);
        if (r->matched) {
            return finish(r, SIM_EXIT_OK, "--until matched");
        }
        if (r->o->timeout > 0 && elapsed >= r->o->timeout * 1e3) {
            return finish(r, r->have_until ? SIM_EXIT_TIMEOUT : SIM_EXIT_OK, "timeout");
        }
        if (cfd < 0 && r->next_irq >= r->o->nirqs && idle(r)) {
            runner_drain(r);
            if (r->matched) {
                return finish(r, SIM_EXIT_OK, "--until matched");
            }
            return finish(r, r->have_until ? SIM_EXIT_IDLE : SIM_EXIT_OK,
                          "every PD is blocked: the system is idle");
        }
        struct pollfd p[3] = {{r->doorbell_fd, POLLIN, 0}, {sfd, POLLIN, 0}, {cfd, POLLIN, 0}};
        poll(p, cfd >= 0 ? 3 : 2, wait_ms(r, elapsed));
        uint64_t v;
        if (read(r->doorbell_fd, &v, sizeof(v)) < 0 && errno != EAGAIN) {
            return finish(r, SIM_EXIT_INTERNAL, "doorbell failed");
        }
        struct signalfd_siginfo si;
        while (read(sfd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
            if (si.ssi_signo != SIGCHLD) {
                return finish(r, SIM_EXIT_INTERRUPT, "interrupted");
            }
        }
        reap(r);
        if (cfd >= 0 && (p[2].revents & (POLLIN | POLLHUP)) && !read_control(r, cfd)) {
            cfd = -1;
        }
    }
}
