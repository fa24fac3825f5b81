/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Unit tests of the limits checked from the numbers before anything is
 * expanded (issue 11, items 4 and 5): the board checks (regions against RAM
 * and cap slots, budgets and periods, IRQ numbers), the layout's own limits
 * (frames, RAM, where a program's segments and entry lie), the SDF element
 * limit, and the setvar "did you mean" hint. Sizes stand for what used to
 * take minutes and gigabytes; every refusal here must come before a single
 * object is laid out (lay.objects.count stays 0).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "patch.h"
#include "tool_fixture.h"

#define SYS(body) "<?xml version=\"1.0\"?>\n<system>\n" body "</system>\n"
#define PD(name, extra, body)                                                                      \
    "<protection_domain name=\"" name "\" " extra ">\n<program_image path=\"x.elf\"/>\n" body      \
    "</protection_domain>\n"

/* Parse and check `xml` against board `board` (NULL: none); d gets everything reported. */
static void check_on(const char *xml, const char *board, struct fixture *f)
{
    memset(f, 0, sizeof(*f));
    diag_init(&f->d, NULL);
    assert_int_equal(sdf_parse_buffer("t.system", xml, strlen(xml), &f->sys, &f->d), SDF_OK);
    if (board) {
        assert_int_equal(board_load(board, TEST_BOARDS_DIR, &f->board, &f->d), 0);
    }
    checks_run(&f->sys, board ? &f->board : NULL, &f->d);
}

/* The line of the only report of `rule`, -1 when there is none, -2 when there are more. */
static int line_of(const struct fixture *f, const char *rule)
{
    int line = -1;
    for (size_t i = 0; i < f->d.entries.count; i++) {
        const struct diag_entry *e = &f->d.entries.items[i];
        if (e->rule && !strcmp(e->rule, rule)) {
            line = line == -1 ? e->pos.line : -2;
        }
    }
    return line;
}

static void done(struct fixture *f)
{
    fixture_free(f);
}

/* ---- the check stage, with a board ---- */

static void test_region_too_large(void **state)
{
    struct fixture f;
    /* The 209-byte SDF of the issue: 512 GiB of 4 KiB pages, mapped by no one. */
    const char *huge = SYS("<memory_region name=\"huge\" size=\"0x80_0000_0000\" "
                           "page_size=\"0x1000\"/>\n" PD("p", "", ""));
    check_on(huge, "qemu_virt_aarch64", &f);
    assert_int_equal(line_of(&f, "mr-too-large"), 3);
    assert_int_equal(line_of(&f, "sys-cap-slots"), 3); /* 2^27 frames */
    done(&f);
    /* Without a board (the host simulator) the check stage says nothing; the layout refuses. */
    check_on(huge, NULL, &f);
    assert_int_equal(line_of(&f, "mr-too-large"), -1);
    assert_int_equal(f.d.errors, 0);
    done(&f);
    /* All of the RAM is not more than all of the RAM; device memory takes none. */
    check_on(SYS("<memory_region name=\"all\" size=\"0x6000_0000\" page_size=\"0x200000\"/>\n"
                 "<memory_region name=\"dev\" size=\"0x1_0000_0000\" phys_addr=\"0x1_0000_0000\" "
                 "page_size=\"0x200000\"/>\n" PD(
                     "p", "",
                     "<map mr=\"all\" vaddr=\"0x4000_0000\"/>\n"
                     "<map mr=\"dev\" vaddr=\"0x1_0000_0000\" cached=\"false\"/>\n")),
             "qemu_virt_aarch64", &f);
    assert_int_equal(f.d.errors, 0);
    done(&f);
}

static void test_regions_ram_total(void **state)
{
    struct fixture f;
    check_on(SYS("<memory_region name=\"a\" size=\"0x3000_0000\"/>\n"
                 "<memory_region name=\"b\" size=\"0x4000_0000\"/>\n" PD(
                     "p", "",
                     "<map mr=\"a\" vaddr=\"0x4000_0000\"/><map mr=\"b\" vaddr=\"0x8000_0000\"/>")),
             "qemu_virt_aarch64", &f);
    assert_int_equal(line_of(&f, "mr-ram-total"), 4); /* at the larger region */
    assert_true(fixture_has(&f, "the largest is 'b' (0x40000000 bytes)", NULL));
    done(&f);
}

/* 2^20 slots: a region's frames plus one per mapped frame, and 16 spare. */
static void test_cap_slots_boundary(void **state)
{
    struct fixture f;
    char xml[1024];
    /* 0x3fffc frames mapped 3 times: 4 x 262140 + 16 = 2^20 exactly. */
    const char *fmt = SYS("<memory_region name=\"m\" size=\"0x%llx\" page_size=\"0x1000\"/>\n" PD(
        "p", "",
        "<map mr=\"m\" vaddr=\"0x1_0000_0000\"/><map mr=\"m\" vaddr=\"0x2_0000_0000\"/>"
        "<map mr=\"m\" vaddr=\"0x3_0000_0000\"/>"));
    snprintf(xml, sizeof(xml), fmt, 0x3fffcull * 0x1000);
    check_on(xml, "qemu_virt_aarch64", &f);
    assert_int_equal(line_of(&f, "sys-cap-slots"), -1);
    done(&f);
    snprintf(xml, sizeof(xml), fmt, 0x3fffdull * 0x1000);
    check_on(xml, "qemu_virt_aarch64", &f);
    assert_int_equal(line_of(&f, "sys-cap-slots"), 3);
    assert_true(fixture_has(&f, "'m' has 262141 frames mapped 3 times (1048564 slots)", NULL));
    done(&f);
}

static void expect_sched(const char *board, const char *attrs, const char *rule, int line)
{
    struct fixture f;
    char xml[512];
    snprintf(xml, sizeof(xml), SYS("%s"), attrs);
    check_on(xml, board, &f);
    if (rule) {
        assert_int_equal(line_of(&f, rule), line);
    } else {
        assert_int_equal(f.d.errors, 0);
    }
    done(&f);
}

/* seL4's limits: budget >= 20 us (2 x WCET), period <= UINT64_MAX / (MHz or kHz) / 8. */
static void test_sched_limits(void **state)
{
#define SCHED(b, p)                                                                                \
    "<protection_domain name=\"p\" budget=\"" b "\" period=\"" p "\">\n"                           \
    "<program_image path=\"x.elf\"/></protection_domain>\n"
    /* qemu_virt_aarch64: 62.5 MHz, not whole MHz: kHz arithmetic. */
    expect_sched("qemu_virt_aarch64", SCHED("20", "36893488147419"), NULL, 0);
    expect_sched("qemu_virt_aarch64", SCHED("19", "1000"), "sched-budget-range", 3);
    expect_sched("qemu_virt_aarch64", SCHED("20", "36893488147420"), "sched-period-range", 3);
    /* imx8mm_evk: 8 MHz exactly; imx8mq_evk: 8333333 Hz, kHz again. */
    expect_sched("imx8mm_evk", SCHED("20", "288230376151711743"), NULL, 0);
    expect_sched("imx8mm_evk", SCHED("20", "288230376151711744"), "sched-period-range", 3);
    expect_sched("imx8mq_evk", SCHED("20", "276712229594827"), NULL, 0);
    expect_sched("imx8mq_evk", SCHED("20", "276712229594828"), "sched-period-range", 3);
    expect_sched("imx8mq_evk", SCHED("19", "19"), "sched-budget-range", 3);
    /* The period defaults to the budget: one report for both. */
    struct fixture f;
    check_on(SYS("<protection_domain name=\"p\" budget=\"5\">\n"
                 "<program_image path=\"x.elf\"/></protection_domain>\n"),
             "qemu_virt_aarch64", &f);
    assert_int_equal(line_of(&f, "sched-budget-range"), 3);
    assert_int_equal(line_of(&f, "sched-period-range"), -1);
    done(&f);
    /* Virtual machines too; without a board nothing. */
    const char *vm = SYS("<protection_domain name=\"vmm\" priority=\"100\">\n"
                         "<program_image path=\"x.elf\"/>\n"
                         "<virtual_machine name=\"vm\" budget=\"1\"><vcpu id=\"0\"/>"
                         "</virtual_machine>\n</protection_domain>\n");
    check_on(vm, "qemu_virt_aarch64", &f);
    assert_int_equal(line_of(&f, "sched-budget-range"), 5);
    done(&f);
    check_on(vm, NULL, &f);
    assert_int_equal(f.d.errors, 0);
    done(&f);
#undef SCHED
}

static void test_irq_board(void **state)
{
    struct fixture f;
    const char *xml =
        SYS(PD("p", "", "<irq irq=\"159\" id=\"0\"/>\n<irq irq=\"160\" id=\"1\"/>\n"));
    check_on(xml, "qemu_virt_aarch64", &f);
    assert_int_equal(line_of(&f, "irq-number-board"), 6);
    done(&f);
    check_on(xml, "imx8mm_evk", &f); /* 0..160 */
    assert_int_equal(line_of(&f, "irq-number-board"), -1);
    done(&f);
    /* A board file without max_irq (the attribute is optional): not checked. */
    check_on(xml, "qemu_virt_aarch64", &f);
    f.board.has_max_irq = false;
    diag_free(&f.d);
    diag_init(&f.d, NULL);
    checks_run(&f.sys, &f.board, &f.d);
    assert_int_equal(line_of(&f, "irq-number-board"), -1);
    done(&f);
}

/* ---- the layout's limits ---- */

/* A PD ELF with text at 0x200000 and one more segment [vaddr, vaddr + memsz) without data. */
static struct elf_file *elf_with(uint64_t vaddr, uint64_t memsz, unsigned flags)
{
    struct elf_file *e = fake_elf();
    struct elf_segment *s = VEC_PUSH(e->segments);
    s->vaddr = s->paddr = vaddr;
    s->memsz = memsz;
    s->flags = flags;
    return e; /* s->data stays NULL: the limits must refuse before anything reads it */
}

/* Lay `xml` out on `board` (NULL: qemu_virt_aarch64) with `elf` for its one PD. */
static int lay_out(struct fixture *f, const char *xml, struct elf_file *elf, struct board *board)
{
    memset(f, 0, sizeof(*f));
    diag_init(&f->d, NULL);
    assert_int_equal(sdf_parse_buffer("t.system", xml, strlen(xml), &f->sys, &f->d), SDF_OK);
    assert_int_equal(board_load("qemu_virt_aarch64", TEST_BOARDS_DIR, &f->board, &f->d), 0);
    assert_int_equal(checks_run(&f->sys, board ? NULL : &f->board, &f->d), 0);
    f->elfs = xcalloc(2, sizeof(*f->elfs));
    f->elfs[0] = elf;
    struct layout_input in = {&f->sys, board ? board : &f->board, f->elfs, NULL, NULL, 12, false};
    return layout_build(&in, &f->lay, &f->d);
}

static void expect_elf_refused(struct elf_file *elf, const char *rule, const char *text)
{
    struct fixture f;
    assert_int_equal(lay_out(&f, SYS(PD("p", "", "")), elf, NULL), -1);
    assert_int_equal(line_of(&f, rule), 4); /* the program_image element */
    if (!fixture_has(&f, text, NULL)) {
        fail_msg("expected '%s' in: %s", text, f.d.entries.items[0].message);
    }
    assert_int_equal(f.lay.objects.count, 0);
    done(&f);
}

static void test_elf_segments(void **state)
{
    unsigned rw = ELF_SEG_R | ELF_SEG_W;
    expect_elf_refused(elf_with(0xffff000000200000ull, 0x1000, rw), "elf-segment-address",
                       "lies in the kernel half of the address space");
    expect_elf_refused(elf_with(0xfffffff000ull, 0x2000, rw), "elf-segment-address",
                       "lies above the user address space");
    /* The default stack is [0xffffffc000, 0xffffffe000), its lower guard page 0xffffffb000. */
    expect_elf_refused(elf_with(0xffffffa000ull, 0x1001, rw), "elf-overlaps-stack",
                       "overlaps the stack, guard pages or IPC buffer of PD 'p' "
                       "[0xffffffb000, 0x10000000000)");
    expect_elf_refused(elf_with(0xfffffff000ull, 0x1000, rw), "elf-overlaps-stack",
                       "segment [0xfffffff000, 0x10000000000)");
    /* Ending right at the guard page is fine. */
    struct fixture f;
    struct elf_file *e = elf_with(0xffffffa000ull, 0x1000, rw);
    e->segments.items[2].data = xcalloc(1, 0x1000);
    assert_int_equal(lay_out(&f, SYS(PD("p", "", "")), e, NULL), 0);
    done(&f);
}

static void test_elf_entry(void **state)
{
    struct elf_file *e = fake_elf();
    e->entry = 0x201000; /* the data segment: readable, not executable */
    expect_elf_refused(e, "elf-entry", "entry point 0x201000 of program image 'fake.elf'");
    e = fake_elf();
    e->entry = 0;
    expect_elf_refused(e, "elf-entry", "is not in an executable segment");
    e = fake_elf();
    e->entry = 0x200ffc; /* the last instruction of the text page */
    struct fixture f;
    assert_int_equal(lay_out(&f, SYS(PD("p", "", "")), e, NULL), 0);
    done(&f);
}

/* The 35 KB ELF of the issue: 64 segments of 1 GiB of .bss. */
static void test_elf_too_large(void **state)
{
    struct elf_file *e = fake_elf();
    for (uint64_t i = 0; i < 64; i++) {
        struct elf_segment *s = VEC_PUSH(e->segments);
        s->vaddr = s->paddr = 0x1000000000ull + (i << 30);
        s->memsz = 1ull << 30;
        s->flags = ELF_SEG_R | ELF_SEG_W;
    }
    struct fixture f;
    assert_int_equal(lay_out(&f, SYS(PD("p", "", "")), e, NULL), -1);
    assert_int_equal(line_of(&f, "monitor-cap-slots"), 4);
    assert_int_equal(line_of(&f, "memory-exhausted"), 4);
    assert_true(fixture_has(&f, "the monitor needs at least", NULL));
    assert_true(fixture_has(&f, "board 'qemu_virt_aarch64' has 1.5 GiB of RAM", NULL));
    assert_string_equal(f.d.entries.items[0].hint,
                        "program image 'fake.elf' alone takes 33554440 of them; use 2 MiB pages "
                        "for large regions (page_size=\"0x200000\") or map them into fewer "
                        "protection domains");
    assert_int_equal(f.lay.objects.count, 0);
    done(&f);
}

/*
 * The host simulator's board has 2^48 bytes of "RAM" and no board checks:
 * the layout's cap-slot limit is what stops 2^27 frames (at the region's line).
 */
static void test_host_region_too_large(void **state)
{
    struct board host = {0};
    host.name = (char *)"host";
    host.pa_bits = 48;
    *VEC_PUSH(host.ram) = (struct mem_range){0, 1ull << 48};
    struct fixture f;
    assert_int_equal(lay_out(&f,
                             SYS("<memory_region name=\"huge\" size=\"0x80_0000_0000\" "
                                 "page_size=\"0x1000\"/>\n" PD("p", "", "")),
                             fake_elf(), &host),
                     -1);
    assert_int_equal(line_of(&f, "monitor-cap-slots"), 3);
    assert_int_equal(line_of(&f, "memory-exhausted"), -1);
    assert_true(fixture_has(&f, "at least 134217758 cap slots", NULL));
    assert_int_equal(f.lay.objects.count, 0);
    free(host.ram.items);
    done(&f);
}

/* A region mapped 200 times (the 9 KB SDF of the issue): the region's line, the maps counted. */
static void test_many_maps(void **state)
{
    char maps[200 * 48 + 1] = "", xml[sizeof(maps) + 512];
    size_t at = 0;
    for (int i = 1; i <= 200; i++) {
        at += (size_t)snprintf(maps + at, sizeof(maps) - at, "<map mr=\"gig\" vaddr=\"0x%llx\"/>\n",
                               (unsigned long long)i << 30);
    }
    snprintf(xml, sizeof(xml),
             SYS("<memory_region name=\"gig\" size=\"0x4000_0000\" page_size=\"0x1000\"/>\n" PD(
                 "p", "", "%s")),
             maps);
    struct fixture f;
    memset(&f, 0, sizeof(f));
    diag_init(&f.d, NULL);
    assert_int_equal(sdf_parse_buffer("t.system", xml, strlen(xml), &f.sys, &f.d), SDF_OK);
    assert_int_equal(board_load("qemu_virt_aarch64", TEST_BOARDS_DIR, &f.board, &f.d), 0);
    assert_int_equal(checks_run(&f.sys, &f.board, &f.d), -1);
    assert_int_equal(line_of(&f, "sys-cap-slots"), 3);
    assert_true(fixture_has(&f, "'gig' has 262144 frames mapped 200 times (52690944 slots)", NULL));
    done(&f);
}

/* ---- the SDF element limit ---- */

/* An SDF of `n` memory regions, one per line (element k on line k + 1), with `extra` first. */
static char *regions(long n, const char *extra)
{
    size_t cap = (size_t)n * 48 + strlen(extra) + 64, at = 0;
    char *s = xmalloc(cap);
    at += (size_t)snprintf(s + at, cap - at, "<?xml version=\"1.0\"?>\n<system>%s\n", extra);
    for (long i = 1; i < n; i++) {
        at += (size_t)snprintf(s + at, cap - at, "<memory_region name=\"m%ld\" size=\"0x1000\"/>\n",
                               i);
    }
    snprintf(s + at, cap - at, "</system>\n");
    return s;
}

static void test_element_limit(void **state)
{
    struct system sys = {0};
    struct diag d;
    diag_init(&d, NULL);
    char *s = regions(SDF_MAX_ELEMENTS + 1, "");
    assert_int_equal(sdf_parse_buffer("t.system", s, strlen(s), &sys, &d), SDF_NOT_XML);
    assert_int_equal(d.entries.count, 1);
    assert_string_equal(d.entries.items[0].rule, "sdf-too-many-elements");
    assert_int_equal(d.entries.items[0].pos.line, SDF_MAX_ELEMENTS + 2);
    assert_int_equal(d.entries.items[0].pos.col, 1);
    assert_int_equal(sys.mrs.count, 0); /* refused before parsing */
    free(s);
    system_free(&sys);
    diag_free(&d);
    /* Exactly the limit, with comments, CDATA and a processing instruction full of '<'. */
    memset(&sys, 0, sizeof(sys));
    diag_init(&d, NULL);
    s = regions(SDF_MAX_ELEMENTS, "<!-- <a/><b/> --><?pi <c/> ?>");
    assert_int_equal(sdf_parse_buffer("t.system", s, strlen(s), &sys, &d), SDF_OK);
    assert_int_equal(sys.mrs.count, SDF_MAX_ELEMENTS - 1);
    free(s);
    system_free(&sys);
    diag_free(&d);
}

/* ---- setvar: did you mean ---- */

static void test_setvar_hint(void **state)
{
    struct fixture f;
    const char *xml = SYS("<memory_region name=\"m\" size=\"0x1000\"/>\n" PD(
        "p", "",
        "<map mr=\"m\" vaddr=\"0x4000000\" setvar_vaddr=\"shared_vadr\"/>\n"
        "<setvar symbol=\"zzz_nothing_like_it\" region_paddr=\"m\"/>\n"));
    check_on(xml, "qemu_virt_aarch64", &f);
    assert_int_equal(f.d.errors, 0);
    struct elf_file e;
    if (elf_load(TEST_ELF_DIR "/pd_host.elf", ELF_ACCEPT_X86_64, "pd", NULL, &e, &f.d)) {
        skip();
    }
    assert_int_equal(patch_pd(&f.sys, 0, NULL, &e, &f.d), -1);
    assert_int_equal(f.d.errors, 2);
    assert_string_equal(f.d.entries.items[0].hint, "did you mean 'shared_vaddr'?");
    assert_int_equal(f.d.entries.items[0].pos.line, 6);
    assert_non_null(strstr(f.d.entries.items[1].hint, "define it, e.g. 'uintptr_t "
                                                      "zzz_nothing_like_it;'"));
    assert_null(strstr(f.d.entries.items[1].hint, "libmicrokit"));
    elf_free(&e);
    done(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_region_too_large),
        cmocka_unit_test(test_regions_ram_total),
        cmocka_unit_test(test_cap_slots_boundary),
        cmocka_unit_test(test_sched_limits),
        cmocka_unit_test(test_irq_board),
        cmocka_unit_test(test_elf_segments),
        cmocka_unit_test(test_elf_entry),
        cmocka_unit_test(test_elf_too_large),
        cmocka_unit_test(test_host_region_too_large),
        cmocka_unit_test(test_many_maps),
        cmocka_unit_test(test_element_limit),
        cmocka_unit_test(test_setvar_hint),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
