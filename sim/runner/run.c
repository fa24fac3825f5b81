/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * sim_run: set up the shared state, start the PD processes, run the loop,
 * and clean up whatever happened. Shared memory is memfd only (it goes when
 * the last process holding it does) and every PD process dies with the
 * runner, so nothing outlives a run, even one whose runner crashed.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "runner.h"

static int cmp_irq(const void *a, const void *b)
{
    const struct sim_irq_event *x = a, *y = b;
    return (x->at_ms > y->at_ms) - (x->at_ms < y->at_ms);
}

static void cleanup(struct runner *r)
{
    if (r->pids) {
        runner_kill_all(r);
    }
    if (r->s) {
        munmap(r->s, r->shm_size);
    }
    int fds[] = {r->shm_fd, r->ram_fd, r->doorbell_fd};
    for (size_t i = 0; i < sizeof(fds) / sizeof(fds[0]); i++) {
        if (fds[i] >= 0) {
            close(fds[i]);
        }
    }
    if (r->have_until) {
        regfree(&r->until);
    }
    if (r->in.have_after) {
        regfree(&r->in.after);
    }
    if (r->control_fd > 0) {
        close(r->control_fd);
    }
    runner_trace_close(r);
    free(r->pids);
    free(r->names);
    free(r->line);
}

int sim_run(const struct sim_options *o, const struct sim_system *sys)
{
    struct runner r;
    memset(&r, 0, sizeof(r));
    r.o = o;
    r.sys = sys;
    r.shm_fd = r.ram_fd = r.doorbell_fd = r.watchdog_fd = r.control_fd = -1;
    for (int c = 0; c < SIM_MAX_CPUS; c++) {
        r.slice[c].pd = -1;
    }
    r.irq_t0 = -1;
    if (o->until) {
        if (regcomp(&r.until, o->until, REG_EXTENDED | REG_NOSUB) != 0) {
            runner_error(&r, -1, "sim-until", NULL, "--until: invalid regular expression '%s'",
                         o->until);
            return SIM_EXIT_USAGE;
        }
        r.have_until = true;
    }
    if (o->nirqs) {
        qsort(o->irqs, o->nirqs, sizeof(*o->irqs), cmp_irq);
    }
    int status;
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGCHLD);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, &old);
    status = runner_setup(&r);
    if (status != SIM_EXIT_OK) {
        /* reported */
    } else if (o->print_caps) {
        runner_print_caps(&r, o->print_caps);
        status = SIM_EXIT_OK;
    } else {
        status = runner_spawn(&r) == 0 && runner_perf_start(&r) == 0 ? runner_loop(&r)
                                                                     : SIM_EXIT_INTERNAL;
        runner_run_end(&r);
    }
    cleanup(&r);
    sigprocmask(SIG_SETMASK, &old, NULL);
    return status;
}
