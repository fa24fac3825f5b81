/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Simulator IPC benchmark, client side (priority 10): times protected-call
 * round trips to the server, then notification ping-pong (notify the server,
 * which notifies back), and prints median, 90th and 99th percentile of each.
 * Host-only: uses the C library's clock and formatting.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <microkit.h>

#define N      20000
#define SERVER 1

static double samples[N];
static int pings;
static double ping_start;

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void report(const char *what)
{
    char line[128];
    qsort(samples, N, sizeof(samples[0]), cmp);
    snprintf(line, sizeof(line), "| %-28s | %9.2f | %9.2f | %9.2f | %6d |\n", what, samples[N / 2],
             samples[N * 9 / 10], samples[N * 99 / 100], N);
    microkit_dbg_puts(line);
}

void init(void)
{
    microkit_dbg_puts(
        "| operation                    | median us |    p90 us |    p99 us |      n |\n"
        "|------------------------------|-----------|-----------|-----------|--------|\n");
    for (int i = 0; i < N; i++) {
        double t0 = now_us();
        microkit_mr_set(0, (seL4_Word)i);
        microkit_ppcall(SERVER, microkit_msginfo_new(1, 1));
        samples[i] = now_us() - t0;
    }
    report("protected call round trip");
    ping_start = now_us();
    microkit_notify(SERVER);
}

void notified(microkit_channel ch)
{
    double t = now_us();
    samples[pings++] = t - ping_start;
    if (pings == N) {
        report("notification ping-pong");
        return;
    }
    ping_start = now_us();
    microkit_notify(SERVER);
}
