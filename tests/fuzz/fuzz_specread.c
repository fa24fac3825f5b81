/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Fuzz target: the boot spec reader alone (bs_open, common/bootspec_read.c),
 * which every executor of a spec trusts. Inputs are tried as given and with
 * the size and CRC32 fields made to match. For an accepted spec, everything
 * bs_open promises is used without further checks, from an exact-size
 * copy: every table, string and fill lies inside the blob, and every object
 * index a cap, map, fill, IRQ or PD holds names an object (AddressSanitizer
 * and UBSan catch a broken promise).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "sdk/bootspec_read.h"

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

/* An object index bs_open accepted (BS_NONE where the field allows none). */
static void object(const struct bs_spec *s, uint32_t index)
{
    if (index != BS_NONE) {
        sink = s->objects[index].type;
        sink = (uint8_t)strlen(bs_object_name(s, index));
    }
}

static void walk_tables(const struct bs_spec *s)
{
    const struct bs_header *h = s->hdr;
    touch(s->objects, (size_t)h->num_objects * sizeof(*s->objects));
    touch(s->caps, (size_t)h->num_caps * sizeof(*s->caps));
    touch(s->maps, (size_t)h->num_maps * sizeof(*s->maps));
    touch(s->irqs, (size_t)h->num_irqs * sizeof(*s->irqs));
    touch(s->pds, (size_t)h->num_pds * sizeof(*s->pds));
    touch(s->symbols, (size_t)h->num_symbols * sizeof(*s->symbols));
    for (uint32_t i = 0; i < h->num_objects; i++) {
        object(s, i);
    }
    for (uint32_t i = 0; i < h->num_symbols; i++) {
        sink = (uint8_t)strlen(bs_str(s, s->symbols[i].name));
    }
    for (uint32_t i = 0; i < h->num_fills; i++) {
        touch(s->data + s->fills[i].data_offset, s->fills[i].data_len);
        object(s, s->fills[i].obj);
    }
    object(s, h->monitor_fault_ep);
    object(s, h->monitor_reply);
}

static void walk_indexes(const struct bs_spec *s)
{
    const struct bs_header *h = s->hdr;
    for (uint32_t i = 0; i < h->num_caps; i++) {
        object(s, s->caps[i].cnode);
        object(s, s->caps[i].kind == BS_CAP_OBJECT ? s->caps[i].obj : BS_NONE);
    }
    for (uint32_t i = 0; i < h->num_maps; i++) {
        object(s, s->maps[i].vspace);
        object(s, s->maps[i].obj);
    }
    for (uint32_t i = 0; i < h->num_irqs; i++) {
        object(s, s->irqs[i].notification);
        object(s, s->irqs[i].cnode);
    }
    for (uint32_t i = 0; i < h->num_pds; i++) {
        const struct bs_pd *p = &s->pds[i];
        sink = (uint8_t)strlen(bs_str(s, p->name));
        object(s, p->tcb);
        object(s, p->sched_context);
        object(s, p->cnode);
        object(s, p->vspace);
        object(s, p->notification);
        object(s, p->ipc_buffer);
        object(s, p->fault_ep);
        object(s, p->vcpu);
        if (p->parent != BS_NONE) {
            sink = (uint8_t)s->pds[p->parent].flags;
        }
        touch(s->symbols + p->first_symbol, (size_t)p->num_symbols * sizeof(*s->symbols));
    }
}

static void parse(const uint8_t *blob, size_t size)
{
    struct bs_spec s;
    const char *why = NULL;
    if (bs_open(&s, blob, size, &why) == 0) {
        walk_tables(&s);
        walk_indexes(&s);
    } else if (why == NULL || why[0] == '\0') {
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
