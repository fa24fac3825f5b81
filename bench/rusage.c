/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Run a command and report its own wall time and peak memory:
 *
 *     rusage OUT CMD [ARG...]
 *
 * writes "WALL_NS MAXRSS_KIB" to the file OUT and exits with CMD's status
 * (127 when it cannot be run). Why not measure from the benchmark's Python:
 * a child forked from a large process keeps that process's resident size as
 * its high-water mark across exec (Linux carries ru_maxrss over), so a
 * 4 MiB tool showed Python's 16 MiB. Forked from this small program, the
 * command's figure is its own.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: rusage OUT CMD [ARG...]\n");
        return 2;
    }
    long long t0 = now_ns();
    pid_t pid = fork();
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        _exit(127);
    }
    int status = 0;
    struct rusage ru;
    if (pid < 0 || wait4(pid, &status, 0, &ru) != pid) {
        perror("rusage");
        return 127;
    }
    long long wall = now_ns() - t0;
    FILE *f = fopen(argv[1], "w");
    if (!f || fprintf(f, "%lld %ld\n", wall, ru.ru_maxrss) < 0 || fclose(f)) {
        perror(argv[1]);
        return 127;
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
