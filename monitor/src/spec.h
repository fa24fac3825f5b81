/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The boot spec as the monitor sees it: checked once (magic, version, CRC32,
 * every table and every index in bounds), then read through typed pointers.
 * Nothing here talks to the kernel, so it runs unchanged on the host.
 */
#ifndef MONITOR_SPEC_H
#define MONITOR_SPEC_H

#include <stddef.h>
#include <stdint.h>

#include <sdk/bootspec.h>

struct spec {
    const uint8_t *blob;
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

/* CRC32 (IEEE 802.3, as zlib's crc32()) of buf[0..len), continuing from crc (0 to start). */
uint32_t spec_crc32(uint32_t crc, const void *buf, size_t len);

/*
 * Checks the blob at [blob, blob + size) and fills *spec. Returns 0, or -1
 * with *why set to a lowercase description of the first problem found.
 */
int spec_open(struct spec *spec, const void *blob, uint64_t size, const char **why);

/* The string at offset `off` ("?" if out of range). */
const char *spec_str(const struct spec *spec, uint32_t off);

/* The name of object `index`. */
const char *spec_object_name(const struct spec *spec, uint32_t index);

#endif /* MONITOR_SPEC_H */
