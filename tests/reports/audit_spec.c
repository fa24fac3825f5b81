/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The capability audit (tool/audit.c) on many systems.
 *
 *   audit_spec AARCH64_ELF BOARDS_DIR COUNT SEED [SYSTEM...]
 *
 * For every SYSTEM given and COUNT systems generated from SEED
 * (tests/lib/sysgen.c, every feature on), in the debug and the benchmark
 * configuration, the boot spec is built for qemu_virt_aarch64 with every
 * PD running AARCH64_ELF, and
 *   - the audit finds nothing: no PD holds a cap or a frame map its SDF does
 *     not grant, and every cap is attributed to an SDF element;
 *   - the audit finds each of these, planted in the layout before the spec
 *     is built: an extra cap to a PD's own TCB at a free slot; a channel
 *     cap with another badge; a region's frame mapped into a PD that does
 *     not map it; a read-only map made writeable.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "board.h"
#include "checks.h"
#include "layout.h"
#include "sdf_parse.h"
#include "spec.h"
#include "sysgen.h"
#include "sysinfo.h"
#include "util.h"

struct env {
    struct board board;
    struct elf_file seed;
    FILE *quiet;
    unsigned systems, failures, planted;
};

enum plant { PLANT_NONE, PLANT_CAP, PLANT_BADGE, PLANT_MAP, PLANT_WRITE, PLANT_COUNT };

static const char *const plant_names[] = {"nothing", "an extra TCB cap", "a changed badge",
                                          "a foreign frame map", "a writeable read-only map"};

/* Change `lay` as `what` says; false when this system has nothing to change. */
static bool plant(struct layout *lay, const struct system *sys, enum plant what)
{
    const struct lay_pd *lp = &lay->pds[0];
    switch (what) {
    case PLANT_CAP: {
        struct bs_cap *c = VEC_PUSH(lay->caps);
        *c = (struct bs_cap){lp->cnode, 500, lp->tcb, BS_CAP_OBJECT, BS_RIGHTS_ALL, 0};
        return true;
    }
    case PLANT_BADGE:
        for (size_t i = 0; i < lay->caps.count; i++) {
            struct bs_cap *c = &lay->caps.items[i];
            if (c->slot >= SDK_CAP_BASE_NOTIFICATION && c->slot < SDK_CAP_BASE_ENDPOINT) {
                c->badge ^= 1ull << 61;
                return true;
            }
        }
        return false;
    case PLANT_MAP:
    case PLANT_WRITE:
        for (size_t i = lay->num_pt_maps; i < lay->maps.count; i++) {
            struct bs_map *m = &lay->maps.items[i];
            const struct lay_object *o = &lay->objects.items[m->obj];
            if (o->mr < 0 || (what == PLANT_WRITE && (m->rights & BS_RIGHT_WRITE))) {
                continue;
            }
            for (size_t p = 0; what == PLANT_MAP && p < sys->pds.count; p++) {
                if (lay->pds[p].vspace != m->vspace && !sys->pds.items[p].maps.count) {
                    struct bs_map copy = *m;
                    copy.vspace = lay->pds[p].vspace;
                    *VEC_PUSH(lay->maps) = copy;
                    return true;
                }
            }
            if (what == PLANT_WRITE) {
                m->rights |= BS_RIGHT_WRITE;
                return true;
            }
        }
        return false;
    default:
        return true;
    }
}

/* Build the spec (with `what` planted) and audit it; the problems found, or -1. */
static long audit_once(struct env *e, struct system *sys, bool bench, enum plant what,
                       bool *planted, FILE *out)
{
    struct diag d;
    diag_init(&d, e->quiet);
    size_t n = sys->pds.count;
    struct elf_file **elfs = xcalloc(n + 1, sizeof(*elfs));
    for (size_t i = 0; i < n; i++) {
        elfs[i] = xcalloc(1, sizeof(struct elf_file));
        elf_file_clone(&e->seed, elfs[i]);
    }
    struct layout_input in = {.sys = sys,
                              .board = &e->board,
                              .pd_elfs = elfs,
                              .tcb_bits = bench ? 11 : 12,
                              .benchmark = bench};
    struct layout lay = {0};
    struct spec_blob blob = {0};
    long found = -1;
    if (!checks_run(sys, &e->board, &d) && !layout_build(&in, &lay, &d)) {
        *planted = plant(&lay, sys, what);
        spec_build(&lay, elfs, 0, &blob);
        struct sysinfo si;
        struct si_build_in b = {.lay = &lay, .spec = &blob, .benchmark = bench};
        sysinfo_build(sys, &si);
        if (!sysinfo_add_build(&si, &b)) {
            found = (long)audit_check(&si, blob.data, blob.size, out);
        }
        sysinfo_free(&si);
    }
    for (size_t i = 0; i < n; i++) {
        elf_free(elfs[i]);
        free(elfs[i]);
    }
    free(elfs);
    layout_free(&lay);
    spec_blob_free(&blob);
    diag_free(&d);
    return found;
}

static void check_system(struct env *e, const char *what, struct system *sys, bool bench)
{
    e->systems++;
    for (int p = PLANT_NONE; p < PLANT_COUNT; p++) {
        bool planted = false;
        long found = audit_once(e, sys, bench, (enum plant)p, &planted, p ? e->quiet : stderr);
        bool ok = found >= 0 && (p == PLANT_NONE ? found == 0 : !planted || found > 0);
        e->planted += p && planted;
        if (!ok) {
            e->failures++;
            fprintf(stderr, "audit_spec: %s (%s): with %s planted the audit found %ld problems\n",
                    what, bench ? "benchmark" : "debug", plant_names[p], found);
        }
    }
}

static void check_sdf(struct env *e, const char *what, const char *sdf, size_t len, bool bench)
{
    struct system sys;
    memset(&sys, 0, sizeof(sys));
    struct diag d;
    diag_init(&d, e->quiet);
    if (sdf_parse_buffer(what, sdf, len, &sys, &d) == SDF_OK) {
        /* The seed program has no setvar symbols (setvars grant no caps): set them aside. */
        size_t *setvars = xcalloc(sys.pds.count + 1, sizeof(*setvars));
        for (size_t i = 0; i < sys.pds.count; i++) {
            setvars[i] = sys.pds.items[i].setvars.count;
            sys.pds.items[i].setvars.count = 0;
        }
        check_system(e, what, &sys, bench);
        for (size_t i = 0; i < sys.pds.count; i++) {
            sys.pds.items[i].setvars.count = setvars[i];
        }
        free(setvars);
    } else {
        e->failures++;
        fprintf(stderr, "audit_spec: %s does not parse\n%s\n", what, sdf);
    }
    system_free(&sys);
    diag_free(&d);
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: audit_spec AARCH64_ELF BOARDS_DIR COUNT SEED [SYSTEM...]\n");
        return 2;
    }
    struct env e;
    memset(&e, 0, sizeof(e));
    e.quiet = fopen("/dev/null", "w");
    struct diag d;
    diag_init(&d, stderr);
    if (board_load("qemu_virt_aarch64", argv[2], &e.board, &d) ||
        elf_load(argv[1], ELF_ACCEPT_AARCH64, "seed", NULL, &e.seed, &d)) {
        return 2;
    }
    for (int i = 5; i < argc; i++) {
        size_t len = 0;
        char *sdf = read_file(argv[i], &len);
        if (!sdf) {
            fprintf(stderr, "audit_spec: cannot read '%s'\n", argv[i]);
            return 2;
        }
        check_sdf(&e, argv[i], sdf, len, false);
        check_sdf(&e, argv[i], sdf, len, true);
        free(sdf);
    }
    const struct sysgen_opts gen = {
        .cspace = true, .smc = true, .vm = true, .notify_off = true, .irqs = true, .maps = true};
    unsigned count = (unsigned)atoi(argv[3]), seed = (unsigned)atoi(argv[4]);
    for (unsigned k = 0; k < count; k++) {
        size_t len = 0;
        char *sdf = sysgen_generate(seed + k, &gen, &len);
        char what[32];
        snprintf(what, sizeof(what), "generated #%u", seed + k);
        check_sdf(&e, what, sdf, len, k % 2 == 1);
        free(sdf);
    }
    printf("audit_spec: %u systems, %u planted problems, %u failures\n", e.systems, e.planted,
           e.failures);
    elf_free(&e.seed);
    board_free(&e.board);
    diag_free(&d);
    fclose(e.quiet);
    return e.failures ? 1 : 0;
}
