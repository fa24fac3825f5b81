/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The simulator's cap tables equal the target's, slot by slot.
 *
 *   caps_equal AARCH64_ELF HOST_ELF BOARDS_DIR COUNT SEED [SYSTEM...]
 *
 * For every SYSTEM given and COUNT systems generated from SEED
 * (tests/lib/sysgen.c, with <cspace>), in the debug and the benchmark
 * configuration: the target's table comes from the boot
 * spec built for qemu_virt_aarch64 (every PD running AARCH64_ELF), read back
 * with the one spec reader and described from the spec's object names alone
 * ("endpoint of pd 'x'"); the simulator's comes from `microkit run
 * --print-caps` done in-process (run_host_system, every PD running
 * HOST_ELF). The two must list the same caps: slot, kind, the PD owning the
 * object, badge (an IRQ: its number). Programs and setvars do not change cap
 * tables, so every PD runs the same seed program and setvars are dropped.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "checks.h"
#include "layout.h"
#include "run_host.h"
#include "sdf_parse.h"
#include "sdk/bootspec_read.h"
#include "spec.h"
#include "sysgen.h"
#include "util.h"

struct env {
    const char *aarch64_elf, *host_elf;
    struct board board;
    struct elf_file seed;
    unsigned systems, failures;
};

/* Kind and owner of object `obj` from its name ("tcb of pd 'a'"). */
static void describe(const struct bs_spec *s, uint32_t obj, char *kind, char *owner)
{
    static const char *const kinds[][2] = {
        {"tcb", "tcb"},           {"sc", "sched-context"},
        {"reply", "reply"},       {"notification", "notification"},
        {"endpoint", "endpoint"}, {"vspace", "vspace"},
        {"cnode", "cnode"},
    };
    const char *name = bs_object_name(s, obj);
    char k[32] = "", o[SDK_PD_NAME_LENGTH] = "";
    strcpy(kind, "other");
    strcpy(owner, "-");
    if (!strcmp(name, "monitor fault endpoint")) {
        strcpy(kind, "monitor-endpoint");
        strcpy(owner, "monitor");
        return;
    }
    if (sscanf(name, "%31s of pd '%63[^']'", k, o) != 2) {
        return;
    }
    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        if (!strcmp(k, kinds[i][0])) {
            strcpy(kind, kinds[i][1]);
            strcpy(owner, o);
        }
    }
}

/* The PD whose CSpace root `cnode` is; *root: it is a two-level root (<cspace>). */
static const char *root_pd(const struct bs_spec *s, uint32_t cnode, bool *root)
{
    *root = false;
    for (uint32_t i = 0; i < s->hdr->num_caps; i++) {
        const struct bs_cap *c = &s->caps[i];
        if (c->cnode == cnode && c->slot == SDK_CAP_ROOT_PD_CNODE && c->kind == BS_CAP_OBJECT &&
            s->objects[c->obj].type == BS_OBJ_CNODE) {
            *root = true;
        }
    }
    for (uint32_t i = 0; i < s->hdr->num_pds; i++) {
        if (s->pds[i].cnode == cnode) {
            return bs_str(s, s->pds[i].name);
        }
    }
    return NULL;
}

/* The PD whose CNode `cnode` is, and the prefix of its slots ("root:" in a CSpace root). */
static const char *cnode_pd(const struct bs_spec *s, uint32_t cnode, const char **prefix)
{
    bool root;
    const char *pd = root_pd(s, cnode, &root);
    *prefix = root ? "root:" : "";
    if (pd) {
        return pd;
    }
    for (uint32_t i = 0; i < s->hdr->num_caps; i++) {
        const struct bs_cap *c = &s->caps[i];
        if (c->obj == cnode && c->kind == BS_CAP_OBJECT && c->slot == SDK_CAP_ROOT_PD_CNODE &&
            (pd = root_pd(s, c->cnode, &root)) && root) {
            return pd;
        }
    }
    return "?";
}

static void target_lines(const struct bs_spec *s, FILE *out)
{
    char kind[32], owner[SDK_PD_NAME_LENGTH];
    for (uint32_t i = 0; i < s->hdr->num_caps; i++) {
        const struct bs_cap *c = &s->caps[i];
        const char *prefix, *pd = cnode_pd(s, c->cnode, &prefix);
        if (c->kind == BS_CAP_SMC) {
            fprintf(out, "%s %s%u smc - 0x%llx\n", pd, prefix, c->slot,
                    (unsigned long long)c->badge);
            continue;
        }
        describe(s, c->obj, kind, owner);
        fprintf(out, "%s %s%u %s %s 0x%llx\n", pd, prefix, c->slot, kind, owner,
                (unsigned long long)c->badge);
    }
    for (uint32_t i = 0; i < s->hdr->num_irqs; i++) {
        const struct bs_irq *q = &s->irqs[i];
        const char *prefix, *pd = cnode_pd(s, q->cnode, &prefix);
        fprintf(out, "%s %s%u irq %s 0x%llx\n", pd, prefix, q->slot, pd,
                (unsigned long long)q->irq);
    }
}

/* The target's table: the spec built for the QEMU board. */
static int target_table(struct env *e, struct system *sys, bool bench, char **text)
{
    struct diag d;
    diag_init(&d, stderr);
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
    int rc = checks_run(sys, &e->board, &d) || layout_build(&in, &lay, &d) ? -1 : 0;
    size_t len = 0;
    FILE *out = open_memstream(text, &len);
    if (rc == 0) {
        spec_build(&lay, elfs, 0, &blob);
        struct bs_spec s;
        const char *why;
        rc = bs_open(&s, blob.data, blob.size, &why);
        if (rc == 0) {
            target_lines(&s, out);
        } else {
            fprintf(stderr, "caps_equal: the target spec is refused: %s\n", why);
        }
    }
    fclose(out);
    for (size_t i = 0; i < n; i++) {
        elf_free(elfs[i]);
        free(elfs[i]);
    }
    free(elfs);
    layout_free(&lay);
    spec_blob_free(&blob);
    diag_free(&d);
    return rc;
}

/* The simulator's table: `microkit run --print-caps`, in-process. */
static int host_table(struct env *e, struct system *sys, bool bench, char **text)
{
    struct diag d;
    diag_init(&d, stderr);
    for (size_t i = 0; i < sys->pds.count; i++) {
        free(sys->pds.items[i].program_image);
        sys->pds.items[i].program_image = xstrdup(e->host_elf);
    }
    size_t len = 0;
    FILE *out = open_memstream(text, &len);
    struct run_host_args a = {.config = bench ? "benchmark" : "debug"};
    struct sim_options o = {.cpu = -1, .print_caps = out};
    int rc = checks_run(sys, NULL, &d) || run_host_system(sys, &a, &o, &d) ? -1 : 0;
    fclose(out);
    diag_free(&d);
    return rc;
}

static int cmp_line(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The lines of `text`, sorted, joined again. */
static char *sorted(char *text)
{
    size_t n = 0, cap = 16;
    char **lines = xcalloc(cap, sizeof(*lines));
    for (char *save, *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        vec_grow((void **)&lines, &cap, n + 1, sizeof(*lines));
        lines[n++] = l;
    }
    qsort(lines, n, sizeof(*lines), cmp_line);
    size_t len = 0;
    char *out = NULL;
    FILE *f = open_memstream(&out, &len);
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "%s\n", lines[i]);
    }
    fclose(f);
    free(lines);
    return out;
}

static void compare(struct env *e, const char *what, const char *sdf, size_t len, bool bench)
{
    char *t = NULL, *h = NULL;
    int rt = -1, rh = -1;
    for (int side = 0; side < 2; side++) {
        struct system sys;
        memset(&sys, 0, sizeof(sys));
        struct diag d;
        diag_init(&d, stderr);
        int st = sdf_parse_buffer(what, sdf, len, &sys, &d);
        size_t *setvars = xcalloc(sys.pds.count + 1, sizeof(*setvars));
        for (size_t i = 0; i < sys.pds.count; i++) {
            setvars[i] = sys.pds.items[i].setvars.count;
            sys.pds.items[i].setvars.count = 0;
        }
        if (st == SDF_OK) {
            int *rc = side ? &rh : &rt;
            *rc = side ? host_table(e, &sys, bench, &h) : target_table(e, &sys, bench, &t);
        }
        for (size_t i = 0; i < sys.pds.count; i++) {
            sys.pds.items[i].setvars.count = setvars[i];
        }
        free(setvars);
        system_free(&sys);
        diag_free(&d);
    }
    e->systems++;
    char *ts = t ? sorted(t) : NULL, *hs = h ? sorted(h) : NULL;
    if (rt || rh || !ts || !hs || strcmp(ts, hs)) {
        e->failures++;
        fprintf(stderr,
                "caps_equal: %s (%s): the cap tables differ\n--- system\n%s\n"
                "--- target\n%s--- simulator\n%s",
                what, bench ? "benchmark" : "debug", sdf, ts ? ts : "(none)\n",
                hs ? hs : "(none)\n");
    }
    free(t);
    free(h);
    free(ts);
    free(hs);
}

int main(int argc, char **argv)
{
    if (argc < 6) {
        fprintf(stderr,
                "usage: caps_equal AARCH64_ELF HOST_ELF BOARDS_DIR COUNT SEED [SYSTEM...]\n");
        return 2;
    }
    struct env e = {.aarch64_elf = argv[1], .host_elf = argv[2]};
    struct diag d;
    diag_init(&d, stderr);
    if (board_load("qemu_virt_aarch64", argv[3], &e.board, &d) ||
        elf_load(e.aarch64_elf, ELF_ACCEPT_AARCH64, "seed", NULL, &e.seed, &d)) {
        return 2;
    }
    for (int i = 6; i < argc; i++) {
        size_t len = 0;
        char *sdf = read_file(argv[i], &len);
        if (!sdf) {
            fprintf(stderr, "caps_equal: cannot read '%s'\n", argv[i]);
            return 2;
        }
        compare(&e, argv[i], sdf, len, false);
        compare(&e, argv[i], sdf, len, true);
        free(sdf);
    }
    const struct sysgen_opts gen = {.cspace = true};
    unsigned count = (unsigned)atoi(argv[4]), seed = (unsigned)atoi(argv[5]);
    for (unsigned k = 0; k < count; k++) {
        size_t len = 0;
        char *sdf = sysgen_generate(seed + k, &gen, &len);
        char what[32];
        snprintf(what, sizeof(what), "generated #%u", seed + k);
        compare(&e, what, sdf, len, k % 2 == 1);
        free(sdf);
    }
    printf("caps_equal: %u systems, %u with different cap tables\n", e.systems, e.failures);
    elf_free(&e.seed);
    board_free(&e.board);
    diag_free(&d);
    return e.failures ? 1 : 0;
}
