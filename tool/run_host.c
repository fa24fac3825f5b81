/* SPDX-License-Identifier: BSD-2-Clause */
/* The host simulator's stages up to the boot spec (run_host.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "checks.h"
#include "checks.h"
#include "inputs.h"
#include "layout.h"
#include "patch.h"
#include "run_host.h"
#include "sim/devices.h"
#include "spec.h"
#include "util.h"

/* Host addresses a PD map may not use: the null page area and the top of
 * the user address space (stack, shared libraries, vDSO). */
#define HOST_LOW_LIMIT  0x10000ull
#define HOST_HIGH_LIMIT 0x700000000000ull
#define HOST_PAGE       0x1000ull

struct hrun {
    struct system *sys;
    const struct run_host_args *a;
    struct diag *d;
    struct inputs in; /* programs and prefill files */
    struct board board;
    struct layout lay;
    struct spec_blob spec;
    struct sim_program *programs;
    struct sim_patch_in **patches; /* per PD */
};

static bool overlaps(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
    return a < b + blen && b < a + alen;
}

/* A map must not land on the PD's own segments or the host's reserved areas. */
static void check_map(struct hrun *h, size_t i, const struct map *m)
{
    const struct pd *pd = &h->sys->pds.items[i];
    const struct mr *mr = &h->sys->mrs.items[m->mr];
    const char *what = NULL;
    if (m->vaddr < HOST_LOW_LIMIT || m->vaddr + mr->size > HOST_HIGH_LIMIT) {
        what = "the host reserves that address range";
    } else if (overlaps(m->vaddr, mr->size, SDK_PD_IPC_BUFFER_VADDR, HOST_PAGE)) {
        what = "it covers the IPC buffer";
    }
    const struct elf_file *e = h->in.elfs[i];
    /* A position-independent program is linked at 0 and loaded elsewhere. */
    bool pie = e->segments.count && e->segments.items[0].vaddr == 0;
    for (size_t k = 0; !what && !pie && k < e->segments.count; k++) {
        const struct elf_segment *seg = &e->segments.items[k];
        uint64_t lo = align_down(seg->vaddr, HOST_PAGE);
        uint64_t hi = align_up(seg->vaddr + seg->memsz, HOST_PAGE);
        if (overlaps(m->vaddr, mr->size, lo, hi - lo)) {
            what = "it overlaps the program's own segments";
        }
    }
    if (what) {
        diag_error(h->d, &m->pos, "sim-map-collision",
                   "choose a vaddr that is free in a Linux process, e.g. above 0x10000000",
                   "map of '%s' at 0x%llx in PD '%s' cannot be simulated: %s", mr->name,
                   (unsigned long long)m->vaddr, pd->name, what);
    }
}

/* A virtual machine needs seL4's hypervisor: refused before any program is read. */
static int refuse_vms(struct hrun *h)
{
    for (size_t i = 0; i < h->sys->pds.count; i++) {
        const struct vm *vm = h->sys->pds.items[i].vm;
        if (vm) {
            rule_report(h->d, R_SIM_VM, &vm->pos, NULL, vm->name ? vm->name : "");
        }
    }
    return diag_errors(h->d) ? -1 : 0;
}

/* Stages 1 and 2. */
static int stage_inputs(struct hrun *h)
{
    size_t np = h->sys->pds.count;
    run_host_check_board(h->sys, h->d);
    if (diag_errors(h->d)) {
        return -1;
    }
    if (refuse_vms(h) != 0) {
        return -1;
    }
    inputs_load(h->sys, h->a->search_paths, h->a->nsearch, INPUTS_HOST, &h->in, h->d);
    for (size_t i = 0; !diag_errors(h->d) && i < np; i++) {
        const struct pd *pd = &h->sys->pds.items[i];
        for (size_t k = 0; k < pd->maps.count; k++) {
            check_map(h, i, &pd->maps.items[k]);
        }
    }
    return diag_errors(h->d) ? -1 : 0;
}

/* The configuration the PDs were built for: the one given, else their stamp. */
static const char *run_config(const struct hrun *h)
{
    static char stamped[32];
    if (h->a->config) {
        return h->a->config;
    }
    for (size_t i = 0; i < h->sys->pds.count; i++) {
        const char *st = h->in.elfs[i]->sdk_stamp;
        if (st && sscanf(st, "board=%*s config=%31s", stamped) == 1) {
            return stamped;
        }
    }
    return "debug";
}

void run_host_check_board(struct system *sys, struct diag *d)
{
    struct board b;
    board_host(&b);
    checks_device_maps(sys, &b, d);
    board_free(&b);
}

/* Stages 3 to 5. */
static int stage_spec(struct hrun *h)
{
    const char *config = run_config(h);
    board_host(&h->board);
    struct layout_input in = {
        .sys = h->sys,
        .board = &h->board,
        .pd_elfs = h->in.elfs,
        .prefill = (const uint8_t *const *)h->in.prefill,
        .prefill_len = h->in.prefill_len,
        .tcb_bits = strcmp(config, "debug") ? 11 : 12,
        .benchmark = !strcmp(config, "benchmark"),
    };
    if (layout_build(&in, &h->lay, h->d) != 0) {
        return -1;
    }
    /* Without the layout: on the host, setvar region_paddr of a region
     * without phys_addr is 0 (docs/simulator.md), not a planned address. */
    for (size_t p = 0; p < h->sys->pds.count; p++) {
        patch_pd(h->sys, p, NULL, h->in.elfs[p], h->d);
    }
    if (diag_errors(h->d)) {
        return -1;
    }
    spec_build(&h->lay, h->in.elfs, 0, &h->spec);
    return 0;
}

static uint32_t seg_prot(unsigned flags)
{
    return ((flags & ELF_SEG_R) ? PROT_READ : 0) | ((flags & ELF_SEG_W) ? PROT_WRITE : 0) |
           ((flags & ELF_SEG_X) ? PROT_EXEC : 0);
}

/* What the runner needs of PD `p`'s program: its path, span and patches. */
static void describe_program(struct hrun *h, size_t p)
{
    struct elf_file *e = h->in.elfs[p];
    struct sim_program *prog = &h->programs[p];
    uint64_t lo, hi;
    elf_vaddr_range(e, &lo, &hi);
    prog->path = h->in.paths[p];
    prog->image_lo = align_down(lo, HOST_PAGE);
    prog->image_hi = align_up(hi, HOST_PAGE);
    h->patches[p] = xcalloc(e->patches.count + 1, sizeof(struct sim_patch_in));
    for (size_t k = 0; k < e->patches.count; k++) {
        const struct elf_patch *ep = &e->patches.items[k];
        const struct elf_segment *seg = elf_segment_at(e, ep->vaddr, ep->size);
        h->patches[p][k] = (struct sim_patch_in){
            .vaddr = ep->vaddr,
            .len = (uint32_t)ep->size,
            .prot = seg ? seg_prot(seg->flags) : PROT_READ | PROT_WRITE,
            .data = seg ? seg->data + (ep->vaddr - seg->vaddr) : NULL,
            .symbol = ep->symbol,
        };
    }
    prog->patches = h->patches[p];
    prog->npatches = e->patches.count;
}

/* The runner's problems, located at the PD they concern. */
static void report(void *ctx, int pd, const char *rule, const char *hint, const char *fmt,
                   va_list ap)
{
    struct hrun *h = ctx;
    char *msg = xvasprintf(fmt, ap);
    const struct srcpos *pos = pd >= 0 ? &h->sys->pds.items[pd].pos : NULL;
    diag_error(h->d, pos, rule, hint, "%s", msg);
    free(msg);
}

static void hrun_free(struct hrun *h)
{
    for (size_t i = 0; h->patches && i < h->sys->pds.count; i++) {
        free(h->patches[i]);
    }
    free(h->patches);
    free(h->programs);
    inputs_free(&h->in);
    board_free(&h->board);
    layout_free(&h->lay);
    spec_blob_free(&h->spec);
}

int run_host_system(struct system *sys, const struct run_host_args *a, struct sim_options *o,
                    struct diag *d)
{
    struct hrun h = {.sys = sys, .a = a, .d = d};
    int status = SIM_EXIT_INVALID;
    if (stage_inputs(&h) == 0 && stage_spec(&h) == 0) {
        size_t np = sys->pds.count;
        h.programs = xcalloc(np + 1, sizeof(*h.programs));
        h.patches = xcalloc(np + 1, sizeof(*h.patches));
        for (size_t p = 0; p < np; p++) {
            describe_program(&h, p);
        }
        struct sim_system ss = {
            .spec = h.spec.data, .spec_size = h.spec.size, .programs = h.programs, .nprograms = np};
        o->report = report;
        o->report_ctx = &h;
        status = sim_run(o, &ss);
    }
    hrun_free(&h);
    return status;
}
