/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The build report (-r), from the system facts (sysinfo.h): the physical
 * memory map of every range with its owner (kernel, monitor + boot spec,
 * root task objects, each PD's program image, stack, IPC buffer and kernel
 * objects, each memory region, free RAM, the loader), sorted by address,
 * with totals per owner kind and per PD; per PD its scheduling parameters,
 * its virtual map sorted by address (kind, perms, cache attribute, page
 * size), channels, IRQs, children, setvars and caps (with the SDF element
 * that granted each); memory regions; kernel objects by kind; the boot
 * spec's counts; the warnings of the build, repeated at the end. And the
 * same facts as JSON (--report-json), described by
 * schema/report-v1.schema.json (docs/reports.md).
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
#include "sysinfo.h"

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
    uint64_t loader_link;     /* where the loader runs */
    size_t image_size;        /* bytes of loader.img */
    const struct sysinfo *si; /* built (sysinfo_add_build) from the same build */
    const struct diag *d;     /* its warnings are repeated at the end; may be NULL */
};

/* Version of the JSON report ("version"); schema/report-v<N>.schema.json describes it. */
#define REPORT_JSON_VERSION 1

/* The text report; malloc'd, NUL-terminated. */
char *report_text(const struct report_in *r);

/* The JSON report; malloc'd, NUL-terminated. */
char *report_json(const struct report_in *r);

#endif /* TOOL_REPORT_H */
