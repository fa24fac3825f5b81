/* SPDX-License-Identifier: BSD-2-Clause */
/* Small helpers every stage uses: allocation that never returns NULL,
 * string formatting, alignment; whole-file I/O is files.h's. */
#ifndef TOOL_UTIL_H
#define TOOL_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "files.h"

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap);

/*
 * Map in the pages of a large buffer that is about to be written in full:
 * one madvise(MADV_POPULATE_WRITE) costs about half of taking a page fault
 * per 4 KiB page. A hint only: small buffers and kernels without it are
 * left alone.
 */
void prefault_write(void *p, size_t n);

/* qsort that takes an empty array: an empty vector's items is NULL, which
 * qsort must not be given (UBSan's nonnull-attribute check). */
static inline void xsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    if (n > 1) {
        qsort(base, n, size, cmp);
    }
}

static inline uint64_t max_u64(uint64_t a, uint64_t b)
{
    return a > b ? a : b;
}

static inline uint64_t min_u64(uint64_t a, uint64_t b)
{
    return a < b ? a : b;
}

static inline uint64_t align_up(uint64_t x, uint64_t a)
{
    return (x + a - 1) & ~(a - 1);
}

static inline uint64_t align_down(uint64_t x, uint64_t a)
{
    return x & ~(a - 1);
}

static inline bool is_aligned(uint64_t x, uint64_t a)
{
    return (x & (a - 1)) == 0;
}

/*
 * The SDK's root folder (malloc'd): $MICROKIT_SDK when set, else the parent
 * of the folder holding this microkit binary (bin/..), else ".".
 */
char *sdk_root_find(void);

/* The folder part of `path` ("." when it has none), malloc'd. */
char *dirname_of(const char *path);

#endif /* TOOL_UTIL_H */
