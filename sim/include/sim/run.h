/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The host simulator's runner: `microkit run SYSTEM --board host`. It takes
 * a parsed and checked system, builds the shared kernel state, starts one
 * process per PD and prints their debug output until the run ends.
 */
#ifndef SIM_RUN_H
#define SIM_RUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "model.h"

/* Exit statuses of a run beyond enum exit_code (diag.h). */
enum sim_exit {
    SIM_EXIT_TIMEOUT = 5,    /* --timeout passed before --until matched */
    SIM_EXIT_IDLE = 6,       /* every PD blocked for good before --until matched */
    SIM_EXIT_PD_DIED = 7,    /* a PD process could not start or died (not a PD fault) */
    SIM_EXIT_INTERRUPT = 130 /* Ctrl-C or SIGTERM */
};

struct sim_irq_event {
    uint64_t at_ms;
    char *pd;
    uint64_t irq;
};

struct sim_options {
    const char *system;
    const char *const *search_paths;
    size_t nsearch;
    double timeout;    /* seconds; 0: none */
    const char *until; /* POSIX extended regex, or NULL */
    struct sim_irq_event *irqs;
    size_t nirqs;
    const char *gdb_pd;      /* PD to stop for a debugger, or NULL */
    const char *valgrind_pd; /* PD to run under valgrind, or NULL */
    const char *control;     /* "-" or a path: commands ("irq PD IRQ"), or NULL */
    int cpu;                 /* CPU all PDs run on; -1: the last one allowed */
    bool verbose;
};

/*
 * Run `sys` (parsed and checked). Reports setup problems through `d`.
 * Returns an exit status: EXIT_OK when --until matched (or, without --until,
 * when the system went idle), EXIT_INVALID/EXIT_IO for bad input, or an
 * enum sim_exit value.
 */
int sim_run(const struct sim_options *o, struct system *sys, struct diag *d);

#endif /* SIM_RUN_H */
