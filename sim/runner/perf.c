/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * `microkit run --perf[=PD,...]` (docs/profiling.md): each profiled PD
 * process stops itself before init (MICROKIT_SIM_PERF); the runner attaches
 * `perf record -p` to it, waits until perf has its events open, and lets
 * the PD go, so the profile has the whole run. At the end perf is stopped
 * and `perf report` gives each PD's flat profile (top functions, % of
 * samples). Also the CPU-time table of -v: user and system time of each
 * PD process, from /proc before the processes are killed.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "runner.h"

#define PERF_TOP 10 /* functions printed per PD */

static void nap_ms(long ms)
{
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&t, NULL);
}

bool runner_perf_wanted(const struct runner *r, int pd)
{
    const char *list = r->o->perf_pds;
    if (!r->o->perf) {
        return false;
    }
    if (!list) {
        return true;
    }
    size_t n = strlen(r->names[pd]);
    for (const char *p = list; (p = strstr(p, r->names[pd])) != NULL; p += n) {
        if ((p == list || p[-1] == ',') && (p[n] == ',' || p[n] == '\0')) {
            return true;
        }
    }
    return false;
}

int runner_perf_check(struct runner *r)
{
    if (!r->o->perf) {
        return SIM_EXIT_OK;
    }
    FILE *p = popen("perf record -q -e cpu-clock -o /dev/null true 2>&1", "r");
    char line[256] = "";
    char first[256] = "";
    while (p && fgets(line, sizeof(line), p)) {
        if (!first[0]) {
            snprintf(first, sizeof(first), "%s", line);
        }
    }
    int st = p ? pclose(p) : -1;
    if (st == 0) {
        return SIM_EXIT_OK;
    }
    first[strcspn(first, "\n")] = '\0';
    fprintf(stderr,
            "microkit run: error: --perf: perf cannot record here: %s\n"
            "hint: install perf (Debian: linux-perf) and allow profiling your own processes: "
            "as root, sysctl kernel.perf_event_paranoid=2 (or lower)\n",
            first[0] ? first : (st == -1 ? "cannot run perf" : "perf is not installed"));
    return SIM_EXIT_IO;
}

/* Whether process `pid` is stopped (state T in /proc/PID/stat). */
static bool stopped(pid_t pid)
{
    char path[64], buf[256];
    snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
    FILE *f = fopen(path, "r");
    size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;
    if (f) {
        fclose(f);
    }
    buf[n] = '\0';
    const char *paren = strrchr(buf, ')');
    return paren && paren[1] == ' ' && (paren[2] == 'T' || paren[2] == 't');
}

/* Whether process `pid` has a perf event open (perf is recording). */
static bool has_perf_event(pid_t pid)
{
    char path[64], link[128];
    snprintf(path, sizeof(path), "/proc/%d/fd", (int)pid);
    DIR *d = opendir(path);
    bool found = false;
    for (struct dirent *e; d && !found && (e = readdir(d));) {
        char fd[320];
        snprintf(fd, sizeof(fd), "%s/%s", path, e->d_name);
        ssize_t n = readlink(fd, link, sizeof(link) - 1);
        found = n > 0 && (link[n] = '\0', strstr(link, "perf_event") != NULL);
    }
    if (d) {
        closedir(d);
    }
    return found;
}

static pid_t start_perf(const struct runner *r, int pd, const char *out)
{
    char pid_s[16];
    snprintf(pid_s, sizeof(pid_s), "%d", (int)r->pids[pd]);
    pid_t pid = fork();
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        char *argv[] = {"perf", "record", "-q",  "-e", "cpu-clock", "-F",
                        "4000", "-p",     pid_s, "-o", (char *)out, NULL};
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        execvp("perf", argv);
        _exit(127);
    }
    return pid;
}

int runner_perf_start(struct runner *r)
{
    if (!r->o->perf) {
        return 0;
    }
    const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    if (asprintf(&r->perf_dir, "%s/microkit-perf-XXXXXX", tmp) < 0) {
        r->perf_dir = NULL;
        return -1;
    }
    if (!mkdtemp(r->perf_dir)) {
        fprintf(stderr, "microkit run: error: --perf: cannot make a folder in %s: %s\n", tmp,
                strerror(errno));
        return -1;
    }
    r->perf_pids = calloc(r->npd, sizeof(*r->perf_pids));
    for (uint32_t i = 0; i < r->npd && r->perf_pids; i++) {
        if (!runner_perf_wanted(r, (int)i)) {
            continue;
        }
        for (int k = 0; k < 2000 && !stopped(r->pids[i]); k++) {
            nap_ms(1);
        }
        char out[512];
        snprintf(out, sizeof(out), "%s/%s.data", r->perf_dir, r->names[i]);
        r->perf_pids[i] = start_perf(r, (int)i, out);
        for (int k = 0; k < 5000 && r->perf_pids[i] > 0 && !has_perf_event(r->perf_pids[i]); k++) {
            nap_ms(1);
        }
        kill(r->pids[i], SIGCONT);
    }
    return 0;
}

/* Print the flat profile of PD `pd` from `perf report`. */
static void report_pd(const struct runner *r, int pd, FILE *out)
{
    char cmd[1024];
    snprintf(cmd, sizeof(cmd),
             "perf report -i '%s/%s.data' --stdio -q --sort symbol --percent-limit 0.5 "
             "2>/dev/null",
             r->perf_dir, r->names[pd]);
    FILE *p = popen(cmd, "r");
    char line[512];
    int n = 0;
    fprintf(out, "perf: PD '%s': top functions (%% of samples):\n", r->names[pd]);
    while (p && fgets(line, sizeof(line), p)) {
        double pct;
        char sym[400];
        if (sscanf(line, " %lf%% [%*[^]]] %399[^\n]", &pct, sym) == 2 && n++ < PERF_TOP) {
            char *gap = strstr(sym, "  "); /* perf pads the column */
            if (gap) {
                *gap = '\0';
            }
            fprintf(out, "perf:   %6.2f%%  %s\n", pct, sym);
        }
    }
    if (p) {
        pclose(p);
    }
    if (n == 0) {
        fputs("perf:   (no samples: the PD hardly ran)\n", out);
    }
}

static void remove_dir(const char *dir)
{
    DIR *d = opendir(dir);
    for (struct dirent *e; d && (e = readdir(d));) {
        char path[1024];
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        if (e->d_name[0] != '.') {
            unlink(path);
        }
    }
    if (d) {
        closedir(d);
    }
    rmdir(dir);
}

void runner_perf_finish(struct runner *r, FILE *out)
{
    if (!r->perf_pids) {
        return;
    }
    for (uint32_t i = 0; i < r->npd; i++) {
        if (r->perf_pids[i] > 0) {
            kill(r->perf_pids[i], SIGINT);
            waitpid(r->perf_pids[i], NULL, 0);
            report_pd(r, (int)i, out);
        }
    }
    fflush(out);
    remove_dir(r->perf_dir);
    free(r->perf_pids);
    free(r->perf_dir);
    r->perf_pids = NULL;
    r->perf_dir = NULL;
}

/* User and system time of process `pid` in seconds; false when it is gone. */
static bool cpu_time(pid_t pid, double *user, double *sys)
{
    char path[64], buf[1024];
    snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
    FILE *f = pid > 0 ? fopen(path, "r") : NULL;
    size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;
    if (f) {
        fclose(f);
    }
    buf[n] = '\0';
    const char *p = strrchr(buf, ')');
    unsigned long long ut, st;
    /* After the name: state, then fields 4..13, then utime and stime (proc(5)). */
    if (!p ||
        sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &ut, &st) != 2) {
        return false;
    }
    double hz = (double)sysconf(_SC_CLK_TCK);
    *user = (double)ut / hz;
    *sys = (double)st / hz;
    return true;
}

void runner_cpu_table(const struct runner *r, FILE *out)
{
    fprintf(out, "microkit run: CPU time per PD process (seconds):\n");
    fprintf(out, "  %-20s %10s %10s\n", "PD", "user", "system");
    for (uint32_t i = 0; i < r->npd; i++) {
        double u, s;
        if (cpu_time(r->pids[i], &u, &s)) {
            fprintf(out, "  %-20s %10.3f %10.3f\n", r->names[i], u, s);
        } else {
            fprintf(out, "  %-20s %10s %10s\n", r->names[i], "-", "-");
        }
    }
}

void runner_run_end(struct runner *r)
{
    runner_perf_finish(r, stdout);
    if (r->o->verbose) {
        runner_cpu_table(r, stderr);
    }
}
