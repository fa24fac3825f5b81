/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The build report (-r): a text memory map per owner (kernel, loader,
 * monitor + boot spec, each PD's ELF, stack, IPC buffer and regions), per-PD
 * totals, kernel object counts and the planned RAM untypeds; and the same
 * facts as JSON (--report-json).
 */
#ifndef TOOL_REPORT_H
#define TOOL_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "board.h"
#include "elfload.h"
#include "image.h"
#include "kernel.h"
#include "layout.h"
#include "memplan.h"
#include "model.h"
#include "spec.h"

struct report_in {
    const struct system *sys;
    const struct board *board;
    const char *config;
    const struct kernel *kernel;
    const struct elf_file *monitor;
    struct elf_file *const *pd_elfs;
    const struct layout *lay;
    const struct memplan *mp;
    const struct spec_blob *spec;
    const struct image_params *image;
    uint64_t ui_vaddr; /* monitor's lowest page */
    uint64_t ui_size;  /* bytes of monitor + spec */
    uint64_t spec_vaddr;
    uint64_t loader_link; /* where the loader runs */
    size_t image_size;    /* bytes of loader.img */
};

/* The text report; malloc'd, NUL-terminated. */
char *report_text(const struct report_in *r);

/* The JSON report; malloc'd, NUL-terminated. */
char *report_json(const struct report_in *r);

#endif /* TOOL_REPORT_H */
