/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The viper files (--viper-output, tool/viper.c) say what the boot spec
 * and the SDF say, PD by PD.
 *
 *   viper_spec AARCH64_ELF BOARDS_DIR COUNT SEED [SYSTEM...]
 *
 * For every SYSTEM given and COUNT systems generated from SEED (tests/lib/sysgen.c: PDs,
 * passive ones, children, SMC, IRQs, channels with and without notify and
 * pp, maps of one region several times, read-only and execute maps, a VM
 * with vCPUs), in the debug and the benchmark configuration, the spec is
 * built for qemu_virt_aarch64 with every PD running AARCH64_ELF and each
 * PD's file is read back:
 *   - CSpace: every cap and IRQ handler the spec places in the PD's CNode
 *     is in pansel4_has_cap at its slot and in the set of its kind (told
 *     from the object's name: "tcb of pd 'x'", "vspace of ..."), and no set
 *     holds anything else;
 *   - channels, IRQs and children, from the SDF model: the ends of the PD
 *     (notify, pp, and the other end's), its irq ids, its children's ids;
 *   - memory, from the SDF model: one range [vaddr, vaddr + size) per map,
 *     all of them readable, those with 'w' writeable;
 *   - the file has exactly these defines, each set with its f_ form.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "checks.h"
#include "layout.h"
#include "sdf_parse.h"
#include "sdk/bootspec_read.h"
#include "spec.h"
#include "sysgen.h"
#include "util.h"
#include "viper.h"

#define MAXN 512

struct env {
    FILE *quiet; /* warnings of generated systems (unused regions, ...) go here */
    struct board board;
    struct elf_file seed;
    unsigned systems, files, failures;
};

/* A set of numbers, written as the file writes it: "1,3,4" or "false". */
struct numset {
    unsigned long long v[MAXN];
    size_t n;
};

static int cmp_ull(const void *a, const void *b)
{
    unsigned long long x = *(const unsigned long long *)a, y = *(const unsigned long long *)b;
    return x < y ? -1 : x > y;
}

static void add(struct numset *s, unsigned long long x)
{
    for (size_t i = 0; i < s->n; i++) {
        if (s->v[i] == x) {
            return;
        }
    }
    s->v[s->n++] = x;
}

static void format(struct numset *s, char *out, size_t len)
{
    qsort(s->v, s->n, sizeof(s->v[0]), cmp_ull);
    size_t at = (size_t)snprintf(out, len, "%s", s->n ? "" : "false");
    for (size_t i = 0; i < s->n && at < len; i++) {
        at += (size_t)snprintf(out + at, len - at, "%s%llu", i ? "," : "", s->v[i]);
    }
}

/* The expected sets of one PD, by name. */
enum { SET_MAX = 24 };
struct expect {
    const char *names[SET_MAX];
    struct numset sets[SET_MAX];
    size_t count;
};

static struct numset *set_of(struct expect *x, const char *name)
{
    for (size_t i = 0; i < x->count; i++) {
        if (!strcmp(x->names[i], name)) {
            return &x->sets[i];
        }
    }
    x->names[x->count] = name;
    return &x->sets[x->count++];
}

/* The kind set of a cap, from its object's name alone. */
static const char *kind_set(const struct bs_spec *s, const struct bs_cap *c)
{
    static const char *const kinds[][2] = {
        {"tcb of ", "pansel4_has_tcb_cap"},
        {"vspace of ", "pansel4_has_page_table_cap"},
        {"notification of ", "pansel4_has_notification_cap"},
        {"endpoint of ", "pansel4_has_endpoint_cap"},
        {"monitor fault endpoint", "pansel4_has_endpoint_cap"},
        {"reply of ", "pansel4_has_reply_cap"},
        {"vcpu of ", "pansel4_has_vcpu_cap"},
    };
    if (c->kind == BS_CAP_SMC) {
        return "pansel4_has_arm_smc_cap";
    }
    const char *name = bs_object_name(s, c->obj);
    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        if (!strncmp(name, kinds[i][0], strlen(kinds[i][0]))) {
            return kinds[i][1];
        }
    }
    return NULL; /* sc, cnode: a slot, no kind */
}

static const char *const all_sets[] = {
    "mk_is_protected_source",  "mk_is_ppcall_target",        "mk_is_notified_source",
    "mk_is_notify_target",     "mk_is_irq_channel",          "mk_is_child",
    "pansel4_has_cap",         "pansel4_has_endpoint_cap",   "pansel4_has_notification_cap",
    "pansel4_has_reply_cap",   "pansel4_has_page_table_cap", "pansel4_has_irq_handler_cap",
    "pansel4_has_tcb_cap",     "pansel4_has_vcpu_cap",       "pansel4_has_ioport_cap",
    "pansel4_has_arm_smc_cap",
};

/* CSpace from the spec: the caps and IRQ handlers in PD `p`'s CNode. */
static void expect_caps(const struct bs_spec *s, uint32_t cnode, struct expect *x)
{
    for (uint32_t i = 0; i < s->hdr->num_caps; i++) {
        const struct bs_cap *c = &s->caps[i];
        if (c->cnode == cnode) {
            add(set_of(x, "pansel4_has_cap"), c->slot);
            const char *k = kind_set(s, c);
            if (k) {
                add(set_of(x, k), c->slot);
            }
        }
    }
    for (uint32_t i = 0; i < s->hdr->num_irqs; i++) {
        if (s->irqs[i].cnode == cnode) {
            add(set_of(x, "pansel4_has_cap"), s->irqs[i].slot);
            add(set_of(x, "pansel4_has_irq_handler_cap"), s->irqs[i].slot);
        }
    }
}

/* Channels, IRQs and children of PD `p`, from the SDF model. */
static void expect_sdf(const struct system *sys, size_t p, struct expect *x)
{
    const struct pd *pd = &sys->pds.items[p];
    for (size_t i = 0; i < pd->irqs.count; i++) {
        add(set_of(x, "mk_is_irq_channel"), (unsigned long long)pd->irqs.items[i].id);
        add(set_of(x, "mk_is_notified_source"), (unsigned long long)pd->irqs.items[i].id);
    }
    for (size_t i = 0; i < sys->channels.count; i++) {
        for (int e = 0; e < 2; e++) {
            const struct channel_end *me = &sys->channels.items[i].end[e];
            const struct channel_end *peer = &sys->channels.items[i].end[1 - e];
            if (me->pd != (int)p) {
                continue;
            }
            unsigned long long id = (unsigned long long)me->id;
            if (me->notify) {
                add(set_of(x, "mk_is_notify_target"), id);
            }
            if (peer->notify) {
                add(set_of(x, "mk_is_notified_source"), id);
            }
            if (me->pp) {
                add(set_of(x, "mk_is_ppcall_target"), id);
            }
            if (peer->pp) {
                add(set_of(x, "mk_is_protected_source"), id);
            }
        }
    }
    for (size_t c = 0; c < sys->pds.count; c++) {
        if (sys->pds.items[c].parent == (int)p) {
            add(set_of(x, "mk_is_child"), (unsigned long long)sys->pds.items[c].id);
        }
    }
}

static int fail(struct env *e, const char *what, const char *pd, const char *why, const char *text)
{
    e->failures++;
    fprintf(stderr, "viper_spec: %s, PD '%s': %s\n--- file\n%s", what, pd, why, text);
    return -1;
}

/* A set line "define NAME(x) (x in Set(...))" or "(false)", then its f_ line. */
static int check_set_line(char **lines, size_t *at, size_t n, const char *name, const char *want,
                          char *why, size_t len)
{
    char l1[MAXN * 4], l2[256];
    snprintf(l1, sizeof(l1),
             strcmp(want, "false") ? "define %s(x) (x in Set(%s))" : "define %s(x) (%s)", name,
             want);
    snprintf(l2, sizeof(l2), "define f_%s(heap,gv,x) (%s(x))", name, name);
    if (*at + 1 >= n || strcmp(lines[*at], l1) || strcmp(lines[*at + 1], l2)) {
        snprintf(why, len, "expected '%s' and '%s' at line %zu", l1, l2, *at + 1);
        return -1;
    }
    *at += 2;
    return 0;
}

/* One range per map of the PD, in address order, as the SDF gives them. */
struct range {
    unsigned long long start, end;
    int writable;
    const char *mr;
};

static int cmp_range(const void *a, const void *b)
{
    const struct range *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

static size_t expect_mem(const struct system *sys, size_t p, struct range *r)
{
    const struct pd *pd = &sys->pds.items[p];
    for (size_t i = 0; i < pd->maps.count; i++) {
        const struct map *m = &pd->maps.items[i];
        r[i] = (struct range){m->vaddr, m->vaddr + sys->mrs.items[m->mr].size,
                              (m->perms & PERM_W) != 0, sys->mrs.items[m->mr].name};
    }
    qsort(r, pd->maps.count, sizeof(*r), cmp_range);
    return pd->maps.count;
}

/* The memory lines: a range per map, then mem_readable and mem_writeable. */
static int check_mem(char **lines, size_t at, size_t n, const struct range *r, size_t nr, char *why,
                     size_t len)
{
    char rd[4096] = "", wr[4096] = "", name[128], line[512];
    for (size_t i = 0; i < nr; i++, at++) {
        unsigned long long s = 0, e = 0;
        if (at >= n ||
            sscanf(lines[at], "define %127[^(](x) (%llu <= x && x < %llu)", name, &s, &e) != 3) {
            snprintf(why, len, "expected a range for region '%s' at line %zu", r[i].mr, at + 1);
            return -1;
        }
        if (s != r[i].start || e != r[i].end || strncmp(name + 4, r[i].mr, strlen(r[i].mr))) {
            snprintf(why, len, "line %zu: expected region '%s' at [%llu, %llu)", at + 1, r[i].mr,
                     r[i].start, r[i].end);
            return -1;
        }
        snprintf(rd + strlen(rd), sizeof(rd) - strlen(rd), "%s%s(x)", *rd ? " || " : "", name);
        if (r[i].writable) {
            snprintf(wr + strlen(wr), sizeof(wr) - strlen(wr), "%s%s(x)", *wr ? " || " : "", name);
        }
    }
    const char *perm[2] = {"readable", "writeable"}, *body[2] = {rd, wr};
    for (int k = 0; k < 2; k++, at += 2) {
        snprintf(line, sizeof(line), "define mem_%s(x) (%s)", perm[k],
                 *body[k] ? body[k] : "false");
        if (at + 1 >= n || strcmp(lines[at], line)) {
            snprintf(why, len, "expected '%s' at line %zu", line, at + 1);
            return -1;
        }
        snprintf(line, sizeof(line), "define f_mem_%s(heap,gv,x) (mem_%s(x))", perm[k], perm[k]);
        if (strcmp(lines[at + 1], line)) {
            snprintf(why, len, "expected '%s' at line %zu", line, at + 2);
            return -1;
        }
    }
    if (at != n) {
        snprintf(why, len, "%zu lines more than expected from line %zu", n - at, at + 1);
        return -1;
    }
    return 0;
}

/* Check one PD's file. */
static int check_file(struct env *e, const char *what, const struct bs_spec *s,
                      const struct system *sys, size_t p, const struct viper_file *f)
{
    static struct expect x;
    static struct range r[256];
    char *copy = xstrdup(f->text), *lines[256], why[MAXN * 8] = "";
    size_t n = 0;
    for (char *sv, *l = strtok_r(copy, "\n", &sv); l && n < 256; l = strtok_r(NULL, "\n", &sv)) {
        lines[n++] = l;
    }
    memset(&x, 0, sizeof(x));
    uint32_t cnode = BS_NONE;
    for (uint32_t i = 0; i < s->hdr->num_pds; i++) {
        if (!strcmp(bs_str(s, s->pds[i].name), f->name)) {
            cnode = s->pds[i].cnode;
        }
    }
    /* A PD with a <cspace>: its Microkit CNode is in slot 0 of its CSpace root. */
    for (uint32_t i = 0; cnode != BS_NONE && i < s->hdr->num_caps; i++) {
        const struct bs_cap *c = &s->caps[i];
        if (c->cnode == cnode && c->slot == SDK_CAP_ROOT_PD_CNODE && c->kind == BS_CAP_OBJECT &&
            s->objects[c->obj].type == BS_OBJ_CNODE) {
            cnode = c->obj;
            break;
        }
    }
    expect_caps(s, cnode, &x);
    expect_sdf(sys, p, &x);
    char head[256];
    snprintf(head, sizeof(head), "// exported invariants for PD %s in %s", f->name, what);
    int rc = n && !strcmp(lines[0], head) ? 0 : -1;
    if (rc) {
        snprintf(why, sizeof(why), "the first line is not '%s'", head);
    }
    size_t at = 1;
    for (size_t i = 0; !rc && i < sizeof(all_sets) / sizeof(all_sets[0]); i++) {
        char want[MAXN * 3];
        format(set_of(&x, all_sets[i]), want, sizeof(want));
        rc = check_set_line(lines, &at, n, all_sets[i], want, why, sizeof(why));
    }
    if (!rc) {
        rc = check_mem(lines, at, n, r, expect_mem(sys, p, r), why, sizeof(why));
    }
    if (rc) {
        fail(e, what, f->name, why, f->text);
    }
    e->files++;
    free(copy);
    return rc;
}

/* Build the spec of `sys` and check every PD's file against it. */
static void check_system(struct env *e, const char *what, struct system *sys, bool bench)
{
    struct diag d;
    diag_init(&d, e->quiet);
    size_t n = sys->pds.count;
    struct elf_file **elfs = xcalloc(n + 1, sizeof(*elfs));
    for (size_t i = 0; i < n; i++) {
        elfs[i] = xcalloc(1, sizeof(struct elf_file));
        elf_file_clone(&e->seed, elfs[i]);
    }
    struct layout_input in = {
        .sys = sys, .board = &e->board, .pd_elfs = elfs, .tcb_bits = 12, .benchmark = bench};
    struct layout lay = {0};
    struct spec_blob blob = {0};
    struct viper_set v = {0};
    struct bs_spec s;
    const char *why = NULL;
    e->systems++;
    if (checks_run(sys, &e->board, &d) || layout_build(&in, &lay, &d)) {
        fail(e, what, "-", "the system does not build", "");
    } else {
        spec_build(&lay, elfs, 0, &blob);
        if (bs_open(&s, blob.data, blob.size, &why) ||
            viper_build(blob.data, blob.size, what, &v, &d)) {
            fail(e, what, "-", "no spec or no viper files", "");
        } else if (v.files.count != n) {
            fail(e, what, "-", "not one file per protection domain", "");
        }
        for (size_t i = 0; i < v.files.count; i++) {
            for (size_t p = 0; p < n; p++) {
                if (!strcmp(sys->pds.items[p].name, v.files.items[i].name)) {
                    check_file(e, what, &s, sys, p, &v.files.items[i]);
                }
            }
        }
    }
    for (size_t i = 0; i < n; i++) {
        elf_free(elfs[i]);
        free(elfs[i]);
    }
    free(elfs);
    viper_free(&v);
    layout_free(&lay);
    spec_blob_free(&blob);
    diag_free(&d);
}

static void check_sdf(struct env *e, const char *what, const char *sdf, size_t len, bool bench)
{
    struct system sys;
    memset(&sys, 0, sizeof(sys));
    struct diag d;
    diag_init(&d, e->quiet);
    if (sdf_parse_buffer(what, sdf, len, &sys, &d) == SDF_OK) {
        /* The seed program has no setvar symbols: set them aside for the build. */
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
        fail(e, what, "-", "the system does not parse", sdf);
    }
    system_free(&sys);
    diag_free(&d);
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: viper_spec AARCH64_ELF BOARDS_DIR COUNT SEED [SYSTEM...]\n");
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
            fprintf(stderr, "viper_spec: cannot read '%s'\n", argv[i]);
            return 2;
        }
        check_sdf(&e, argv[i], sdf, len, false);
        check_sdf(&e, argv[i], sdf, len, true);
        free(sdf);
    }
    const struct sysgen_opts gen = {
        .smc = true, .vm = true, .notify_off = true, .irqs = true, .maps = true};
    unsigned count = (unsigned)atoi(argv[3]), seed = (unsigned)atoi(argv[4]);
    for (unsigned k = 0; k < count; k++) {
        size_t len = 0;
        char *sdf = sysgen_generate(seed + k, &gen, &len);
        char what[32];
        snprintf(what, sizeof(what), "generated #%u", seed + k);
        check_sdf(&e, what, sdf, len, k % 2 == 1);
        free(sdf);
    }
    printf("viper_spec: %u systems, %u files, %u failures\n", e.systems, e.files, e.failures);
    elf_free(&e.seed);
    board_free(&e.board);
    diag_free(&d);
    fclose(e.quiet);
    return e.failures ? 1 : 0;
}
