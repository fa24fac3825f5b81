/* SPDX-License-Identifier: BSD-2-Clause */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
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
