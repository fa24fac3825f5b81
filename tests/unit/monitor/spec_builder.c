/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "spec_builder.h"

void sb_init(struct sb *b)
{
    memset(b, 0, sizeof(*b));
    b->strings_len = 1; /* offset 0 is the empty string */
    b->monitor_fault_ep = BS_NONE;
    b->monitor_reply = BS_NONE;
    b->schedule_start = BS_NONE;
}

uint32_t sb_str(struct sb *b, const char *s)
{
    uint32_t off = b->strings_len;
    size_t len = strlen(s) + 1;
    memcpy(b->strings + off, s, len);
    b->strings_len += (uint32_t)len;
    return off;
}

uint32_t sb_object(struct sb *b, unsigned type, unsigned size_bits, uint64_t paddr, unsigned flags,
                   const char *name)
{
    struct bs_object *o = &b->objects[b->num_objects];
    o->paddr = paddr;
    o->type = (uint8_t)type;
    o->size_bits = (uint8_t)size_bits;
    o->flags = (uint16_t)flags;
    o->name = sb_str(b, name);
    return b->num_objects++;
}

void sb_cap(struct sb *b, uint32_t cnode, uint32_t slot, uint32_t obj, unsigned kind,
            unsigned rights, uint64_t badge)
{
    struct bs_cap *c = &b->caps[b->num_caps++];
    c->cnode = cnode;
    c->slot = slot;
    c->obj = obj;
    c->kind = (uint16_t)kind;
    c->rights = (uint16_t)rights;
    c->badge = badge;
}

void sb_map(struct sb *b, uint32_t vspace, uint32_t obj, uint64_t vaddr, unsigned kind,
            unsigned rights, unsigned attrs)
{
    struct bs_map *m = &b->maps[b->num_maps++];
    memset(m, 0, sizeof(*m));
    m->vspace = vspace;
    m->obj = obj;
    m->vaddr = vaddr;
    m->kind = (uint8_t)kind;
    m->rights = (uint8_t)rights;
    m->attrs = (uint8_t)attrs;
}

void sb_fill(struct sb *b, uint32_t frame, uint32_t dest_offset, const void *data, uint32_t len,
             int deflate)
{
    struct bs_fill *f = &b->fills[b->num_fills++];
    f->obj = frame;
    f->dest_offset = dest_offset;
    f->data_offset = b->data_len;
    f->raw_len = len;
    f->encoding = deflate ? BS_FILL_DEFLATE : BS_FILL_STORED;
    if (deflate) {
        uLongf clen = sizeof(b->data) - b->data_len;
        compress2(b->data + b->data_len, &clen, data, len, 9);
        f->data_len = (uint32_t)clen;
    } else {
        memcpy(b->data + b->data_len, data, len);
        f->data_len = len;
    }
    b->data_len += f->data_len;
}

void sb_irq(struct sb *b, uint64_t irq, uint64_t badge, uint32_t ntfn, uint32_t cnode,
            uint32_t slot, uint32_t trigger)
{
    struct bs_irq *q = &b->irqs[b->num_irqs++];
    q->irq = irq;
    q->badge = badge;
    q->notification = ntfn;
    q->cnode = cnode;
    q->slot = slot;
    q->trigger = trigger;
}

uint32_t sb_pd(struct sb *b, const struct bs_pd *pd, const char *name)
{
    b->pds[b->num_pds] = *pd;
    b->pds[b->num_pds].name = sb_str(b, name);
    return b->num_pds++;
}

void sb_symbol(struct sb *b, uint64_t addr, uint64_t size, const char *name)
{
    struct bs_symbol *s = &b->symbols[b->num_symbols++];
    s->addr = addr;
    s->size = size;
    s->name = sb_str(b, name);
    s->pad = 0;
}

void sb_sched(struct sb *b, uint32_t index, uint8_t domain, unsigned unit, uint64_t duration)
{
    b->schedule[b->num_schedule++] = (struct bs_sched){
        .duration = duration, .index = index, .domain = domain, .unit = (uint8_t)unit};
}

void sb_sched_start(struct sb *b, uint32_t index)
{
    b->schedule_start = index;
}

static uint32_t put(uint8_t *blob, size_t *at, const void *src, size_t len)
{
    uint32_t off = (uint32_t)*at;
    if (len > 0) {
        memcpy(blob + off, src, len);
    }
    *at = (*at + len + 7) & ~(size_t)7;
    return off;
}

uint8_t *sb_finish(const struct sb *b, size_t *size)
{
    size_t cap = (sizeof(*b) + 4096) & ~(size_t)7, at = sizeof(struct bs_header);
    uint8_t *blob = aligned_alloc(8, cap);
    memset(blob, 0, cap);
    struct bs_header h = {0};
    h.magic = BS_MAGIC;
    h.version = BS_VERSION;
    h.num_objects = b->num_objects;
    h.objects_offset = put(blob, &at, b->objects, b->num_objects * sizeof(struct bs_object));
    h.num_caps = b->num_caps;
    h.caps_offset = put(blob, &at, b->caps, b->num_caps * sizeof(struct bs_cap));
    h.num_maps = b->num_maps;
    h.maps_offset = put(blob, &at, b->maps, b->num_maps * sizeof(struct bs_map));
    h.num_fills = b->num_fills;
    h.fills_offset = put(blob, &at, b->fills, b->num_fills * sizeof(struct bs_fill));
    h.num_irqs = b->num_irqs;
    h.irqs_offset = put(blob, &at, b->irqs, b->num_irqs * sizeof(struct bs_irq));
    h.num_pds = b->num_pds;
    h.pds_offset = put(blob, &at, b->pds, b->num_pds * sizeof(struct bs_pd));
    h.num_symbols = b->num_symbols;
    h.symbols_offset = put(blob, &at, b->symbols, b->num_symbols * sizeof(struct bs_symbol));
    h.num_schedule = b->num_schedule;
    h.schedule_offset = put(blob, &at, b->schedule, b->num_schedule * sizeof(struct bs_sched));
    h.schedule_start = b->schedule_start;
    h.timer_hz = b->timer_hz;
    h.strings_size = b->strings_len;
    h.strings_offset = put(blob, &at, b->strings, b->strings_len);
    h.data_size = b->data_len;
    h.data_offset = put(blob, &at, b->data, b->data_len);
    h.monitor_fault_ep = b->monitor_fault_ep;
    h.monitor_reply = b->monitor_reply;
    h.untyped_bytes_needed = b->untyped_bytes_needed;
    h.size = at;
    memcpy(blob, &h, sizeof(h));
    h.crc32 = (uint32_t)crc32(0, blob, (uInt)at);
    memcpy(blob, &h, sizeof(h));
    *size = at;
    return blob;
}
