/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What a fault report adds after the monitor's lines (docs/debugging.md):
 * the map that covers a VM fault's address, with its permissions (so a
 * write to a read-only map says so); a stack overflow named as such; the
 * backtrace of the faulting PD (the frame-pointer chain its runtime walked,
 * each frame as function+offset from the spec's symbols); and the PD's
 * flight recorder, its last events.
 */
#include <signal.h>
#include <stdio.h>
#include <sys/mman.h>

#include "runner.h"

/* How far below the stack pointer a fault counts as running off the stack. */
#define STACK_SLACK 4096u

static void perms(uint32_t prot, char out[4])
{
    int n = 0;
    if (prot & PROT_READ) {
        out[n++] = 'r';
    }
    if (prot & PROT_WRITE) {
        out[n++] = 'w';
    }
    if (prot & PROT_EXEC) {
        out[n++] = 'x';
    }
    out[n] = '\0';
}

static const struct sim_map *map_at(const struct runner *r, int pd, uint64_t addr)
{
    uint32_t n = r->s->nmap < SIM_MAX_MAPS ? r->s->nmap : SIM_MAX_MAPS;
    for (uint32_t i = 0; i < n; i++) {
        const struct sim_map *m = &r->s->maps[i];
        if (m->pd == pd && addr >= m->vaddr && addr - m->vaddr < m->size) {
            return m;
        }
    }
    return NULL;
}

static void put_map(const struct runner *r, const struct sim_fault *f, FILE *out)
{
    const struct sim_map *m = map_at(r, f->pd, f->addr);
    const char *access = f->addr == f->pc ? "execute" : f->write > 0 ? "write" : "read";
    if (m) {
        char p[4];
        perms(m->prot, p);
        fprintf(out, "MON|ERROR:   %s to %.*s at offset 0x%llx, mapped at 0x%llx perms=\"%s\"\n",
                access, (int)sizeof(m->name), m->name, (unsigned long long)(f->addr - m->vaddr),
                (unsigned long long)m->vaddr, p);
    } else if (f->addr < f->sp && f->sp - f->addr <= STACK_SLACK) {
        fprintf(out, "MON|ERROR:   stack overflow: the %s is just below the stack pointer 0x%llx\n",
                access, (unsigned long long)f->sp);
    } else if (f->addr < 0x10000) {
        fprintf(out, "MON|ERROR:   %s of address 0x%llx: a null pointer?\n", access,
                (unsigned long long)f->addr);
    }
}

static void put_frame(const struct runner *r, const struct sim_fault *f, unsigned i, uint64_t addr,
                      FILE *out)
{
    fprintf(out, "MON|ERROR:     #%u 0x%016llx", i, (unsigned long long)addr);
    /* A return address is after the call: look up the call's own byte. */
    uint64_t elf = addr - f->bias - (i > 0 ? 1 : 0);
    const struct bs_symbol *fn = runner_func_at(r, f->pd, elf);
    if (fn) {
        fprintf(out, " %s+0x%llx", bs_str(&r->spec, fn->name),
                (unsigned long long)(addr - f->bias - fn->addr));
    }
    fputc('\n', out);
}

static void put_backtrace(const struct runner *r, const struct sim_fault *f, FILE *out)
{
    unsigned n = f->nframes < SIM_FAULT_FRAMES ? f->nframes : SIM_FAULT_FRAMES;
    fputs("MON|ERROR:   backtrace:\n", out);
    put_frame(r, f, 0, f->pc, out);
    for (unsigned i = 0; i < n; i++) {
        put_frame(r, f, i + 1, f->frames[i], out);
    }
}

void runner_fault_details(struct runner *r, const struct sim_fault *f, FILE *out)
{
    if (f->signo == SIGSEGV || f->signo == SIGBUS) {
        put_map(r, f, out);
    }
    put_backtrace(r, f, out);
    runner_flight_print(r, f->pd, out);
}
