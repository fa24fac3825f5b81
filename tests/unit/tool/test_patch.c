/* SPDX-License-Identifier: BSD-2-Clause */
/* Unit tests of the patch stage on tests/elf/pd.elf (AArch64) and pd_host.elf. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#include <cmocka.h>

#include "inputs.h"
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

/* Microkit 2.3: setvar_prefill_size gets the file's size, a vcpu's setvar_id its id. */
static void test_setvars_2_3(void **state)
{
    struct fixture f;
    load_system(&f, "<?xml version=\"1.0\"?><system>\n"
                    "<memory_region name=\"blob\" size=\"0x3000\" prefill_path=\"b.bin\"/>\n"
                    "<protection_domain name=\"vmm\" priority=\"100\">\n"
                    "<program_image path=\"pd.elf\"/>\n"
                    "<map mr=\"blob\" vaddr=\"0x4000000\" setvar_size=\"shared_size\" "
                    "setvar_prefill_size=\"shared_vaddr\"/>\n"
                    "<virtual_machine name=\"guest\"><vcpu id=\"0\"/>"
                    "<vcpu id=\"5\" setvar_id=\"device_paddr\"/></virtual_machine>\n"
                    "</protection_domain></system>\n");
    f.sys.mrs.items[0].prefill_size = 5000; /* as the inputs stage records it */
    struct elf_file e;
    assert_int_equal(elf_load(GOOD, ELF_ACCEPT_AARCH64, "pd", NULL, &e, &f.d), 0);
    assert_int_equal(patch_pd(&f.sys, 0, NULL, &e, &f.d), 0);
    assert_int_equal(read_u64(&e, "shared_size", 8), 0x3000);
    assert_int_equal(read_u64(&e, "shared_vaddr", 8), 5000);
    assert_int_equal(read_u64(&e, "device_paddr", 8), 5);
    elf_free(&e);
    fixture_free(&f);
}

/* A file of `n` bytes of 'x' in a fresh folder; returns the folder (static). */
static const char *data_dir(size_t n)
{
    static char dir[] = "/tmp/test_patch_prefill_XXXXXX";
    static bool made;
    if (!made) {
        assert_non_null(mkdtemp(dir));
        made = true;
    }
    char path[sizeof(dir) + 16];
    snprintf(path, sizeof(path), "%s/d.bin", dir);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    for (size_t i = 0; i < n; i++) {
        fputc('x', fp);
    }
    fclose(fp);
    return dir;
}

/* Size the one region of `xml` from a file of `n` bytes; returns inputs_size_regions's result. */
static int size_from(struct fixture *f, const char *page, size_t n)
{
    char xml[512];
    snprintf(xml, sizeof(xml),
             "<?xml version=\"1.0\"?><system>\n"
             "<memory_region name=\"blob\" prefill_path=\"d.bin\" %s/>\n"
             "<protection_domain name=\"a\"><program_image path=\"pd.elf\"/>\n"
             "<map mr=\"blob\" vaddr=\"0x4000000\" perms=\"r\"/></protection_domain>\n"
             "</system>\n",
             page);
    memset(f, 0, sizeof(*f));
    diag_init(&f->d, NULL);
    assert_int_equal(sdf_parse_buffer("t.system", xml, strlen(xml), &f->sys, &f->d), SDF_OK);
    const char *dir = data_dir(n);
    return inputs_size_regions(&f->sys, &dir, 1, &f->d);
}

/* A region without a size takes its prefill file's, rounded up to its page size. */
static void test_prefill_sizes(void **state)
{
    struct fixture f;
    assert_int_equal(size_from(&f, "", 4097), 0);
    assert_int_equal(f.sys.mrs.items[0].size, 0x2000);
    assert_int_equal(f.sys.mrs.items[0].prefill_size, 4097);
    assert_int_equal(checks_run(&f.sys, NULL, &f.d), 0);
    fixture_free(&f);
    assert_int_equal(size_from(&f, "", 4096), 0);
    assert_int_equal(f.sys.mrs.items[0].size, 0x1000);
    fixture_free(&f);
    assert_int_equal(size_from(&f, "page_size=\"0x200000\"", 10), 0);
    assert_int_equal(f.sys.mrs.items[0].size, 0x200000);
    fixture_free(&f);
    assert_int_equal(size_from(&f, "", 0), -1);
    int line = 0;
    assert_true(fixture_has(&f, "is empty", &line));
    assert_int_equal(line, 2);
    assert_int_equal(f.sys.mrs.items[0].size, 0);
    /* The checks leave the unsized region to that report. */
    assert_int_equal(checks_run(&f.sys, NULL, &f.d), 0);
    fixture_free(&f);
    const char *dir = data_dir(0);
    char path[64];
    snprintf(path, sizeof(path), "%s/d.bin", dir);
    unlink(path);
    rmdir(dir);
}

/* path_for_symbols: the symbols of the same program only. */
static void test_take_symbols(void **state)
{
    struct diag d;
    diag_init(&d, NULL);
    struct elf_file a, b;
    assert_int_equal(elf_load(GOOD, ELF_ACCEPT_AARCH64, "a", NULL, &a, &d), 0);
    assert_int_equal(elf_load(GOOD, ELF_ACCEPT_AARCH64, "b", NULL, &b, &d), 0);
    size_t n = b.symbols.count;
    free(a.symbols.items);
    a.symbols.items = NULL;
    a.symbols.count = a.symbols.cap = 0; /* as stripped */
    const struct elf_symbol *s;
    assert_int_equal(elf_find_symbol(&a, "shared_size", &s), ELF_SYM_MISSING);
    b.entry++;
    assert_string_equal(elf_take_symbols(&a, &b), "their entry points differ");
    b.entry--;
    b.segments.items[0].data[b.segments.items[0].memsz - 1] ^= 1;
    assert_string_equal(elf_take_symbols(&a, &b), "their loadable segments hold different bytes");
    b.segments.items[0].data[b.segments.items[0].memsz - 1] ^= 1;
    b.segments.items[0].memsz++;
    assert_non_null(strstr(elf_take_symbols(&a, &b), "differ in address, size or permissions"));
    b.segments.items[0].memsz--;
    assert_null(elf_take_symbols(&a, &b));
    assert_int_equal(a.symbols.count, n);
    assert_int_equal(b.symbols.count, 0);
    uint8_t v[8] = {42};
    assert_int_equal(elf_patch_symbol(&a, "shared_size", v, 8), 0);
    assert_int_equal(read_u64(&a, "shared_size", 8), 42);
    elf_free(&a);
    elf_free(&b);
    diag_free(&d);
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
        cmocka_unit_test(test_pd_symbols),   cmocka_unit_test(test_setvar_errors),
        cmocka_unit_test(test_setvars_2_3),  cmocka_unit_test(test_prefill_sizes),
        cmocka_unit_test(test_take_symbols), cmocka_unit_test(test_monitor),
        cmocka_unit_test(test_host_elf),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
