/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Notification round-trip benchmark, the timing side: N round trips to
 * near (same core) then to far (another core, in an smp- configuration),
 * each from microkit_notify to the notified() of the answer, and one line
 * per case with the median and minimum in nanoseconds. seL4: the generic
 * timer's counter (CNTPCT_EL0, exported to EL0); the host simulator: the
 * C library's monotonic clock. Printed, never checked.
 */
#define _POSIX_C_SOURCE 200809L

#include <kernel/gen_config.h>
#include <microkit.h>
#include <stdint.h>

#ifdef CONFIG_PLAT_MICROKIT_HOST
#include <time.h>
#endif

#define NEAR 0
#define FAR  1
#define N    200

static uint64_t samples[N];
static unsigned done;
static uint64_t started;
static microkit_channel current = NEAR;

static uint64_t now_ns(void)
{
#ifdef CONFIG_PLAT_MICROKIT_HOST
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
#else
    uint64_t count, hz;
    __asm__ __volatile__("isb; mrs %0, cntpct_el0" : "=r"(count));
    __asm__ __volatile__("mrs %0, cntfrq_el0" : "=r"(hz));
    return count * 1000 / (hz / 1000000);
#endif
}

static void put_u64(uint64_t v)
{
    char buf[21];
    int i = 20;
    buf[i] = '\0';
    do {
        buf[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    microkit_dbg_puts(&buf[i]);
}

/* Insertion sort: N is small and there is no libc on seL4. */
static void sort(uint64_t *a, unsigned n)
{
    for (unsigned i = 1; i < n; i++) {
        uint64_t x = a[i];
        unsigned j = i;
        while (j > 0 && a[j - 1] > x) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = x;
    }
}

static void report(const char *what)
{
    sort(samples, N);
    microkit_dbg_puts("smp_ipc: ");
    microkit_dbg_puts(what);
    microkit_dbg_puts(": median ");
    put_u64(samples[N / 2]);
    microkit_dbg_puts(" ns, min ");
    put_u64(samples[0]);
    microkit_dbg_puts(" ns, ");
    put_u64(N);
    microkit_dbg_puts(" round trips\n");
}

static void ping(void)
{
    started = now_ns();
    microkit_notify(current);
}

void init(void)
{
    microkit_dbg_puts("smp_ipc: notification round trips from core ");
    put_u64(microkit_cpu());
    microkit_dbg_puts("\n");
    ping();
}

void notified(microkit_channel ch)
{
    samples[done++] = now_ns() - started;
    if (done < N) {
        ping();
        return;
    }
    report(current == NEAR ? "same core (near)" : "across cores (far)");
    done = 0;
    if (current == NEAR) {
        current = FAR;
        ping();
    }
}
