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
#include "util.h"

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
    for (size_t i = 0; r->elfs && i < r->sys->pds.count; i++) {
        elf_free(&r->elfs[i]);
        free(r->funcs[i]);
        free(r->paths[i]);
    }
    if (r->s) {
        for (uint32_t i = 0; i < r->s->nmr; i++) {
            close(r->s->mrs[i].fd);
        }
        munmap(r->s, r->shm_size);
    }
    if (r->shm_fd >= 0) {
        close(r->shm_fd);
    }
    if (r->doorbell_fd >= 0) {
        close(r->doorbell_fd);
    }
    if (r->have_until) {
        regfree(&r->until);
    }
    free(r->elfs);
    free(r->funcs);
    free(r->nfuncs);
    free(r->paths);
    free(r->pids);
    free(r->line);
}

int sim_run(const struct sim_options *o, struct system *sys, struct diag *d)
{
    struct runner r;
    memset(&r, 0, sizeof(r));
    r.o = o;
    r.sys = sys;
    r.shm_fd = r.doorbell_fd = -1;
    r.slice_pd = -1;
    r.irq_t0 = -1;
    if (o->until) {
        if (regcomp(&r.until, o->until, REG_EXTENDED | REG_NOSUB) != 0) {
            diag_error(d, NULL, "sim-until", NULL, "--until: invalid regular expression '%s'",
                       o->until);
            return EXIT_USAGE;
        }
        r.have_until = true;
    }
    qsort(o->irqs, o->nirqs, sizeof(*o->irqs), cmp_irq);
    int status = EXIT_INVALID;
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGCHLD);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    sigprocmask(SIG_BLOCK, &set, &old);
    if (runner_setup(&r, d) == 0) {
        status = runner_spawn(&r) == 0 ? runner_loop(&r) : EXIT_INTERNAL;
    }
    cleanup(&r);
    sigprocmask(SIG_SETMASK, &old, NULL);
    return status;
}
