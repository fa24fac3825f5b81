/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The fault path of a PD process: a fault record becomes the seL4 fault
 * message (VM fault, user exception, cap fault) sent to the PD that handles
 * this PD's faults, or, without one, a record in the console ring that the
 * runner prints as the monitor would. The PD then waits until a reply
 * resumes it or a restart runs it again.
 */
#include <signal.h>
#include <string.h>
#include <sys/auxv.h>

#include <sel4/sel4.h>

#include "rt.h"

#define S  sim_rt_shared
#define ME sim_rt_me

/* The AArch64 exception syndrome a data abort would carry: a permission
 * fault when the page is mapped, a translation fault when not; WnR for writes. */
static uint64_t fake_fsr(int code, int write)
{
    uint64_t esr = code == SEGV_ACCERR ? 0x0f : 0x07;
    return esr | (write > 0 ? (1u << 6) : 0);
}

static void build_message(struct sim_tcb *t, const struct sim_fault *f)
{
    if (f->signo == 0) {
        t->fault_label = SIM_FAULT_CAP;
        t->fault_mr[0] = f->pc;
        t->fault_mr[1] = f->addr;            /* the cap address */
        t->fault_mr[2] = (uint64_t)f->code;  /* in the receive phase */
        t->fault_mr[3] = SIM_LOOKUP_MISSING; /* lookup failure: missing capability */
        t->fault_mr[4] = 0;
        t->fault_len = 5;
    } else if (f->signo == SIGSEGV || f->signo == SIGBUS) {
        t->fault_label = SIM_FAULT_VM;
        t->fault_mr[0] = f->pc;
        t->fault_mr[1] = f->addr;
        t->fault_mr[2] = f->addr == f->pc;
        t->fault_mr[3] = fake_fsr(f->code, f->write);
        t->fault_len = 4;
    } else {
        t->fault_label = SIM_FAULT_USER_EXCEPTION;
        t->fault_mr[0] = f->pc;
        t->fault_mr[1] = f->sp;
        t->fault_mr[2] = 0;
        t->fault_mr[3] = (uint64_t)f->signo;
        t->fault_mr[4] = (uint64_t)f->code;
        t->fault_len = 5;
    }
}

void sim_rt_raise_fault(const struct sim_fault *f)
{
    sim_rt_enter();
    struct sim_tcb *t = &S->tcb[ME];
    t->fault = *f;
    build_message(t, f);
    if (!sim_k_fault(S, ME)) {
        char rec[1 + sizeof(struct sim_fault)];
        rec[0] = SIM_CONSOLE_FAULT;
        memcpy(rec + 1, &t->fault, sizeof(t->fault));
        sim_console_write(S, rec, sizeof(rec));
        sim_doorbell(S);
    }
    while (sim_rt_leave()) {
        sim_rt_enter();
    }
}

void sim_rt_cap_fault(uint64_t cptr, int in_recv)
{
    struct sim_fault f = {0};
    f.pd = ME;
    f.signo = 0; /* no host signal: a cap fault */
    f.code = in_recv;
    f.addr = cptr;
    f.pc = (uint64_t)(uintptr_t)__builtin_return_address(0);
    f.bias = getauxval(AT_ENTRY) - S->tcb[ME].elf_entry;
    sim_rt_backtrace(&f, (uint64_t)(uintptr_t)__builtin_frame_address(0));
    sim_rt_raise_fault(&f);
}
