/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The QEMU process of `microkit run IMAGE`: started with our standard input
 * (with --input, a pipe we write the input into, once a line has matched
 * --input-after) and error, its standard output through a pipe that is
 * copied to ours as it comes and matched against --until line by line. The run ends when a line
 * matches, at --timeout, when QEMU exits, or on SIGINT, SIGTERM or SIGHUP;
 * QEMU is then stopped (SIGTERM, then SIGKILL) and the terminal's settings
 * restored. QEMU dies with us (PR_SET_PDEATHSIG).
 */
#define _GNU_SOURCE /* pipe2, sigabbrev_np */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <regex.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "run_qemu_internal.h"
#include "util.h"

#define LINE_MAX_KEPT 65536

struct loop {
    struct qemu_run *q;
    pid_t pid;
    int out; /* QEMU's standard output */
    int sig; /* signalfd: SIGINT, SIGTERM, SIGHUP */
    regex_t re;
    bool have_re;
    int in;          /* --input: QEMU's standard input, until all is written; else -1 */
    size_t in_done;  /* bytes of the input written */
    regex_t after;   /* --input-after */
    bool after_seen; /* a line matched --input-after (or there is none) */
    char line[LINE_MAX_KEPT + 1];
    size_t len;
    double deadline; /* 0: none */
    bool tty;
    struct termios saved;
};

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void write_all(const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(STDOUT_FILENO, p, n);
        if (w < 0 && errno == EINTR) {
            continue;
        }
        if (w <= 0) {
            return;
        }
        p += w;
        n -= (size_t)w;
    }
}

/* In the child: QEMU, or the errno of a failed exec on `err`. */
static void exec_qemu(struct loop *l, int in, int out, int err, const sigset_t *old)
{
    if (in >= 0) {
        dup2(in, STDIN_FILENO);
    }
    dup2(out, STDOUT_FILENO);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    sigprocmask(SIG_SETMASK, old, NULL);
    execv(l->q->qemu, l->q->argv.items);
    int e = errno;
    ssize_t ignored = write(err, &e, sizeof(e));
    (void)ignored;
    _exit(127);
}

static int spawn(struct loop *l, const sigset_t *old, struct diag *d)
{
    int out[2], err[2], in[2] = {-1, -1};
    if (pipe2(out, O_CLOEXEC) || pipe2(err, O_CLOEXEC) ||
        (l->q->o->input && pipe2(in, O_CLOEXEC))) {
        diag_error(d, NULL, "io", NULL, "cannot make a pipe: %s", strerror(errno));
        return -1;
    }
    fflush(NULL);
    l->pid = fork();
    if (l->pid == 0) {
        exec_qemu(l, in[0], out[1], err[1], old);
    }
    close(out[1]);
    close(err[1]);
    if (in[0] >= 0) {
        close(in[0]);
        fcntl(in[1], F_SETFL, O_NONBLOCK);
        l->in = in[1];
    }
    int e = 0;
    ssize_t n = l->pid < 0 ? 0 : read(err[0], &e, sizeof(e));
    close(err[0]);
    l->out = out[0];
    if (l->pid < 0 || n == (ssize_t)sizeof(e)) {
        if (l->pid > 0) {
            waitpid(l->pid, NULL, 0);
        }
        l->pid = -1;
        diag_error(d, NULL, "run-qemu-missing", "check that the file is an executable QEMU",
                   "cannot run QEMU '%s': %s", l->q->qemu, strerror(l->pid < 0 ? errno : e));
        return -1;
    }
    return 0;
}

/* One finished line of output: does it match --until? (And --input-after?) */
static bool line_matches(struct loop *l)
{
    while (l->len > 0 && l->line[l->len - 1] == '\r') {
        l->len--;
    }
    l->line[l->len] = 0;
    l->len = 0;
    if (!l->after_seen && regexec(&l->after, l->line, 0, NULL, 0) == 0) {
        l->after_seen = true;
    }
    return l->have_re && regexec(&l->re, l->line, 0, NULL, 0) == 0;
}

/* Pass `n` bytes through; true when a line matched (nothing after it is copied). */
static bool feed(struct loop *l, const char *buf, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (buf[i] != '\n') {
            if (l->len < LINE_MAX_KEPT) {
                l->line[l->len++] = buf[i];
            }
        } else if (line_matches(l)) {
            write_all(buf, i + 1);
            return true;
        }
    }
    write_all(buf, n);
    return false;
}

static void describe(int status, char *buf, size_t n)
{
    if (WIFEXITED(status)) {
        snprintf(buf, n, "exit status %d", WEXITSTATUS(status));
    } else {
        snprintf(buf, n, "signal %s", sigabbrev_np(WTERMSIG(status)));
    }
}

/* QEMU closed its output: it has exited (or is about to). */
static int exited(struct loop *l, struct diag *d)
{
    int status = 0;
    while (waitpid(l->pid, &status, 0) < 0 && errno == EINTR) {
    }
    l->pid = -1;
    char how[64];
    describe(status, how, sizeof(how));
    if (!l->have_re && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        return EXIT_OK;
    }
    if (l->have_re) {
        diag_error(d, NULL, "run-qemu-exit", "the output above shows how far the system got",
                   "QEMU exited (%s) before the output matched '%s'", how, l->q->o->until);
    } else {
        diag_error(d, NULL, "run-qemu-exit", NULL, "QEMU failed (%s)", how);
    }
    return SIM_EXIT_PD_DIED;
}

static void close_input(struct loop *l)
{
    if (l->in >= 0) {
        close(l->in);
        l->in = -1;
    }
}

/* As much of --input as the pipe takes; closed when all is written or QEMU stopped reading. */
static void write_input(struct loop *l)
{
    const struct qemu_run_options *o = l->q->o;
    ssize_t w = write(l->in, o->input + l->in_done, o->input_size - l->in_done);
    if (w > 0) {
        l->in_done += (size_t)w;
    }
    if ((w < 0 && errno != EAGAIN && errno != EINTR) || l->in_done == o->input_size) {
        close_input(l);
    }
}

/* Wait for output, room for input, the deadline or a signal; returns the run's status. */
static int pump(struct loop *l, struct diag *d)
{
    char buf[4096];
    for (;;) {
        int ms = -1;
        if (l->deadline > 0) {
            double left = l->deadline - now_s();
            ms = left <= 0 ? 0 : (int)(left * 1000) + 1;
        }
        struct pollfd p[3] = {{.fd = l->out, .events = POLLIN},
                              {.fd = l->sig, .events = POLLIN},
                              {.fd = l->after_seen ? l->in : -1, .events = POLLOUT}};
        int r = poll(p, 3, ms);
        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r == 0) {
            return l->have_re ? SIM_EXIT_TIMEOUT : EXIT_OK;
        }
        if (p[1].revents) {
            return SIM_EXIT_INTERRUPT;
        }
        if (p[2].revents) {
            write_input(l);
            if (!(p[0].revents)) {
                continue;
            }
        }
        ssize_t n = read(l->out, buf, sizeof(buf));
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return exited(l, d);
        }
        if (feed(l, buf, (size_t)n)) {
            return EXIT_OK;
        }
    }
}

/* SIGTERM, up to 5 s to go, then SIGKILL. */
static void stop(struct loop *l)
{
    if (l->pid <= 0) {
        return;
    }
    kill(l->pid, SIGTERM);
    for (int i = 0; i < 500; i++) {
        if (waitpid(l->pid, NULL, WNOHANG) == l->pid) {
            return;
        }
        nanosleep(&(struct timespec){0, 10000000}, NULL);
    }
    kill(l->pid, SIGKILL);
    waitpid(l->pid, NULL, 0);
}

static const char *why_text(const struct loop *l, int rc)
{
    switch (rc) {
    case EXIT_OK:
        return l->have_re ? "--until matched" : "the run is over";
    case SIM_EXIT_TIMEOUT:
        return "--timeout passed before --until matched";
    case SIM_EXIT_INTERRUPT:
        return "interrupted";
    default:
        return "QEMU stopped";
    }
}

static void print_command(const struct qemu_run *q)
{
    fprintf(stderr, "microkit run: board '%s':", q->board.name);
    for (size_t i = 0; q->argv.items[i]; i++) {
        fprintf(stderr, " %s", q->argv.items[i]);
    }
    fputc('\n', stderr);
}

static int run(struct loop *l, const sigset_t *old, struct diag *d)
{
    if (l->q->o->verbose) {
        print_command(l->q);
    }
    l->tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &l->saved) == 0;
    if (spawn(l, old, d)) {
        return EXIT_IO;
    }
    double t = l->q->o->timeout;
    l->deadline = t > 0 ? now_s() + t : 0;
    /* A write to the input pipe of a QEMU that is gone fails with EPIPE instead of killing us. */
    void (*pipe_was)(int) = signal(SIGPIPE, SIG_IGN);
    int rc = pump(l, d);
    signal(SIGPIPE, pipe_was);
    close_input(l);
    stop(l);
    if (l->tty) {
        tcsetattr(STDIN_FILENO, TCSANOW, &l->saved);
    }
    if (l->q->o->verbose) {
        fprintf(stderr, "microkit run: %s (exit status %d)\n", why_text(l, rc), rc);
    }
    return rc;
}

int qemu_loop(struct qemu_run *q, struct diag *d)
{
    static struct loop l;
    memset(&l, 0, sizeof(l));
    l.q = q;
    l.out = l.sig = l.in = -1;
    if (q->o->until) {
        if (regcomp(&l.re, q->o->until, REG_EXTENDED | REG_NOSUB)) {
            diag_error(d, NULL, "sim-until", NULL, "--until: invalid regular expression '%s'",
                       q->o->until);
            return EXIT_USAGE;
        }
        l.have_re = true;
    }
    /* Without --input-after the input goes at once: an empty pattern matches every line. */
    if (regcomp(&l.after, q->o->input_after ? q->o->input_after : "", REG_EXTENDED | REG_NOSUB)) {
        diag_error(d, NULL, "sim-until", NULL, "--input-after: invalid regular expression '%s'",
                   q->o->input_after);
        if (l.have_re) {
            regfree(&l.re);
        }
        return EXIT_USAGE;
    }
    l.after_seen = !q->o->input_after;
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    sigprocmask(SIG_BLOCK, &set, &old);
    l.sig = signalfd(-1, &set, SFD_CLOEXEC);
    int rc = run(&l, &old, d);
    close(l.out);
    close(l.sig);
    struct timespec zero = {0, 0};
    while (sigtimedwait(&set, NULL, &zero) > 0) {
        rc = SIM_EXIT_INTERRUPT; /* taken here, so that unblocking does not kill us */
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (l.have_re) {
        regfree(&l.re);
    }
    regfree(&l.after);
    return rc;
}
