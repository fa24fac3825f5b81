/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Fuzz target: the loader's own image check (loader/src/image.c), built for
 * the host. The loader reads the header linked into it and trusts nothing
 * else: image_verify() must refuse a damaged image before image_copy()
 * would run, and must read nothing outside [header, header + image_size).
 *
 * The input is the image from its header on, in a buffer of exactly its
 * size. It is tried twice: with image_size clamped to the buffer (so the
 * CRC checks refuse most mutations), and with image_size, the header CRC and
 * every in-bounds region CRC rewritten to match, so mutations reach the
 * region checks and image_print(). An image the loader accepts must have
 * every region's payload inside the image, file_size <= mem_size, a known
 * kind, and no region on another or on the loader image; every message
 * must be fully formatted (no template directive left).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "loader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The loader's link-time symbol: somewhere no region of a fuzz input is. */
char _loader_start[16];

static char log_buf[512];

void log_info(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(log_buf, sizeof(log_buf), fmt, ap);
    va_end(ap);
}

void log_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(log_buf, sizeof(log_buf), fmt, ap);
    va_end(ap);
    if (!log_buf[0] || strchr(log_buf, '%')) {
        abort(); /* an empty message, or a directive the message builder left */
    }
}

/* [a, a + a_size) and [b, b + b_size) share a byte (no wrapping: checked before). */
static int meet(uint64_t a, uint64_t a_size, uint64_t b, uint64_t b_size)
{
    return a_size && b_size && a < b + b_size && b < a + a_size;
}

static void check_placement(const struct sdk_image_header *h, uint32_t i)
{
    const struct sdk_image_region *r = image_regions(h);
    uint64_t lo = (uintptr_t)_loader_start, hi = image_end(h);
    if (r[i].load_addr + r[i].mem_size < r[i].load_addr ||
        (lo < hi && meet(r[i].load_addr, r[i].mem_size, lo, hi - lo))) {
        abort(); /* the copy would wrap or overwrite the running loader */
    }
    for (uint32_t j = 0; j < i; j++) {
        if (meet(r[i].load_addr, r[i].mem_size, r[j].load_addr, r[j].mem_size)) {
            abort(); /* one region's copy would overwrite another's */
        }
    }
}

static void check_accepted(const struct sdk_image_header *h, size_t size)
{
    const struct sdk_image_region *r = image_regions(h);
    if (h->num_regions > SDK_IMAGE_MAX_REGIONS) {
        abort();
    }
    for (uint32_t i = 0; i < h->num_regions; i++) {
        if (r[i].payload_offset > size || r[i].file_size > size - r[i].payload_offset ||
            r[i].file_size > r[i].mem_size) {
            abort(); /* image_copy would read outside the image */
        }
        if (r[i].kind < SDK_REGION_KERNEL || r[i].kind > SDK_REGION_TEST) {
            abort();
        }
        check_placement(h, i);
    }
}

static void verify(struct sdk_image_header *h, size_t size)
{
    if (image_verify(h) == 0) {
        check_accepted(h, size);
        image_print(h);
    }
}

/* Rewrites image_size and every CRC the loader checks, where they are in bounds. */
static void fix_up(struct sdk_image_header *h, size_t size)
{
    h->image_size = size;
    uint64_t table = (uint64_t)h->num_regions * SDK_IMAGE_REGION_SIZE;
    if (table > size - SDK_IMAGE_HEADER_SIZE) {
        return;
    }
    struct sdk_image_region *r = (struct sdk_image_region *)(h + 1);
    for (uint32_t i = 0; i < h->num_regions; i++) {
        if (r[i].payload_offset <= size && r[i].file_size <= size - r[i].payload_offset) {
            r[i].crc32 =
                (uint32_t)crc32(0, (const uint8_t *)h + r[i].payload_offset, (uInt)r[i].file_size);
        }
    }
    h->header_crc32 = 0;
    uint32_t crc = (uint32_t)crc32(0, (const uint8_t *)h, SDK_IMAGE_HEADER_SIZE);
    h->header_crc32 = (uint32_t)crc32(crc, (const uint8_t *)r, (uInt)table);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < SDK_IMAGE_HEADER_SIZE) {
        return 0; /* the loader's header is always there: it is linked in */
    }
    struct sdk_image_header *h = malloc(size);
    memcpy(h, data, size);
    if (h->image_size > size) {
        h->image_size = size;
    }
    verify(h, size);
    fix_up(h, size);
    verify(h, size);
    free(h);
    return 0;
}
