/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Runner set-up: check the boot spec with the one spec reader, create the
 * shared kernel state, then build the system from the spec (spec_caps.c,
 * spec_mem.c) and fill the scheduler's queues.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/stat.h>
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
    r->s->ncpu = r->o->cpus > 1 ? (uint32_t)r->o->cpus : 1;
    r->s->ram_fd = -1;
    r->doorbell_fd = eventfd(0, EFD_NONBLOCK);
    r->s->doorbell_fd = r->doorbell_fd;
    return 0;
}

/* Fill the scheduler: every PD runnable, in spec order within a priority. */
static void init_sched(struct sim_shared *s)
{
    for (uint32_t c = 0; c < s->ncpu; c++) {
        for (int p = 0; p < SIM_NUM_PRIOS; p++) {
            s->cpu[c].rq[p].head = s->cpu[c].rq[p].tail = SIM_NONE;
        }
        s->cpu[c].current = SIM_IDLE;
        s->cpu[c].action = SIM_ACTION_CHOOSE;
    }
    for (uint32_t i = 0; i < s->npd; i++) {
        sim_sched_append(s, (int)i);
    }
    sim_schedule(s);
}

/* An option naming a PD must name one of the system's. */
static int check_pd_option(struct runner *r, const char *option, const char *name)
{
    if (!name || runner_find_pd(r, name) >= 0) {
        return 0;
    }
    char list[512] = "";
    size_t n = 0;
    for (uint32_t i = 0; i < r->npd && n < sizeof(list); i++) {
        n += (size_t)snprintf(list + n, sizeof(list) - n, "%s'%s'", i ? ", " : "", r->names[i]);
    }
    char *hint = NULL;
    if (asprintf(&hint, "the system's PDs are %s", list) < 0) {
        hint = NULL;
    }
    runner_error(r, -1, "run-unknown-pd", hint, "%s: no PD called '%s'", option, name);
    free(hint);
    return -1;
}

/* --cpus N: every PD's core must be one of the N virtual CPUs. */
static int check_cpus(struct runner *r)
{
    int bad = 0;
    for (uint32_t i = 0; r->s->ncpu > 1 && i < r->npd; i++) {
        if (r->spec.pds[i].cpu >= r->s->ncpu) {
            runner_error(r, (int)i, "run-cpus", "give --cpus a number above every PD's cpu",
                         "--cpus %u: PD '%s' is for cpu %u", r->s->ncpu, r->names[i],
                         r->spec.pds[i].cpu);
            bad = -1;
        }
    }
    return bad;
}

static int check_options(struct runner *r)
{
    int bad = check_cpus(r);
    bad |= check_pd_option(r, "--gdb", r->o->gdb_pd);
    bad |= check_pd_option(r, "--valgrind", r->o->valgrind_pd);
    for (size_t i = 0; i < r->o->nirqs; i++) {
        bad |= check_pd_option(r, "--irq", r->o->irqs[i].pd);
    }
    return bad;
}

/* --control: stdin, or a file opened now, so that a wrong name stops the run before it starts. */
static int open_control(struct runner *r)
{
    if (!r->o->control) {
        return 0;
    }
    if (!strcmp(r->o->control, "-")) {
        r->control_fd = 0;
        return 0;
    }
    r->control_fd = open(r->o->control, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    struct stat st;
    if (r->control_fd < 0 || fstat(r->control_fd, &st) != 0 || S_ISDIR(st.st_mode)) {
        runner_error(r, -1, "run-control", "give a file or FIFO to read commands from, or '-'",
                     "--control: cannot read '%s': %s", r->o->control,
                     r->control_fd < 0 ? strerror(errno) : "it is a directory");
        return -1;
    }
    fcntl(r->control_fd, F_SETFL, 0); /* opened non-blocking only so a FIFO does not wait */
    return 0;
}

int runner_setup(struct runner *r)
{
    if (open_spec(r) != 0 || map_shared(r) != 0) {
        return SIM_EXIT_INVALID;
    }
    r->pids = calloc(r->npd + 1, sizeof(*r->pids));
    r->names = calloc(r->npd + 1, sizeof(*r->names));
    if (!r->pids || !r->names || runner_build_caps(r) != 0 || runner_build_memory(r) != 0) {
        return SIM_EXIT_INVALID;
    }
    if (check_options(r) != 0) {
        return SIM_EXIT_USAGE;
    }
    if (open_control(r) != 0) {
        return SIM_EXIT_IO;
    }
    int dev = runner_devices_init(r);
    if (dev != SIM_EXIT_OK) {
        return dev;
    }
    int trace = runner_trace_setup(r);
    if (trace != SIM_EXIT_OK) {
        return trace;
    }
    int perf = runner_perf_check(r);
    if (perf != SIM_EXIT_OK) {
        return perf;
    }
    runner_domains_init(r);
    init_sched(r->s);
    runner_fpu_warning(r);
    return SIM_EXIT_OK;
}
