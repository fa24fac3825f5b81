/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The spec stage: serialise a layout into the boot spec blob of
 * include/sdk/bootspec.h, which the monitor executes at boot. Frame
 * contents are deflated with zlib per 4 KiB piece (stored raw when deflate
 * does not help); all-zero pieces are skipped since the kernel hands out
 * zeroed frames. Each PD carries its ELF's function symbols, sorted by
 * address, for fault reports.
 */
#ifndef TOOL_SPEC_H
#define TOOL_SPEC_H

#include <stddef.h>
#include <stdint.h>

#include "elfload.h"
#include "layout.h"
#include "sdk/bootspec.h"

struct spec_blob {
    size_t prefix; /* in: bytes to reserve (zeroed) before the blob */
    uint8_t *buf;  /* prefix + size bytes */
    uint8_t *data; /* buf + prefix: the blob */
    size_t size;
    uint64_t raw_fill_bytes; /* frame bytes before compression */
};

/*
 * Build the blob. `pd_elfs` are the (patched) PD ELFs, one per PD;
 * `untyped_bytes_needed` goes into the header. The blob is placed `prefix`
 * bytes into one buffer, so the caller can put the monitor in front of it
 * without copying the blob (out->prefix is kept; set it before the call).
 */
void spec_build(const struct layout *lay, struct elf_file *const *pd_elfs,
                uint64_t untyped_bytes_needed, struct spec_blob *out);
void spec_blob_free(struct spec_blob *b);

/* A checked view of a blob: the tables, in place. */
struct spec_view {
    const struct bs_header *hdr;
    const struct bs_object *objects;
    const struct bs_cap *caps;
    const struct bs_map *maps;
    const struct bs_fill *fills;
    const struct bs_irq *irqs;
    const struct bs_pd *pds;
    const struct bs_symbol *symbols;
    const char *strings;
    const uint8_t *data;
};

/*
 * Check magic, version, size, CRC and that every table, string and fill
 * lies inside the blob (which must be 8-byte aligned). Returns 0, or -1
 * with the reason in `err`.
 */
int spec_parse(const void *blob, size_t size, struct spec_view *v, char *err, size_t errlen);

/* The string at `off`, or "?" when out of range. */
const char *spec_string(const struct spec_view *v, uint32_t off);

#endif /* TOOL_SPEC_H */
