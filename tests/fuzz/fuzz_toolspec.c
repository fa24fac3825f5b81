/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Fuzz target: the tool's own boot spec reader (tool/spec.h spec_parse),
 * which tests and reports use to look at a spec the tool wrote. Inputs are
 * tried as given and with the size and CRC32 fields made to match. An
 * accepted spec must have every table, string and fill inside the blob:
 * everything is read through the view, from an exact-size copy.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "spec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static volatile uint8_t sink;

static void touch(const void *p, size_t n)
{
    const uint8_t *b = p;
    if (n) {
        sink = b[0];
        sink = b[n - 1];
    }
}

static void walk(const struct spec_view *v)
{
    const struct bs_header *h = v->hdr;
    touch(v->objects, (size_t)h->num_objects * sizeof(*v->objects));
    touch(v->caps, (size_t)h->num_caps * sizeof(*v->caps));
    touch(v->maps, (size_t)h->num_maps * sizeof(*v->maps));
    touch(v->irqs, (size_t)h->num_irqs * sizeof(*v->irqs));
    touch(v->pds, (size_t)h->num_pds * sizeof(*v->pds));
    touch(v->symbols, (size_t)h->num_symbols * sizeof(*v->symbols));
    for (uint32_t i = 0; i < h->num_objects; i++) {
        sink = (uint8_t)strlen(spec_string(v, v->objects[i].name));
    }
    for (uint32_t i = 0; i < h->num_pds; i++) {
        sink = (uint8_t)strlen(spec_string(v, v->pds[i].name));
    }
    for (uint32_t i = 0; i < h->num_symbols; i++) {
        sink = (uint8_t)strlen(spec_string(v, v->symbols[i].name));
    }
    for (uint32_t i = 0; i < h->num_fills; i++) {
        touch(v->data + v->fills[i].data_offset, v->fills[i].data_len);
    }
}

static void parse(const uint8_t *blob, size_t size)
{
    struct spec_view v;
    char err[128];
    err[0] = '\0';
    if (spec_parse(blob, size, &v, err, sizeof(err)) == 0) {
        walk(&v);
    } else if (err[0] == '\0' || memchr(err, '\0', sizeof(err)) == NULL) {
        abort(); /* a refusal must say why */
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *blob = malloc(size ? size : 1);
    memcpy(blob, data, size);
    parse(blob, size);
    if (size >= sizeof(struct bs_header)) {
        struct bs_header *h = (struct bs_header *)blob;
        h->size = size;
        h->crc32 = 0;
        h->crc32 = (uint32_t)crc32(0, blob, (uInt)size);
        parse(blob, size);
    }
    free(blob);
    return 0;
}
