/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Runner set-up: find and read each PD's host ELF, check that every map
 * fits in a host process, create the memory regions (memfds) and the shared
 * kernel state: threads with their priorities, each PD's cap table in
 * Microkit's layout, IRQs, maps and the values the tool patches into PDs.
 */
#include <errno.h>
#include <elf.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <unistd.h>

#include "runner.h"
#include "util.h"

/* Host addresses a PD map may not use: the null page area and the top of
 * the user address space (stack, shared libraries, vDSO). */
#define HOST_LOW_LIMIT  0x10000ull
#define HOST_HIGH_LIMIT 0x700000000000ull

uint64_t sim_shared_size(uint32_t npd)
{
    uint64_t base = align_up(sizeof(struct sim_shared), SIM_PAGE);
    return base + (uint64_t)npd * SIM_PAGE;
}

static char *find_image(const struct runner *r, const char *name)
{
    if (name[0] == '/' || r->o->nsearch == 0) {
        return access(name, R_OK) == 0 ? xstrdup(name) : NULL;
    }
    for (size_t i = 0; i < r->o->nsearch; i++) {
        char *p = xasprintf("%s/%s", r->o->search_paths[i], name);
        if (access(p, R_OK) == 0) {
            return p;
        }
        free(p);
    }
    return NULL;
}

static int load_elf(struct runner *r, int i, struct diag *d)
{
    const struct pd *pd = &r->sys->pds.items[i];
    if (!pd->program_image) {
        return 0; /* reported by the checks */
    }
    r->paths[i] = find_image(r, pd->program_image);
    if (!r->paths[i]) {
        diag_error(d, &pd->program_pos, "sim-image-missing",
                   "build the PD for the host (MICROKIT_BOARD=host) and give its directory "
                   "with --search-path",
                   "program image '%s' of PD '%s' not found", pd->program_image, pd->name);
        return -1;
    }
    char *what = xasprintf("program image of PD '%s'", pd->name);
    int rc = elf_load(r->paths[i], ELF_ACCEPT_X86_64 | ELF_ACCEPT_AARCH64, what, &pd->program_pos,
                      &r->elfs[i], d);
    free(what);
    if (rc != 0) {
        return -1;
    }
    if (r->elfs[i].machine != ELF_MACHINE_X86_64) {
        diag_error(d, &pd->program_pos, "sim-image-machine",
                   "the simulator runs PDs built for this host: build with MICROKIT_BOARD=host",
                   "program image '%s' of PD '%s' is not an x86-64 ELF", r->paths[i], pd->name);
        return -1;
    }
    return 0;
}

static bool overlaps(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
    return a < b + blen && b < a + alen;
}

/* A map must not land on the PD's own segments or the host's reserved areas. */
static void check_map(struct runner *r, int i, const struct map *m, struct diag *d)
{
    const struct pd *pd = &r->sys->pds.items[i];
    const struct mr *mr = &r->sys->mrs.items[m->mr];
    const char *what = NULL;
    if (m->vaddr < HOST_LOW_LIMIT || m->vaddr + mr->size > HOST_HIGH_LIMIT) {
        what = "the host reserves that address range";
    } else if (overlaps(m->vaddr, mr->size, SDK_PD_IPC_BUFFER_VADDR, SIM_PAGE)) {
        what = "it covers the IPC buffer";
    }
    const struct elf_file *e = &r->elfs[i];
    /* A position-independent program is linked at 0 and loaded elsewhere. */
    bool pie = e->segments.count && e->segments.items[0].vaddr == 0;
    for (size_t k = 0; !what && !pie && k < e->segments.count; k++) {
        const struct elf_segment *seg = &e->segments.items[k];
        uint64_t lo = align_down(seg->vaddr, SIM_PAGE);
        uint64_t hi = align_up(seg->vaddr + seg->memsz, SIM_PAGE);
        if (overlaps(m->vaddr, mr->size, lo, hi - lo)) {
            what = "it overlaps the program's own segments";
        }
    }
    if (what) {
        diag_error(d, &m->pos, "sim-map-collision",
                   "choose a vaddr that is free in a Linux process, e.g. above 0x10000000",
                   "map of '%s' at 0x%llx in PD '%s' cannot be simulated: %s", mr->name,
                   (unsigned long long)m->vaddr, pd->name, what);
    }
}

static int create_mrs(struct runner *r, struct diag *d)
{
    struct sim_shared *s = r->s;
    for (size_t i = 0; i < r->sys->mrs.count; i++) {
        const struct mr *mr = &r->sys->mrs.items[i];
        struct sim_mr *sm = &s->mrs[i];
        snprintf(sm->name, sizeof(sm->name), "%s", mr->name);
        sm->size = mr->size;
        sm->fd = memfd_create(mr->name, 0);
        if (sm->fd < 0 || ftruncate(sm->fd, (off_t)mr->size) != 0) {
            diag_error(d, &mr->pos, "sim-memfd", NULL, "cannot create memory region '%s': %s",
                       mr->name, strerror(errno));
            return -1;
        }
        sm->paddr = mr->has_phys ? mr->phys_addr : 0;
        if (mr->prefill_path) {
            size_t len = 0;
            void *data = read_file(mr->prefill_path, &len);
            if (!data || pwrite(sm->fd, data, len < mr->size ? len : mr->size, 0) < 0) {
                diag_error(d, &mr->pos, "sim-prefill", NULL, "cannot read '%s': %s",
                           mr->prefill_path, strerror(errno));
                free(data);
                return -1;
            }
            free(data);
        }
    }
    s->nmr = (uint32_t)r->sys->mrs.count;
    return 0;
}

static int map_shared(struct runner *r, struct diag *d)
{
    uint32_t npd = (uint32_t)r->sys->pds.count;
    r->shm_size = sim_shared_size(npd);
    r->shm_fd = memfd_create("microkit-sim", 0);
    if (r->shm_fd < 0 || ftruncate(r->shm_fd, (off_t)r->shm_size) != 0) {
        diag_error(d, NULL, "sim-memfd", NULL, "cannot create the shared state: %s",
                   strerror(errno));
        return -1;
    }
    void *p = mmap(NULL, r->shm_size, PROT_READ | PROT_WRITE, MAP_SHARED, r->shm_fd, 0);
    if (p == MAP_FAILED) {
        diag_error(d, NULL, "sim-memfd", NULL, "cannot map the shared state: %s", strerror(errno));
        return -1;
    }
    r->s = p;
    r->s->magic = SIM_MAGIC;
    r->s->layout = sizeof(struct sim_shared);
    r->s->size = r->shm_size;
    r->s->ipc_offset = align_up(sizeof(struct sim_shared), SIM_PAGE);
    r->s->npd = npd;
    r->doorbell_fd = eventfd(0, EFD_NONBLOCK);
    r->s->doorbell_fd = r->doorbell_fd;
    return 0;
}

/* Fill the scheduler: every PD runnable, in SDF order within a priority. */
static void init_sched(struct sim_shared *s)
{
    for (int p = 0; p < SIM_NUM_PRIOS; p++) {
        s->rq_head[p] = s->rq_tail[p] = SIM_NONE;
    }
    s->current = SIM_IDLE;
    s->action = SIM_ACTION_CHOOSE;
    for (uint32_t i = 0; i < s->npd; i++) {
        sim_sched_append(s, (int)i);
    }
    sim_schedule(s);
}

int runner_setup(struct runner *r, struct diag *d)
{
    size_t n = r->sys->pds.count;
    r->elfs = xcalloc(n, sizeof(*r->elfs));
    r->paths = xcalloc(n, sizeof(*r->paths));
    r->pids = xcalloc(n, sizeof(*r->pids));
    r->funcs = xcalloc(n, sizeof(*r->funcs));
    r->nfuncs = xcalloc(n, sizeof(*r->nfuncs));
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        bad |= load_elf(r, (int)i, d);
    }
    if (bad) {
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        const struct pd *pd = &r->sys->pds.items[i];
        for (size_t k = 0; k < pd->maps.count; k++) {
            check_map(r, (int)i, &pd->maps.items[k], d);
        }
    }
    if (diag_errors(d) || map_shared(r, d) != 0 || create_mrs(r, d) != 0) {
        return -1;
    }
    if (runner_fill_pds(r, d) != 0) {
        return -1;
    }
    init_sched(r->s);
    return 0;
}
