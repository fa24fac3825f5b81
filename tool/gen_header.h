/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Generated headers (`microkit gen-header`, the build's --gen-headers DIR):
 * one C header per PD with what its SDF decides, so that its program need
 * not repeat the numbers (docs/reports.md, "Generated headers").
 *
 * Names, from the SDF (C identifiers: upper case, every other character
 * '_', a leading digit gets a '_' in front; si_c_ident):
 *   CH_<PEER>          the PD's id of its channel with PD <PEER>
 *   IRQ_<N>            the id of its irq with hardware number N
 *   CHILD_<NAME>       the id of its child PD <NAME>
 *   VCPU_<VM>_<ID>     the id of a vCPU of its virtual machine
 *   <M>_VADDR, <M>_SIZE  each map's virtual address and the region's size,
 *                      M the map's setvar_vaddr symbol less a trailing "_vaddr",
 *                      else its region's name
 *   PD_NAME, PD_PRIORITY
 * Collisions: when one name would be given twice (two channels with one
 * peer, one region mapped twice), every holder of it gets the id (channels,
 * irqs, children) or its place among them, from 1 by virtual address
 * (maps), as a suffix: CH_SERVER_1, CH_SERVER_2; a name that is still taken gets a
 * further _2, _3, ...
 */
#ifndef TOOL_GEN_HEADER_H
#define TOOL_GEN_HEADER_H

#include <stddef.h>

#include "files.h"
#include "sysinfo.h"

/* The header of PD `p`; malloc'd, NUL-terminated. */
char *gen_header_text(const struct sysinfo *si, size_t p);

/* "client.h" for PD "client" ('/' becomes '_'): the file --gen-headers writes (malloc'd). */
char *gen_header_file_name(const char *pd_name);

/* The build's --gen-headers DIR: one header per PD, DIR/<pd>.h. */
struct gen_header_file {
    char *path;
    char *text;
};
struct gen_header_set {
    VEC(struct gen_header_file) files;
};

/* Every PD's header, for the folder `dir`. */
void gen_headers_build(const struct sysinfo *si, const char *dir, struct gen_header_set *set);

/*
 * Make `dir` (mkdir -p) and add every header to the output set `s` (files.h),
 * which writes them with the build's other outputs, all or none. Returns 0,
 * or -1 with `e` filled in when the folder cannot be made.
 */
int gen_headers_add_outputs(const struct gen_header_set *set, const char *dir, struct output_set *s,
                            struct file_error *e);

void gen_headers_free(struct gen_header_set *set);

#endif /* TOOL_GEN_HEADER_H */
