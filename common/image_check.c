/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The loader image check (include/sdk/image_check.h). It runs in the loader
 * with the MMU off, so it reads only whole, aligned fields of the header and
 * the table, hands payload bytes to sdk_crc32() (which reads bytes), and
 * never writes outside the caller's message buffer.
 */
#include <stddef.h>
#include <stdint.h>

#include "sdk/crc32.h"
#include "sdk/image_check.h"

#define BLOCK_2M    0x200000ull
#define RANGE_48    (1ull << 48)  /* the lower 48-bit range, and the physical limit */
#define UPPER_START (~0ull << 48) /* the upper 48-bit range starts here */
#define KNOWN_FLAGS (SDK_IMAGE_FLAG_HYP | SDK_IMAGE_FLAG_PRINT)

/* One run of the check. */
struct check {
    const struct sdk_image_input *in;
    const struct sdk_image_header *h;
    unsigned problems;
};

static uint32_t kind_of(const struct check *c, uint32_t i)
{
    return i == SDK_IMAGE_NO_REGION ? 0 : c->in->regions[i].kind;
}

/* Reports `fault` about region i (and j), with up to four values. */
static void emit(struct check *c, enum sdk_image_fault fault, uint32_t i, uint32_t j,
                 const uint64_t v[4])
{
    struct sdk_image_problem p = {.fault = fault, .region = i, .other = j};
    p.kind = kind_of(c, i);
    p.other_kind = kind_of(c, j);
    for (int k = 0; k < 4; k++) {
        p.v[k] = v[k];
    }
    c->problems++;
    c->in->report(c->in->ctx, &p);
}

static void header_problem(struct check *c, enum sdk_image_fault fault, uint64_t a, uint64_t b,
                           uint64_t x)
{
    const uint64_t v[4] = {a, b, x, 0};
    emit(c, fault, SDK_IMAGE_NO_REGION, SDK_IMAGE_NO_REGION, v);
}

static void region_problem(struct check *c, enum sdk_image_fault fault, uint32_t i, uint64_t a,
                           uint64_t b)
{
    const uint64_t v[4] = {a, b, 0, 0};
    emit(c, fault, i, SDK_IMAGE_NO_REGION, v);
}

uint32_t sdk_image_header_crc(const struct sdk_image_header *h,
                              const struct sdk_image_region *table)
{
    static const uint8_t zero[4];
    const uint8_t *p = (const uint8_t *)h;
    const size_t at = offsetof(struct sdk_image_header, header_crc32);
    uint32_t crc = sdk_crc32(0, p, at);
    crc = sdk_crc32(crc, zero, sizeof(zero));
    crc = sdk_crc32(crc, p + at + sizeof(zero), sizeof(*h) - at - sizeof(zero));
    return sdk_crc32(crc, table, (size_t)h->num_regions * sizeof(*table));
}

static uint64_t table_end(const struct sdk_image_header *h)
{
    return SDK_IMAGE_HEADER_SIZE + (uint64_t)h->num_regions * SDK_IMAGE_REGION_SIZE;
}

/* Step 1: what must hold before the table can be read. 0 when it can. */
static int check_frame(struct check *c)
{
    const struct sdk_image_header *h = c->h;
    const struct sdk_image_input *in = c->in;
    if (h->magic != SDK_IMAGE_MAGIC) {
        header_problem(c, SDK_IMAGE_BAD_MAGIC, h->magic, SDK_IMAGE_MAGIC, 0);
        return -1;
    }
    if (h->version != SDK_IMAGE_VERSION) {
        header_problem(c, SDK_IMAGE_BAD_VERSION, h->version, SDK_IMAGE_VERSION, 0);
        return -1;
    }
    unsigned before = c->problems;
    if (h->num_regions > SDK_IMAGE_MAX_REGIONS) {
        header_problem(c, SDK_IMAGE_TOO_MANY, h->num_regions, SDK_IMAGE_MAX_REGIONS, 0);
    } else if (table_end(h) > h->image_size) {
        header_problem(c, SDK_IMAGE_TABLE_OUTSIDE, h->num_regions, h->image_size, 0);
    }
    if (h->image_size > in->avail) {
        header_problem(c, SDK_IMAGE_SIZE_OUTSIDE, h->image_size, in->avail, 0);
    }
    if (in->has_addresses && h->image_size && h->image_size - 1 > UINT64_MAX - in->header_addr) {
        header_problem(c, SDK_IMAGE_SIZE_WRAPS, in->header_addr, h->image_size, 0);
    }
    return c->problems == before ? 0 : -1;
}

/* [base, base + size) lies in [0, limit) (limit <= 2^48 here). */
static int below(uint64_t base, uint64_t size, uint64_t limit)
{
    return base <= limit && size <= limit - base;
}

/* The loader maps the window with 2 MiB blocks in 48-bit tables. */
static int window_ok(const struct sdk_image_header *h)
{
    uint64_t vb = h->kernel_vbase, pb = h->kernel_pbase, size = h->kernel_vsize;
    if (!size || (vb | pb | size) & (BLOCK_2M - 1) || !below(pb, size, RANGE_48)) {
        return 0;
    }
    return vb >= UPPER_START ? size <= 0 - vb : below(vb, size, RANGE_48);
}

/* Step 3. */
static void check_values(struct check *c)
{
    const struct sdk_image_header *h = c->h;
    if (h->flags & ~KNOWN_FLAGS) {
        header_problem(c, SDK_IMAGE_FLAGS, h->flags & ~KNOWN_FLAGS, 0, 0);
    }
    if (!window_ok(h)) {
        header_problem(c, SDK_IMAGE_WINDOW, h->kernel_vbase, h->kernel_pbase, h->kernel_vsize);
    } else if ((h->flags & SDK_IMAGE_FLAG_HYP) && h->kernel_vbase >= UPPER_START) {
        header_problem(c, SDK_IMAGE_WINDOW_HYP, h->kernel_vbase, 0, 0);
    }
    if (h->reserved) {
        header_problem(c, SDK_IMAGE_RESERVED, h->reserved, 0, 0);
    }
}

/* load_addr + mem_size reaches past the last address. */
static int wraps(const struct sdk_image_region *r)
{
    return r->mem_size > UINT64_MAX - r->load_addr;
}

/* The payload lies in the payload area; reported when not. */
static int payload_inside(struct check *c, uint32_t i)
{
    const struct sdk_image_region *r = &c->in->regions[i];
    uint64_t start = table_end(c->h), end = c->h->image_size;
    if (r->payload_offset % 8) {
        region_problem(c, SDK_IMAGE_REGION_ALIGN, i, r->payload_offset, 0);
        return 0;
    }
    if (r->payload_offset < start || r->payload_offset > end ||
        r->file_size > end - r->payload_offset) {
        const uint64_t v[4] = {r->payload_offset, r->file_size, start, end};
        emit(c, SDK_IMAGE_REGION_PAYLOAD, i, SDK_IMAGE_NO_REGION, v);
        return 0;
    }
    return 1;
}

/* Step 4 for region i. Returns 1 when its payload may be read. */
static int check_fields(struct check *c, uint32_t i)
{
    const struct sdk_image_region *r = &c->in->regions[i];
    if (r->kind < SDK_REGION_KERNEL || r->kind > SDK_REGION_TEST) {
        region_problem(c, SDK_IMAGE_REGION_KIND, i, r->kind, 0);
    }
    if (r->file_size > r->mem_size) {
        region_problem(c, SDK_IMAGE_REGION_SIZES, i, r->file_size, r->mem_size);
    }
    if (wraps(r)) {
        region_problem(c, SDK_IMAGE_REGION_WRAPS, i, r->load_addr, r->mem_size);
    }
    if (r->reserved) {
        region_problem(c, SDK_IMAGE_REGION_RESERVED, i, r->reserved, 0);
    }
    return payload_inside(c, i);
}

/* Region r meets [start, end); empty or wrapping regions meet nothing. */
static int meets(const struct sdk_image_region *r, uint64_t start, uint64_t end)
{
    return r->mem_size && !wraps(r) && start < end && r->load_addr < end &&
           start < r->load_addr + r->mem_size;
}

/* Step 5 for region i: its first overlap with an earlier region, and the loader. */
static void check_overlaps(struct check *c, uint32_t i)
{
    const struct sdk_image_region *t = c->in->regions, *r = &t[i];
    for (uint32_t j = 0; j < i; j++) {
        if (t[j].mem_size && !wraps(&t[j]) &&
            meets(r, t[j].load_addr, t[j].load_addr + t[j].mem_size)) {
            const uint64_t v[4] = {r->load_addr, r->load_addr + r->mem_size, t[j].load_addr,
                                   t[j].load_addr + t[j].mem_size};
            emit(c, SDK_IMAGE_REGION_OVERLAP, i, j, v);
            break;
        }
    }
    uint64_t lo = c->in->image_addr, hi = c->in->header_addr + c->h->image_size;
    if (c->in->has_addresses && meets(r, lo, hi)) {
        const uint64_t v[4] = {r->load_addr, r->load_addr + r->mem_size, lo, hi};
        emit(c, SDK_IMAGE_REGION_LOADER, i, SDK_IMAGE_NO_REGION, v);
    }
}

/* Step 6 for region i. */
static void check_crc(struct check *c, uint32_t i)
{
    const struct sdk_image_region *r = &c->in->regions[i];
    uint32_t crc = sdk_crc32(0, c->in->payloads + r->payload_offset, (size_t)r->file_size);
    if (crc != r->crc32) {
        region_problem(c, SDK_IMAGE_REGION_CRC, i, r->crc32, crc);
    }
}

unsigned sdk_image_check(const struct sdk_image_input *in)
{
    struct check c = {in, in->header, 0};
    if (check_frame(&c)) {
        return c.problems;
    }
    uint32_t crc = sdk_image_header_crc(c.h, in->regions);
    int header_ok = crc == c.h->header_crc32;
    if (!header_ok) {
        header_problem(&c, SDK_IMAGE_HEADER_CRC, c.h->header_crc32, crc, 0);
    }
    check_values(&c);
    for (uint32_t i = 0; i < c.h->num_regions; i++) {
        int inside = check_fields(&c, i);
        check_overlaps(&c, i);
        if (header_ok && inside) {
            check_crc(&c, i);
        }
    }
    return c.problems;
}

/* ---- messages ---- */

/*
 * One template per fault: %r and %o name the region and the other region,
 * %xN prints v[N] in hex (0x...), %uN in decimal.
 */
static const char *const templates[] = {
    [SDK_IMAGE_BAD_MAGIC] = "no image header: magic %x0, expected %x1",
    [SDK_IMAGE_BAD_VERSION] = "image format version %u0, this SDK reads version %u1",
    [SDK_IMAGE_TOO_MANY] = "%u0 regions, more than the %u1 the loader takes",
    [SDK_IMAGE_TABLE_OUTSIDE] = "region table (%u0 regions) does not fit in the image (%x1 bytes)",
    [SDK_IMAGE_SIZE_OUTSIDE] = "image size %x0 runs past the end of the file (%x1 bytes after "
                               "the header)",
    [SDK_IMAGE_SIZE_WRAPS] = "image at %x0 of size %x1 wraps around the address space",
    [SDK_IMAGE_HEADER_CRC] = "header CRC mismatch: stored %x0, computed %x1",
    [SDK_IMAGE_FLAGS] = "unknown image flags %x0",
    [SDK_IMAGE_WINDOW] = "kernel window %x0 -> %x1, size %x2, is empty, not 2 MiB aligned or "
                         "outside the 48-bit address ranges",
    [SDK_IMAGE_WINDOW_HYP] = "hypervisor kernel window %x0 is in the upper half of the address "
                             "space",
    [SDK_IMAGE_RESERVED] = "reserved header field is %x0, not 0",
    [SDK_IMAGE_REGION_KIND] = "%r: unknown region kind %u0",
    [SDK_IMAGE_REGION_ALIGN] = "%r: payload offset %x0 is not a multiple of 8",
    [SDK_IMAGE_REGION_PAYLOAD] = "%r: payload at offset %x0 of size %x1 is outside the payload "
                                 "area %x2..%x3",
    [SDK_IMAGE_REGION_SIZES] = "%r: file size %x0 above memory size %x1",
    [SDK_IMAGE_REGION_WRAPS] = "%r: %x0 + %x1 wraps around",
    [SDK_IMAGE_REGION_RESERVED] = "%r: reserved field is %x0, not 0",
    [SDK_IMAGE_REGION_OVERLAP] = "%r at %x0..%x1 overlaps %o at %x2..%x3",
    [SDK_IMAGE_REGION_LOADER] = "%r at %x0..%x1 overlaps the loader image %x2..%x3",
    [SDK_IMAGE_REGION_CRC] = "%r CRC mismatch: stored %x0, computed %x1",
};

/* Where the message goes; one byte is always kept for the NUL. */
struct out {
    char *p;
    size_t left;
};

static void put_char(struct out *o, char ch)
{
    if (o->left > 1) {
        *o->p++ = ch;
        o->left--;
    }
}

static void put_str(struct out *o, const char *s)
{
    while (*s) {
        put_char(o, *s++);
    }
}

static void put_num(struct out *o, uint64_t v, unsigned base)
{
    char digits[20];
    int n = 0;
    if (base == 16) {
        put_str(o, "0x");
    }
    do {
        digits[n++] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    while (n) {
        put_char(o, digits[--n]);
    }
}

static void put_region(struct out *o, uint32_t i, uint32_t kind)
{
    put_str(o, "region ");
    put_num(o, i, 10);
    put_str(o, " (");
    put_str(o, sdk_image_region_kind_name(kind));
    put_char(o, ')');
}

/* One directive at *t (after the '%'); returns the characters it took. */
static int put_directive(struct out *o, const char *t, const struct sdk_image_problem *p)
{
    if (t[0] == 'r' || t[0] == 'o') {
        put_region(o, t[0] == 'r' ? p->region : p->other, t[0] == 'r' ? p->kind : p->other_kind);
        return 1;
    }
    if ((t[0] == 'x' || t[0] == 'u') && t[1] >= '0' && t[1] <= '3') {
        put_num(o, p->v[t[1] - '0'], t[0] == 'x' ? 16 : 10);
        return 2;
    }
    put_char(o, '%');
    return 0;
}

char *sdk_image_message(const struct sdk_image_problem *p, char *buf, size_t size)
{
    struct out o = {buf, size};
    const char *t = "unknown image problem";
    if ((unsigned)p->fault < sizeof(templates) / sizeof(templates[0]) && templates[p->fault]) {
        t = templates[p->fault];
    }
    for (; *t; t++) {
        if (*t == '%') {
            t += put_directive(&o, t + 1, p);
        } else {
            put_char(&o, *t);
        }
    }
    if (size) {
        *o.p = '\0';
    }
    return buf;
}
