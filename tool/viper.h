/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The viper stage (`--viper-output DIR`, Microkit 2.3): for every protection
 * domain, a description of its CSpace, its channels and its memory in the
 * Viper verification language, as Microkit 2.3 writes it to DIR/NAME.vpr.
 * Everything comes from the boot spec, read back with the one spec reader,
 * so the file says what the PD really gets on seL4 and on the simulator.
 *
 * A file is a comment line and a list of `define`s, each set as a predicate
 * on x and a heap-function form of it:
 *
 *     // exported invariants for PD NAME in SDF-PATH
 *     define SET(x) (x in Set(A,B,...))        or  define SET(x) (false)
 *     define f_SET(heap,gv,x) (SET(x))
 *
 * in this order: channel ids mk_is_protected_source, mk_is_ppcall_target,
 * mk_is_notified_source, mk_is_notify_target, mk_is_irq_channel, child ids
 * mk_is_child; CSpace slots pansel4_has_cap (every occupied slot) and by
 * kind pansel4_has_{endpoint,notification,reply,page_table,irq_handler,tcb,
 * vcpu,ioport,arm_smc}_cap (the VSpace is a page table; scheduling context,
 * CNode and frame caps occupy a slot and have no kind set); then for every
 * map of a memory region `define mem_MR_contains(x) (START <= x && x < END)`
 * (decimal) and mem_readable, mem_writeable as the disjunction of those
 * ranges (or false), each with its f_ form. Sets are in ascending order.
 * docs/cli.md has an example and where this differs from Microkit 2.3.
 */
#ifndef TOOL_VIPER_H
#define TOOL_VIPER_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

struct diag;

/* One PD's file: DIR/<name>.vpr. */
struct viper_file {
    char *name; /* the PD's name */
    char *text; /* the file's contents */
};

struct viper_set {
    VEC(struct viper_file) files; /* in the spec's PD order */
};

/*
 * Describe every PD of the spec blob [blob, blob + size) (VM vCPU threads
 * are not PDs). `sdf_path` goes into each file's first line. Returns 0; -1
 * when the blob is refused or a PD's name cannot be a file name ('/', '.' or
 * '..'), reported to `d`, with *out empty.
 */
int viper_build(const void *blob, size_t size, const char *sdf_path, struct viper_set *out,
                struct diag *d);

/* The path of `f` under `dir`: "DIR/NAME.vpr" (malloc'd). */
char *viper_path(const char *dir, const struct viper_file *f);

void viper_free(struct viper_set *v);

#endif /* TOOL_VIPER_H */
