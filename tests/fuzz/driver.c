/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A standalone driver for the fuzz targets, for compilers without libFuzzer
 * (gcc). It takes a subset of libFuzzer's command line, so ctest runs both
 * kinds of binary the same way:
 *
 *     fuzz_x [-runs=N] [-seed=S] [-max_len=M] [-dict=FILE] PATH...
 *     fuzz_x -minimize_crash=1 FILE      (writes FILE.min)
 *
 * Every file under each PATH (directories are walked recursively) is run
 * once as it is; then N mutated inputs are run, each made from a seed file
 * by a few stacked mutations (bit flips, byte and word overwrites with
 * interesting values, inserts, deletes, truncation, splices with another
 * seed, dictionary tokens, number replacement) drawn from a pseudo-random
 * sequence fixed by S. The same arguments always run the same inputs.
 *
 * There is no coverage feedback: this is a bounded regression fuzzer, not
 * a replacement for a libFuzzer session (see docs/testing.md).
 *
 * When an input crashes (a signal, or a sanitizer report through the death
 * callback) it is written to ./crash-<program>-<n> before the process dies. Under
 * LeakSanitizer, leaks are checked after every seed and after every batch
 * of 256 mutated inputs; batches run in child processes, so a batch that
 * leaks can be replayed input by input, each in a fresh child, to find the
 * one to save.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Present when linked with ASan/LSan; NULL otherwise. */
extern int __lsan_do_recoverable_leak_check(void) __attribute__((weak));
extern void __sanitizer_set_death_callback(void (*cb)(void)) __attribute__((weak));

#define BATCH 256

const char *__ubsan_default_options(void);

/* UBSan's own runtime (gcc links it apart from ASan's) has no death
 * callback: make its reports abort, so the signal handler saves the input. */
const char *__ubsan_default_options(void)
{
    return "abort_on_error=1:print_stacktrace=1";
}

struct blob {
    uint8_t *data;
    size_t size;
};

struct blobs {
    struct blob *items;
    size_t count, cap;
};

static struct blobs corpus, dict;
static size_t max_len = 65536;

/* The input being run, saved when the process dies. */
static const uint8_t *cur_data;
static size_t cur_size;
static unsigned long long cur_index;
static const char *prog = "fuzz"; /* names crash files: crash-<prog>-<index> */

static void *xrealloc_or_die(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) {
        fprintf(stderr, "driver: out of memory\n");
        exit(2);
    }
    return p;
}

static void blobs_add(struct blobs *b, const uint8_t *data, size_t size)
{
    if (b->count == b->cap) {
        b->cap = b->cap ? 2 * b->cap : 64;
        b->items = xrealloc_or_die(b->items, b->cap * sizeof(*b->items));
    }
    b->items[b->count].data = xrealloc_or_die(NULL, size);
    memcpy(b->items[b->count].data, data, size);
    b->items[b->count].size = size;
    b->count++;
}

static void blobs_free(struct blobs *b)
{
    for (size_t i = 0; i < b->count; i++) {
        free(b->items[i].data);
    }
    free(b->items);
    memset(b, 0, sizeof(*b));
}

/* ---- saving the crashing input ---- */

static void save_current(void)
{
    char name[256];
    if (!cur_data) {
        return;
    }
    snprintf(name, sizeof(name), "crash-%s-%llu", prog, cur_index);
    FILE *f = fopen(name, "wb");
    if (f) {
        fwrite(cur_data, 1, cur_size, f);
        fclose(f);
        fprintf(stderr, "driver: input %llu (%zu bytes) saved as %s\n", cur_index, cur_size, name);
    }
    cur_data = NULL;
}

static void on_signal(int sig)
{
    save_current();
    signal(sig, SIG_DFL);
    raise(sig);
}

static void install_handlers(void)
{
    static const int sigs[] = {SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL};
    for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
        signal(sigs[i], on_signal);
    }
    if (__sanitizer_set_death_callback) {
        __sanitizer_set_death_callback(save_current);
    }
}

static void run_one(const uint8_t *data, size_t size, unsigned long long index)
{
    /* A private copy of exactly `size` bytes, so reads past it are caught. */
    uint8_t *copy = xrealloc_or_die(NULL, size);
    if (size) {
        memcpy(copy, data, size);
    }
    cur_data = copy;
    cur_size = size;
    cur_index = index;
    LLVMFuzzerTestOneInput(copy, size);
    cur_data = NULL;
    free(copy);
}

/* ---- reading seeds and the dictionary ---- */

static void read_seed_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "driver: cannot read '%s'\n", path);
        exit(2);
    }
    uint8_t *buf = xrealloc_or_die(NULL, max_len);
    size_t n = fread(buf, 1, max_len, f);
    fclose(f);
    blobs_add(&corpus, buf, n);
    free(buf);
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Directories in name order, so the corpus order does not depend on the file system. */
static void read_seed_path(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "driver: no such file or directory '%s'\n", path);
        exit(2);
    }
    if (!S_ISDIR(st.st_mode)) {
        read_seed_file(path);
        return;
    }
    DIR *dir = opendir(path);
    char **names = NULL;
    size_t n = 0;
    for (struct dirent *e; dir && (e = readdir(dir));) {
        if (e->d_name[0] != '.') {
            names = xrealloc_or_die(names, (n + 1) * sizeof(*names));
            names[n++] = strdup(e->d_name);
        }
    }
    if (dir) {
        closedir(dir);
    }
    qsort(names, n, sizeof(*names), name_cmp);
    for (size_t i = 0; i < n; i++) {
        char *sub = NULL;
        if (asprintf(&sub, "%s/%s", path, names[i]) < 0) {
            exit(2);
        }
        read_seed_path(sub);
        free(sub);
        free(names[i]);
    }
    free(names);
}

static int hex_digit(int c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

/* One dictionary line: [name=]"value" with \\, \" and \xNN escapes; others ignored. */
static void dict_line(const char *line)
{
    const char *q = strchr(line, '"');
    if (line[strspn(line, " \t")] == '#' || !q) {
        return;
    }
    uint8_t buf[256];
    size_t n = 0;
    for (const char *p = q + 1; *p && *p != '"' && n < sizeof(buf); p++) {
        if (*p == '\\' && p[1] == 'x' && hex_digit(p[2]) >= 0 && hex_digit(p[3]) >= 0) {
            buf[n++] = (uint8_t)(hex_digit(p[2]) * 16 + hex_digit(p[3]));
            p += 3;
        } else if (*p == '\\' && p[1]) {
            buf[n++] = (uint8_t) * ++p;
        } else {
            buf[n++] = (uint8_t)*p;
        }
    }
    if (n) {
        blobs_add(&dict, buf, n);
    }
}

static void read_dict(const char *path)
{
    FILE *f = fopen(path, "r");
    char line[1024];
    if (!f) {
        fprintf(stderr, "driver: cannot read dictionary '%s'\n", path);
        exit(2);
    }
    while (fgets(line, sizeof(line), f)) {
        dict_line(line);
    }
    fclose(f);
}

/* ---- the pseudo-random sequence and the mutations ---- */

static uint64_t rng;

static uint64_t next(void)
{
    /* splitmix64: good enough spread, trivially reproducible. */
    uint64_t z = (rng += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static size_t below(size_t n)
{
    return n ? (size_t)(next() % n) : 0;
}

struct buf {
    uint8_t *data;
    size_t size;
};

/* Make room for `n` bytes at `at` (n may be clipped by max_len). */
static size_t insert_gap(struct buf *b, size_t at, size_t n)
{
    if (b->size + n > max_len) {
        n = max_len - b->size;
    }
    memmove(b->data + at + n, b->data + at, b->size - at);
    b->size += n;
    return n;
}

static void mut_delete(struct buf *b)
{
    if (b->size < 2) {
        return;
    }
    size_t at = below(b->size);
    size_t n = 1 + below(below(2) ? 8 : (b->size - at));
    if (n > b->size - at) {
        n = b->size - at;
    }
    memmove(b->data + at, b->data + at + n, b->size - at - n);
    b->size -= n;
}

static void mut_insert_bytes(struct buf *b, const uint8_t *src, size_t n)
{
    size_t at = below(b->size + 1);
    n = insert_gap(b, at, n);
    memcpy(b->data + at, src, n);
}

static void mut_word(struct buf *b)
{
    static const uint64_t values[] = {0,
                                      1,
                                      2,
                                      7,
                                      8,
                                      12,
                                      16,
                                      21,
                                      30,
                                      31,
                                      32,
                                      63,
                                      64,
                                      127,
                                      128,
                                      255,
                                      256,
                                      4096,
                                      0x7fff,
                                      0x8000,
                                      0xffff,
                                      0x10000,
                                      0x7fffffff,
                                      0x80000000,
                                      0xffffffff,
                                      0x100000000ull,
                                      0x7fffffffffffffffull,
                                      0x8000000000000000ull,
                                      0xffffffffffffffffull};
    static const size_t widths[] = {1, 2, 4, 8};
    size_t w = widths[below(4)];
    if (b->size < w) {
        return;
    }
    size_t at = below(b->size - w + 1);
    if (below(2)) {
        at &= ~(w - 1); /* binary formats keep their fields aligned */
    }
    uint64_t v = below(3) ? values[below(sizeof(values) / sizeof(values[0]))] : 0;
    if (v == 0 && below(2)) {
        memcpy(&v, b->data + at, w);
        v += (uint64_t)(int64_t)((int)below(33) - 16); /* nudge the present value */
    }
    memcpy(b->data + at, &v, w); /* little-endian hosts only, like the formats */
}

/* Replace a run of decimal digits with an interesting number. */
static void mut_number(struct buf *b)
{
    static const char *const numbers[] = {"0",
                                          "1",
                                          "-1",
                                          "63",
                                          "64",
                                          "65",
                                          "254",
                                          "255",
                                          "256",
                                          "4095",
                                          "4096",
                                          "0x1000",
                                          "0x0",
                                          "0xffffffff",
                                          "4294967296",
                                          "9223372036854775807",
                                          "18446744073709551615",
                                          "18446744073709551616",
                                          "0xffffffffffffffff",
                                          "0x10000000000000000",
                                          "99999999999999999999",
                                          "0x",
                                          "08",
                                          "1e3",
                                          ""};
    if (b->size == 0) {
        return;
    }
    size_t at = below(b->size);
    while (at < b->size && (b->data[at] < '0' || b->data[at] > '9')) {
        at++;
    }
    if (at == b->size) {
        return;
    }
    size_t end = at;
    while (end < b->size && ((b->data[end] >= '0' && b->data[end] <= '9') ||
                             (b->data[end] >= 'a' && b->data[end] <= 'f') || b->data[end] == 'x')) {
        end++;
    }
    const char *s = numbers[below(sizeof(numbers) / sizeof(numbers[0]))];
    size_t n = strlen(s);
    memmove(b->data + at, b->data + end, b->size - end);
    b->size -= end - at;
    n = insert_gap(b, at, n);
    memcpy(b->data + at, s, n);
}

static void mut_splice(struct buf *b)
{
    const struct blob *o = &corpus.items[below(corpus.count)];
    if (o->size == 0) {
        return;
    }
    size_t from = below(o->size);
    size_t n = 1 + below(o->size - from);
    if (below(2)) {
        /* Our prefix, then the other input from `from` on. */
        size_t at = below(b->size + 1);
        if (at + (o->size - from) > max_len) {
            return;
        }
        memcpy(b->data + at, o->data + from, o->size - from);
        b->size = at + o->size - from;
    } else {
        mut_insert_bytes(b, o->data + from, n > 64 ? 64 : n);
    }
}

static void mutate_once(struct buf *b)
{
    static const uint8_t interesting[] = {0,   1,   0x7f, 0x80, 0xff, '<', '>',  '"', '/',
                                          '=', '0', '9',  '&',  ';',  ' ', '\n', 'x', '-'};
    uint8_t tmp[8];
    switch (below(12)) {
    case 0:
        if (b->size) {
            b->data[below(b->size)] ^= (uint8_t)(1u << below(8));
        }
        break;
    case 1:
        if (b->size) {
            b->data[below(b->size)] = (uint8_t)next();
        }
        break;
    case 2:
        if (b->size) {
            b->data[below(b->size)] = interesting[below(sizeof(interesting))];
        }
        break;
    case 3:
        mut_delete(b);
        break;
    case 4:
        for (size_t i = 0; i < sizeof(tmp); i++) {
            tmp[i] = (uint8_t)next();
        }
        mut_insert_bytes(b, tmp, 1 + below(sizeof(tmp)));
        break;
    case 5:
        if (b->size) {
            size_t from = below(b->size);
            size_t n = 1 + below(b->size - from < 64 ? b->size - from : 64);
            uint8_t chunk[64];
            memcpy(chunk, b->data + from, n);
            mut_insert_bytes(b, chunk, n);
        }
        break;
    case 6:
        b->size = below(b->size + 1);
        break;
    case 7:
    case 8:
        mut_word(b);
        break;
    case 9:
        mut_splice(b);
        break;
    case 10:
        if (dict.count) {
            const struct blob *t = &dict.items[below(dict.count)];
            mut_insert_bytes(b, t->data, t->size);
        } else {
            mut_word(b);
        }
        break;
    default:
        mut_number(b);
        break;
    }
}

/* Mutated input number `i` into b (which has room for max_len bytes). */
static void make_input(struct buf *b)
{
    const struct blob *s = &corpus.items[below(corpus.count)];
    b->size = s->size < max_len ? s->size : max_len;
    memcpy(b->data, s->data, b->size);
    unsigned n = 1 + (unsigned)below(below(4) ? 4 : 16);
    for (unsigned i = 0; i < n; i++) {
        mutate_once(b);
    }
}

/* ---- main ---- */

static int leaked(void)
{
    return __lsan_do_recoverable_leak_check && __lsan_do_recoverable_leak_check();
}

/* Exit status of a child whose inputs leaked. */
#define LEAK_STATUS 42

/* Runs fn(arg) in a child process; returns its exit status (128 + signal when killed). */
static int in_child(void (*fn)(void *), void *arg)
{
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) {
        perror("driver: fork");
        exit(2);
    }
    if (pid == 0) {
        fn(arg);
        _exit(0); /* the parent removes temporary files and reports */
    }
    int st;
    if (waitpid(pid, &st, 0) != pid) {
        perror("driver: waitpid");
        exit(2);
    }
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

struct batch {
    uint64_t rng;              /* the sequence's state before the batch */
    unsigned long long first;  /* index of its first input */
    unsigned long long count;  /* inputs in the batch */
    unsigned long long target; /* replay: the one input to run */
    struct buf *b;
};

static void run_batch(void *arg)
{
    struct batch *bt = arg;
    rng = bt->rng;
    for (unsigned long long i = 0; i < bt->count; i++) {
        make_input(bt->b);
        run_one(bt->b->data, bt->b->size, bt->first + i);
    }
    if (leaked()) {
        _exit(LEAK_STATUS);
    }
}

/* Runs input `target` of a batch alone; saves it when it leaks. */
static void run_single(void *arg)
{
    struct batch *bt = arg;
    rng = bt->rng;
    for (unsigned long long i = 0; i <= bt->target; i++) {
        make_input(bt->b);
    }
    run_one(bt->b->data, bt->b->size, bt->first + bt->target);
    if (leaked()) {
        cur_data = bt->b->data;
        cur_size = bt->b->size;
        cur_index = bt->first + bt->target;
        save_current();
        _exit(LEAK_STATUS);
    }
}

/*
 * Each batch runs in a child, so that the parent stays free of leaks: a
 * batch that leaks is then replayed one input per child to find the input.
 */
static int run_mutations(unsigned long long runs, unsigned long long first)
{
    struct buf b = {xrealloc_or_die(NULL, max_len), 0};
    int rc = 0;
    for (unsigned long long done = 0; done < runs && rc == 0; done += BATCH) {
        struct batch bt = {rng, first + done, runs - done < BATCH ? runs - done : BATCH, 0, &b};
        int st = in_child(run_batch, &bt);
        for (unsigned long long i = 0; i < bt.count; i++) {
            make_input(&b); /* the parent follows the sequence */
        }
        if (st == LEAK_STATUS) {
            for (bt.target = 0; bt.target < bt.count; bt.target++) {
                if (in_child(run_single, &bt) != 0) {
                    break;
                }
            }
            fprintf(stderr, "driver: memory leaked (see above)\n");
            rc = 1;
        } else if (st != 0) {
            fprintf(stderr, "driver: an input failed (status %d; see above)\n", st);
            rc = 1;
        }
    }
    free(b.data);
    return rc;
}

static int run_seeds(void)
{
    for (size_t i = 0; i < corpus.count; i++) {
        run_one(corpus.items[i].data, corpus.items[i].size, i);
        /* Seeds run in this process: it is clean so far, so a leak is this seed's. */
        if (leaked()) {
            cur_data = corpus.items[i].data;
            cur_size = corpus.items[i].size;
            cur_index = i;
            save_current();
            fprintf(stderr, "driver: seed %zu leaked memory\n", i);
            return 1;
        }
    }
    return 0;
}

/* ---- minimising a failing input ---- */

struct attempt {
    const uint8_t *data;
    size_t size;
};

static void run_attempt(void *arg)
{
    const struct attempt *a = arg;
    /* Quiet, and no crash file: only the exit status matters here. */
    if (!freopen("/dev/null", "w", stderr)) {
        _exit(2);
    }
    run_one(a->data, a->size, 0);
    cur_data = NULL;
    if (leaked()) {
        _exit(LEAK_STATUS);
    }
}

static int fails(const uint8_t *data, size_t size)
{
    struct attempt a = {data, size};
    return in_child(run_attempt, &a) != 0;
}

/*
 * -minimize_crash=1 FILE: removes ever smaller chunks while the input still
 * fails (crash, sanitizer report or leak), then writes FILE.min.
 */
static int minimize(const char *path)
{
    size_t size = 0;
    uint8_t *data = NULL;
    FILE *f = fopen(path, "rb");
    for (int c; f && (c = fgetc(f)) != EOF;) {
        data = xrealloc_or_die(data, size + 1);
        data[size++] = (uint8_t)c;
    }
    if (!f || (fclose(f), !fails(data, size))) {
        fprintf(stderr, "driver: '%s' cannot be read or does not fail\n", path);
        free(data);
        return 2;
    }
    uint8_t *tmp = xrealloc_or_die(NULL, size);
    for (size_t chunk = size / 2 ? size / 2 : 1; chunk >= 1; chunk /= 2) {
        for (size_t at = 0; at + chunk <= size;) {
            memcpy(tmp, data, at);
            memcpy(tmp + at, data + at + chunk, size - at - chunk);
            if (fails(tmp, size - chunk)) {
                memcpy(data, tmp, size - chunk);
                size -= chunk;
            } else {
                at += chunk;
            }
        }
    }
    char out[1024];
    snprintf(out, sizeof(out), "%s.min", path);
    f = fopen(out, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0) {
        fprintf(stderr, "driver: cannot write '%s'\n", out);
        return 2;
    }
    fprintf(stderr, "driver: minimised to %zu bytes: %s\n", size, out);
    free(tmp);
    free(data);
    return 0;
}

int main(int argc, char **argv)
{
    unsigned long long runs = 0, seed = 1;
    const char *slash = strrchr(argv[0], '/');
    prog = slash ? slash + 1 : argv[0];
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strncmp(a, "-runs=", 6)) {
            runs = strtoull(a + 6, NULL, 0);
        } else if (!strncmp(a, "-seed=", 6)) {
            seed = strtoull(a + 6, NULL, 0);
        } else if (!strncmp(a, "-max_len=", 9)) {
            max_len = strtoull(a + 9, NULL, 0);
        } else if (!strncmp(a, "-dict=", 6)) {
            read_dict(a + 6);
        } else if (!strcmp(a, "-minimize_crash=1") && i + 1 < argc) {
            install_handlers();
            return minimize(argv[i + 1]);
        } else if (a[0] == '-') {
            fprintf(stderr, "driver: ignoring libFuzzer option '%s'\n", a);
        } else {
            read_seed_path(a);
        }
    }
    if (max_len == 0) {
        max_len = 1;
    }
    install_handlers();
    if (corpus.count == 0) {
        blobs_add(&corpus, (const uint8_t *)"", 0);
    }
    if (run_seeds() != 0) {
        return 1;
    }
    rng = seed;
    if (run_mutations(runs, corpus.count) != 0) {
        return 1;
    }
    fprintf(stderr, "driver: %zu seed inputs and %llu mutated inputs (seed %llu) ran cleanly\n",
            corpus.count, runs, seed);
    blobs_free(&corpus);
    blobs_free(&dict);
    return 0;
}
