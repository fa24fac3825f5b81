/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Shared set-up for the back-end stage tests (layout, spec, patch): a
 * system parsed from SDF text, the qemu_virt_aarch64 board, and in-memory
 * PD ELFs, so no cross compiler is needed.
 */
#ifndef TEST_TOOL_FIXTURE_H
#define TEST_TOOL_FIXTURE_H

#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "checks.h"
#include "elfload.h"
#include "layout.h"
#include "sdf_parse.h"
#include "util.h"

struct fixture {
    struct system sys;
    struct board board;
    struct diag d;
    struct elf_file **elfs;
    struct layout lay;
};

/* A PD ELF: text [0x200000, 0x201000) R X filled with 0xaa, data at 0x201000 (16 bytes of 0x55,
 * 0x3000 in memory) RW. */
static inline struct elf_file *fake_elf(void)
{
    struct elf_file *e = xcalloc(1, sizeof(*e));
    e->path = xstrdup("fake.elf");
    e->machine = ELF_MACHINE_AARCH64;
    e->entry = 0x200000;
    struct elf_segment *t = VEC_PUSH(e->segments);
    t->vaddr = t->paddr = 0x200000;
    t->filesz = t->memsz = 0x1000;
    t->flags = ELF_SEG_R | ELF_SEG_X;
    t->data = xmalloc(0x1000);
    memset(t->data, 0xaa, 0x1000);
    struct elf_segment *d = VEC_PUSH(e->segments);
    d->vaddr = d->paddr = 0x201000;
    d->filesz = 0x10;
    d->memsz = 0x3000;
    d->flags = ELF_SEG_R | ELF_SEG_W;
    d->data = xcalloc(1, 0x3000);
    memset(d->data, 0x55, 0x10);
    return e;
}

/* Parse `xml`, check it, and lay it out. Returns layout_build's result (or -2 when parse/checks
 * fail). */
static inline int fixture_build(struct fixture *f, const char *xml)
{
    memset(f, 0, sizeof(*f));
    diag_init(&f->d, NULL);
    if (sdf_parse_buffer("test.system", xml, strlen(xml), &f->sys, &f->d) != SDF_OK ||
        board_load("qemu_virt_aarch64", TEST_BOARDS_DIR, &f->board, &f->d) ||
        checks_run(&f->sys, &f->board, &f->d)) {
        for (size_t i = 0; i < f->d.entries.count; i++) {
            fprintf(stderr, "fixture: %s\n", f->d.entries.items[i].message);
        }
        return -2;
    }
    f->elfs = xcalloc(f->sys.pds.count + 1, sizeof(*f->elfs));
    for (size_t i = 0; i < f->sys.pds.count; i++) {
        f->elfs[i] = fake_elf();
    }
    struct layout_input in = {&f->sys, &f->board, f->elfs, NULL, NULL, 12, false};
    return layout_build(&in, &f->lay, &f->d);
}

static inline void fixture_free(struct fixture *f)
{
    for (size_t i = 0; f->elfs && i < f->sys.pds.count; i++) {
        elf_free(f->elfs[i]);
        free(f->elfs[i]);
    }
    free(f->elfs);
    layout_free(&f->lay);
    board_free(&f->board);
    system_free(&f->sys);
    diag_free(&f->d);
}

/* True when some diagnostic's message contains `text`; *line gets its line. */
static inline int fixture_has(const struct fixture *f, const char *text, int *line)
{
    for (size_t i = 0; i < f->d.entries.count; i++) {
        if (strstr(f->d.entries.items[i].message, text)) {
            if (line) {
                *line = f->d.entries.items[i].pos.line;
            }
            return 1;
        }
    }
    return 0;
}

#endif /* TEST_TOOL_FIXTURE_H */
