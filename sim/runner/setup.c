/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Runner set-up: check the boot spec with the one spec reader, create the
 * shared kernel state, then build the system from the spec (spec_caps.c,
 * spec_mem.c) and fill the scheduler's queues.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <unistd.h>

#include "runner.h"

static uint64_t page_up(uint64_t x)
{
    return (x + SIM_PAGE - 1) & ~(uint64_t)(SIM_PAGE - 1);
}

uint64_t sim_shared_size(uint32_t npd)
{
    return page_up(sizeof(struct sim_shared)) + (uint64_t)npd * SIM_PAGE;
}

/* The spec, checked; its threads must be PDs, as many as there are programs. */
static int open_spec(struct runner *r)
{
    const char *why = NULL;
    if (bs_open(&r->spec, r->sys->spec, r->sys->spec_size, &why) != 0) {
        runner_error(r, -1, "sim-spec", "this is a bug: please report it",
                     "the boot spec built for the host is invalid: %s", why);
        return -1;
    }
    const struct bs_header *h = r->spec.hdr;
    for (uint32_t i = 0; i < h->num_pds; i++) {
        if (r->spec.pds[i].flags & BS_PD_VCPU) {
            runner_error(r, -1, "sim-vm",
                         "run the system on seL4 (QEMU or a board); the simulator runs PDs only",
                         "virtual machine '%s' cannot be simulated",
                         bs_str(&r->spec, r->spec.pds[i].name));
            return -1;
        }
    }
    if (h->num_pds != r->sys->nprograms || h->num_pds > SIM_MAX_PDS) {
        runner_error(r, -1, "sim-spec", "this is a bug: please report it",
                     "the boot spec has %u PDs, the system %zu programs", h->num_pds,
                     r->sys->nprograms);
        return -1;
    }
    r->npd = h->num_pds;
    return 0;
}

static int map_shared(struct runner *r)
{
    r->shm_size = sim_shared_size(r->npd);
    r->shm_fd = memfd_create("microkit-sim", 0);
    if (r->shm_fd < 0 || ftruncate(r->shm_fd, (off_t)r->shm_size) != 0) {
        runner_error(r, -1, "sim-memfd", NULL, "cannot create the shared state: %s",
                     strerror(errno));
        return -1;
    }
    void *p = mmap(NULL, r->shm_size, PROT_READ | PROT_WRITE, MAP_SHARED, r->shm_fd, 0);
    if (p == MAP_FAILED) {
        runner_error(r, -1, "sim-memfd", NULL, "cannot map the shared state: %s", strerror(errno));
        return -1;
    }
    r->s = p;
    r->s->magic = SIM_MAGIC;
    r->s->layout = sizeof(struct sim_shared);
    r->s->size = r->shm_size;
    r->s->ipc_offset = page_up(sizeof(struct sim_shared));
    r->s->npd = r->npd;
    r->s->ram_fd = -1;
    r->doorbell_fd = eventfd(0, EFD_NONBLOCK);
    r->s->doorbell_fd = r->doorbell_fd;
    return 0;
}

/* Fill the scheduler: every PD runnable, in spec order within a priority. */
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

int runner_setup(struct runner *r)
{
    if (open_spec(r) != 0 || map_shared(r) != 0) {
        return -1;
    }
    r->pids = calloc(r->npd + 1, sizeof(*r->pids));
    if (!r->pids || runner_build_caps(r) != 0 || runner_build_memory(r) != 0) {
        return -1;
    }
    init_sched(r->s);
    return 0;
}
