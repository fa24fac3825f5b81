/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Makes the images tests/run feeds to `microkit run`:
 *
 *   image_tool uimage RAW OUT LINK       RAW wrapped as a uImage loaded at LINK
 *   image_tool flip FILE OFFSET          invert the byte at OFFSET (from the end if < 0)
 *   image_tool truncate FILE SIZE        cut FILE to SIZE bytes
 *   image_tool host-version FILE N       a host image's format version, header CRC redone
 *   image_tool host-sdk FILE VERSION     a host image's SDK version, header CRC redone
 *   image_tool host-entry FILE           print the offset of the last entry's payload
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "host_image.h"
#include "image.h"
#include "util.h"

static int fail(const char *what, const char *path)
{
    fprintf(stderr, "image_tool: %s '%s': %s\n", what, path, strerror(errno));
    return 1;
}

static int put(const char *path, const void *data, size_t size)
{
    return write_file_atomic(path, data, size, 0644) ? fail("cannot write", path) : 0;
}

static int wrap(const char *raw, const char *out, const char *link)
{
    size_t size, n;
    uint8_t *img = read_file(raw, &size), *u = NULL;
    struct diag d;
    diag_init(&d, stderr);
    if (!img) {
        return fail("cannot read", raw);
    }
    int rc = image_wrap_uimage(img, size, strtoull(link, NULL, 0), &d, &u, &n) ? 1 : put(out, u, n);
    free(u);
    free(img);
    diag_free(&d);
    return rc;
}

/* Change the host image header and redo its CRC. */
static int host_edit(uint8_t *img, size_t size, const char *field, const char *value)
{
    struct sdk_host_image_header h;
    if (size < sizeof(h)) {
        return 1;
    }
    memcpy(&h, img, sizeof(h));
    if (!strcmp(field, "host-version")) {
        h.version = (uint32_t)strtoul(value, NULL, 0);
    } else {
        memset(h.sdk_version, 0, sizeof(h.sdk_version));
        strncpy(h.sdk_version, value, sizeof(h.sdk_version) - 1);
    }
    h.header_crc32 = host_image_header_crc(&h, (const void *)(img + sizeof(h)));
    memcpy(img, &h, sizeof(h));
    return 0;
}

static int edit(const char *op, const char *path, const char *arg)
{
    size_t size;
    uint8_t *img = read_file(path, &size);
    if (!img) {
        return fail("cannot read", path);
    }
    long long v = strtoll(arg, NULL, 0);
    int rc = 0;
    if (!strcmp(op, "flip") && (v < 0 ? (size_t)-v <= size : (size_t)v < size)) {
        img[v < 0 ? (long long)size + v : v] ^= 0xff;
    } else if (!strcmp(op, "truncate") && v >= 0 && (size_t)v <= size) {
        size = (size_t)v;
    } else if (!strncmp(op, "host-", 5)) {
        rc = host_edit(img, size, op, arg);
    } else {
        rc = 2;
    }
    rc = rc ? rc : put(path, img, size);
    free(img);
    return rc;
}

static int last_entry(const char *path)
{
    size_t size;
    uint8_t *img = read_file(path, &size);
    if (!img || size < SDK_HOST_IMAGE_HEADER_SIZE) {
        return fail("cannot read", path);
    }
    const struct sdk_host_image_header *h = (const void *)img;
    const struct sdk_host_image_entry *e = (const void *)(img + sizeof(*h));
    printf("%llu\n", (unsigned long long)e[h->num_entries - 1].offset);
    free(img);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 5 && !strcmp(argv[1], "uimage")) {
        return wrap(argv[2], argv[3], argv[4]);
    }
    if (argc == 3 && !strcmp(argv[1], "host-entry")) {
        return last_entry(argv[2]);
    }
    if (argc == 4) {
        return edit(argv[1], argv[2], argv[3]);
    }
    fputs("usage: see tests/run/image_tool.c\n", stderr);
    return 2;
}
