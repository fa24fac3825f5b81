/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Memory from the boot spec. Every frame the spec maps outside a PD's own
 * program, stack and IPC buffer (which the host's process loader and the
 * runtime provide) gets its place in one memfd, the simulator's RAM, at the
 * first map that uses it: a frame mapped by several PDs is then one piece of
 * shared memory, by construction. The spec's fills are written into that
 * memory (prefill data), its frame maps become runs of contiguous frames
 * that each PD process maps at start, with the spec's rights, and the
 * values the tool patched into each program are passed on.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <zlib.h>

#include "runner.h"

#define NO_OFFSET UINT64_MAX

struct mem {
    uint64_t *offset;  /* per spec object: its place in RAM, or NO_OFFSET */
    uint64_t size;     /* bytes of RAM handed out */
    int *pd_of_vspace; /* per spec object: the PD whose VSpace it is, or -1 */
};

static int map_prot(const struct bs_map *m)
{
    return ((m->rights & BS_RIGHT_READ) ? PROT_READ : 0) |
           ((m->rights & BS_RIGHT_WRITE) ? PROT_WRITE : 0) |
           ((m->attrs & BS_ATTR_EXECUTE_NEVER) ? 0 : PROT_EXEC);
}

/* Frames the host provides itself: the program's image, the stack, the IPC buffer. */
static bool host_provided(const struct runner *r, int pd, const struct bs_map *m)
{
    const struct bs_pd *p = &r->spec.pds[pd];
    const struct sim_program *prog = &r->sys->programs[pd];
    uint64_t v = m->vaddr;
    return (v >= prog->image_lo && v < prog->image_hi) ||
           (v >= p->stack_bottom && v < p->stack_top) || m->obj == p->ipc_buffer;
}

static uint64_t frame_bytes(const struct runner *r, uint32_t obj)
{
    return 1ull << r->spec.objects[obj].size_bits;
}

/* Extend the last run of PD `pd` by this frame, or start a new run. */
static int add_run(struct runner *r, int pd, const struct bs_map *m, uint64_t off)
{
    struct sim_shared *s = r->s;
    uint64_t len = frame_bytes(r, m->obj);
    struct sim_map *last = s->nmap ? &s->maps[s->nmap - 1] : NULL;
    int prot = map_prot(m);
    if (last && last->pd == pd && last->prot == (uint32_t)prot &&
        last->vaddr + last->size == m->vaddr && last->offset + last->size == off) {
        last->size += len;
        return 0;
    }
    if (s->nmap >= SIM_MAX_MAPS) {
        runner_error(r, pd, "sim-too-many-maps", "map fewer regions, or larger ones",
                     "the simulator maps at most %u runs of frames; PD '%s' needs more",
                     SIM_MAX_MAPS, s->tcb[pd].name);
        return -1;
    }
    s->maps[s->nmap++] = (struct sim_map){.pd = pd,
                                          .prot = (uint32_t)prot,
                                          .vaddr = m->vaddr,
                                          .offset = off,
                                          .size = len,
                                          .device = -1};
    snprintf(s->maps[s->nmap - 1].name, SDK_PD_NAME_LENGTH, "%s", bs_object_name(&r->spec, m->obj));
    return 0;
}

static int place_maps(struct runner *r, struct mem *mm)
{
    const struct bs_header *h = r->spec.hdr;
    for (uint32_t i = 0; i < h->num_maps; i++) {
        const struct bs_map *m = &r->spec.maps[i];
        int pd = mm->pd_of_vspace[m->vspace];
        if (m->kind != BS_MAP_FRAME || pd < 0 || host_provided(r, pd, m)) {
            continue;
        }
        int dev = runner_map_device(r, pd, m); /* a device's page (devices.c) */
        if (dev != 0) {
            if (dev < 0) {
                return -1;
            }
            continue;
        }
        if (mm->offset[m->obj] == NO_OFFSET) {
            mm->offset[m->obj] = mm->size;
            mm->size += frame_bytes(r, m->obj);
        }
        if (add_run(r, pd, m, mm->offset[m->obj]) != 0) {
            return -1;
        }
    }
    return 0;
}

/* Write fill `f` into RAM at `off`. */
static int put_fill(struct runner *r, const struct bs_fill *f, uint64_t off)
{
    const uint8_t *src = r->spec.data + f->data_offset;
    uint8_t *raw = NULL;
    if (f->encoding == BS_FILL_DEFLATE) {
        uLongf len = f->raw_len;
        raw = malloc(f->raw_len ? f->raw_len : 1);
        if (!raw || uncompress(raw, &len, src, f->data_len) != Z_OK || len != f->raw_len) {
            free(raw);
            runner_error(r, -1, "sim-spec-fill", NULL, "cannot inflate the contents of %s",
                         bs_object_name(&r->spec, f->obj));
            return -1;
        }
        src = raw;
    }
    ssize_t n = pwrite(r->ram_fd, src, f->raw_len, (off_t)(off + f->dest_offset));
    free(raw);
    if (n != (ssize_t)f->raw_len) {
        runner_error(r, -1, "sim-memfd", NULL, "cannot fill %s: %s",
                     bs_object_name(&r->spec, f->obj), strerror(errno));
        return -1;
    }
    return 0;
}

static int put_fills(struct runner *r, const struct mem *mm)
{
    for (uint32_t i = 0; i < r->spec.hdr->num_fills; i++) {
        const struct bs_fill *f = &r->spec.fills[i];
        if (mm->offset[f->obj] != NO_OFFSET && put_fill(r, f, mm->offset[f->obj]) != 0) {
            return -1;
        }
    }
    return 0;
}

static int put_patches(struct runner *r)
{
    struct sim_shared *s = r->s;
    for (uint32_t i = 0; i < r->npd; i++) {
        const struct sim_program *prog = &r->sys->programs[i];
        for (size_t k = 0; k < prog->npatches; k++) {
            const struct sim_patch_in *in = &prog->patches[k];
            if (in->len > SIM_PATCH_MAX_BYTES || s->npatch >= SIM_MAX_PATCHES) {
                runner_error(r, (int)i, "sim-patch", NULL,
                             "cannot patch symbol '%s' of PD '%s' in the simulator", in->symbol,
                             s->tcb[i].name);
                return -1;
            }
            struct sim_patch *p = &s->patches[s->npatch++];
            *p = (struct sim_patch){
                .pd = (int32_t)i, .len = in->len, .prot = in->prot, .vaddr = in->vaddr};
            snprintf(p->symbol, sizeof(p->symbol), "%s", in->symbol);
            memcpy(p->data, in->data, in->len);
        }
    }
    return 0;
}

static int make_ram(struct runner *r, uint64_t size)
{
    r->ram_fd = memfd_create("microkit-sim-ram", 0);
    if (r->ram_fd < 0 || ftruncate(r->ram_fd, (off_t)size) != 0) {
        runner_error(r, -1, "sim-memfd", NULL, "cannot create the memory regions: %s",
                     strerror(errno));
        return -1;
    }
    r->s->ram_fd = r->ram_fd;
    return 0;
}

int runner_build_memory(struct runner *r)
{
    uint32_t n = r->spec.hdr->num_objects;
    struct mem mm = {.offset = malloc(n * sizeof(uint64_t)),
                     .pd_of_vspace = malloc(n * sizeof(int))};
    int rc = -1;
    if (mm.offset && mm.pd_of_vspace) {
        for (uint32_t i = 0; i < n; i++) {
            mm.offset[i] = NO_OFFSET;
            mm.pd_of_vspace[i] = -1;
        }
        for (uint32_t i = 0; i < r->npd; i++) {
            mm.pd_of_vspace[r->spec.pds[i].vspace] = (int)i;
        }
        rc = place_maps(r, &mm) || make_ram(r, mm.size) || put_fills(r, &mm) || put_patches(r);
    } else {
        runner_error(r, -1, "sim-memory", NULL, "out of memory");
    }
    free(mm.offset);
    free(mm.pd_of_vspace);
    return rc ? -1 : 0;
}
