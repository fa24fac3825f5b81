/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Two processes, one queue: a producer process sends COUNT numbered
 * elements through a small queue in shared memory to a consumer process,
 * which checks every one arrives once, in order and whole. With "notify",
 * a side that finds the queue empty or full sleeps on a pipe that stands
 * for a seL4 notification, using the queue's wait/notify handshake, so a
 * lost wake-up would leave both asleep; the hang guard then fails the test.
 *
 *   stress_queue ELEM_SIZE COUNT notify|spin
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "microkit_queue.h"

#define CAPACITY   16u
#define HANG_GUARD 300 /* seconds; only a lost wake-up gets near it */

struct side {
    struct microkit_queue q;
    size_t elem_size;
    unsigned long count;
    int notify;
    int wake_consumer[2]; /* pipe: the consumer's "notification" */
    int wake_producer[2]; /* pipe: the producer's "notification" */
    unsigned long notifications;
};

static void die(const char *what)
{
    fprintf(stderr, "stress_queue: %s: %s\n", what, strerror(errno));
    exit(2);
}

static void signal_fd(struct side *s, int fd)
{
    char c = 1;
    s->notifications++;
    if (write(fd, &c, 1) != 1) {
        die("write");
    }
}

static void wait_fd(int fd)
{
    char c;
    if (read(fd, &c, 1) != 1) {
        die("read");
    }
}

/* Element n: bytes derived from n, so torn or stale copies show. */
static void make_elem(unsigned char *e, size_t size, unsigned long n)
{
    for (size_t i = 0; i < size; i++) {
        e[i] = (unsigned char)(n * 131u + i * 7u + (n >> 8));
    }
}

static void produce(struct side *s)
{
    unsigned char e[256];
    for (unsigned long n = 0; n < s->count; n++) {
        make_elem(e, s->elem_size, n);
        enum microkit_queue_status st;
        while ((st = microkit_queue_enqueue(&s->q, e)) == MICROKIT_QUEUE_FULL) {
            if (!s->notify) {
                sched_yield();
            } else if (microkit_queue_producer_wait_request(&s->q)) {
                wait_fd(s->wake_producer[0]);
            }
        }
        if (st != MICROKIT_QUEUE_OK) {
            fprintf(stderr, "stress_queue: producer: status %d at %lu\n", st, n);
            exit(1);
        }
        if (s->notify && microkit_queue_producer_should_notify(&s->q)) {
            signal_fd(s, s->wake_consumer[1]);
        }
    }
    printf("producer: %lu elements sent, %lu notifications\n", s->count, s->notifications);
}

static int check_elem(const struct side *s, const unsigned char *got, unsigned long n)
{
    unsigned char want[256];
    make_elem(want, s->elem_size, n);
    if (memcmp(got, want, s->elem_size) != 0) {
        fprintf(stderr, "stress_queue: consumer: element %lu arrived wrong\n", n);
        return 1;
    }
    return 0;
}

static int consume(struct side *s)
{
    unsigned char e[256];
    unsigned long n = 0;
    while (n < s->count) {
        enum microkit_queue_status st = microkit_queue_dequeue(&s->q, e);
        if (st == MICROKIT_QUEUE_EMPTY) {
            if (!s->notify) {
                sched_yield();
            } else if (microkit_queue_consumer_wait_request(&s->q)) {
                wait_fd(s->wake_consumer[0]);
            }
            continue;
        }
        if (st != MICROKIT_QUEUE_OK || check_elem(s, e, n)) {
            return 1;
        }
        n++;
        if (s->notify && microkit_queue_consumer_should_notify(&s->q)) {
            signal_fd(s, s->wake_producer[1]);
        }
    }
    printf("consumer: %lu elements received in order, %lu notifications\n", n, s->notifications);
    return 0;
}

static void on_alarm(int sig)
{
    (void)sig;
    static const char msg[] = "stress_queue: no progress for the hang guard: lost wake-up?\n";
    (void)!write(2, msg, sizeof(msg) - 1);
    _exit(1);
}

static void setup(struct side *s, int argc, char **argv)
{
    if (argc != 4 || (strcmp(argv[3], "notify") != 0 && strcmp(argv[3], "spin") != 0)) {
        fprintf(stderr, "usage: stress_queue ELEM_SIZE COUNT notify|spin\n");
        exit(2);
    }
    s->elem_size = strtoul(argv[1], NULL, 0);
    s->count = strtoul(argv[2], NULL, 0);
    s->notify = strcmp(argv[3], "notify") == 0;
    if (s->elem_size == 0 || s->elem_size > 256) {
        fprintf(stderr, "stress_queue: ELEM_SIZE must be 1 to 256\n");
        exit(2);
    }
    size_t size = microkit_queue_region_size(CAPACITY, s->elem_size);
    void *region = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (region == MAP_FAILED || pipe(s->wake_consumer) != 0 || pipe(s->wake_producer) != 0) {
        die("setup");
    }
    if (!microkit_queue_init(&s->q, region, size, s->elem_size) || s->q.capacity != CAPACITY) {
        fprintf(stderr, "stress_queue: unexpected capacity\n");
        exit(2);
    }
}

int main(int argc, char **argv)
{
    struct side s = {0};
    setup(&s, argc, argv);
    signal(SIGALRM, on_alarm);
    alarm(HANG_GUARD);
    pid_t child = fork();
    if (child < 0) {
        die("fork");
    }
    if (child == 0) {
        alarm(HANG_GUARD);
        produce(&s);
        fflush(stdout);
        _exit(0);
    }
    int bad = consume(&s);
    int status;
    if (waitpid(child, &status, 0) != child || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "stress_queue: producer failed\n");
        bad = 1;
    }
    return bad;
}
