/* SPDX-License-Identifier: BSD-2-Clause */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model.h"
#include "util.h"

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23 /* Linux 5.14 */
#endif

void prefault_write(void *p, size_t n)
{
    const uintptr_t page = 4096, start = (uintptr_t)p;
    uintptr_t lo = (start + page - 1) & ~(page - 1), hi = (start + n) & ~(page - 1);
    if (n >= 16 * page && hi > lo) {
        (void)madvise((void *)lo, hi - lo, MADV_POPULATE_WRITE);
    }
}

static void out_of_memory(void)
{
    fputs("microkit: error: out of memory\n", stderr);
    exit(4);
}

void *xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p) {
        out_of_memory();
    }
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) {
        out_of_memory();
    }
    return p;
}

void *xrealloc(void *p, size_t size)
{
    p = realloc(p, size ? size : 1);
    if (!p) {
        out_of_memory();
    }
    return p;
}

char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
}

char *xvasprintf(const char *fmt, va_list ap)
{
    char *s;
    if (vasprintf(&s, fmt, ap) < 0) {
        out_of_memory();
    }
    return s;
}

char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = xvasprintf(fmt, ap);
    va_end(ap);
    return s;
}

void vec_grow(void **items, size_t *cap, size_t need, size_t elem_size)
{
    if (need <= *cap) {
        return;
    }
    size_t n = *cap ? *cap * 2 : 8;
    while (n < need) {
        n *= 2;
    }
    char *p = xrealloc(*items, n * elem_size);
    memset(p + *cap * elem_size, 0, (n - *cap) * elem_size);
    *items = p;
    *cap = n;
}

void *read_file(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        return NULL;
    }
    size_t cap = 65536, len = 0;
    char *buf = xmalloc(cap + 1);
    size_t n;
    while ((n = fread(buf + len, 1, cap - len, f)) > 0) {
        len += n;
        if (len == cap) {
            cap *= 2;
            buf = xrealloc(buf, cap + 1);
        }
    }
    int err = ferror(f) ? EIO : 0;
    fclose(f);
    if (err) {
        free(buf);
        errno = err;
        return NULL;
    }
    buf[len] = '\0';
    *size = len;
    return buf;
}

static int write_all(int fd, const char *p, size_t left)
{
    while (left > 0) {
        ssize_t n = write(fd, p, left);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -1;
        }
        p += n;
        left -= (size_t)n;
    }
    return 0;
}

int write_file_atomic(const char *path, const void *data, size_t size, unsigned mode)
{
    char *tmp = xasprintf("%s.tmp.XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        free(tmp);
        return -1;
    }
    int rc = write_all(fd, data, size);
    if (rc == 0) {
        rc = fchmod(fd, mode);
    }
    if (close(fd) != 0) {
        rc = -1;
    }
    if (rc == 0) {
        rc = rename(tmp, path);
    }
    if (rc != 0) {
        int err = errno;
        unlink(tmp);
        errno = err;
    }
    free(tmp);
    return rc;
}

char *dirname_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash) {
        return xstrdup(".");
    }
    if (slash == path) {
        return xstrdup("/");
    }
    char *d = xstrdup(path);
    d[slash - path] = 0;
    return d;
}

char *sdk_root_find(void)
{
    const char *env = getenv("MICROKIT_SDK");
    if (env && env[0]) {
        return xstrdup(env);
    }
    char path[4096];
    ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 1);
    if (n <= 0) {
        return xstrdup(".");
    }
    path[n] = 0;
    char *bin = dirname_of(path);
    char *root = dirname_of(bin);
    free(bin);
    return root;
}
