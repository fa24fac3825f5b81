/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Fuzz target: the elf stage on an arbitrary file, then everything later
 * stages do with a loaded ELF (symbol lookups, function list, address
 * range, patching symbols, writing the patched copy), and the emit stage's
 * loader ELF reader on the same file. A rejected file must be reported;
 * an accepted one must be safe to use.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "elfload.h"
#include "fuzz_util.h"
#include "image.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Patches at most this many symbols of at most this size. */
#define MAX_PATCHES    8
#define MAX_PATCH_SIZE 4096

static void use_symbols(struct elf_file *elf)
{
    static const uint8_t bytes[MAX_PATCH_SIZE];
    unsigned patched = 0;
    for (size_t i = 0; i < elf->symbols.count; i++) {
        const struct elf_symbol *sym = &elf->symbols.items[i], *found = NULL;
        if (!sym->name) {
            abort();
        }
        enum elf_lookup r = elf_find_symbol(elf, sym->name, &found);
        if (r == ELF_SYM_MISSING || (r == ELF_SYM_FOUND && strcmp(found->name, sym->name))) {
            abort(); /* every listed symbol must be found */
        }
        if (r == ELF_SYM_FOUND && sym->size <= MAX_PATCH_SIZE && patched < MAX_PATCHES) {
            size_t len = sym->size ? (size_t)sym->size : 8;
            if (elf_patch_symbol(elf, sym->name, bytes, len) == 0) {
                patched++;
            }
        }
    }
    const struct elf_symbol *found;
    (void)elf_find_symbol(elf, "microkit_name", &found);
    size_t n;
    const struct elf_symbol **funcs = elf_functions(elf, &n);
    for (size_t i = 1; i < n; i++) {
        if (funcs[i - 1]->value > funcs[i]->value) {
            abort();
        }
    }
    free(funcs);
}

static void use_segments(struct elf_file *elf)
{
    uint64_t lo, hi;
    elf_vaddr_range(elf, &lo, &hi);
    for (size_t i = 0; i < elf->segments.count; i++) {
        const struct elf_segment *s = &elf->segments.items[i];
        if (elf_segment_at(elf, s->vaddr, s->memsz) != s || s->vaddr < lo ||
            s->vaddr + s->memsz > hi) {
            abort();
        }
        /* Touch both ends of the materialised copy. */
        volatile uint8_t sink = s->data[0];
        sink = s->data[s->memsz ? s->memsz - 1 : 0];
        (void)sink;
    }
}

static void load(const char *path, const char *out)
{
    struct elf_file elf;
    struct diag d;
    diag_init(&d, NULL);
    int rc = elf_load(path, ELF_ACCEPT_AARCH64 | ELF_ACCEPT_X86_64, "fuzz input", NULL, &elf, &d);
    if ((rc == 0) != (d.errors == 0)) {
        abort();
    }
    if (rc == 0) {
        use_segments(&elf);
        use_symbols(&elf);
        (void)elf_write_patched(&elf, out, &d);
    }
    elf_free(&elf);
    diag_free(&d);
}

static void load_as_loader(const char *path)
{
    struct image_loader l;
    struct diag d;
    diag_init(&d, NULL);
    int rc = image_loader_read(path, &l, &d);
    if ((rc == 0) != (d.errors == 0)) {
        abort();
    }
    if (rc == 0) {
        if (l.file_size > l.mem_size || l.header_offset < l.mem_size) {
            abort();
        }
        image_loader_free(&l);
    }
    diag_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char out[512];
    const char *path = fuzz_temp_file(data, size, ".elf");
    if (!out[0]) {
        snprintf(out, sizeof(out), "%s/patched.elf", fuzz_temp_dir());
    }
    load(path, out);
    load_as_loader(path);
    return 0;
}
