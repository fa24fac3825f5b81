/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The host image (format: include/sdk/host_image.h, docs/image-format.md):
 * `microkit SYSTEM --board host` packs the checked system description and
 * the files its run needs into one file (build_host.c); `microkit run IMAGE`
 * validates it and unpacks it into a private temporary folder
 * (host_image.c), then runs it as `microkit run SYSTEM` does.
 */
#ifndef TOOL_HOST_IMAGE_H
#define TOOL_HOST_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "sdk/host_image.h"

/* One file to pack. */
struct host_image_file {
    uint32_t kind;  /* SDK_HOST_ENTRY_* */
    uint32_t index; /* PD or memory region index */
    const char *name;
    const uint8_t *data;
    size_t size;
};

/*
 * Serialise `n` files; files with the same `data` pointer share one payload.
 * Deterministic. Returns a malloc'ed buffer of *out_size bytes.
 */
uint8_t *host_image_pack(const struct host_image_file *f, size_t n, const char *config,
                         size_t *out_size);

/* True when `buf` starts with the host image magic. */
bool host_image_is(const uint8_t *buf, size_t size);

/* CRC of a header (header_crc32 counted as 0) followed by its entry table. */
uint32_t host_image_header_crc(const struct sdk_host_image_header *h,
                               const struct sdk_host_image_entry *e);

/*
 * Check magic, format version, size, header CRC, SDK version and every
 * entry (inside the file, CRC, kind, name, one system description). Reports
 * one error naming `path` (rules host-image-damaged, host-image-version,
 * host-image-sdk) and returns -1, or returns 0.
 */
int host_image_check(const char *path, const uint8_t *buf, size_t size, struct diag *d);

/* An image unpacked into a temporary folder. */
struct host_unpacked {
    char *dir;               /* the folder, mode 0700 */
    char **paths;            /* per entry: where its file was written */
    size_t count;            /* entries */
    const char *system;      /* the system description's bytes (in the image) */
    size_t system_size;      /* its size */
    const char *system_name; /* its base name */
    VEC(char *) created;     /* every file and folder made, in order */
};

/*
 * Unpack a checked image into a new folder under $TMPDIR (or /tmp). Returns
 * 0, or -1 after reporting the problem (rule host-image-unpack) and removing
 * whatever was made.
 */
int host_image_unpack(const uint8_t *buf, struct host_unpacked *u, struct diag *d);

/* The unpacked path of the entry of `kind` and `index`, or NULL. */
const char *host_unpacked_path(const struct host_unpacked *u, const uint8_t *buf, uint32_t kind,
                               uint32_t index);

/* Remove the folder and everything in it, and free `u`. */
void host_unpacked_remove(struct host_unpacked *u);

/* What `microkit SYSTEM --board host` was given. */
struct host_build_args {
    const char *system, *config, *output, *report, *report_json;
    const char *gen_headers; /* --gen-headers DIR; NULL: none */
    const char *const *search;
    size_t nsearch;
    const struct diag_flags *flags; /* --werror, --strict, -W, -E, -Wno-; NULL: none */
};

/* The build command for --board host (build_host.c). Returns an exit status. */
int build_host(const struct host_build_args *a);

#endif /* TOOL_HOST_IMAGE_H */
