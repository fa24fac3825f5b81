/* SPDX-License-Identifier: BSD-2-Clause */
/* The runner's internal state, shared by setup.c, spawn.c and loop.c. */
#ifndef SIM_RUNNER_H
#define SIM_RUNNER_H

#include <regex.h>
#include <stdio.h>
#include <sys/types.h>

#include "elfload.h"
#include "sim/kernel.h"
#include "sim/run.h"

struct runner {
    const struct sim_options *o;
    struct system *sys;
    struct sim_shared *s;
    int shm_fd;
    uint64_t shm_size;
    int doorbell_fd;
    struct elf_file *elfs;            /* one per PD, patched in memory by the tool's patch stage */
    const struct elf_symbol ***funcs; /* per PD, by address (for fault reports), lazily */
    size_t *nfuncs;
    char **paths; /* resolved program image of each PD */
    pid_t *pids;  /* 0 when not running */
    pid_t pgid;
    int cpu;
    size_t next_irq; /* index into the sorted o->irqs */
    regex_t until;
    bool have_until;
    char *line; /* current output line (for --until) */
    size_t line_len, line_cap;
    bool matched;
    bool pd_died;  /* a PD process ended on its own */
    double irq_t0; /* ms when every PD had started, or -1 */
    int slice_pd;  /* PD whose time slice is being timed, or -1 */
    uint64_t slice_switches;
    double slice_start; /* ms */
    bool stopping;
};

/* Build the shared state (setup.c). Returns 0 or -1 after reporting. */
int runner_setup(struct runner *r, struct diag *d);
/* Fill each PD's thread, caps, IRQs, maps and patches (pds.c). */
int runner_fill_pds(struct runner *r, struct diag *d);
/* Start every PD process (spawn.c). Returns 0 or -1. */
int runner_spawn(struct runner *r);
/* Kill every PD process and wait for them (spawn.c). */
void runner_kill_all(struct runner *r);
/* The PD whose process is `pid`, or -1. */
int runner_pd_of(const struct runner *r, pid_t pid);
/* Run until the end; returns the exit status (loop.c). */
int runner_loop(struct runner *r);
/* Milliseconds until the running PD's time slice ends, or -1 when no other
 * PD of its priority is ready (slice.c). */
int runner_slice_ms(struct runner *r, double now);
/* End the running PD's time slice if it is over: it goes to the back of its
 * priority's queue, as seL4 does when a budget is used up. */
void runner_slice_check(struct runner *r, double now);
/* Tell PD `old`'s process that it lost the CPU. */
void runner_preempt(struct runner *r, int old);
/* Print a fault record as the monitor would (report.c). */
void runner_print_fault(struct runner *r, const struct sim_fault *f, FILE *out);
/* Take the shared lock, draining the console while a PD holds it. */
void runner_lock(struct runner *r);
/* Copy console output to stdout; returns bytes drained. */
size_t runner_drain(struct runner *r);

#endif /* SIM_RUNNER_H */
