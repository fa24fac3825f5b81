/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * `microkit run --gdb PD` (docs/debugging.md): the PD waits before its
 * init until a debugger has attached, after printing the one command that
 * attaches GDB with the simulator's signals handled: SIGURG (the runner's
 * preemption) passes without stopping, SIGSTOP and SIGCONT silently, so one
 * `continue` runs to the user's breakpoint. The faults a PD can take
 * (SIGSEGV, ...) still stop in GDB first; `continue` then hands them to the
 * simulator. The PD does not stop itself with SIGSTOP: GDB would leave a
 * process that was stopped when it attached stopped again when it detaches.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#include "rt.h"

/* The GDB options that set the signal handling. */
#define GDB_HANDLE                                                                                 \
    "-ex 'handle SIGURG nostop noprint pass' -ex 'handle SIGSTOP nostop noprint' "                 \
    "-ex 'handle SIGCONT nostop noprint'"

/* Whether a tracer (a debugger) is attached, from /proc/self/status. */
static bool traced(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long pid = 0;
    while (f && fgets(line, sizeof(line), f)) {
        if (!strncmp(line, "TracerPid:", 10)) {
            pid = strtol(line + 10, NULL, 10);
            break;
        }
    }
    if (f) {
        fclose(f);
    }
    return pid != 0;
}

void sim_rt_gdb_stop(void)
{
    /* Any process of ours may attach, also where Yama allows only parents. */
    prctl(PR_SET_PTRACER, PR_SET_PTRACER_ANY, 0, 0, 0);
    fprintf(stderr,
            "microkit run: PD '%s' is process %d, waiting before init for GDB: attach with\n"
            "  gdb -q -p %d " GDB_HANDLE "\n"
            "then set breakpoints and 'continue'\n",
            sim_rt_shared->tcb[sim_rt_me].name, (int)getpid(), (int)getpid());
    struct timespec tick = {0, 10 * 1000 * 1000};
    while (!traced()) {
        nanosleep(&tick, NULL);
    }
}
