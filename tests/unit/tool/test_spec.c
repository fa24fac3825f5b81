/* SPDX-License-Identifier: BSD-2-Clause */
/* Unit tests of the spec stage: write a boot spec, read it back, check every table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <zlib.h>

#include <cmocka.h>

#include "sdk/bootspec_read.h"
#include "spec.h"
#include "tool_fixture.h"

static const char *const xml =
    "<?xml version=\"1.0\"?><system>"
    "<memory_region name=\"shared\" size=\"0x2000\"/>"
    "<memory_region name=\"uart\" size=\"0x1000\" phys_addr=\"0x9000000\"/>"
    "<protection_domain name=\"a\" priority=\"20\"><program_image path=\"a.elf\"/>"
    "<map mr=\"shared\" vaddr=\"0x4000000\"/><map mr=\"uart\" vaddr=\"0x5000000\" "
    "cached=\"false\"/>"
    "<irq irq=\"33\" id=\"2\"/></protection_domain>"
    "<protection_domain name=\"b\" priority=\"30\"><program_image path=\"b.elf\"/>"
    "<map mr=\"shared\" vaddr=\"0x6000000\" perms=\"r\"/></protection_domain>"
    "<channel><end pd=\"a\" id=\"0\" pp=\"true\"/><end pd=\"b\" id=\"1\"/></channel>"
    "</system>";

static void build(struct fixture *f, struct spec_blob *b)
{
    assert_int_equal(fixture_build(f, xml), 0);
    spec_build(&f->lay, f->elfs, 12345, b);
}

static void test_round_trip(void **state)
{
    struct fixture f;
    struct spec_blob b = {0};
    build(&f, &b);
    struct bs_spec v;
    const char *why = NULL;
    assert_int_equal(bs_open(&v, b.data, b.size, &why), 0);
    const struct bs_header *h = v.hdr;
    assert_int_equal(h->num_objects, f.lay.objects.count);
    assert_int_equal(h->num_caps, f.lay.caps.count);
    assert_int_equal(h->num_maps, f.lay.maps.count);
    assert_int_equal(h->num_irqs, 1);
    assert_int_equal(h->num_pds, 2);
    assert_int_equal(h->untyped_bytes_needed, 12345);
    assert_int_equal(h->monitor_fault_ep, f.lay.monitor_fault_ep);
    assert_int_equal(h->size % 8, 0);
    for (uint32_t i = 0; i < h->num_objects; i++) {
        assert_int_equal(v.objects[i].type, f.lay.objects.items[i].type);
        assert_int_equal(v.objects[i].paddr, f.lay.objects.items[i].paddr);
        assert_string_equal(bs_str(&v, v.objects[i].name),
                            f.lay.strings.buf + f.lay.objects.items[i].name);
    }
    assert_memory_equal(v.caps, f.lay.caps.items, h->num_caps * sizeof(struct bs_cap));
    assert_memory_equal(v.maps, f.lay.maps.items, h->num_maps * sizeof(struct bs_map));
    assert_string_equal(bs_str(&v, v.pds[0].name), "a");
    assert_string_equal(bs_str(&v, v.pds[1].name), "b");
    /* The UART frame: fixed, device, mapped uncached. */
    assert_int_equal(v.objects[0].paddr, 0x9000000);
    assert_true(v.objects[0].flags & BS_OBJ_FLAG_DEVICE);
    spec_blob_free(&b);
    fixture_free(&f);
}

/* Fills: only non-zero pieces, trimmed of zeroes at both ends, each decoding to its bytes. */
static void test_fills(void **state)
{
    struct fixture f;
    struct spec_blob b = {0};
    build(&f, &b);
    struct bs_spec v;
    const char *why = NULL;
    assert_int_equal(bs_open(&v, b.data, b.size, &why), 0);
    /* Per PD: the text page (0xaa) and the first data page (16 bytes of 0x55); bss pages skipped.
     */
    assert_int_equal(v.hdr->num_fills, 4);
    for (uint32_t i = 0; i < v.hdr->num_fills; i++) {
        const struct bs_fill *fl = &v.fills[i];
        assert_int_equal(v.objects[fl->obj].type, BS_OBJ_FRAME);
        uint8_t out[4096];
        uLongf n = sizeof(out);
        if (fl->encoding == BS_FILL_DEFLATE) {
            assert_int_equal(uncompress(out, &n, v.data + fl->data_offset, fl->data_len), Z_OK);
        } else {
            memcpy(out, v.data + fl->data_offset, fl->data_len);
            n = fl->data_len;
        }
        assert_int_equal(n, fl->raw_len);
        /* Text pages are all 0xaa; data pages start with 16 bytes of 0x55, then zeroes. */
        bool text = out[0] == 0xaa;
        for (uLongf k = 0; k < n; k++) {
            assert_int_equal(out[k], text ? 0xaa : k < 16 ? 0x55 : 0);
        }
        /* A data page is cut to its 16 bytes that are not zero and, that short, stored. */
        assert_int_equal(fl->raw_len, text ? 4096 : 16);
        assert_int_equal(fl->encoding, text ? BS_FILL_DEFLATE : BS_FILL_STORED);
        assert_int_equal(fl->dest_offset, 0);
    }
    spec_blob_free(&b);
    fixture_free(&f);
}

/* Zeroes before the first byte that is not zero move the fill's offset into the frame. */
static void test_fill_trimmed_at_both_ends(void **state)
{
    struct fixture f;
    struct spec_blob b = {0};
    assert_int_equal(fixture_build(&f, xml), 0);
    struct elf_segment *d = &f.elfs[0]->segments.items[1];
    memset(d->data + 0x1800, 0x77, 8); /* in the .bss page at 0x202000, as a patch would */
    spec_build(&f.lay, f.elfs, 0, &b);
    struct bs_spec v;
    const char *why = NULL;
    assert_int_equal(bs_open(&v, b.data, b.size, &why), 0);
    assert_int_equal(v.hdr->num_fills, 5);
    int found = 0;
    for (uint32_t i = 0; i < v.hdr->num_fills; i++) {
        const struct bs_fill *fl = &v.fills[i];
        if (fl->dest_offset == 0x800) {
            found++;
            assert_int_equal(fl->raw_len, 8);
            assert_int_equal(fl->encoding, BS_FILL_STORED);
            for (int k = 0; k < 8; k++) {
                assert_int_equal(v.data[fl->data_offset + k], 0x77);
            }
        }
    }
    assert_int_equal(found, 1);
    spec_blob_free(&b);
    fixture_free(&f);
}

static void test_deterministic_and_crc(void **state)
{
    struct fixture f1, f2;
    struct spec_blob a = {0}, b = {0};
    build(&f1, &a);
    build(&f2, &b);
    assert_int_equal(a.size, b.size);
    assert_memory_equal(a.data, b.data, a.size);
    struct bs_spec v;
    const char *why = NULL;
    a.data[a.size - 1] ^= 1;
    assert_int_equal(bs_open(&v, a.data, a.size, &why), -1);
    assert_string_equal(why, "crc32 mismatch");
    assert_int_equal(bs_open(&v, a.data, a.size - 8, &why), -1);
    assert_string_equal(why, "size in header does not match the patched size");
    spec_blob_free(&a);
    spec_blob_free(&b);
    fixture_free(&f1);
    fixture_free(&f2);
}

/*
 * <domains> and fpu (Microkit 2.3): ids taken in document order, entries at
 * index_shift + position with their units, the start, each thread's domain
 * (a child's its own) and BS_PD_FPU_DISABLED, the board's timer frequency.
 */
static const char *const domains_xml =
    "<?xml version=\"1.0\"?><system><domains>"
    "<domain name=\"x\" id=\"2\"/><domain name=\"y\"/><domain name=\"z\"/>"
    "<domain_schedule start_index=\"1\" index_shift=\"3\">"
    "<schedule_entry domain=\"y\" duration=\"100 us\"/>"
    "<schedule_entry domain=\"x\" duration=\"0x40 ticks\"/>"
    "<schedule_end_marker/></domain_schedule></domains>"
    "<protection_domain name=\"a\" domain=\"x\" fpu=\"false\"><program_image path=\"a.elf\"/>"
    "<protection_domain name=\"c\" id=\"1\" domain=\"z\"><program_image path=\"c.elf\"/>"
    "</protection_domain></protection_domain>"
    "<protection_domain name=\"b\" domain=\"y\"><program_image path=\"b.elf\"/>"
    "</protection_domain></system>";

static void test_domains_and_fpu(void **state)
{
    struct fixture f;
    struct spec_blob b = {0};
    assert_int_equal(fixture_build(&f, domains_xml), 0);
    spec_build(&f.lay, f.elfs, 0, &b);
    struct bs_spec v;
    const char *why = NULL;
    assert_int_equal(bs_open(&v, b.data, b.size, &why), 0);
    assert_int_equal(v.hdr->num_schedule, 3);
    assert_int_equal(v.hdr->schedule_start, 4);
    assert_int_equal(v.hdr->timer_hz, 62500000);
    const struct bs_sched want[] = {
        {100, 3, 0, BS_SCHED_US, 0}, {0x40, 4, 2, BS_SCHED_TICKS, 0}, {0, 5, 0, BS_SCHED_END, 0}};
    assert_memory_equal(v.schedule, want, sizeof(want));
    assert_int_equal(v.pds[0].domain, 2); /* a: x */
    assert_int_equal(v.pds[1].domain, 1); /* c: z, the next free id after y's 0 */
    assert_int_equal(v.pds[2].domain, 0); /* b: y */
    assert_true(v.pds[0].flags & BS_PD_FPU_DISABLED);
    assert_false(v.pds[1].flags & BS_PD_FPU_DISABLED);
    spec_blob_free(&b);
    fixture_free(&f);

    /* Without <domains>: no schedule, every thread in domain 0. */
    assert_int_equal(fixture_build(&f, xml), 0);
    spec_build(&f.lay, f.elfs, 0, &b);
    assert_int_equal(bs_open(&v, b.data, b.size, &why), 0);
    assert_int_equal(v.hdr->num_schedule, 0);
    assert_int_equal(v.hdr->schedule_start, BS_NONE);
    assert_int_equal(v.pds[0].domain, 0);
    spec_blob_free(&b);
    fixture_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_fills),
        cmocka_unit_test(test_fill_trimmed_at_both_ends),
        cmocka_unit_test(test_deterministic_and_crc),
        cmocka_unit_test(test_domains_and_fpu),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
