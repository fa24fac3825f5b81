/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Unit tests of the elf stage on ELF files built at test-build time from
 * tests/elf (pd.elf with the AArch64 cross compiler, pd_host.elf for the
 * host, and malformed copies made by tests/elf/corrupt.c). Skips when the
 * cross compiler was not found.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "elfload.h"
#include "util.h"

#define GOOD   TEST_ELF_DIR "/pd.elf"
#define HOST   TEST_ELF_DIR "/pd_host.elf"
#define BAD(n) TEST_ELF_DIR "/bad/" n ".elf"

static int load(const char *path, unsigned machines, struct elf_file *e, struct diag *d)
{
    diag_init(d, NULL);
    return elf_load(path, machines, "program image of PD 'x'", NULL, e, d);
}

static void test_good(void **state)
{
    struct elf_file e;
    struct diag d;
    assert_int_equal(load(GOOD, ELF_ACCEPT_AARCH64, &e, &d), 0);
    assert_int_equal(e.machine, ELF_MACHINE_AARCH64);
    assert_int_equal(e.segments.count, 2);
    const struct elf_segment *text = &e.segments.items[0], *data = &e.segments.items[1];
    assert_int_equal(text->vaddr, 0x200000);
    assert_true(data->vaddr > text->vaddr);
    /* .bss is materialised: memsz bytes, zero past filesz. */
    assert_true(data->memsz >= data->filesz + 0x10000);
    for (uint64_t i = data->filesz; i < data->memsz; i++) {
        assert_int_equal(data->data[i], 0);
    }
    const struct elf_symbol *s;
    assert_int_equal(elf_find_symbol(&e, "_start", &s), ELF_SYM_FOUND);
    assert_int_equal(s->value, e.entry);
    assert_int_equal(elf_find_symbol(&e, "microkit_name", &s), ELF_SYM_FOUND);
    assert_int_equal(s->size, 64);
    assert_int_equal(elf_find_symbol(&e, "no_such_symbol", &s), ELF_SYM_MISSING);
    /* Two static functions called dup_fn: ambiguous. */
    assert_int_equal(elf_find_symbol(&e, "dup_fn", &s), ELF_SYM_DUPLICATE);
    elf_free(&e);
    diag_free(&d);
}

/* The kernel's way in: the mapped file's bytes, symbols in file order, no patching. */
static void test_read_only(void **state)
{
    struct elf_file e, ro;
    struct diag d, d2;
    assert_int_equal(load(GOOD, ELF_ACCEPT_AARCH64, &e, &d), 0);
    diag_init(&d2, NULL);
    assert_int_equal(elf_load_read_only(GOOD, ELF_ACCEPT_AARCH64, "kernel", NULL, &ro, &d2), 0);
    assert_true(ro.read_only);
    assert_int_equal(ro.segments.count, e.segments.count);
    for (size_t i = 0; i < ro.segments.count; i++) {
        const struct elf_segment *a = &e.segments.items[i], *b = &ro.segments.items[i];
        assert_int_equal(b->vaddr, a->vaddr);
        assert_int_equal(b->filesz, a->filesz);
        assert_int_equal(b->memsz, a->memsz);
        assert_ptr_equal(b->data, ro.file + b->offset); /* not a copy */
        assert_memory_equal(b->data, a->data, a->filesz);
    }
    assert_int_equal(ro.symbols.count, e.symbols.count);
    const struct elf_symbol *s = NULL, *t = NULL;
    assert_int_equal(elf_find_symbol(&ro, "_start", &s), ELF_SYM_FOUND);
    assert_int_equal(elf_find_symbol(&e, "_start", &t), ELF_SYM_FOUND);
    assert_int_equal(s->value, t->value);
    assert_string_equal(s->name, "_start");
    assert_int_equal(elf_find_symbol(&ro, "no_such_symbol", &s), ELF_SYM_MISSING);
    assert_int_equal(elf_find_symbol(&ro, "dup_fn", &s), ELF_SYM_DUPLICATE);
    uint8_t v = 1;
    assert_int_equal(elf_patch_symbol(&ro, "microkit_name", &v, 1), 1);
    assert_int_equal(elf_patch_symbol(&ro, "no_such_symbol", &v, 1), ELF_SYM_MISSING);
    struct elf_file copy;
    assert_int_equal(elf_file_clone(&ro, &copy), -1);
    elf_free(&ro);
    elf_free(&e);
    diag_free(&d2);
    diag_free(&d);
}

static void test_functions_sorted(void **state)
{
    struct elf_file e;
    struct diag d;
    assert_int_equal(load(GOOD, ELF_ACCEPT_AARCH64, &e, &d), 0);
    size_t n;
    const struct elf_symbol **fn = elf_functions(&e, &n);
    assert_true(n >= 4);
    int saw_helper = 0;
    for (size_t i = 0; i < n; i++) {
        assert_true(fn[i]->kind == ELF_SYM_FUNC && fn[i]->size > 0);
        if (i) {
            assert_true(fn[i - 1]->value <= fn[i]->value);
        }
        saw_helper |= !strcmp(fn[i]->name, "helper");
    }
    assert_true(saw_helper);
    free(fn);
    elf_free(&e);
    diag_free(&d);
}

static void test_patch_in_memory_only(void **state)
{
    size_t before_len, after_len;
    uint8_t *before = read_file(GOOD, &before_len);
    struct elf_file e;
    struct diag d;
    assert_int_equal(load(GOOD, ELF_ACCEPT_AARCH64, &e, &d), 0);
    assert_int_equal(elf_patch_symbol(&e, "microkit_name", "abc", 4), 0);
    const struct elf_symbol *s;
    elf_find_symbol(&e, "microkit_name", &s);
    const struct elf_segment *seg = elf_segment_at(&e, s->value, 64);
    assert_non_null(seg);
    assert_string_equal((const char *)seg->data + (s->value - seg->vaddr), "abc");
    /* Too large for the symbol, missing, ambiguous. */
    uint8_t big[80] = {0};
    assert_int_equal(elf_patch_symbol(&e, "microkit_name", big, sizeof(big)), 1);
    assert_int_equal(elf_patch_symbol(&e, "nope", big, 1), ELF_SYM_MISSING);
    assert_int_equal(elf_patch_symbol(&e, "dup_fn", big, 1), ELF_SYM_DUPLICATE);
    uint8_t *after = read_file(GOOD, &after_len);
    assert_int_equal(before_len, after_len);
    assert_memory_equal(before, after, before_len);
    free(before);
    free(after);
    elf_free(&e);
    diag_free(&d);
}

static void expect_bad(const char *path, const char *phrase)
{
    struct elf_file e;
    struct diag d;
    assert_int_equal(load(path, ELF_ACCEPT_AARCH64, &e, &d), -1);
    assert_true(d.errors >= 1);
    const char *msg = d.entries.items[0].message;
    if (!strstr(msg, phrase) || !strstr(msg, path)) {
        fail_msg("'%s': expected '%s' and the path in: %s", path, phrase, msg);
    }
    elf_free(&e);
    diag_free(&d);
}

static void test_malformed(void **state)
{
    expect_bad(BAD("truncated"), "truncated");
    expect_bad(BAD("wrong_machine"), "built for RISC-V, expected AArch64");
    expect_bad(BAD("class32"), "not a 64-bit ELF file");
    expect_bad(BAD("big_endian"), "not a little-endian ELF file");
    expect_bad(BAD("seg_past_file"), "runs past the end of the file");
    expect_bad(BAD("overlap"), "loadable segments overlap");
    expect_bad(BAD("huge"), "absurdly large");
    expect_bad(BAD("filesz_gt_memsz"), "larger than its memory size");
    expect_bad(BAD("not_elf"), "not an ELF file");
    expect_bad(TEST_ELF_DIR "/no_such_file.elf", "cannot read");
}

static void test_host_machine(void **state)
{
    struct elf_file e;
    struct diag d;
    assert_int_equal(load(HOST, ELF_ACCEPT_AARCH64, &e, &d), -1);
    assert_non_null(strstr(d.entries.items[0].message, "built for x86-64, expected AArch64"));
    elf_free(&e);
    diag_free(&d);
    assert_int_equal(load(HOST, ELF_ACCEPT_X86_64, &e, &d), 0);
    assert_int_equal(e.machine, ELF_MACHINE_X86_64);
    elf_free(&e);
    diag_free(&d);
}

int main(void)
{
    if (access(GOOD, R_OK)) {
        fprintf(stderr, "skipped: %s was not built (no AArch64 cross compiler)\n", GOOD);
        return 77;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good),
        cmocka_unit_test(test_read_only),
        cmocka_unit_test(test_functions_sorted),
        cmocka_unit_test(test_patch_in_memory_only),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_host_machine),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
