/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The loader image check (common/image_check.c), which the loader, the
 * image writer and dump-image all run: one image built here by hand, then
 * every fault produced by changing one field (CRCs made to match again, so
 * the field check itself is what refuses), with its message.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "sdk/crc32.h"
#include "sdk/image_check.h"

#define IMAGE_ADDR  0x70000000ull
#define HEADER_OFF  0x2000ull
#define N_REGIONS   3
#define TABLE_END   (SDK_IMAGE_HEADER_SIZE + N_REGIONS * SDK_IMAGE_REGION_SIZE)
#define MAX_PROBLEM 16

/* Header, table, payloads: 0x10 bytes kernel, 0x20 monitor, none for the test region. */
static union {
    uint64_t align;
    uint8_t bytes[0x400];
} buf;
static struct sdk_image_header *const h = (struct sdk_image_header *)buf.bytes;
static struct sdk_image_region *const r = (struct sdk_image_region *)(buf.bytes + 128);

static struct sdk_image_problem seen[MAX_PROBLEM];
static unsigned nseen;

static void record(void *ctx, const struct sdk_image_problem *p)
{
    (void)ctx;
    if (nseen < MAX_PROBLEM) {
        seen[nseen] = *p;
    }
    nseen++;
}

static void fix_crcs(void)
{
    for (int i = 0; i < N_REGIONS; i++) {
        r[i].crc32 = sdk_crc32(0, buf.bytes + r[i].payload_offset, r[i].file_size);
    }
    h->header_crc32 = sdk_image_header_crc(h, r);
}

static void build(void)
{
    memset(&buf, 0, sizeof(buf));
    *h = (struct sdk_image_header){
        .magic = SDK_IMAGE_MAGIC,
        .version = SDK_IMAGE_VERSION,
        .image_size = TABLE_END + 0x30,
        .flags = SDK_IMAGE_FLAG_HYP,
        .num_regions = N_REGIONS,
        .kernel_vbase = 0x8060000000ull,
        .kernel_pbase = 0x60000000ull,
        .kernel_vsize = 0x400000ull,
    };
    r[0] = (struct sdk_image_region){0x60000000, 0x10, 0x1000, TABLE_END, 0, SDK_REGION_KERNEL, 0};
    r[1] = (struct sdk_image_region){0x60200000,         0x20, 0x2000, TABLE_END + 0x10, 0,
                                     SDK_REGION_MONITOR, 0};
    r[2] = (struct sdk_image_region){0x60300000, 0, 0x40, TABLE_END + 0x30, 0, SDK_REGION_TEST, 0};
    for (size_t i = TABLE_END; i < TABLE_END + 0x30; i++) {
        buf.bytes[i] = (uint8_t)(i * 7);
    }
    fix_crcs();
}

/* Runs the check as the loader does (addresses known) or not; returns the count. */
static unsigned check_with(int has_addresses, uint64_t avail)
{
    struct sdk_image_input in = {
        .header = h,
        .regions = r,
        .payloads = buf.bytes,
        .avail = avail,
        .has_addresses = has_addresses,
        .image_addr = IMAGE_ADDR,
        .header_addr = IMAGE_ADDR + HEADER_OFF,
        .report = record,
    };
    nseen = 0;
    return sdk_image_check(&in);
}

static unsigned check(void)
{
    return check_with(1, h->image_size);
}

static const char *message(unsigned i)
{
    static char text[SDK_IMAGE_MESSAGE_MAX];
    return sdk_image_message(&seen[i], text, sizeof(text));
}

static void test_good(void **state)
{
    build();
    assert_int_equal(check(), 0);
    assert_int_equal(check_with(0, UINT64_MAX), 0);
}

/* One field changed, CRCs fixed: exactly `fault` is reported, with `text`. */
struct mutation {
    void (*apply)(void);
    enum sdk_image_fault fault;
    const char *text;
};

static void m_sizes(void)
{
    r[0].mem_size = 4;
}
static void m_kind(void)
{
    r[1].kind = 9;
}
static void m_wraps(void)
{
    r[2].load_addr = 0xffffffffffffffc0ull;
    r[2].mem_size = 0x80;
}
static void m_align(void)
{
    r[1].payload_offset += 4;
}
static void m_in_table(void)
{
    r[2].payload_offset = 8;
}
static void m_past_end(void)
{
    r[2].file_size = 8;
    r[2].payload_offset = h->image_size;
}
static void m_overlap(void)
{
    r[1].load_addr = 0x60000800;
}
static void m_loader(void)
{
    r[2].load_addr = IMAGE_ADDR + HEADER_OFF + 0x40;
}
static void m_flags(void)
{
    h->flags |= 0x10;
}
static void m_window(void)
{
    h->kernel_vsize = 0x300000;
}
static void m_window_high(void)
{
    h->kernel_vbase = 1ull << 48;
}
static void m_window_pa(void)
{
    h->kernel_pbase = (1ull << 48) - 0x200000;
}
static void m_hyp_upper(void)
{
    h->kernel_vbase = 0xffffff8060000000ull;
}
static void m_reserved(void)
{
    h->reserved = 1;
}
static void m_region_reserved(void)
{
    r[0].reserved = 2;
}
static void m_crc(void)
{
    buf.bytes[TABLE_END + 0x11] ^= 1; /* fix_crcs() runs before: the payload changes after */
}

static const struct mutation mutations[] = {
    {m_sizes, SDK_IMAGE_REGION_SIZES, "region 0 (kernel): file size 0x10 above memory size 0x4"},
    {m_kind, SDK_IMAGE_REGION_KIND, "region 1 (unknown): unknown region kind 9"},
    {m_wraps, SDK_IMAGE_REGION_WRAPS, "region 2 (test): 0xffffffffffffffc0 + 0x80 wraps around"},
    {m_align, SDK_IMAGE_REGION_ALIGN,
     "region 1 (monitor): payload offset 0x124 is not a multiple of 8"},
    {m_in_table, SDK_IMAGE_REGION_PAYLOAD,
     "region 2 (test): payload at offset 0x8 of size 0x0 is outside the payload area "
     "0x110..0x140"},
    {m_past_end, SDK_IMAGE_REGION_PAYLOAD,
     "region 2 (test): payload at offset 0x140 of size 0x8 is outside the payload area "
     "0x110..0x140"},
    {m_overlap, SDK_IMAGE_REGION_OVERLAP,
     "region 1 (monitor) at 0x60000800..0x60002800 overlaps region 0 (kernel) at "
     "0x60000000..0x60001000"},
    {m_loader, SDK_IMAGE_REGION_LOADER,
     "region 2 (test) at 0x70002040..0x70002080 overlaps the loader image "
     "0x70000000..0x70002140"},
    {m_flags, SDK_IMAGE_FLAGS, "unknown image flags 0x10"},
    {m_window, SDK_IMAGE_WINDOW,
     "kernel window 0x8060000000 -> 0x60000000, size 0x300000, is empty, not 2 MiB aligned or "
     "outside the 48-bit address ranges"},
    {m_window_high, SDK_IMAGE_WINDOW, NULL},
    {m_window_pa, SDK_IMAGE_WINDOW, NULL},
    {m_hyp_upper, SDK_IMAGE_WINDOW_HYP,
     "hypervisor kernel window 0xffffff8060000000 is in the upper half of the address space"},
    {m_reserved, SDK_IMAGE_RESERVED, "reserved header field is 0x1, not 0"},
    {m_region_reserved, SDK_IMAGE_REGION_RESERVED,
     "region 0 (kernel): reserved field is 0x2, not 0"},
};

static void test_each_field(void **state)
{
    for (size_t i = 0; i < sizeof(mutations) / sizeof(mutations[0]); i++) {
        build();
        mutations[i].apply();
        fix_crcs();
        assert_int_equal(check(), 1);
        assert_int_equal(seen[0].fault, mutations[i].fault);
        if (mutations[i].text) {
            assert_string_equal(message(0), mutations[i].text);
        }
    }
}

static void test_payload_crc(void **state)
{
    build();
    m_crc();
    assert_int_equal(check(), 1);
    assert_int_equal(seen[0].fault, SDK_IMAGE_REGION_CRC);
    assert_int_equal(seen[0].region, 1);
    const char *want = "region 1 (monitor) CRC mismatch: stored 0x";
    assert_int_equal(strncmp(message(0), want, strlen(want)), 0);
}

/* A damaged table is not followed: no payload CRC after a header CRC mismatch. */
static void test_header_crc_stops_payload_crcs(void **state)
{
    build();
    m_crc();
    h->v_entry = 1;
    assert_int_equal(check(), 1);
    assert_int_equal(seen[0].fault, SDK_IMAGE_HEADER_CRC);
    assert_int_equal(strncmp(message(0), "header CRC mismatch: stored 0x", 30), 0);
}

/* Every field problem is reported, not only the first. */
static void test_every_problem(void **state)
{
    build();
    m_sizes();
    m_kind();
    m_loader();
    m_flags();
    fix_crcs();
    assert_int_equal(check(), 4);
    assert_int_equal(seen[0].fault, SDK_IMAGE_FLAGS);
    assert_int_equal(seen[1].fault, SDK_IMAGE_REGION_SIZES);
    assert_int_equal(seen[2].fault, SDK_IMAGE_REGION_KIND);
    assert_int_equal(seen[3].fault, SDK_IMAGE_REGION_LOADER);
}

/* What ends the check at once, and what it reports. */
static void test_frame(void **state)
{
    build();
    h->magic = 0;
    assert_int_equal(check(), 1);
    assert_string_equal(message(0), "no image header: magic 0x0, expected 0x5e14dead14de5ead");

    build();
    h->version = 2;
    assert_int_equal(check(), 1);
    assert_string_equal(message(0), "image format version 2, this SDK reads version 1");

    build();
    h->num_regions = SDK_IMAGE_MAX_REGIONS + 1;
    assert_int_equal(check(), 1);
    assert_string_equal(message(0), "257 regions, more than the 256 the loader takes");

    build();
    h->image_size = TABLE_END - 8;
    assert_int_equal(check_with(1, sizeof(buf)), 1);
    assert_int_equal(seen[0].fault, SDK_IMAGE_TABLE_OUTSIDE);

    build();
    assert_int_equal(check_with(1, h->image_size - 1), 1);
    assert_string_equal(message(0),
                        "image size 0x140 runs past the end of the file (0x13f bytes after the "
                        "header)");
}

static void test_image_wraps(void **state)
{
    build();
    struct sdk_image_input in = {
        .header = h,
        .regions = r,
        .payloads = buf.bytes,
        .avail = UINT64_MAX,
        .has_addresses = 1,
        .image_addr = 0xffffffffffff0000ull,
        .header_addr = 0xffffffffffffff00ull,
        .report = record,
    };
    nseen = 0;
    assert_int_equal(sdk_image_check(&in), 1);
    assert_int_equal(seen[0].fault, SDK_IMAGE_SIZE_WRAPS);
}

/* One report per region however many it overlaps; empty regions overlap nothing. */
static void test_overlaps_bounded(void **state)
{
    build();
    r[1].load_addr = r[0].load_addr;
    r[2].load_addr = r[0].load_addr;
    r[2].mem_size = 0x10;
    fix_crcs();
    assert_int_equal(check(), 2);
    assert_int_equal(seen[0].region, 1);
    assert_int_equal(seen[0].other, 0);
    assert_int_equal(seen[1].region, 2);
    assert_int_equal(seen[1].other, 0);

    build();
    r[2].load_addr = 0x60000800;
    r[2].mem_size = 0;
    fix_crcs();
    assert_int_equal(check(), 0);
}

/* The loader overlap needs the addresses; without them it is not checked. */
static void test_loader_needs_addresses(void **state)
{
    build();
    m_loader();
    fix_crcs();
    assert_int_equal(check_with(0, h->image_size), 0);
    assert_int_equal(check_with(1, h->image_size), 1);
    /* The loader's own bytes, below the header, count too. */
    r[2].load_addr = IMAGE_ADDR;
    fix_crcs();
    assert_int_equal(check_with(1, h->image_size), 1);
}

static void test_message_buffer(void **state)
{
    struct sdk_image_problem p = {.fault = SDK_IMAGE_FLAGS, .v = {0x10}};
    char small[8];
    memset(small, 'x', sizeof(small));
    assert_string_equal(sdk_image_message(&p, small, sizeof(small)), "unknown");
    assert_string_equal(sdk_image_message(&p, small, 1), "");
    small[0] = 'x';
    sdk_image_message(&p, small, 0);
    assert_int_equal(small[0], 'x');
    p.fault = (enum sdk_image_fault)99;
    char text[SDK_IMAGE_MESSAGE_MAX];
    assert_string_equal(sdk_image_message(&p, text, sizeof(text)), "unknown image problem");
}

/* The longest message, with the largest numbers, fits SDK_IMAGE_MESSAGE_MAX. */
static void test_message_max(void **state)
{
    struct sdk_image_problem p = {.region = 4000000000u, .other = 4000000000u};
    for (int k = 0; k < 4; k++) {
        p.v[k] = UINT64_MAX;
    }
    char text[SDK_IMAGE_MESSAGE_MAX + 64];
    for (int f = SDK_IMAGE_BAD_MAGIC; f <= SDK_IMAGE_REGION_CRC; f++) {
        p.fault = (enum sdk_image_fault)f;
        assert_true(strlen(sdk_image_message(&p, text, sizeof(text))) < SDK_IMAGE_MESSAGE_MAX);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good),
        cmocka_unit_test(test_each_field),
        cmocka_unit_test(test_payload_crc),
        cmocka_unit_test(test_header_crc_stops_payload_crcs),
        cmocka_unit_test(test_every_problem),
        cmocka_unit_test(test_frame),
        cmocka_unit_test(test_image_wraps),
        cmocka_unit_test(test_overlaps_bounded),
        cmocka_unit_test(test_loader_needs_addresses),
        cmocka_unit_test(test_message_buffer),
        cmocka_unit_test(test_message_max),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
