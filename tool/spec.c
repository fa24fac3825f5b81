/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "sdk/crc32.h"
#include "spec.h"
#include "util.h"

struct buf {
    uint8_t *p;
    size_t len, cap;
};

static size_t buf_append(struct buf *b, const void *data, size_t n)
{
    vec_grow((void **)&b->p, &b->cap, b->len + n, 1);
    memcpy(b->p + b->len, data, n);
    size_t at = b->len;
    b->len += n;
    return at;
}

/*
 * Piece `f` without its leading and trailing zero bytes (len 0 when it is
 * all zero): a frame is zero when the monitor fills it, so only the span
 * from the first to the last byte that is not zero is written. A PD's data
 * page is mostly zero around its few variables; trimmed, it is short
 * enough to store (below), and the monitor copies it instead of building
 * Huffman tables for it: 60 PDs of one program, each with its own data
 * page, had the monitor run the inflater 75 times, 70% of its own time.
 */
static struct lay_fill trim_zeros(const struct lay_fill *f)
{
    struct lay_fill t = *f;
    while (t.len && !t.data[0]) {
        t.data++;
        t.dest_offset++;
        t.len--;
    }
    while (t.len && !t.data[t.len - 1]) {
        t.len--;
    }
    return t;
}

/* Pieces this short are stored: inflating one costs the monitor more than copying it. */
#define FILL_STORE_MAX 256

/*
 * Identical pieces (every PD running the same ELF shares its text pages) are
 * compressed once and their data shared: a hash table of earlier fills keyed
 * by the raw bytes.
 */
struct dedup {
    uint32_t *slots; /* fill index + 1, 0 = empty */
    uint64_t *hashes;
    size_t mask;
};

static uint64_t fnv1a(const uint8_t *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++) {
        h = (h ^ p[i]) * 0x100000001b3ull;
    }
    return h ^ n;
}

/* An earlier fill with the same bytes, or NULL; remembers fill `idx` otherwise. */
static const struct bs_fill *dedup_find(struct dedup *dd, const struct lay_fill *pieces,
                                        const struct bs_fill *fills, const uint32_t *src,
                                        uint32_t idx, const struct lay_fill *f)
{
    uint64_t h = fnv1a(f->data, f->len);
    size_t i = h & dd->mask;
    for (; dd->slots[i]; i = (i + 1) & dd->mask) {
        const struct lay_fill *g = &pieces[src[dd->slots[i] - 1]];
        if (dd->hashes[i] == h && g->len == f->len && !memcmp(g->data, f->data, f->len)) {
            return &fills[dd->slots[i] - 1];
        }
    }
    dd->slots[i] = idx + 1;
    dd->hashes[i] = h;
    return NULL;
}

/*
 * zlib's level 6 with one stream reused for every piece: setting up a
 * deflate state costs more than deflating a 4 KiB page. Returns the
 * compressed length, or 0 when it is not smaller than the input.
 */
static size_t deflate_piece(z_stream *zs, const uint8_t *in, size_t len, uint8_t *out, size_t cap)
{
    if (deflateReset(zs) != Z_OK) {
        return 0;
    }
    zs->next_in = (Bytef *)in;
    zs->avail_in = (uInt)len;
    zs->next_out = out;
    zs->avail_out = (uInt)cap;
    if (deflate(zs, Z_FINISH) != Z_STREAM_END || zs->total_out >= len) {
        return 0;
    }
    return zs->total_out;
}

/* Compressed (or stored) frame data; returns the fill table. */
static struct bs_fill *build_fills(const struct layout *lay, struct buf *data, uint32_t *count,
                                   uint64_t *raw_bytes)
{
    struct bs_fill *fills = xmalloc((lay->fills.count + 1) * sizeof(*fills));
    uint32_t *src = xmalloc((lay->fills.count + 1) * sizeof(*src));
    struct dedup dd;
    size_t cap = 16;
    while (cap < 2 * lay->fills.count) {
        cap *= 2;
    }
    dd.slots = xcalloc(cap, sizeof(*dd.slots));
    dd.hashes = xmalloc(cap * sizeof(*dd.hashes));
    dd.mask = cap - 1;
    uLong bound = compressBound(4096);
    uint8_t *tmp = xmalloc(bound);
    z_stream zs = {0};
    /*
     * A piece is at most a page: a 4 KiB window and an 8192-entry hash
     * (zlib's default is 32 KiB and 32768, cleared on every reset: 64 KiB
     * of memset per piece) find the same matches but the few longer than
     * 3.7 KiB back. The monitor accepts any window up to 32 KiB.
     */
    if (deflateInit2(&zs, 6, Z_DEFLATED, 12, 6, Z_DEFAULT_STRATEGY) != Z_OK) {
        fputs("microkit: error: out of memory\n", stderr);
        exit(4);
    }
    struct lay_fill *pieces = xmalloc((lay->fills.count + 1) * sizeof(*pieces));
    uint32_t n = 0;
    for (size_t i = 0; i < lay->fills.count; i++) {
        pieces[i] = trim_zeros(&lay->fills.items[i]);
        const struct lay_fill *f = &pieces[i];
        if (!f->len) {
            continue;
        }
        size_t clen;
        struct bs_fill *o = &fills[n];
        src[n] = (uint32_t)i;
        const struct bs_fill *same = dedup_find(&dd, pieces, fills, src, n, f);
        n++;
        o->obj = f->obj;
        o->dest_offset = f->dest_offset;
        o->raw_len = f->len;
        *raw_bytes += f->len;
        if (same) {
            o->encoding = same->encoding;
            o->data_len = same->data_len;
            o->data_offset = same->data_offset;
        } else if (f->len > FILL_STORE_MAX &&
                   (clen = deflate_piece(&zs, f->data, f->len, tmp, bound)) != 0) {
            o->encoding = BS_FILL_DEFLATE;
            o->data_len = (uint32_t)clen;
            o->data_offset = (uint32_t)buf_append(data, tmp, clen);
        } else {
            o->encoding = BS_FILL_STORED;
            o->data_len = f->len;
            o->data_offset = (uint32_t)buf_append(data, f->data, f->len);
        }
    }
    deflateEnd(&zs);
    free(pieces);
    free(tmp);
    free(src);
    free(dd.slots);
    free(dd.hashes);
    *count = n;
    return fills;
}

static struct bs_symbol *build_symbols(const struct layout *lay, struct elf_file *const *pd_elfs,
                                       struct bs_pd *pds, struct strtab *st, uint32_t *count)
{
    VEC(struct bs_symbol) syms = {0};
    for (size_t p = 0; p < lay->num_pds; p++) {
        size_t n;
        const struct elf_symbol **fn = elf_functions(pd_elfs[p], &n);
        pds[p].first_symbol = (uint32_t)syms.count;
        pds[p].num_symbols = (uint32_t)n;
        for (size_t i = 0; i < n; i++) {
            struct bs_symbol *s = VEC_PUSH(syms);
            s->addr = fn[i]->value;
            s->size = fn[i]->size;
            s->name = strtab_add(st, fn[i]->name);
        }
        free(fn);
    }
    *count = (uint32_t)syms.count;
    return syms.items;
}

/* memcpy for tables that may be empty (and then have no storage). */
static void put(uint8_t *dst, const void *src, size_t n)
{
    if (n) {
        memcpy(dst, src, n);
    }
}

/* Where each table goes: offsets in a blob sized once, 8-byte aligned. */
static uint32_t place(size_t *at, size_t bytes)
{
    size_t off = align_up(*at, 8);
    *at = off + bytes;
    return (uint32_t)off;
}

static void layout_header(struct bs_header *h, const struct layout *lay, size_t strings,
                          size_t data)
{
    size_t at = sizeof(*h);
    h->num_objects = (uint32_t)lay->objects.count;
    h->objects_offset = place(&at, h->num_objects * sizeof(struct bs_object));
    h->num_caps = (uint32_t)lay->caps.count;
    h->caps_offset = place(&at, h->num_caps * sizeof(struct bs_cap));
    h->num_maps = (uint32_t)lay->maps.count;
    h->maps_offset = place(&at, h->num_maps * sizeof(struct bs_map));
    h->fills_offset = place(&at, h->num_fills * sizeof(struct bs_fill));
    h->num_irqs = (uint32_t)lay->irqs.count;
    h->irqs_offset = place(&at, h->num_irqs * sizeof(struct bs_irq));
    h->num_pds = (uint32_t)lay->threads.count;
    h->pds_offset = place(&at, h->num_pds * sizeof(struct bs_pd));
    h->symbols_offset = place(&at, h->num_symbols * sizeof(struct bs_symbol));
    h->num_schedule = (uint32_t)lay->schedule.count;
    h->schedule_offset = place(&at, h->num_schedule * sizeof(struct bs_sched));
    h->strings_size = (uint32_t)strings;
    h->strings_offset = place(&at, strings);
    h->data_size = (uint32_t)data;
    h->data_offset = place(&at, data);
    h->size = align_up(at, 8);
}

static void write_objects(uint8_t *dst, const struct layout *lay)
{
    struct bs_object *o = (struct bs_object *)dst;
    for (size_t i = 0; i < lay->objects.count; i++) {
        const struct lay_object *l = &lay->objects.items[i];
        o[i].paddr = l->paddr;
        o[i].type = l->type;
        o[i].size_bits = l->size_bits;
        o[i].flags = l->flags;
        o[i].name = l->name;
    }
}

void spec_build(const struct layout *lay, struct elf_file *const *pd_elfs,
                uint64_t untyped_bytes_needed, struct spec_blob *out)
{
    struct strtab st = {0};
    vec_grow((void **)&st.buf, &st.cap, lay->strings.len + 1, 1);
    memcpy(st.buf, lay->strings.buf, lay->strings.len);
    st.len = lay->strings.len;
    struct bs_header h = {.magic = BS_MAGIC, .version = BS_VERSION};
    struct buf data = {0};
    struct bs_pd *pds = xmalloc((lay->threads.count + 1) * sizeof(*pds));
    put((uint8_t *)pds, lay->threads.items, lay->threads.count * sizeof(*pds));
    struct bs_fill *fills = build_fills(lay, &data, &h.num_fills, &out->raw_fill_bytes);
    struct bs_symbol *syms = build_symbols(lay, pd_elfs, pds, &st, &h.num_symbols);
    layout_header(&h, lay, st.len, data.len);
    h.monitor_fault_ep = lay->monitor_fault_ep;
    h.monitor_reply = lay->monitor_reply;
    h.untyped_bytes_needed = untyped_bytes_needed;
    h.schedule_start = lay->schedule.count ? lay->schedule_start : BS_NONE;
    h.timer_hz = lay->timer_hz;
    out->buf = xcalloc(1, out->prefix + h.size);
    uint8_t *b = out->buf + out->prefix;
    write_objects(b + h.objects_offset, lay);
    put(b + h.caps_offset, lay->caps.items, h.num_caps * sizeof(struct bs_cap));
    put(b + h.maps_offset, lay->maps.items, h.num_maps * sizeof(struct bs_map));
    put(b + h.fills_offset, fills, h.num_fills * sizeof(*fills));
    put(b + h.irqs_offset, lay->irqs.items, h.num_irqs * sizeof(struct bs_irq));
    put(b + h.pds_offset, pds, h.num_pds * sizeof(*pds));
    put(b + h.symbols_offset, syms, h.num_symbols * sizeof(*syms));
    put(b + h.schedule_offset, lay->schedule.items, h.num_schedule * sizeof(struct bs_sched));
    put(b + h.strings_offset, st.buf, st.len);
    put(b + h.data_offset, data.p, data.len);
    memcpy(b, &h, sizeof(h));
    h.crc32 = sdk_crc32(0, b, h.size);
    memcpy(b, &h, sizeof(h));
    out->data = b;
    out->size = h.size;
    free(syms);
    free(fills);
    free(pds);
    free(data.p);
    free(st.buf);
}

void spec_blob_free(struct spec_blob *b)
{
    free(b->buf);
    size_t prefix = b->prefix;
    memset(b, 0, sizeof(*b));
    b->prefix = prefix;
}
