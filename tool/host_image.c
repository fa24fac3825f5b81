/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The host image: pack (for the build), check and unpack (for `microkit
 * run IMAGE`). The format is include/sdk/host_image.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "host_image.h"
#include "sdk/crc32.h"
#include "util.h"

#define HDR  SDK_HOST_IMAGE_HEADER_SIZE
#define ENT  SDK_HOST_IMAGE_ENTRY_SIZE
#define NAME SDK_HOST_IMAGE_NAME_SIZE

uint32_t host_image_header_crc(const struct sdk_host_image_header *h,
                               const struct sdk_host_image_entry *e)
{
    struct sdk_host_image_header copy = *h;
    copy.header_crc32 = 0;
    uint32_t crc = sdk_crc32(0, &copy, sizeof(copy));
    return sdk_crc32(crc, e, (size_t)h->num_entries * ENT);
}

/* Offset of file i's payload: shared with an earlier file holding the same data. */
static uint64_t payload_at(const struct host_image_file *f, size_t i,
                           const struct sdk_host_image_entry *e, uint64_t *end)
{
    for (size_t j = 0; j < i; j++) {
        if (f[j].data == f[i].data && f[j].size == f[i].size) {
            return e[j].offset;
        }
    }
    uint64_t off = *end;
    *end = align_up(off + f[i].size, SDK_HOST_IMAGE_ALIGN);
    return off;
}

uint8_t *host_image_pack(const struct host_image_file *f, size_t n, const char *config,
                         size_t *out_size)
{
    struct sdk_host_image_entry *e = xcalloc(n + 1, ENT);
    uint64_t end = align_up(HDR + (uint64_t)n * ENT, SDK_HOST_IMAGE_ALIGN);
    for (size_t i = 0; i < n; i++) {
        e[i].offset = payload_at(f, i, e, &end);
        e[i].size = f[i].size;
        e[i].crc32 = sdk_crc32(0, f[i].data, f[i].size);
        e[i].kind = f[i].kind;
        e[i].index = f[i].index;
        strncpy(e[i].name, f[i].name, NAME - 1);
    }
    uint8_t *out = xcalloc(1, end);
    struct sdk_host_image_header h = {
        .magic = SDK_HOST_IMAGE_MAGIC,
        .version = SDK_HOST_IMAGE_VERSION,
        .image_size = end,
        .num_entries = (uint32_t)n,
    };
    strncpy(h.sdk_version, MICROKIT_VERSION, sizeof(h.sdk_version) - 1);
    strncpy(h.config, config ? config : "", sizeof(h.config) - 1);
    for (size_t i = 0; i < n; i++) {
        memcpy(out + e[i].offset, f[i].data, f[i].size);
    }
    size_t data = HDR + n * ENT;
    h.data_crc32 = sdk_crc32(0, out + data, end - data);
    h.header_crc32 = host_image_header_crc(&h, e);
    memcpy(out, &h, HDR);
    memcpy(out + HDR, e, n * ENT);
    free(e);
    *out_size = end;
    return out;
}

bool host_image_is(const uint8_t *buf, size_t size)
{
    uint64_t magic;
    if (size < sizeof(magic)) {
        return false;
    }
    memcpy(&magic, buf, sizeof(magic));
    return magic == SDK_HOST_IMAGE_MAGIC;
}

static int damaged(struct diag *d, const char *path, const char *fmt, const char *what)
{
    char *why = xasprintf(fmt, what);
    diag_error(d, NULL, "host-image-damaged", "the file is damaged or incomplete; build it again",
               "host image '%s' is damaged: %s", path, why);
    free(why);
    return -1;
}

static bool name_ok(const char *name)
{
    size_t len = strnlen(name, NAME);
    return len > 0 && len < NAME && !strchr(name, '/') && strcmp(name, ".") && strcmp(name, "..");
}

/* Entry i: inside the file, a known kind, a usable name, its CRC. */
static int check_entry(const char *path, const uint8_t *buf, const struct sdk_host_image_header *h,
                       uint32_t i, struct diag *d)
{
    const struct sdk_host_image_entry *e = (const void *)(buf + HDR + (size_t)i * ENT);
    char what[32];
    snprintf(what, sizeof(what), "entry %u", i);
    if (e->offset < HDR || e->offset > h->image_size || e->size > h->image_size - e->offset) {
        return damaged(d, path, "%s lies outside the file", what);
    }
    if (e->kind < SDK_HOST_ENTRY_SYSTEM || e->kind > SDK_HOST_ENTRY_SYMBOLS || !name_ok(e->name)) {
        return damaged(d, path, "%s has an unknown kind or a bad name", what);
    }
    if (sdk_crc32(0, buf + e->offset, e->size) != e->crc32) {
        return damaged(d, path, "%s: CRC mismatch", what);
    }
    return 0;
}

/* Magic, format version, size and header CRC; *h is the header read. */
static int check_header(const char *path, const uint8_t *buf, size_t size,
                        struct sdk_host_image_header *h, struct diag *d)
{
    if (size < HDR) {
        return damaged(d, path, "%s", "the file is shorter than the header (truncated)");
    }
    memcpy(h, buf, HDR);
    if (h->magic != SDK_HOST_IMAGE_MAGIC) {
        return damaged(d, path, "%s", "no host image magic");
    }
    if (h->version != SDK_HOST_IMAGE_VERSION) {
        diag_error(d, NULL, "host-image-version", "build the image again with this SDK",
                   "host image '%s' has format version %u; this microkit reads version %u", path,
                   h->version, SDK_HOST_IMAGE_VERSION);
        return -1;
    }
    if (h->image_size != size) {
        return damaged(d, path, "%s",
                       h->image_size > size ? "the file is truncated" : "extra bytes at the end");
    }
    if ((size - HDR) / ENT < h->num_entries) {
        return damaged(d, path, "%s", "the entry table lies outside the file");
    }
    const void *table = buf + HDR;
    if (host_image_header_crc(h, table) != h->header_crc32) {
        return damaged(d, path, "%s", "header CRC mismatch");
    }
    return 0;
}

int host_image_check(const char *path, const uint8_t *buf, size_t size, struct diag *d)
{
    struct sdk_host_image_header h;
    if (check_header(path, buf, size, &h, d)) {
        return -1;
    }
    char sdk[sizeof(h.sdk_version) + 1] = {0};
    memcpy(sdk, h.sdk_version, sizeof(h.sdk_version));
    if (strcmp(sdk, MICROKIT_VERSION)) {
        diag_error(d, NULL, "host-image-sdk",
                   "its programs are linked against another SDK's host libmicrokit: rebuild "
                   "them and the image with this SDK",
                   "host image '%s' was written by SDK version '%s'; this is version '%s'", path,
                   sdk, MICROKIT_VERSION);
        return -1;
    }
    unsigned systems = 0;
    for (uint32_t i = 0; i < h.num_entries; i++) {
        if (check_entry(path, buf, &h, i, d)) {
            return -1;
        }
        const struct sdk_host_image_entry *e = (const void *)(buf + HDR + (size_t)i * ENT);
        systems += e->kind == SDK_HOST_ENTRY_SYSTEM;
    }
    if (systems != 1) {
        return damaged(d, path, "%s", "not exactly one system description");
    }
    size_t data = HDR + (size_t)h.num_entries * ENT;
    if (sdk_crc32(0, buf + data, size - data) != h.data_crc32) {
        return damaged(d, path, "%s", "data CRC mismatch");
    }
    return 0;
}

static const struct sdk_host_image_entry *entry(const uint8_t *buf, size_t i)
{
    return (const void *)(buf + HDR + i * ENT);
}

static int unpack_fail(struct host_unpacked *u, struct diag *d, const char *what)
{
    diag_error(d, NULL, "host-image-unpack", "set TMPDIR to a writable folder with room",
               "cannot unpack the host image into '%s': %s: %s", u->dir ? u->dir : "$TMPDIR", what,
               strerror(errno));
    host_unpacked_remove(u);
    return -1;
}

static char *made(struct host_unpacked *u, char *path)
{
    *VEC_PUSH(u->created) = path;
    return path;
}

/* Add entry i, to be written to DIR/i/NAME, to the set `s`. */
static int unpack_entry(const uint8_t *buf, size_t i, struct host_unpacked *u, struct output_set *s)
{
    const struct sdk_host_image_entry *e = entry(buf, i);
    if (e->kind == SDK_HOST_ENTRY_SYSTEM) {
        u->system = (const char *)buf + e->offset;
        u->system_size = e->size;
        u->system_name = e->name;
    }
    for (size_t j = 0; j < i; j++) {
        const struct sdk_host_image_entry *o = entry(buf, j);
        if (o->kind == e->kind && o->offset == e->offset && o->size == e->size) {
            u->paths[i] = u->paths[j]; /* one program run by several PDs */
            return 0;
        }
    }
    char *sub = xasprintf("%s/%zu", u->dir, i);
    if (mkdir(sub, 0700)) {
        free(sub);
        return -1;
    }
    made(u, sub);
    char *path = made(u, xasprintf("%s/%s", sub, e->name));
    unsigned mode = e->kind == SDK_HOST_ENTRY_PROGRAM ? 0700 : 0600;
    u->paths[i] = path;
    output_add(s, NULL, path, buf + e->offset, e->size, mode);
    return 0;
}

/* Write every entry added to `s` (files.h): for this run only, so not flushed. */
static int unpack_write(struct output_set *s, struct host_unpacked *u, struct diag *d)
{
    s->scratch = true;
    int rc = output_set_write(s) == OUTPUT_OK ? 0 : -1;
    for (size_t i = 0; rc && i < s->items.count; i++) {
        const struct output *o = &s->items.items[i];
        if (o->error.text[0]) {
            diag_error(d, NULL, "host-image-unpack", "set TMPDIR to a writable folder with room",
                       "cannot unpack the host image into '%s': '%s': %s", u->dir, o->path,
                       o->error.text);
        }
    }
    output_set_free(s);
    if (rc) {
        host_unpacked_remove(u);
    }
    return rc;
}

int host_image_unpack(const uint8_t *buf, struct host_unpacked *u, struct diag *d)
{
    memset(u, 0, sizeof(*u));
    const struct sdk_host_image_header *h = (const void *)buf;
    const char *tmp = getenv("TMPDIR");
    char *templ = xasprintf("%s/microkit-run-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
    if (!mkdtemp(templ)) {
        free(templ);
        return unpack_fail(u, d, "mkdtemp");
    }
    u->dir = templ;
    u->count = h->num_entries;
    u->paths = xcalloc(u->count + 1, sizeof(*u->paths));
    struct output_set s = {0};
    for (size_t i = 0; i < u->count; i++) {
        if (unpack_entry(buf, i, u, &s)) {
            output_set_free(&s);
            return unpack_fail(u, d, entry(buf, i)->name);
        }
    }
    return unpack_write(&s, u, d);
}

const char *host_unpacked_path(const struct host_unpacked *u, const uint8_t *buf, uint32_t kind,
                               uint32_t index)
{
    for (size_t i = 0; i < u->count; i++) {
        const struct sdk_host_image_entry *e = entry(buf, i);
        if (e->kind == kind && e->index == index) {
            return u->paths[i];
        }
    }
    return NULL;
}

void host_unpacked_remove(struct host_unpacked *u)
{
    for (size_t i = u->created.count; i-- > 0;) {
        if (unlink(u->created.items[i]) && errno == EISDIR) {
            rmdir(u->created.items[i]);
        }
        free(u->created.items[i]);
    }
    if (u->dir) {
        rmdir(u->dir);
    }
    free(u->created.items);
    free(u->paths);
    free(u->dir);
    memset(u, 0, sizeof(*u));
}
