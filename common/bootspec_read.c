/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The boot spec reader (include/sdk/bootspec_read.h). Everything an
 * executor indexes with is checked here, once, so the later stages can
 * trust the tables: a damaged or mismatched spec is refused before the
 * first kernel object is created.
 */
#include <stddef.h>
#include <stdint.h>

#include "sdk/bootspec_read.h"
#include "sdk/crc32.h"

const char *bs_str(const struct bs_spec *s, uint32_t off)
{
    if (off >= s->hdr->strings_size) {
        return "?";
    }
    return s->strings + off;
}

const char *bs_object_name(const struct bs_spec *s, uint32_t index)
{
    if (index >= s->hdr->num_objects) {
        return "?";
    }
    return bs_str(s, s->objects[index].name);
}

static int range_ok(uint64_t size, uint64_t off, uint64_t count, uint64_t elem)
{
    return off % 8 == 0 && off <= size && count <= (size - off) / elem;
}

static int check_header(const struct bs_spec *s, uint64_t size, const char **why)
{
    const struct bs_header *h = s->hdr;
    static const uint8_t zero[4];
    if (h->magic != BS_MAGIC) {
        *why = "bad magic";
        return -1;
    }
    if (h->version != BS_VERSION) {
        *why = "unsupported version";
        return -1;
    }
    if (h->size != size) {
        *why = "size in header does not match the patched size";
        return -1;
    }
    /* The CRC covers the whole blob with its own field taken as 0. */
    const size_t at = offsetof(struct bs_header, crc32);
    uint32_t crc = sdk_crc32(0, s->blob, at);
    crc = sdk_crc32(crc, zero, sizeof(zero));
    crc = sdk_crc32(crc, s->blob + at + sizeof(zero), size - at - sizeof(zero));
    if (crc != h->crc32) {
        *why = "crc32 mismatch";
        return -1;
    }
    return 0;
}

/* Before any pointer into the blob is formed from the header's offsets. */
static int check_tables(const struct bs_header *h, uint64_t size, const char **why)
{
    int ok = range_ok(size, h->objects_offset, h->num_objects, sizeof(struct bs_object)) &&
             range_ok(size, h->caps_offset, h->num_caps, sizeof(struct bs_cap)) &&
             range_ok(size, h->maps_offset, h->num_maps, sizeof(struct bs_map)) &&
             range_ok(size, h->fills_offset, h->num_fills, sizeof(struct bs_fill)) &&
             range_ok(size, h->irqs_offset, h->num_irqs, sizeof(struct bs_irq)) &&
             range_ok(size, h->pds_offset, h->num_pds, sizeof(struct bs_pd)) &&
             range_ok(size, h->symbols_offset, h->num_symbols, sizeof(struct bs_symbol)) &&
             range_ok(size, h->schedule_offset, h->num_schedule, sizeof(struct bs_sched)) &&
             h->strings_offset <= size && h->strings_size <= size - h->strings_offset &&
             h->data_offset <= size && h->data_size <= size - h->data_offset;
    if (!ok) {
        *why = "a table lies outside the spec";
        return -1;
    }
    return 0;
}

static int check_strings(const struct bs_spec *s, const char **why)
{
    uint32_t n = s->hdr->strings_size;
    if (n == 0 || s->strings[n - 1] != '\0') {
        *why = "string table is not NUL-terminated";
        return -1;
    }
    return 0;
}

static int object_sizes_ok(const struct bs_object *o)
{
    switch (o->type) {
    case BS_OBJ_FRAME:
        return o->size_bits == 12 || o->size_bits == 21 || o->size_bits == 30;
    case BS_OBJ_CNODE:
        return o->size_bits >= 1 && o->size_bits <= 24;
    case BS_OBJ_SCHED_CONTEXT:
        return o->size_bits >= 7 && o->size_bits <= 20;
    default:
        return o->type >= BS_OBJ_TCB && o->type <= BS_OBJ_VCPU;
    }
}

static int check_objects(const struct bs_spec *s, const char **why)
{
    const struct bs_header *h = s->hdr;
    for (uint32_t i = 0; i < h->num_objects; i++) {
        const struct bs_object *o = &s->objects[i];
        if (!object_sizes_ok(o) || o->name >= h->strings_size) {
            *why = "object with a bad type, size or name";
            return -1;
        }
        if (o->paddr != BS_ANY_PADDR &&
            o->paddr % (1ull << (o->type == BS_OBJ_FRAME ? o->size_bits : 12)) != 0) {
            *why = "object at a misaligned physical address";
            return -1;
        }
    }
    if (h->num_objects == 0) {
        *why = "no objects";
        return -1;
    }
    return 0;
}

/* Is `index` an object of `type` (or BS_NONE when none_ok)? */
static int is(const struct bs_spec *s, uint32_t index, unsigned type, int none_ok)
{
    if (index == BS_NONE) {
        return none_ok;
    }
    return index < s->hdr->num_objects && s->objects[index].type == type;
}

static int check_caps_maps(const struct bs_spec *s, const char **why)
{
    const struct bs_header *h = s->hdr;
    for (uint32_t i = 0; i < h->num_caps; i++) {
        const struct bs_cap *c = &s->caps[i];
        int obj_ok = c->kind == BS_CAP_SMC || (c->kind == BS_CAP_OBJECT && c->obj < h->num_objects);
        if (!is(s, c->cnode, BS_OBJ_CNODE, 0) || !obj_ok ||
            c->slot >= (1u << s->objects[c->cnode].size_bits)) {
            *why = "cap with a bad cnode, slot or object";
            return -1;
        }
    }
    for (uint32_t i = 0; i < h->num_maps; i++) {
        const struct bs_map *m = &s->maps[i];
        unsigned type = m->kind == BS_MAP_PAGE_TABLE ? BS_OBJ_PAGE_TABLE : BS_OBJ_FRAME;
        if ((m->kind != BS_MAP_PAGE_TABLE && m->kind != BS_MAP_FRAME) ||
            !is(s, m->vspace, BS_OBJ_VSPACE, 0) || !is(s, m->obj, type, 0)) {
            *why = "map with a bad kind, vspace or object";
            return -1;
        }
    }
    return 0;
}

static int check_fills_irqs(const struct bs_spec *s, const char **why)
{
    const struct bs_header *h = s->hdr;
    for (uint32_t i = 0; i < h->num_fills; i++) {
        const struct bs_fill *f = &s->fills[i];
        /* The scratch window takes 4 KiB and 2 MiB frames. */
        if (!is(s, f->obj, BS_OBJ_FRAME, 0) || s->objects[f->obj].size_bits > 21 ||
            f->data_offset > h->data_size || f->data_len > h->data_size - f->data_offset ||
            (uint64_t)f->dest_offset + f->raw_len > (1ull << s->objects[f->obj].size_bits) ||
            (f->encoding == BS_FILL_STORED && f->data_len != f->raw_len) ||
            f->encoding > BS_FILL_DEFLATE) {
            *why = "fill with a bad frame, data range or encoding";
            return -1;
        }
    }
    for (uint32_t i = 0; i < h->num_irqs; i++) {
        const struct bs_irq *q = &s->irqs[i];
        if (!is(s, q->notification, BS_OBJ_NOTIFICATION, 0) || !is(s, q->cnode, BS_OBJ_CNODE, 0) ||
            q->slot >= (1u << s->objects[q->cnode].size_bits) || q->trigger > BS_IRQ_EDGE) {
            *why = "irq with a bad notification, cnode, slot or trigger";
            return -1;
        }
    }
    return 0;
}

static int pd_ok(const struct bs_spec *s, const struct bs_pd *p)
{
    const struct bs_header *h = s->hdr;
    return p->name < h->strings_size && is(s, p->tcb, BS_OBJ_TCB, 0) &&
           is(s, p->sched_context, BS_OBJ_SCHED_CONTEXT, 0) && is(s, p->cnode, BS_OBJ_CNODE, 1) &&
           is(s, p->vspace, BS_OBJ_VSPACE, 0) && is(s, p->notification, BS_OBJ_NOTIFICATION, 1) &&
           is(s, p->ipc_buffer, BS_OBJ_FRAME, 1) && is(s, p->fault_ep, BS_OBJ_ENDPOINT, 1) &&
           is(s, p->vcpu, BS_OBJ_VCPU, !(p->flags & BS_PD_VCPU)) &&
           (p->parent == BS_NONE || p->parent < h->num_pds) && p->cpu < BS_MAX_CPUS &&
           p->first_symbol <= h->num_symbols && p->num_symbols <= h->num_symbols - p->first_symbol;
}

static int check_pds(const struct bs_spec *s, const char **why)
{
    const struct bs_header *h = s->hdr;
    for (uint32_t i = 0; i < h->num_pds; i++) {
        if (!pd_ok(s, &s->pds[i])) {
            *why = "pd with a bad object index, parent, cpu or symbol range";
            return -1;
        }
        /* seL4 has no domain scheduler on more than one core. */
        if (s->pds[i].cpu != 0 && h->schedule_start != BS_NONE) {
            *why = "pd on a core other than 0 in a spec with a domain schedule";
            return -1;
        }
    }
    for (uint32_t i = 0; i < h->num_symbols; i++) {
        if (s->symbols[i].name >= h->strings_size) {
            *why = "symbol with a bad name";
            return -1;
        }
    }
    if (!is(s, h->monitor_fault_ep, BS_OBJ_ENDPOINT, 0) ||
        !is(s, h->monitor_reply, BS_OBJ_REPLY, 0)) {
        *why = "bad monitor fault endpoint or reply object";
        return -1;
    }
    return 0;
}

static int sched_ok(const struct bs_sched *e)
{
    if (e->unit == BS_SCHED_END) {
        return e->duration == 0 && e->domain == 0;
    }
    return e->unit <= BS_SCHED_TICKS && e->duration != 0;
}

/* Entries well formed; a start exactly when there are entries, at an entry with a duration. */
static int check_schedule(const struct bs_spec *s, const char **why)
{
    const struct bs_header *h = s->hdr;
    int start_ok = h->schedule_start == BS_NONE && h->num_schedule == 0;
    for (uint32_t i = 0; i < h->num_schedule; i++) {
        const struct bs_sched *e = &s->schedule[i];
        if (!sched_ok(e)) {
            *why = "domain schedule entry with a bad unit, duration or domain";
            return -1;
        }
        start_ok |= e->index == h->schedule_start && e->unit != BS_SCHED_END;
    }
    if (!start_ok) {
        *why = "domain schedule start is not an entry with a duration";
        return -1;
    }
    return 0;
}

int bs_open(struct bs_spec *s, const void *blob, uint64_t size, const char **why)
{
    const uint8_t *b = blob;
    if (blob == NULL || size < sizeof(struct bs_header) || (uintptr_t)blob % 8 != 0) {
        *why = "spec missing, too small or misaligned";
        return -1;
    }
    s->blob = b;
    s->hdr = blob;
    if (check_header(s, size, why) != 0) {
        return -1;
    }
    const struct bs_header *h = s->hdr;
    if (check_tables(h, size, why) != 0) {
        return -1;
    }
    s->objects = (const struct bs_object *)(b + h->objects_offset);
    s->caps = (const struct bs_cap *)(b + h->caps_offset);
    s->maps = (const struct bs_map *)(b + h->maps_offset);
    s->fills = (const struct bs_fill *)(b + h->fills_offset);
    s->irqs = (const struct bs_irq *)(b + h->irqs_offset);
    s->pds = (const struct bs_pd *)(b + h->pds_offset);
    s->symbols = (const struct bs_symbol *)(b + h->symbols_offset);
    s->schedule = (const struct bs_sched *)(b + h->schedule_offset);
    s->strings = (const char *)(b + h->strings_offset);
    s->data = b + h->data_offset;
    if (check_strings(s, why) != 0 || check_objects(s, why) != 0 || check_caps_maps(s, why) != 0 ||
        check_fills_irqs(s, why) != 0 || check_pds(s, why) != 0 || check_schedule(s, why) != 0) {
        return -1;
    }
    return 0;
}
