/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Checking the boot spec (common/bootspec_read.c, as the monitor runs it):
 * every kind of damage refused with a reason before anything is created.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <zlib.h>

#include <sdk/bootspec_read.h>

#include "spec_builder.h"

static struct sb sb;

static void build(void)
{
    sb_init(&sb);
    sb.monitor_reply = sb_object(&sb, BS_OBJ_REPLY, 5, BS_ANY_PADDR, 0, "reply");
    sb.monitor_fault_ep = sb_object(&sb, BS_OBJ_ENDPOINT, 4, BS_ANY_PADDR, 0, "fep");
    sb_object(&sb, BS_OBJ_CNODE, 9, BS_ANY_PADDR, 0, "cnode");
    sb_object(&sb, BS_OBJ_FRAME, 12, BS_ANY_PADDR, 0, "frame");
    sb_cap(&sb, 2, 1, 1, BS_CAP_OBJECT, BS_RIGHTS_ALL, 0);
    sb_fill(&sb, 3, 0, "abc", 3, 1);
}

static void reseal(uint8_t *blob, size_t size)
{
    struct bs_header *h = (struct bs_header *)blob;
    h->crc32 = 0;
    h->crc32 = (uint32_t)crc32(0, blob, (uInt)size);
}

/* Opens the spec after `tamper`, resealed unless `keep_crc`; returns the reason or NULL. */
static const char *open_with(void (*tamper)(uint8_t *, size_t), int keep_crc)
{
    static struct bs_spec spec;
    size_t size;
    const char *why = NULL;
    uint8_t *blob = sb_finish(&sb, &size);
    if (tamper) {
        tamper(blob, size);
    }
    if (!keep_crc) {
        reseal(blob, size);
    }
    int r = bs_open(&spec, blob, size, &why);
    free(blob);
    assert_true((r == 0) == (why == NULL));
    return why;
}

static void test_good_spec_opens(void **state)
{
    build();
    assert_null(open_with(NULL, 0));
}

static void bad_magic(uint8_t *b, size_t n)
{
    b[0] ^= 1;
}
static void bad_version(uint8_t *b, size_t n)
{
    ((struct bs_header *)b)->version = BS_VERSION + 1;
}
static void flip_data(uint8_t *b, size_t n)
{
    b[n - 1] ^= 0x80;
}
static void huge_table(uint8_t *b, size_t n)
{
    ((struct bs_header *)b)->num_maps = 0x10000000;
}
static void cap_to_frame(uint8_t *b, size_t n)
{
    struct bs_header *h = (struct bs_header *)b;
    ((struct bs_cap *)(b + h->caps_offset))->cnode = 3;
}
static void cap_slot_outside(uint8_t *b, size_t n)
{
    struct bs_header *h = (struct bs_header *)b;
    ((struct bs_cap *)(b + h->caps_offset))->slot = 512;
}
static void fill_too_long(uint8_t *b, size_t n)
{
    struct bs_header *h = (struct bs_header *)b;
    ((struct bs_fill *)(b + h->fills_offset))->raw_len = 4097;
}
static void strings_unterminated(uint8_t *b, size_t n)
{
    struct bs_header *h = (struct bs_header *)b;
    b[h->strings_offset + h->strings_size - 1] = 'x';
}
static void bad_object_type(uint8_t *b, size_t n)
{
    struct bs_header *h = (struct bs_header *)b;
    ((struct bs_object *)(b + h->objects_offset))[3].size_bits = 13;
}
static void bad_monitor_ep(uint8_t *b, size_t n)
{
    ((struct bs_header *)b)->monitor_fault_ep = 2;
}

static struct bs_sched *sched0(uint8_t *b)
{
    struct bs_header *h = (struct bs_header *)b;
    return (struct bs_sched *)(b + h->schedule_offset);
}
static void sched_bad_unit(uint8_t *b, size_t n)
{
    sched0(b)->unit = 3;
}
static void sched_zero_duration(uint8_t *b, size_t n)
{
    sched0(b)->duration = 0;
}
static void sched_end_with_domain(uint8_t *b, size_t n)
{
    sched0(b)[1].domain = 1;
}
static void sched_start_elsewhere(uint8_t *b, size_t n)
{
    ((struct bs_header *)b)->schedule_start = 7;
}
static void sched_start_at_end(uint8_t *b, size_t n)
{
    ((struct bs_header *)b)->schedule_start = 4;
}
static void sched_no_start(uint8_t *b, size_t n)
{
    ((struct bs_header *)b)->schedule_start = BS_NONE;
}

/* Entries at kernel indexes 3 (domain 1, 1000 us) and 4 (an end marker), starting at 3. */
static void test_schedule_checked(void **state)
{
    build();
    sb_sched(&sb, 3, 1, BS_SCHED_US, 1000);
    sb_sched(&sb, 4, 0, BS_SCHED_END, 0);
    sb_sched_start(&sb, 3);
    assert_null(open_with(NULL, 0));
    const char *entry = "domain schedule entry with a bad unit, duration or domain";
    const char *start = "domain schedule start is not an entry with a duration";
    assert_string_equal(open_with(sched_bad_unit, 0), entry);
    assert_string_equal(open_with(sched_zero_duration, 0), entry);
    assert_string_equal(open_with(sched_end_with_domain, 0), entry);
    assert_string_equal(open_with(sched_start_elsewhere, 0), start);
    assert_string_equal(open_with(sched_start_at_end, 0), start);
    assert_string_equal(open_with(sched_no_start, 0), start);
}

static struct bs_pd *pd0(uint8_t *b)
{
    struct bs_header *h = (struct bs_header *)b;
    return (struct bs_pd *)(b + h->pds_offset);
}
static void pd_core_63(uint8_t *b, size_t n)
{
    pd0(b)->cpu = BS_MAX_CPUS - 1;
}
static void pd_core_64(uint8_t *b, size_t n)
{
    pd0(b)->cpu = BS_MAX_CPUS;
}
static void pd_core_1(uint8_t *b, size_t n)
{
    pd0(b)->cpu = 1;
}

/* bs_pd.cpu (version 3): below BS_MAX_CPUS, and 0 when there is a domain schedule. */
static void test_cpu_checked(void **state)
{
    build();
    struct bs_pd pd = {.cnode = BS_NONE,
                       .notification = BS_NONE,
                       .ipc_buffer = BS_NONE,
                       .fault_ep = BS_NONE,
                       .vcpu = BS_NONE,
                       .parent = BS_NONE};
    pd.tcb = sb_object(&sb, BS_OBJ_TCB, 11, BS_ANY_PADDR, 0, "tcb");
    pd.sched_context = sb_object(&sb, BS_OBJ_SCHED_CONTEXT, 8, BS_ANY_PADDR, 0, "sc");
    pd.vspace = sb_object(&sb, BS_OBJ_VSPACE, 12, BS_ANY_PADDR, 0, "vspace");
    sb_pd(&sb, &pd, "p");
    assert_null(open_with(pd_core_63, 0));
    assert_string_equal(open_with(pd_core_64, 0),
                        "pd with a bad object index, parent, cpu or symbol range");
    sb_sched(&sb, 3, 1, BS_SCHED_US, 1000);
    sb_sched_start(&sb, 3);
    assert_null(open_with(NULL, 0));
    assert_string_equal(open_with(pd_core_1, 0),
                        "pd on a core other than 0 in a spec with a domain schedule");
}

static void test_damage_is_refused(void **state)
{
    build();
    assert_string_equal(open_with(bad_magic, 0), "bad magic");
    assert_string_equal(open_with(bad_version, 0), "unsupported version");
    assert_string_equal(open_with(flip_data, 1), "crc32 mismatch");
    assert_string_equal(open_with(huge_table, 0), "a table lies outside the spec");
    assert_string_equal(open_with(cap_to_frame, 0), "cap with a bad cnode, slot or object");
    assert_string_equal(open_with(cap_slot_outside, 0), "cap with a bad cnode, slot or object");
    assert_string_equal(open_with(fill_too_long, 0),
                        "fill with a bad frame, data range or encoding");
    assert_string_equal(open_with(strings_unterminated, 0), "string table is not NUL-terminated");
    assert_string_equal(open_with(bad_object_type, 0), "object with a bad type, size or name");
    assert_string_equal(open_with(bad_monitor_ep, 0), "bad monitor fault endpoint or reply object");
}

static void test_size_must_match(void **state)
{
    static struct bs_spec spec;
    size_t size;
    const char *why;
    build();
    uint8_t *blob = sb_finish(&sb, &size);
    assert_int_equal(bs_open(&spec, blob, size - 8, &why), -1);
    assert_string_equal(why, "size in header does not match the patched size");
    assert_int_equal(bs_open(&spec, blob, 16, &why), -1);
    assert_string_equal(why, "spec missing, too small or misaligned");
    free(blob);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_spec_opens),  cmocka_unit_test(test_damage_is_refused),
        cmocka_unit_test(test_schedule_checked), cmocka_unit_test(test_cpu_checked),
        cmocka_unit_test(test_size_must_match),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
