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

/* Inject IRQ `irq` at PD `name`; preempt the running PD if it lost the CPU. */
static void inject(struct runner *r, const char *name, uint64_t irq)
{
    int pd = runner_find_pd(r, name);
    if (pd < 0) {
        fprintf(stderr, "microkit run: warning: --irq: no PD called '%s'\n", name);
        return;
    }
    if (!runner_lock(r)) {
        return;
    }
    int before = r->s->cpu[0].current;
    bool ok = sim_k_irq_inject(r->s, pd, irq);
    runner_unlock_switch(r, before, sim_schedule(r->s));
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
            fprintf(stderr, "microkit run: PD '%s' exited with status %d\n", r->names[pd],
                    WEXITSTATUS(status));
        } else if (WIFSIGNALED(status)) {
            fprintf(stderr, "microkit run: PD '%s' was killed by signal %d (%s)\n", r->names[pd],
                    WTERMSIG(status), strsignal(WTERMSIG(status)));
        }
        sim_lock_recover(r->s, pid);
        if (!runner_lock(r)) {
            continue;
        }
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
    } else if (!strcmp(line, "dump")) {
        runner_dump(r, stdout);
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
    if (!runner_lock(r)) {
        return false;
    }
    bool idle = !runner_domains_ready(r);
    for (uint32_t c = 0; c < r->s->ncpu; c++) {
        idle = idle && r->s->cpu[c].current == SIM_IDLE;
    }
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
    int dom = runner_domain_ms(r, elapsed);
    if (dom >= 0 && (next < 0 || dom < next)) {
        next = dom;
    }
    int dev = runner_devices_ms(r);
    if (dev >= 0 && (next < 0 || dev < next)) {
        next = dev;
    }
    if (next < 0) {
        return 200; /* also a safety net against a missed wake-up */
    }
    return next > 200 ? 200 : (int)next + 1;
}

static int finish(struct runner *r, int status, const char *why)
{
    runner_drain(r);
    runner_end_line(r);
    if (status == SIM_EXIT_OK && !r->matched && r->pd_died) {
        status = SIM_EXIT_PD_DIED;
        why = "a PD process ended: the run failed";
    } else if (status == SIM_EXIT_OK && !r->matched && r->faulted) {
        status = SIM_EXIT_FAULT;
        why = "a PD faulted and no PD handled the fault";
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
    sigaddset(&set, SIGUSR1);
    int sfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
    int cfd = r->control_fd;
    double t0 = now_ms();
    for (;;) {
        double elapsed = now_ms() - t0;
        due_irqs(r, elapsed);
        runner_domain_check(r, elapsed);
        runner_slice_check(r, elapsed);
        runner_drain(r);
        if (r->matched) {
            return finish(r, SIM_EXIT_OK, "--until matched");
        }
        if (r->damaged) {
            return finish(r, SIM_EXIT_DAMAGED,
                          "the simulator's kernel state is damaged: a PD wrote over the shared "
                          "block, or stopped for seconds inside a system call");
        }
        if (r->o->timeout > 0 && elapsed >= r->o->timeout * 1e3) {
            return finish(r, r->have_until ? SIM_EXIT_TIMEOUT : SIM_EXIT_OK, "timeout");
        }
        runner_devices_poll(r);
        /* One look: a PD that blocks between two looks would end the run
         * before the devices (typed input, the virtual clock) had their turn. */
        bool is_idle = idle(r);
        if (is_idle && runner_devices_idle(r)) {
            continue; /* typed a line, or the virtual clock reached the timer's deadline */
        }
        if (cfd < 0 && r->next_irq >= r->o->nirqs && !runner_devices_busy(r) && is_idle) {
            runner_drain(r);
            if (r->matched) {
                return finish(r, SIM_EXIT_OK, "--until matched");
            }
            if (runner_devices_idle(r)) {
                continue; /* the last lines matched --input-after: the input is free now */
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
            if (si.ssi_signo == SIGUSR1) {
                runner_dump(r, stdout);
            } else if (si.ssi_signo != SIGCHLD) {
                return finish(r, SIM_EXIT_INTERRUPT, "interrupted");
            }
        }
        reap(r);
        if (cfd >= 0 && (p[2].revents & (POLLIN | POLLHUP)) && !read_control(r, cfd)) {
            cfd = -1; /* its end: the runner closes it */
        }
    }
}
