/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Unit tests of regions of mixed page sizes (tool/layout_mixed.c): a region
 * without page_size gets 2 MiB frames in its 2 MiB-aligned middle when
 * every map places that middle 2 MiB-aligned, and nothing changes for a
 * region with page_size, with maps at different offsets, or whose address
 * a setvar needs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "memplan.h"
#include "tool_fixture.h"

#define SYS(body) "<?xml version=\"1.0\"?><system>" body "</system>"
#define PD(name, body)                                                                             \
    "<protection_domain name=\"" name "\"><program_image path=\"x.elf\"/>" body                    \
    "</protection_domain>"
#define MIB2 0x200000ull

/* The frame maps of `mr` in VSpace `vspace`, in address order: count them by size. */
static void count_maps(const struct layout *lay, uint32_t vspace, int mr, uint32_t *small,
                       uint32_t *large, uint64_t *bytes)
{
    *small = *large = 0;
    *bytes = 0;
    for (size_t i = lay->num_pt_maps; i < lay->maps.count; i++) {
        const struct bs_map *m = &lay->maps.items[i];
        const struct lay_object *o = &lay->objects.items[m->obj];
        if (m->vspace != vspace || o->mr != mr) {
            continue;
        }
        if (o->size_bits == 21) {
            assert_int_equal(m->vaddr % MIB2, 0); /* a large frame lands 2 MiB-aligned */
            (*large)++;
        } else {
            (*small)++;
        }
        *bytes += 1ull << o->size_bits;
    }
}

/* Region 0 of `xml`: its frames in address order cover it exactly, without gaps. */
static void assert_covers(const struct fixture *f, uint64_t size)
{
    const struct lay_mr *m = &f->lay.mrs[0];
    uint64_t at = 0;
    for (uint32_t k = 0; k < m->frames; k++) {
        uint64_t off;
        uint32_t obj = lay_mr_frame(m, k, &off);
        assert_int_equal(off, at);
        assert_int_equal(f->lay.objects.items[obj].mr, 0);
        at += 1ull << f->lay.objects.items[obj].size_bits;
    }
    assert_int_equal(at, size);
}

/* 7 MiB at 1 MiB past a 2 MiB boundary in one PD and 3 MiB past one in another. */
static void test_mixed(void **state)
{
    struct fixture f;
    const char *xml = SYS("<memory_region name=\"r\" size=\"0x700000\"/>" PD(
        "a", "<map mr=\"r\" vaddr=\"0x10100000\"/>")
                              PD("b", "<map mr=\"r\" vaddr=\"0x20300000\"/>"));
    assert_int_equal(fixture_build(&f, xml), 0);
    const struct lay_mr *m = &f.lay.mrs[0];
    assert_int_equal(f.sys.mrs.items[0].page_size, 0x1000); /* what the user sees */
    assert_int_equal(m->page_bits, 12);
    assert_int_equal(m->head_frames, 256);    /* 1 MiB up to the boundary */
    assert_int_equal(m->large_frames, 3);     /* 6 MiB */
    assert_int_equal(m->frames, 256 + 3 + 0); /* no tail */
    assert_covers(&f, 0x700000);
    for (size_t p = 0; p < 2; p++) {
        uint32_t small, large;
        uint64_t bytes;
        count_maps(&f.lay, f.lay.pds[p].vspace, 0, &small, &large, &bytes);
        assert_int_equal(small, 256);
        assert_int_equal(large, 3);
        assert_int_equal(bytes, 0x700000);
    }
    /* Each kind is one run of objects after the creation-order sort. */
    for (uint32_t k = 0; k < m->large_frames; k++) {
        assert_int_equal(f.lay.objects.items[m->first_large + k].size_bits, 21);
    }
    for (uint32_t k = 0; k < m->frames - m->large_frames; k++) {
        assert_int_equal(f.lay.objects.items[m->first_frame + k].size_bits, 12);
    }
    fixture_free(&f);
}

/* 5 MiB + 12 KiB at 2 MiB-aligned addresses: two large frames, then a 4 KiB tail. */
static void test_mixed_tail_and_plan(void **state)
{
    struct fixture f;
    const char *xml = SYS("<memory_region name=\"r\" size=\"0x503000\"/>" PD(
        "a", "<map mr=\"r\" vaddr=\"0x10000000\"/>")
                              PD("b", "<map mr=\"r\" vaddr=\"0x20600000\"/>"));
    assert_int_equal(fixture_build(&f, xml), 0);
    const struct lay_mr *m = &f.lay.mrs[0];
    assert_int_equal(m->head_frames, 0);
    assert_int_equal(m->large_frames, 2);
    assert_int_equal(m->frames, 2 + 259);
    assert_covers(&f, 0x503000);
    /*
     * PD a's page tables: 1 GiB spans 0 and 1023; 2 MiB spans of the ELF,
     * the stack and the region's tail only (a large frame needs none).
     */
    assert_int_equal(f.lay.pds[0].page_tables, 2 + 3);
    /* The memory plan puts the large frames 2 MiB-aligned (seL4 aligns every object). */
    struct kernel k = {0};
    k.paddr = 0x60000000;
    k.vaddr = 0x8060000000;
    k.ki_end = 0x6025c000;
    k.ki_boot_end = 0x60010000;
    k.root_cnode_bits = 17;
    struct memplan mp;
    assert_int_equal(memplan_build(&f.lay, &f.sys, &f.board, &k, 0x14000, 0x8a000000, &mp, &f.d),
                     0);
    for (uint32_t i = 0; i < m->large_frames; i++) {
        uint64_t pa = f.lay.objects.items[m->first_large + i].plan_paddr;
        assert_int_not_equal(pa, BS_ANY_PADDR);
        assert_int_equal(pa % MIB2, 0);
    }
    memplan_free(&mp);
    fixture_free(&f);
}

static void assert_unmixed(const char *xml, uint64_t page)
{
    struct fixture f;
    assert_int_equal(fixture_build(&f, xml), 0);
    const struct lay_mr *m = &f.lay.mrs[0];
    assert_int_equal(m->large_frames, 0);
    assert_int_equal(m->frames, f.sys.mrs.items[0].size / page);
    for (uint32_t i = 0; i < m->frames; i++) {
        assert_int_equal(f.lay.objects.items[m->first_frame + i].size_bits, page == MIB2 ? 21 : 12);
    }
    fixture_free(&f);
}

/* page_size="0x1000" given: 4 KiB frames only. */
static void test_page_size_given(void **state)
{
    assert_unmixed(SYS("<memory_region name=\"r\" size=\"0x700000\" page_size=\"0x1000\"/>" PD(
                       "a", "<map mr=\"r\" vaddr=\"0x10000000\"/>")),
                   0x1000);
}

/* Two maps at different offsets modulo 2 MiB: a large frame could not land aligned in both. */
static void test_misaligned_maps(void **state)
{
    assert_unmixed(
        SYS("<memory_region name=\"r\" size=\"0x700000\"/>" PD(
            "a", "<map mr=\"r\" vaddr=\"0x10000000\"/>") PD("b", "<map mr=\"r\" "
                                                                 "vaddr=\"0x20001000\"/>")),
        0x1000);
}

/* A region the size of a large frame fits none at a 1 MiB offset; a whole one is Microkit's rule.
 */
static void test_too_small_and_whole(void **state)
{
    assert_unmixed(SYS("<memory_region name=\"r\" size=\"0x280000\"/>" PD(
                       "a", "<map mr=\"r\" vaddr=\"0x10100000\"/>")),
                   0x1000);
    assert_unmixed(SYS("<memory_region name=\"r\" size=\"0x400000\"/>" PD(
                       "a", "<map mr=\"r\" vaddr=\"0x10000000\"/>")),
                   MIB2);
}

/* phys_addr, a setvar region_paddr, no map at all: unchanged. */
static void test_fixed_or_unmapped(void **state)
{
    assert_unmixed(SYS("<memory_region name=\"r\" size=\"0x500000\" phys_addr=\"0x70001000\"/>" PD(
                       "a", "<map mr=\"r\" vaddr=\"0x10001000\"/>")),
                   0x1000);
    assert_unmixed(SYS("<memory_region name=\"r\" size=\"0x500000\"/>" PD(
                       "a", "<map mr=\"r\" vaddr=\"0x10000000\"/>"
                            "<setvar symbol=\"r_paddr\" region_paddr=\"r\"/>")),
                   0x1000);
    assert_unmixed(SYS("<memory_region name=\"r\" size=\"0x500000\"/>" PD("a", "")), 0x1000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mixed),
        cmocka_unit_test(test_mixed_tail_and_plan),
        cmocka_unit_test(test_page_size_given),
        cmocka_unit_test(test_misaligned_maps),
        cmocka_unit_test(test_too_small_and_whole),
        cmocka_unit_test(test_fixed_or_unmapped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
