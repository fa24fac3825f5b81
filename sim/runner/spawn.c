/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Starting and stopping PD processes. Every PD process is in one process
 * group of its own (so Ctrl-C reaches only the runner, which then stops them
 * all), whose leader is a watchdog process: when the runner goes, however it
 * goes (even SIGKILL), the watchdog sees its pipe close and kills the whole
 * group, so the PDs and every process they started (unless it left the
 * group with setsid or setpgid) go too. Each PD also dies with the runner
 * (PR_SET_PDEATHSIG, set again by the PD's runtime), runs without address randomisation (so
 * addresses, and output that prints them, are the same each run) and on one CPU (the simulated
 * machine has one; futex hand-offs on one CPU are also the fastest).
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "runner.h"

static _Noreturn void exec_pd(struct runner *r, int i)
{
    const char *name = r->names[i];
    const char *path = r->sys->programs[i].path;
    char fd_s[16], pd_s[16];
    snprintf(fd_s, sizeof(fd_s), "%d", r->shm_fd);
    snprintf(pd_s, sizeof(pd_s), "%d", i);
    setenv(SIM_ENV_FD, fd_s, 1);
    setenv(SIM_ENV_PD, pd_s, 1);
    if (r->o->spin_us > 0) {
        char spin_s[16];
        snprintf(spin_s, sizeof(spin_s), "%d", r->o->spin_us);
        setenv(SIM_ENV_SPIN, spin_s, 1);
    }
    if (r->o->gdb_pd && !strcmp(r->o->gdb_pd, name)) {
        setenv(SIM_ENV_GDB, "1", 1);
    }
    if (runner_perf_wanted(r, i)) {
        setenv(SIM_ENV_PERF, "1", 1);
    }
    if (r->o->valgrind_pd && !strcmp(r->o->valgrind_pd, name)) {
        char *argv[] = {"valgrind", "-q", "--error-exitcode=99", (char *)path, NULL};
        execvp("valgrind", argv);
        fprintf(stderr, "microkit run: error: cannot run valgrind: %s\n", strerror(errno));
        _exit(127);
    }
    char *argv[] = {(char *)path, NULL};
    execv(path, argv);
    fprintf(stderr, "microkit run: error: cannot run '%s': %s\n", path, strerror(errno));
    _exit(127);
}

static void child_setup(struct runner *r)
{
    setpgid(0, r->pgid);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    personality(ADDR_NO_RANDOMIZE);
    if (r->cpu >= 0) {
        cpu_set_t set;
        CPU_ZERO(&set);
        CPU_SET(r->cpu, &set);
        sched_setaffinity(0, sizeof(set), &set);
    }
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
}

static int pick_cpu(const struct runner *r)
{
    if (r->o->cpu >= 0) {
        return r->o->cpu;
    }
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof(set), &set) != 0) {
        return -1;
    }
    int last = -1;
    for (int c = 0; c < CPU_SETSIZE; c++) {
        if (CPU_ISSET(c, &set)) {
            last = c;
        }
    }
    return last;
}

/* The watchdog: waits for EOF on the pipe only the runner holds, then kills its group. */
static _Noreturn void watchdog(int fd)
{
    setpgid(0, 0);
    if (dup2(fd, 3) == 3) {
        close_range(4, ~0u, 0); /* keep no shared memory alive */
    }
    signal(SIGINT, SIG_IGN);
    signal(SIGTERM, SIG_IGN);
    signal(SIGHUP, SIG_IGN);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    char c;
    while (read(3, &c, 1) < 0 && errno == EINTR) {
    }
    kill(0, SIGKILL);
    _exit(0);
}

static int start_watchdog(struct runner *r)
{
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        fprintf(stderr, "microkit run: error: pipe: %s\n", strerror(errno));
        return -1;
    }
    pid_t pid = fork();
    if (pid < 0) {
        fprintf(stderr, "microkit run: error: fork: %s\n", strerror(errno));
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    if (pid == 0) {
        watchdog(fds[0]);
    }
    close(fds[0]);
    setpgid(pid, pid);
    r->watchdog = pid;
    r->watchdog_fd = fds[1];
    r->pgid = pid;
    return 0;
}

/* --spin: PD i on the i-th CPU allowed (cyclically), so that a PD spinning for the CPU does
 * not hold the one the PD it waits for would be woken on. */
static void spread(int i)
{
    cpu_set_t set, one;
    if (sched_getaffinity(0, sizeof(set), &set) != 0 || CPU_COUNT(&set) < 2) {
        return;
    }
    int k = i % CPU_COUNT(&set);
    for (int c = 0; c < CPU_SETSIZE; c++) {
        if (CPU_ISSET(c, &set) && k-- == 0) {
            CPU_ZERO(&one);
            CPU_SET(c, &one);
            sched_setaffinity(0, sizeof(one), &one);
            return;
        }
    }
}

int runner_spawn(struct runner *r)
{
    /* --spin: a PD spinning for the CPU must not share one with the PD it waits for. */
    bool spread_pds = (r->o->spin_us > 0 || r->o->cpus > 1) && r->o->cpu < 0;
    r->cpu = spread_pds ? -1 : pick_cpu(r);
    fflush(NULL);
    if (start_watchdog(r) != 0) {
        return -1;
    }
    for (uint32_t i = 0; i < r->npd; i++) {
        pid_t pid = fork();
        if (pid < 0) {
            fprintf(stderr, "microkit run: error: fork: %s\n", strerror(errno));
            return -1;
        }
        if (pid == 0) {
            child_setup(r);
            if (r->cpu < 0 && r->o->cpus > 1) {
                spread(r->s->tcb[i].cpu); /* --cpus: virtual CPU c on host CPU c % nproc */
            } else if (r->cpu < 0 && r->o->spin_us > 0) {
                spread((int)i);
            }
            exec_pd(r, (int)i);
        }
        setpgid(pid, r->pgid);
        r->pids[i] = pid;
        const char *name = r->names[i];
        if (r->o->verbose || (r->o->gdb_pd && !strcmp(r->o->gdb_pd, name))) {
            fprintf(stderr, "microkit run: PD '%s' is process %d\n", name, (int)pid);
        }
    }
    return 0;
}

int runner_pd_of(const struct runner *r, pid_t pid)
{
    for (uint32_t i = 0; i < r->npd; i++) {
        if (r->pids[i] == pid) {
            return (int)i;
        }
    }
    return -1;
}

void runner_kill_all(struct runner *r)
{
    r->stopping = true;
    if (r->pgid > 0) {
        kill(-r->pgid, SIGKILL);
    }
    for (uint32_t i = 0; i < r->npd; i++) {
        if (r->pids[i] > 0) {
            kill(r->pids[i], SIGKILL);
            waitpid(r->pids[i], NULL, 0);
            r->pids[i] = 0;
        }
    }
    if (r->watchdog > 0) {
        kill(r->watchdog, SIGKILL);
        waitpid(r->watchdog, NULL, 0);
        r->watchdog = 0;
    }
    if (r->watchdog_fd >= 0) {
        close(r->watchdog_fd);
        r->watchdog_fd = -1;
    }
}
