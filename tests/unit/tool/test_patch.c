/* SPDX-License-Identifier: BSD-2-Clause */
/* Unit tests of the patch stage on tests/elf/pd.elf (AArch64) and pd_host.elf. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#include <cmocka.h>

#include "patch.h"
#include "tool_fixture.h"

#define GOOD TEST_ELF_DIR "/pd.elf"
#define HOST TEST_ELF_DIR "/pd_host.elf"

static uint64_t read_u64(const struct elf_file *e, const char *name, uint64_t size)
{
    const struct elf_symbol *s;
    assert_int_equal(elf_find_symbol(e, name, &s), ELF_SYM_FOUND);
    const struct elf_segment *seg = elf_segment_at(e, s->value, size);
    assert_non_null(seg);
    uint64_t v = 0;
    for (uint64_t i = 0; i < size; i++) {
        v |= (uint64_t)seg->data[s->value - seg->vaddr + i] << (8 * i);
    }
    return v;
}

static const char *const system_xml =
    "<?xml version=\"1.0\"?><system>\n"
    "<memory_region name=\"shared\" size=\"0x3000\"/>\n"
    "<memory_region name=\"dev\" size=\"0x1000\" phys_addr=\"0x9000000\"/>\n"
    "<protection_domain name=\"server-with-a-name\" priority=\"100\" passive=\"true\">\n"
    "  <program_image path=\"pd.elf\"/>\n"
    "  <map mr=\"shared\" vaddr=\"0x4000000\" setvar_vaddr=\"shared_vaddr\" "
    "setvar_size=\"shared_size\"/>\n"
    "  <setvar symbol=\"device_paddr\" region_paddr=\"dev\"/>\n"
    "  <irq irq=\"40\" id=\"3\"/>\n"
    "</protection_domain>\n"
    "<protection_domain name=\"client\" priority=\"10\"><program_image "
    "path=\"pd.elf\"/></protection_domain>\n"
    "<channel><end pd=\"server-with-a-name\" id=\"5\"/><end pd=\"client\" id=\"0\" "
    "pp=\"true\"/></channel>\n"
    "<channel><end pd=\"server-with-a-name\" id=\"9\" notify=\"false\"/><end pd=\"client\" "
    "id=\"1\"/></channel>\n"
    "</system>\n";

static void load_system(struct fixture *f, const char *xml)
{
    memset(f, 0, sizeof(*f));
    diag_init(&f->d, NULL);
    assert_int_equal(sdf_parse_buffer("test.system", xml, strlen(xml), &f->sys, &f->d), SDF_OK);
    assert_int_equal(board_load("qemu_virt_aarch64", TEST_BOARDS_DIR, &f->board, &f->d), 0);
    assert_int_equal(checks_run(&f->sys, &f->board, &f->d), 0);
}

static void test_pd_symbols(void **state)
{
    struct fixture f;
    load_system(&f, system_xml);
    struct elf_file e;
    assert_int_equal(elf_load(GOOD, ELF_ACCEPT_AARCH64, "pd", NULL, &e, &f.d), 0);
    assert_int_equal(patch_pd(&f.sys, 0, NULL, &e, &f.d), 0);
    const struct elf_symbol *s;
    elf_find_symbol(&e, "microkit_name", &s);
    const struct elf_segment *seg = elf_segment_at(&e, s->value, 64);
    assert_string_equal((const char *)seg->data + (s->value - seg->vaddr), "server-with-a-name");
    assert_int_equal(read_u64(&e, "microkit_passive", 1), 1);
    assert_int_equal(read_u64(&e, "microkit_irqs", 8), 1ull << 3);
    assert_int_equal(read_u64(&e, "microkit_notifications", 8), 1ull << 5);
    assert_int_equal(read_u64(&e, "microkit_pps", 8), 0);
    assert_int_equal(read_u64(&e, "shared_vaddr", 8), 0x4000000);
    assert_int_equal(read_u64(&e, "shared_size", 8), 0x3000);
    assert_int_equal(read_u64(&e, "device_paddr", 8), 0x9000000);
    elf_free(&e);
    assert_int_equal(elf_load(GOOD, ELF_ACCEPT_AARCH64, "pd", NULL, &e, &f.d), 0);
    assert_int_equal(patch_pd(&f.sys, 1, NULL, &e, &f.d), 0);
    assert_int_equal(read_u64(&e, "microkit_passive", 1), 0);
    assert_int_equal(read_u64(&e, "microkit_notifications", 8), 3);
    assert_int_equal(read_u64(&e, "microkit_pps", 8), 1);
    elf_free(&e);
    fixture_free(&f);
}

static void test_setvar_errors(void **state)
{
    struct fixture f;
    load_system(&f, "<?xml version=\"1.0\"?><system>\n"
                    "<memory_region name=\"m\" size=\"0x1000\"/>\n"
                    "<protection_domain name=\"a\"><program_image path=\"pd.elf\"/>\n"
                    "<map mr=\"m\" vaddr=\"0x4000000\" setvar_vaddr=\"small_var\"/>\n"
                    "<map mr=\"m\" vaddr=\"0x5000000\" setvar_vaddr=\"missing_var\"/>\n"
                    "</protection_domain></system>\n");
    struct elf_file e;
    assert_int_equal(elf_load(GOOD, ELF_ACCEPT_AARCH64, "pd", NULL, &e, &f.d), 0);
    assert_int_equal(patch_pd(&f.sys, 0, NULL, &e, &f.d), -1);
    int line = 0;
    assert_true(fixture_has(&f, "'small_var'", &line));
    assert_true(fixture_has(&f, "is 4 bytes, it must be 8", NULL));
    assert_int_equal(line, 4);
    assert_true(fixture_has(&f, "cannot patch symbol 'missing_var'", &line));
    assert_int_equal(line, 5);
    elf_free(&e);
    fixture_free(&f);
}

static void test_monitor(void **state)
{
    struct elf_file e;
    struct diag d;
    diag_init(&d, NULL);
    assert_int_equal(elf_load(GOOD, ELF_ACCEPT_AARCH64, "monitor", NULL, &e, &d), 0);
    assert_int_equal(patch_monitor(&e, 0x8a013000, 0xa80, &d), 0);
    assert_int_equal(read_u64(&e, "monitor_spec_vaddr", 8), 0x8a013000);
    assert_int_equal(read_u64(&e, "monitor_spec_size", 8), 0xa80);
    elf_free(&e);
    diag_free(&d);
}

static void test_host_elf(void **state)
{
    struct fixture f;
    load_system(&f, system_xml);
    char out[] = "/tmp/test_patch_host_XXXXXX";
    int fd = mkstemp(out);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(patch_host_elf(&f.sys, 0, HOST, out, &f.d), 0);
    struct elf_file e;
    assert_int_equal(elf_load(out, ELF_ACCEPT_X86_64, "host", NULL, &e, &f.d), 0);
    assert_int_equal(read_u64(&e, "shared_vaddr", 8), 0x4000000);
    assert_int_equal(read_u64(&e, "microkit_irqs", 8), 1ull << 3);
    elf_free(&e);
    unlink(out);
    fixture_free(&f);
}

int main(void)
{
    if (access(GOOD, R_OK)) {
        fprintf(stderr, "skipped: %s was not built (no AArch64 cross compiler)\n", GOOD);
        return 77;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pd_symbols),
        cmocka_unit_test(test_setvar_errors),
        cmocka_unit_test(test_monitor),
        cmocka_unit_test(test_host_elf),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
