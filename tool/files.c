/* SPDX-License-Identifier: BSD-2-Clause */
/* Reading inputs and writing outputs (files.h). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "files.h"
#include "model.h"
#include "util.h"

#define MIB (1ull << 20)
#define GIB (1ull << 30)

static const struct {
    uint64_t max;
    const char *name;
} kinds[] = {
    [INPUT_SDF] = {64 * MIB, "a system description"},
    [INPUT_BOARD] = {1 * MIB, "a board file"},
    [INPUT_CONFIG] = {1 * MIB, "a kernel configuration"},
    [INPUT_ELF] = {1 * GIB, "an ELF file"},
    [INPUT_IMAGE] = {4 * GIB, "an image"},
    /* Bounded by the caller (the region's size); this only keeps sizes sane. */
    [INPUT_DATA] = {SIZE_MAX / 2, "a data file"},
};

uint64_t input_limit(enum input_kind kind)
{
    return kinds[kind].max;
}

static void set_error(struct file_error *e, int err, const char *text)
{
    e->err = err;
    snprintf(e->text, sizeof(e->text), "%s", text);
}

static void set_errno(struct file_error *e)
{
    set_error(e, errno, strerror(errno));
}

/* Why a file of this type is not what the tool reads or writes. */
static const char *type_name(mode_t mode)
{
    return S_ISDIR(mode)    ? "a directory"
           : S_ISFIFO(mode) ? "a FIFO"
           : S_ISCHR(mode)  ? "a character device"
           : S_ISBLK(mode)  ? "a block device"
           : S_ISSOCK(mode) ? "a socket"
                            : "not a regular file";
}

static int set_type_error(struct file_error *e, mode_t mode)
{
    e->err = S_ISDIR(mode) ? EISDIR : EINVAL;
    snprintf(e->text, sizeof(e->text), "is %s%s", type_name(mode),
             S_ISDIR(mode) ? "" : ", not a regular file");
    return -1;
}

static int set_size_error(struct file_error *e, uint64_t size, enum input_kind kind)
{
    uint64_t max = kinds[kind].max;
    e->err = EFBIG;
    snprintf(e->text, sizeof(e->text), "is %llu bytes; %s may have at most %llu %s",
             (unsigned long long)size, kinds[kind].name,
             (unsigned long long)(max >= GIB ? max / GIB : max / MIB), max >= GIB ? "GiB" : "MiB");
    return -1;
}

/* ---- Inputs ---- */

/* The files this process read, by device and inode: no output may replace one. */
struct file_id {
    dev_t dev;
    ino_t ino;
};
static VEC(struct file_id) inputs;

static bool is_input(dev_t dev, ino_t ino)
{
    for (size_t i = 0; i < inputs.count; i++) {
        if (inputs.items[i].dev == dev && inputs.items[i].ino == ino) {
            return true;
        }
    }
    return false;
}

static void remember_input(const struct stat *st)
{
    if (!is_input(st->st_dev, st->st_ino)) {
        struct file_id *id = VEC_PUSH(inputs);
        id->dev = st->st_dev;
        id->ino = st->st_ino;
    }
}

/*
 * Open without blocking (a FIFO swapped in after the stat() must not hang
 * us), check what was opened, then make the descriptor blocking again.
 */
static int open_regular(const char *path, struct stat *st, struct file_error *e)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) {
        set_errno(e);
        return -1;
    }
    int flags = fcntl(fd, F_GETFL);
    if (fstat(fd, st) || flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK)) {
        set_errno(e);
    } else if (!S_ISREG(st->st_mode)) {
        set_type_error(e, st->st_mode);
    } else {
        return fd;
    }
    close(fd);
    return -1;
}

int input_open(const char *path, enum input_kind kind, uint64_t *size, struct file_error *e)
{
    struct stat st;
    if (stat(path, &st)) {
        set_errno(e);
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        return set_type_error(e, st.st_mode);
    }
    int fd = open_regular(path, &st, e);
    if (fd >= 0 && (uint64_t)st.st_size > kinds[kind].max) {
        close(fd);
        return set_size_error(e, (uint64_t)st.st_size, kind);
    }
    if (fd >= 0) {
        remember_input(&st);
        *size = (uint64_t)st.st_size;
    }
    return fd;
}

/* read() until `buf` is full or the file ends; the bytes read, or -1. */
static ssize_t read_some(int fd, char *buf, size_t room)
{
    size_t len = 0;
    while (len < room) {
        ssize_t n = read(fd, buf + len, room - len);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return n < 0 ? -1 : (ssize_t)len;
        }
        len += (size_t)n;
    }
    return (ssize_t)len;
}

void *input_read_fd(int fd, uint64_t max, size_t *size, struct file_error *e)
{
    struct stat st;
    if (fstat(fd, &st)) {
        set_errno(e);
        return NULL;
    }
    max = max < SIZE_MAX / 2 ? max : SIZE_MAX / 2;
    /* One byte more than expected, to see whether the file grew. */
    size_t want = (uint64_t)st.st_size < max ? (size_t)st.st_size : (size_t)max;
    size_t cap = want + 1, len = 0;
    char *buf = xmalloc(cap + 1);
    for (;;) {
        ssize_t n = read_some(fd, buf + len, cap - len);
        if (n < 0) {
            set_errno(e);
            break;
        }
        len += (size_t)n;
        if (len < cap) {
            buf[len] = '\0';
            *size = len;
            return buf;
        }
        if (len > max) {
            e->err = EFBIG;
            snprintf(e->text, sizeof(e->text), "grew past %llu bytes while being read",
                     (unsigned long long)max);
            break;
        }
        cap = cap < max / 2 ? cap * 2 : (size_t)max + 1;
        buf = xrealloc(buf, cap + 1);
    }
    free(buf);
    return NULL;
}

void *read_input(const char *path, enum input_kind kind, size_t *size, struct file_error *e)
{
    uint64_t len;
    int fd = input_open(path, kind, &len, e);
    if (fd < 0) {
        return NULL;
    }
    void *buf = input_read_fd(fd, kinds[kind].max, size, e);
    close(fd);
    return buf;
}

void *read_input_max(const char *path, uint64_t max, size_t *size, struct file_error *e)
{
    uint64_t len;
    int fd = input_open(path, INPUT_DATA, &len, e);
    if (fd >= 0 && len > max) {
        close(fd);
        *size = (size_t)len;
        e->err = EFBIG;
        snprintf(e->text, sizeof(e->text), "is %llu bytes, more than %llu", (unsigned long long)len,
                 (unsigned long long)max);
        return NULL;
    }
    void *buf = fd < 0 ? NULL : input_read_fd(fd, max, size, e);
    if (fd >= 0) {
        close(fd);
    }
    return buf;
}

void *read_file(const char *path, size_t *size)
{
    struct file_error e;
    void *buf = read_input(path, INPUT_IMAGE, size, &e);
    if (!buf) {
        errno = e.err;
    }
    return buf;
}

/* ---- Outputs ---- */

/* The set being written, for the signal handler; NULL when none is. */
static struct output_set *volatile writing;

static const int caught[] = {SIGINT, SIGTERM, SIGHUP};

/* Remove every temporary file, then die of the signal as if not caught. */
static void on_signal(int sig)
{
    int saved = errno;
    struct output_set *s = writing;
    for (size_t i = 0; s && i < s->items.count; i++) {
        if (s->items.items[i].tmp_exists) {
            unlink(s->items.items[i].tmp);
        }
    }
    struct sigaction dfl = {.sa_handler = SIG_DFL};
    sigaction(sig, &dfl, NULL);
    raise(sig); /* blocked until the handler returns, then fatal */
    errno = saved;
}

#define NCAUGHT (sizeof(caught) / sizeof(caught[0]))

/*
 * Catch the signals not ignored (nohup, background jobs keep theirs), and
 * ignore SIGPIPE: a FIFO output whose reader went away is then a failed
 * write (EPIPE), reported and cleaned up like any other. old[NCAUGHT] is
 * SIGPIPE's.
 */
static void catch_signals(struct sigaction *old)
{
    struct sigaction sa = {.sa_handler = on_signal}, ign = {.sa_handler = SIG_IGN};
    for (size_t i = 0; i < NCAUGHT; i++) {
        sigaction(caught[i], NULL, &old[i]);
        if (old[i].sa_handler != SIG_IGN) {
            sigaction(caught[i], &sa, NULL);
        }
    }
    sigaction(SIGPIPE, &ign, &old[NCAUGHT]);
}

static void restore_signals(const struct sigaction *old)
{
    for (size_t i = 0; i < NCAUGHT; i++) {
        sigaction(caught[i], &old[i], NULL);
    }
    sigaction(SIGPIPE, &old[NCAUGHT], NULL);
}

/* Block the caught signals around a change of which temporary files exist. */
static void hold_signals(bool hold, sigset_t *old)
{
    if (!hold) {
        sigprocmask(SIG_SETMASK, old, NULL);
        return;
    }
    sigset_t set;
    sigemptyset(&set);
    for (size_t i = 0; i < NCAUGHT; i++) {
        sigaddset(&set, caught[i]);
    }
    sigprocmask(SIG_BLOCK, &set, old);
}

void output_add(struct output_set *s, const char *label, const char *path, const void *data,
                size_t size, unsigned mode)
{
    struct output *o = VEC_PUSH(s->items);
    o->label = label;
    o->path = xstrdup(path);
    o->data = data;
    o->size = size;
    o->mode = mode;
}

/* What a target's path names: where it is on disk, if anywhere, and its type. */
struct target {
    bool exists;
    struct stat st; /* followed through symbolic links, unless dangling */
};

/* /dev/stdout, /dev/fd/N, /proc/self/fd/N: names of an open descriptor. */
static bool names_descriptor(const char *path)
{
    char link[PATH_MAX];
    ssize_t n = readlink(path, link, sizeof(link) - 1);
    if (n > 0) {
        link[n] = '\0';
        if (!strncmp(link, "/proc/", 6)) {
            return true;
        }
    }
    char *dir = dirname_of(path);
    char *real = realpath(dir, NULL);
    bool in_proc = real && !strncmp(real, "/proc/", 6);
    free(real);
    free(dir);
    return in_proc;
}

/* A new output's folder must be there, so that it is reported with the rest. */
static void check_folder(struct output *o)
{
    char *dir = dirname_of(o->path);
    struct stat st;
    if (stat(dir, &st)) {
        set_errno(&o->error);
    } else if (!S_ISDIR(st.st_mode)) {
        set_error(&o->error, ENOTDIR, strerror(ENOTDIR));
    }
    free(dir);
}

/*
 * Decide how `o` is written: replaced through a temporary file (a regular
 * file, a symbolic link, which is replaced and not followed, or nothing
 * yet), written in place, or refused.
 */
static void classify(struct output *o, struct target *t)
{
    struct stat l;
    t->exists = lstat(o->path, &l) == 0;
    if (!t->exists) {
        check_folder(o); /* the rest (permissions, space) shows when it is written */
        return;
    }
    bool link = S_ISLNK(l.st_mode);
    if (!link || stat(o->path, &t->st)) {
        t->st = l; /* a file, or a dangling link that is replaced */
    }
    mode_t m = t->st.st_mode;
    if (S_ISCHR(m) || S_ISFIFO(m) || (S_ISREG(m) && link && names_descriptor(o->path))) {
        o->through = true;
    } else if (!S_ISREG(m) && !S_ISLNK(m)) {
        o->error.err = S_ISDIR(m) ? EISDIR : EINVAL;
        snprintf(o->error.text, sizeof(o->error.text), "is %s%s", type_name(m),
                 S_ISDIR(m) ? "" : "; outputs go to files, character devices or FIFOs");
    }
}

static bool is_device(const struct target *t)
{
    return S_ISCHR(t->st.st_mode) || S_ISFIFO(t->st.st_mode);
}

/* The path with its folder resolved, for outputs that do not exist yet. */
static char *normalised(const char *path)
{
    char *dir = dirname_of(path);
    const char *slash = strrchr(path, '/');
    char *real = realpath(dir, NULL);
    char *n = xasprintf("%s/%s", real ? real : dir, slash ? slash + 1 : path);
    free(real);
    free(dir);
    return n;
}

static bool same_target(const struct output *a, const struct target *ta, const struct output *b,
                        const struct target *tb)
{
    if (ta->exists != tb->exists) {
        return false;
    }
    if (ta->exists) {
        /* Devices and FIFOs may take several outputs: -o /dev/null -r /dev/null. */
        return ta->st.st_dev == tb->st.st_dev && ta->st.st_ino == tb->st.st_ino && !is_device(ta);
    }
    char *x = normalised(a->path), *y = normalised(b->path);
    bool same = !strcmp(x, y);
    free(x);
    free(y);
    return same;
}

static void set_clash(struct output *o, const char *why)
{
    o->clash = true;
    set_error(&o->error, EINVAL, why);
}

/* An output may be neither an input nor the target of an earlier output. */
static void check_clash(struct output_set *s, size_t i, const struct target *t)
{
    struct output *o = &s->items.items[i];
    bool input = t[i].exists && !is_device(&t[i]) && is_input(t[i].st.st_dev, t[i].st.st_ino);
    if (input && !s->replaces_inputs) {
        set_clash(o, "it is also an input of this command");
        return;
    }
    for (size_t j = 0; j < i; j++) {
        if (same_target(&s->items.items[j], &t[j], o, &t[i])) {
            const char *other = s->items.items[j].label;
            char *why = other ? xasprintf("it is also the output of '%s'", other)
                              : xstrdup("it is named as two outputs");
            set_clash(o, why);
            free(why);
            return;
        }
    }
}

/* Classify every target and find clashes; the number of outputs refused. */
static size_t check_targets(struct output_set *s)
{
    struct target *t = xcalloc(s->items.count, sizeof(*t));
    size_t bad = 0;
    for (size_t i = 0; i < s->items.count; i++) {
        struct output *o = &s->items.items[i];
        classify(o, &t[i]);
        if (!o->error.text[0]) {
            check_clash(s, i, t);
        }
        bad += o->error.text[0] != 0;
    }
    free(t);
    return bad;
}

static int write_all(int fd, const char *p, size_t left)
{
    while (left > 0) {
        ssize_t n = write(fd, p, left);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            return -1;
        }
        p += n;
        left -= (size_t)n;
    }
    return 0;
}

static mode_t current_umask(void)
{
    mode_t m = umask(0);
    umask(m);
    return m;
}

/* Make the temporary file beside the target, with signals held off. */
static int make_temp(struct output *o)
{
    sigset_t old;
    o->tmp = xasprintf("%s.tmp.XXXXXX", o->path);
    hold_signals(true, &old);
    int fd = mkostemp(o->tmp, O_CLOEXEC);
    o->tmp_exists = fd >= 0;
    hold_signals(false, &old);
    return fd;
}

/*
 * Flushing to disk is asked for with MICROKIT_FSYNC=1 (docs/cli.md): the
 * rename alone makes the set all or nothing for readers and on failure,
 * and the flushes, each a wait for the disk, were most of a small build's
 * wall time.
 */
static bool want_sync(const struct output_set *s)
{
    const char *v = getenv("MICROKIT_FSYNC");
    return !s->scratch && v && strcmp(v, "1") == 0;
}

/* Write `o` to its temporary file: contents, mode, flushed to disk if asked. */
static int write_temp(const struct output_set *s, struct output *o, mode_t mask)
{
    int fd = make_temp(o);
    if (fd < 0) {
        return -1;
    }
    int rc = write_all(fd, o->data, o->size);
    rc = rc ? rc : fchmod(fd, s->scratch ? o->mode : o->mode & ~mask);
    rc = rc || !want_sync(s) ? rc : fsync(fd);
    if (close(fd) && !rc) {
        rc = -1;
    }
    return rc;
}

/* A device or FIFO: opened as it is (a FIFO waits for its reader). */
static int write_through(struct output *o)
{
    int fd = open(o->path, O_WRONLY | O_TRUNC | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        return -1;
    }
    int rc = write_all(fd, o->data, o->size);
    if (close(fd) && !rc) {
        rc = -1;
    }
    return rc;
}

static void remove_temp(struct output *o)
{
    if (o->tmp_exists) {
        sigset_t old;
        hold_signals(true, &old);
        unlink(o->tmp);
        o->tmp_exists = 0;
        hold_signals(false, &old);
    }
}

/*
 * An existing regular file is replaced by exchanging the two names and then
 * removing the temporary name, which holds the old file by then: the same
 * atomic outcome as rename() over it. ext4 (auto_da_alloc) starts writing
 * back a file renamed over another at once, which made each replace cost
 * about 0.4 ms here, against 0.03 ms for the exchange (docs/performance.md,
 * "Tool"). 0 when done; -1 to fall back to rename() (no file there, not a
 * regular file, or no RENAME_EXCHANGE in this kernel or file system).
 */
static int exchange_temp(struct output *o)
{
#ifdef RENAME_EXCHANGE
    struct stat st;
    if (lstat(o->path, &st) != 0 || !S_ISREG(st.st_mode) ||
        renameat2(AT_FDCWD, o->tmp, AT_FDCWD, o->path, RENAME_EXCHANGE) != 0) {
        return -1;
    }
    /* The old file, left at the temporary name; remove_temp() retries. */
    o->tmp_exists = unlink(o->tmp) != 0;
    return 0;
#else
    (void)o;
    return -1;
#endif
}

static int rename_temp(struct output *o)
{
    sigset_t old;
    hold_signals(true, &old);
    int rc = 0;
    if (exchange_temp(o) != 0) {
        rc = rename(o->tmp, o->path);
        o->tmp_exists = rc != 0;
    }
    hold_signals(false, &old);
    return rc;
}

/* Flush the folder's entry for a renamed output (best effort). */
static void sync_folder(const char *path)
{
    char *dir = dirname_of(path);
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
    free(dir);
}

/* Every temporary file; the number that failed. */
static size_t write_temps(struct output_set *s)
{
    mode_t mask = current_umask();
    size_t bad = 0;
    for (size_t i = 0; i < s->items.count; i++) {
        struct output *o = &s->items.items[i];
        if (!o->through && write_temp(s, o, mask)) {
            set_errno(&o->error);
            bad++;
        }
    }
    return bad;
}

/* The outputs written in place, then the renames; stops at the first failure. */
static size_t finish(struct output_set *s)
{
    for (size_t i = 0; i < s->items.count; i++) {
        struct output *o = &s->items.items[i];
        if (o->through && write_through(o)) {
            set_errno(&o->error);
            return 1;
        }
    }
    for (size_t i = 0; i < s->items.count; i++) {
        struct output *o = &s->items.items[i];
        if (!o->through && rename_temp(o)) {
            set_errno(&o->error);
            return 1;
        }
        if (!o->through && want_sync(s)) {
            sync_folder(o->path);
        }
    }
    return 0;
}

enum output_status output_set_write(struct output_set *s)
{
    if (check_targets(s)) {
        for (size_t i = 0; i < s->items.count; i++) {
            if (s->items.items[i].clash) {
                return OUTPUT_CLASH;
            }
        }
        return OUTPUT_FAILED;
    }
    struct sigaction old[NCAUGHT + 1];
    writing = s;
    catch_signals(old);
    size_t bad = write_temps(s);
    bad = bad ? bad : finish(s);
    for (size_t i = 0; i < s->items.count; i++) {
        remove_temp(&s->items.items[i]);
    }
    restore_signals(old);
    writing = NULL;
    return bad ? OUTPUT_FAILED : OUTPUT_OK;
}

int output_set_report(const struct output_set *s, enum output_status st, struct diag *d)
{
    for (size_t i = 0; i < s->items.count; i++) {
        const struct output *o = &s->items.items[i];
        if (o->error.text[0]) {
            diag_error(d, NULL, o->clash ? "output-clash" : "io",
                       o->clash ? "give each output its own file, apart from the inputs" : NULL,
                       "cannot write '%s': %s", o->path, o->error.text);
        }
    }
    return st == OUTPUT_OK ? EXIT_OK : st == OUTPUT_CLASH ? EXIT_USAGE : EXIT_IO;
}

int make_folders(const char *path, struct file_error *e)
{
    char *p = xstrdup(path);
    int rc = 0;
    for (char *s = p + 1; !rc && *s; s++) {
        if (*s == '/') {
            *s = '\0';
            rc = mkdir(p, 0777) && errno != EEXIST ? -1 : 0;
            *s = '/';
        }
    }
    rc = rc || (mkdir(p, 0777) && errno != EEXIST) ? -1 : 0;
    struct stat st;
    if (!rc && stat(p, &st)) {
        rc = -1;
    } else if (!rc && !S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        rc = -1;
    }
    if (rc) {
        set_errno(e);
    }
    free(p);
    return rc;
}

void output_set_free(struct output_set *s)
{
    for (size_t i = 0; i < s->items.count; i++) {
        free(s->items.items[i].path);
        free(s->items.items[i].tmp);
    }
    free(s->items.items);
    memset(s, 0, sizeof(*s));
}

int write_file_atomic(const char *path, const void *data, size_t size, unsigned mode)
{
    struct output_set s = {.replaces_inputs = true};
    output_add(&s, NULL, path, data, size, mode);
    int rc = output_set_write(&s) == OUTPUT_OK ? 0 : -1;
    int err = s.items.items[0].error.err;
    output_set_free(&s);
    errno = rc ? err : errno;
    return rc;
}
