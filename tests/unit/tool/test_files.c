/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Unit tests of tool/files.c: inputs are regular files within a size bound,
 * refused unopened otherwise; outputs are written as a set, all or nothing,
 * with no temporary file left after a failure or a signal.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "files.h"
#include "util.h"

static char dir[64];

static char *in_dir(const char *name)
{
    return xasprintf("%s/%s", dir, name);
}

static void put(const char *name, const char *text)
{
    char *p = in_dir(name);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    free(p);
}

/* The file's contents ("" when missing), malloc'd. */
static char *contents(const char *name)
{
    char *p = in_dir(name);
    size_t n = 0;
    struct file_error e;
    char *s = read_input(p, INPUT_IMAGE, &n, &e);
    free(p);
    return s ? s : xstrdup("");
}

/* Entries of the test folder whose name holds ".tmp.". */
static int temps_left(void)
{
    DIR *d = opendir(dir);
    int n = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        n += strstr(e->d_name, ".tmp.") != NULL;
    }
    closedir(d);
    return n;
}

static int setup(void **state)
{
    snprintf(dir, sizeof(dir), "/tmp/test_files_XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    char *cmd = xasprintf("rm -rf '%s'", dir);
    int rc = system(cmd);
    free(cmd);
    return rc;
}

/* Read `name` in the test folder as `kind`; expect failure with err and text. */
static void refused(const char *name, enum input_kind kind, int err, const char *text)
{
    char *p = in_dir(name);
    size_t n = 0;
    struct file_error e;
    assert_null(read_input(p, kind, &n, &e));
    assert_int_equal(e.err, err);
    assert_string_equal(e.text, text);
    free(p);
}

static void test_input_regular(void **state)
{
    put("a.txt", "hello");
    char *s = contents("a.txt");
    assert_string_equal(s, "hello");
    free(s);
    refused("none", INPUT_SDF, ENOENT, strerror(ENOENT));
}

/* Each refused from its type, unopened: the FIFO has no writer and would block. */
static void test_input_types(void **state)
{
    char *p = in_dir("fifo");
    assert_int_equal(mkfifo(p, 0600), 0);
    free(p);
    refused("fifo", INPUT_SDF, EINVAL, "is a FIFO, not a regular file");
    p = in_dir("sub");
    assert_int_equal(mkdir(p, 0700), 0);
    free(p);
    refused("sub", INPUT_ELF, EISDIR, "is a directory");
    struct file_error e;
    size_t n;
    assert_null(read_input("/dev/zero", INPUT_IMAGE, &n, &e));
    assert_string_equal(e.text, "is a character device, not a regular file");
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    snprintf(a.sun_path, sizeof(a.sun_path), "%s/sock", dir);
    assert_int_equal(bind(s, (struct sockaddr *)&a, sizeof(a)), 0);
    refused("sock", INPUT_BOARD, EINVAL, "is a socket, not a regular file");
    close(s);
}

/* The bound is checked from the size: sparse files, never read. */
static void test_input_bounds(void **state)
{
    char *p = in_dir("board.xml");
    int fd = open(p, O_WRONLY | O_CREAT, 0600);
    assert_int_equal(ftruncate(fd, (off_t)input_limit(INPUT_BOARD) + 1), 0);
    refused("board.xml", INPUT_BOARD, EFBIG,
            "is 1048577 bytes; a board file may have at most 1 MiB");
    assert_int_equal(ftruncate(fd, (off_t)input_limit(INPUT_BOARD)), 0);
    size_t n = 0;
    struct file_error e;
    char *s = read_input(p, INPUT_BOARD, &n, &e);
    assert_non_null(s);
    assert_int_equal(n, input_limit(INPUT_BOARD));
    free(s);
    close(fd);
    free(p);
    assert_int_equal(input_limit(INPUT_SDF), 64ull << 20);
    assert_int_equal(input_limit(INPUT_CONFIG), 1ull << 20);
    assert_int_equal(input_limit(INPUT_ELF), 1ull << 30);
    assert_int_equal(input_limit(INPUT_IMAGE), 4ull << 30);
}

/* A prefill file larger than its region is sized, not read. */
static void test_input_max(void **state)
{
    put("data.bin", "0123456789");
    char *p = in_dir("data.bin");
    size_t n = 0;
    struct file_error e;
    assert_null(read_input_max(p, 5, &n, &e));
    assert_int_equal(e.err, EFBIG);
    assert_int_equal(n, 10);
    char *s = read_input_max(p, 10, &n, &e);
    assert_non_null(s);
    assert_int_equal(n, 10);
    free(s);
    free(p);
}

/* A descriptor whose data outgrows the bound while read is refused, not cut. */
static void test_input_grows(void **state)
{
    char block[100];
    memset(block, 'x', sizeof(block));
    for (size_t max = 50; max <= 200; max += 150) {
        int fds[2];
        assert_int_equal(pipe(fds), 0);
        assert_int_equal(write(fds[1], block, sizeof(block)), (ssize_t)sizeof(block));
        close(fds[1]);
        size_t n = 0;
        struct file_error e;
        char *s = input_read_fd(fds[0], max, &n, &e);
        if (max < sizeof(block)) {
            assert_null(s);
            assert_string_equal(e.text, "grew past 50 bytes while being read");
        } else {
            assert_non_null(s);
            assert_int_equal(n, sizeof(block));
        }
        free(s);
        close(fds[0]);
    }
}

static enum output_status write_two(const char *a, const char *b, struct output_set *s)
{
    char *pa = in_dir(a), *pb = in_dir(b);
    output_add(s, "-o", pa, "image", 5, 0666);
    output_add(s, "-r", pb, "report", 6, 0666);
    free(pa);
    free(pb);
    return output_set_write(s);
}

static void test_output_set(void **state)
{
    struct output_set s = {0};
    assert_int_equal(write_two("img", "rep", &s), OUTPUT_OK);
    output_set_free(&s);
    char *x = contents("img"), *y = contents("rep");
    assert_string_equal(x, "image");
    assert_string_equal(y, "report");
    free(x);
    free(y);
    assert_int_equal(temps_left(), 0);
}

/* One output fails: no target changes, every failure is reported. */
static void test_output_all_or_nothing(void **state)
{
    put("old.img", "old");
    struct output_set s = {0};
    assert_int_equal(write_two("old.img", "missing/rep", &s), OUTPUT_FAILED);
    assert_string_equal(s.items.items[1].error.text, strerror(ENOENT));
    output_set_free(&s);
    char *x = contents("old.img");
    assert_string_equal(x, "old");
    free(x);
    char *p = in_dir("folder");
    assert_int_equal(mkdir(p, 0700), 0);
    free(p);
    assert_int_equal(write_two("folder", "missing/rep", &s), OUTPUT_FAILED);
    assert_string_equal(s.items.items[0].error.text, "is a directory");
    assert_true(s.items.items[1].error.text[0] != 0);
    output_set_free(&s);
    assert_int_equal(temps_left(), 0);
}

/*
 * Replacing existing outputs (files.c exchanges the names, then removes the
 * old file): the new bytes at the path, nothing left behind, a hard link to
 * the old file keeps the old bytes, and a symlink at the path is replaced
 * by the file (its target left alone), as rename() does.
 */
static void test_output_replace(void **state)
{
    put("r.img", "old image, longer than the new one");
    put("r.rep", "old report");
    char *img = in_dir("r.img"), *link_path = in_dir("r.link"), *rep = in_dir("r.rep");
    char *sym = in_dir("r.sym");
    assert_int_equal(link(img, link_path), 0);
    struct output_set s = {0};
    assert_int_equal(write_two("r.img", "r.rep", &s), OUTPUT_OK);
    output_set_free(&s);
    char *x = contents("r.img"), *y = contents("r.rep"), *z = contents("r.link");
    assert_string_equal(x, "image");
    assert_string_equal(y, "report");
    assert_string_equal(z, "old image, longer than the new one");
    free(x);
    free(y);
    free(z);
    /* Names not read yet: a file this process has read counts as an input. */
    put("s.rep", "old report");
    assert_int_equal(symlink("s.rep", sym), 0);
    assert_int_equal(write_two("r.sym", "s.img", &s), OUTPUT_OK);
    output_set_free(&s);
    struct stat st;
    assert_int_equal(lstat(sym, &st), 0);
    assert_true(S_ISREG(st.st_mode));
    x = contents("s.rep");
    assert_string_equal(x, "old report");
    free(x);
    assert_int_equal(temps_left(), 0);
    free(img);
    free(link_path);
    free(rep);
    free(sym);
}

static void test_output_clash(void **state)
{
    struct output_set s = {0};
    assert_int_equal(write_two("same", "./same", &s), OUTPUT_CLASH);
    assert_string_equal(s.items.items[1].error.text, "it is also the output of '-o'");
    output_set_free(&s);
    assert_int_equal(access(dir, F_OK), 0);
    char *same = in_dir("same");
    assert_int_equal(access(same, F_OK), -1);
    /* An input may not be overwritten, except by write_file_atomic (an edit in place). */
    put("in.system", "<system/>");
    char *x = contents("in.system");
    free(x);
    char *in = in_dir("in.system");
    output_add(&s, "-o", in, "image", 5, 0666);
    assert_int_equal(output_set_write(&s), OUTPUT_CLASH);
    assert_string_equal(s.items.items[0].error.text, "it is also an input of this command");
    output_set_free(&s);
    assert_int_equal(write_file_atomic(in, "new", 3, 0666), 0);
    free(in);
    free(same);
}

static void test_output_mode(void **state)
{
    mode_t old = umask(027);
    char *p = in_dir("m1");
    assert_int_equal(write_file_atomic(p, "x", 1, 0666), 0);
    struct stat st;
    assert_int_equal(stat(p, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0640);
    free(p);
    umask(077);
    struct output_set s = {.scratch = true};
    p = in_dir("m2");
    output_add(&s, NULL, p, "x", 1, 0700);
    assert_int_equal(output_set_write(&s), OUTPUT_OK);
    assert_int_equal(stat(p, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    output_set_free(&s);
    free(p);
    umask(old);
}

/* A FIFO target is written in place (its reader gets the data) and stays a FIFO. */
static void test_output_fifo(void **state)
{
    char *p = in_dir("out.fifo");
    assert_int_equal(mkfifo(p, 0600), 0);
    pid_t reader = fork();
    if (reader == 0) {
        size_t n = 0;
        char buf[16];
        int fd = open(p, O_RDONLY);
        for (ssize_t r; (r = read(fd, buf, sizeof(buf))) > 0;) {
            n += (size_t)r;
        }
        _exit(n == 5 ? 0 : 1);
    }
    assert_int_equal(write_file_atomic(p, "image", 5, 0666), 0);
    int status;
    assert_int_equal(waitpid(reader, &status, 0), reader);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    struct stat st;
    assert_int_equal(lstat(p, &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
    free(p);
}

/*
 * A FIFO whose reader goes away: the write fails (EPIPE, not death by
 * SIGPIPE) and the other output is not renamed. More than a pipe holds, so
 * the write cannot complete before the reader leaves.
 */
static void test_output_broken_pipe(void **state)
{
    char *fifo = in_dir("gone.fifo"), *img = in_dir("gone.img");
    assert_int_equal(mkfifo(fifo, 0600), 0);
    pid_t reader = fork();
    if (reader == 0) {
        close(open(fifo, O_RDONLY));
        _exit(0);
    }
    size_t big = 1 << 20;
    char *data = xcalloc(1, big);
    struct output_set s = {0};
    output_add(&s, "-o", img, "image", 5, 0666);
    output_add(&s, "-r", fifo, data, big, 0666);
    assert_int_equal(output_set_write(&s), OUTPUT_FAILED);
    assert_string_equal(s.items.items[1].error.text, strerror(EPIPE));
    output_set_free(&s);
    int status;
    assert_int_equal(waitpid(reader, &status, 0), reader);
    assert_int_equal(access(img, F_OK), -1);
    assert_int_equal(temps_left(), 0);
    free(data);
    free(fifo);
    free(img);
}

/*
 * A signal while the set is written: a child writes a regular output and
 * then a FIFO nobody reads, so it waits there with the temporary file
 * complete; the signal removes it and kills the child.
 */
static void interrupted(int sig)
{
    char *fifo = in_dir("wait.fifo"), *img = in_dir("int.img");
    unlink(fifo);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    pid_t child = fork();
    if (child == 0) {
        signal(sig, SIG_DFL); /* whatever the test runner was given */
        struct output_set s = {0};
        output_add(&s, "-o", img, "image", 5, 0666);
        output_add(&s, "-r", fifo, "report", 6, 0666);
        _exit(output_set_write(&s) == OUTPUT_OK ? 0 : 1);
    }
    for (unsigned i = 0; temps_left() == 0; i++) {
        assert_true(i < 600000); /* stop a hang: the child never got there */
        usleep(100);
    }
    assert_int_equal(kill(child, sig), 0);
    int status;
    assert_int_equal(waitpid(child, &status, 0), child);
    assert_true(WIFSIGNALED(status) && WTERMSIG(status) == sig);
    assert_int_equal(temps_left(), 0);
    assert_int_equal(access(img, F_OK), -1);
    free(fifo);
    free(img);
}

static void test_output_signals(void **state)
{
    interrupted(SIGINT);
    interrupted(SIGTERM);
    interrupted(SIGHUP);
}

static void test_make_folders(void **state)
{
    char *p = in_dir("a/b/c");
    struct file_error e;
    assert_int_equal(make_folders(p, &e), 0);
    assert_int_equal(make_folders(p, &e), 0);
    free(p);
    put("plain", "x");
    p = in_dir("plain/sub");
    assert_int_equal(make_folders(p, &e), -1);
    assert_int_equal(e.err, ENOTDIR);
    free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_input_regular),  cmocka_unit_test(test_input_types),
        cmocka_unit_test(test_input_bounds),   cmocka_unit_test(test_input_max),
        cmocka_unit_test(test_input_grows),    cmocka_unit_test(test_output_set),
        cmocka_unit_test(test_output_replace), cmocka_unit_test(test_output_all_or_nothing),
        cmocka_unit_test(test_output_clash),   cmocka_unit_test(test_output_mode),
        cmocka_unit_test(test_output_fifo),    cmocka_unit_test(test_output_broken_pipe),
        cmocka_unit_test(test_output_signals), cmocka_unit_test(test_make_folders),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
