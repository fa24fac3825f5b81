/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Unit tests of the elf stage on hand-made files (no cross compiler
 * needed): program header entries too small for a 64-bit header, many
 * overlapping segments reported once, and a cloned program that keeps a
 * patch of its .bss without copying the rest of it.
 */
#include <elf.h>
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

#define DATA_OFFSET 0x1000ull

struct seg {
    uint64_t vaddr, filesz, memsz;
};

/*
 * Write an AArch64 executable of `n` PT_LOAD segments, each with its file
 * bytes (0x5a) at DATA_OFFSET, program header entries of `phentsize` bytes.
 * Returns the malloc'd path of a temporary file.
 */
static char *write_elf(const struct seg *segs, size_t n, unsigned phentsize)
{
    size_t size = DATA_OFFSET + 0x1000 + n * sizeof(Elf64_Phdr);
    uint8_t *b = xcalloc(1, size);
    memset(b + DATA_OFFSET, 0x5a, 0x1000);
    Elf64_Ehdr *eh = (Elf64_Ehdr *)b;
    memcpy(eh->e_ident, ELFMAG, SELFMAG);
    eh->e_ident[EI_CLASS] = ELFCLASS64;
    eh->e_ident[EI_DATA] = ELFDATA2LSB;
    eh->e_ident[EI_VERSION] = EV_CURRENT;
    eh->e_type = ET_EXEC;
    eh->e_machine = EM_AARCH64;
    eh->e_version = EV_CURRENT;
    eh->e_entry = segs[0].vaddr;
    eh->e_phoff = DATA_OFFSET + 0x1000;
    eh->e_ehsize = sizeof(*eh);
    eh->e_phentsize = (uint16_t)phentsize;
    eh->e_phnum = (uint16_t)n;
    Elf64_Phdr *ph = (Elf64_Phdr *)(b + eh->e_phoff);
    for (size_t i = 0; i < n; i++) {
        ph[i] = (Elf64_Phdr){.p_type = PT_LOAD,
                             .p_flags = PF_R | PF_X,
                             .p_offset = DATA_OFFSET,
                             .p_vaddr = segs[i].vaddr,
                             .p_paddr = segs[i].vaddr,
                             .p_filesz = segs[i].filesz,
                             .p_memsz = segs[i].memsz,
                             .p_align = 0x1000};
    }
    char *path = xasprintf("%s/elf_limits_XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, b, size), (ssize_t)size);
    close(fd);
    free(b);
    return path;
}

static int load(const char *path, struct elf_file *e, struct diag *d)
{
    diag_init(d, NULL);
    return elf_load(path, ELF_ACCEPT_AARCH64, "program image", NULL, e, d);
}

static void test_phentsize(void **state)
{
    struct seg s = {0x200000, 0x100, 0x1000};
    char *path = write_elf(&s, 1, 56);
    struct elf_file e;
    struct diag d;
    assert_int_equal(load(path, &e, &d), 0);
    elf_free(&e);
    diag_free(&d);
    unlink(path);
    free(path);
    /* Half-size entries: libelf would read overlapping garbage as 64-bit headers. */
    path = write_elf(&s, 1, 32);
    assert_int_equal(load(path, &e, &d), -1);
    assert_int_equal(d.entries.count, 1);
    assert_non_null(strstr(d.entries.items[0].message,
                           "program header entries are 32 bytes, "
                           "smaller than a 64-bit program header (56)"));
    elf_free(&e);
    diag_free(&d);
    unlink(path);
    free(path);
}

/* 20,000 segments at one address: one line, with the number of the others. */
static void test_overlaps_once(void **state)
{
    size_t n = 20000;
    struct seg *s = xcalloc(n, sizeof(*s));
    for (size_t i = 0; i < n; i++) {
        s[i] = (struct seg){0x10000000, 0, 0x1000};
    }
    char *path = write_elf(s, n, 56);
    struct elf_file e;
    struct diag d;
    assert_int_equal(load(path, &e, &d), -1);
    assert_int_equal(d.entries.count, 1);
    assert_int_equal(d.errors, 1);
    assert_non_null(strstr(d.entries.items[0].message,
                           "loadable segments overlap: [0x10000000, 0x10001000) and [0x10000000, "
                           "0x10001000) (and 19998 more overlaps)"));
    elf_free(&e);
    diag_free(&d);
    unlink(path);
    free(path);
    free(s);
}

/* A segment reaching over later ones overlaps each of them, not only its neighbour. */
static void test_overlap_reach(void **state)
{
    struct seg s[] = {{0x10000000, 0, 0x10000}, {0x10002000, 0, 0x1000}, {0x10004000, 0, 0x1000}};
    char *path = write_elf(s, 3, 56);
    struct elf_file e;
    struct diag d;
    assert_int_equal(load(path, &e, &d), -1);
    assert_int_equal(d.entries.count, 1);
    assert_non_null(strstr(d.entries.items[0].message,
                           "[0x10000000, 0x10010000) and [0x10002000, 0x10003000) (and 1 more "
                           "overlaps)"));
    elf_free(&e);
    diag_free(&d);
    unlink(path);
    free(path);
}

/*
 * More than 2 GiB in all: refused before any segment is allocated (an
 * accepted 2 GiB would be allocated, which under ASan costs seconds).
 */
static void test_total_size(void **state)
{
    struct seg s[] = {{0x200000, 0x10, 0x1000},
                      {0x40000000, 0, ELF_MAX_SEGMENT_SIZE},
                      {0x80000000, 0, ELF_MAX_SEGMENT_SIZE}};
    char *path = write_elf(s, 3, 56);
    struct elf_file e;
    struct diag d;
    assert_int_equal(load(path, &e, &d), -1);
    assert_int_equal(d.entries.count, 1);
    assert_non_null(strstr(d.entries.items[0].message,
                           "the loadable segments need more than 0x80000000 bytes of memory "
                           "(segment 2 goes past it)"));
    assert_int_equal(e.segments.count, 0);
    elf_free(&e);
    diag_free(&d);
    unlink(path);
    free(path);
}

/* A clone has the file bytes, zeroes, and what was patched into the .bss part. */
static void test_clone_bss(void **state)
{
    struct seg s = {0x200000, 0x10, 0x4000};
    char *path = write_elf(&s, 1, 56);
    struct elf_file e, copy;
    struct diag d;
    assert_int_equal(load(path, &e, &d), 0);
    struct elf_segment *seg = &e.segments.items[0];
    memset(seg->data + 0x2000, 0x77, 8); /* as elf_patch_symbol would */
    free(e.strings);
    e.strings = xstrdup("var"); /* patches name their symbol in the ELF's strings */
    *VEC_PUSH(e.patches) = (struct elf_patch){0x202000, 8, e.strings};
    assert_int_equal(elf_file_clone(&e, &copy), 0);
    const uint8_t *c = copy.segments.items[0].data;
    assert_int_equal(copy.segments.items[0].memsz, 0x4000);
    assert_int_equal(c[0], 0x5a);
    assert_int_equal(c[0xf], 0x5a);
    assert_int_equal(c[0x10], 0);
    assert_int_equal(c[0x2000], 0x77);
    assert_int_equal(c[0x2007], 0x77);
    assert_int_equal(c[0x2008], 0);
    assert_int_equal(c[0x3fff], 0);
    elf_free(&copy);
    elf_free(&e);
    diag_free(&d);
    unlink(path);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_phentsize),     cmocka_unit_test(test_overlaps_once),
        cmocka_unit_test(test_overlap_reach), cmocka_unit_test(test_total_size),
        cmocka_unit_test(test_clone_bss),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
