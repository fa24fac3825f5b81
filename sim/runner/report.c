/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Reports: set-up problems through the caller's reporter, and fault
 * reports, in the monitor's words (monitor/src/fault.c): the PD, the
 * kind of fault, the address, and the function the pc is in, found in the
 * symbols the boot spec carries for each PD. The host signal is added, since that is what happened.
 */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "runner.h"

static void put_pc(struct runner *r, const struct sim_fault *f, FILE *out)
{
    uint64_t elf_pc = f->pc - f->bias;
    fprintf(out, "MON|ERROR:   pc 0x%016llx", (unsigned long long)f->pc);
    const struct bs_symbol *fn = runner_func_at(r, f->pd, elf_pc);
    if (fn) {
        fprintf(out, " (in %s+0x%llx)", bs_str(&r->spec, fn->name),
                (unsigned long long)(elf_pc - fn->addr));
    }
    fputc('\n', out);
}

static const char *seg_text(int code)
{
    switch (code) {
    case SEGV_MAPERR:
        return "translation fault (nothing mapped there)";
    case SEGV_ACCERR:
        return "permission fault (the map does not allow this access)";
    default:
        return "fault";
    }
}

void runner_print_fault(struct runner *r, const struct sim_fault *f, FILE *out)
{
    if (f->pd < 0 || (uint32_t)f->pd >= r->npd) {
        r->damaged = true; /* a fault record written over by a PD */
        return;
    }
    const char *name = r->names[f->pd];
    fprintf(out, "MON|ERROR: PD '%s' faulted: ", name);
    if (f->signo == 0) {
        fprintf(out, "cap fault: cap address 0x%llx, missing capability\n",
                (unsigned long long)f->addr);
        put_pc(r, f, out);
        runner_fault_details(r, f, out);
        return;
    }
    if (f->signo == SIGSEGV || f->signo == SIGBUS) {
        bool instr = f->addr == f->pc;
        fprintf(out, "VM fault: %s at address 0x%016llx\n",
                instr ? "instruction abort" : "data abort", (unsigned long long)f->addr);
        put_pc(r, f, out);
        fprintf(out, "MON|ERROR:   %s%s\n", f->signo == SIGBUS ? "bus error" : seg_text(f->code),
                instr ? "" : (f->write > 0 ? ", write" : ", read"));
    } else {
        fprintf(out, "user exception: %s\n", strsignal(f->signo));
        put_pc(r, f, out);
        fprintf(out, "MON|ERROR:   sp 0x%016llx\n", (unsigned long long)f->sp);
    }
    fprintf(out, "MON|ERROR:   host signal SIG%s (%s)\n", sigabbrev_np(f->signo),
            strsignal(f->signo));
    runner_fault_details(r, f, out);
}

void runner_error(const struct runner *r, int pd, const char *rule, const char *hint,
                  const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (r->o->report) {
        r->o->report(r->o->report_ctx, pd, rule, hint, fmt, ap);
    } else {
        fputs("microkit run: error: ", stderr);
        vfprintf(stderr, fmt, ap);
        fprintf(stderr, " [%s]\n", rule);
    }
    va_end(ap);
}
