/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Faults and preemption in a PD process. A synchronous signal (SIGSEGV,
 * SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGABRT) becomes an seL4 fault: a VM fault
 * or a user exception message sent to the parent PD's fault() when it has
 * one, otherwise a report on the console (the monitor's job on the target).
 * The PD then waits: a reply resumes it at the faulting instruction, a
 * restart runs it from its entry. SIGURG is the runner's preemption signal:
 * a higher-priority PD was made runnable by an injected IRQ.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <ucontext.h>
#include <unistd.h>

#include <sel4/sel4.h>

#include "rt.h"

#define S  sim_rt_shared
#define ME sim_rt_me

#define ALT_STACK_SIZE (64u * 1024)
static char alt_stack[ALT_STACK_SIZE] __attribute__((aligned(16)));

static const int fault_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGABRT};

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

/* Deliver fault `f`; returns when the PD is resumed by a fault reply. */
static void raise_fault(const struct sim_fault *f)
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

static void on_fault(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    struct sim_fault f = {0};
    f.pd = ME;
    f.signo = sig;
    f.code = si->si_code;
    f.addr = (uint64_t)(uintptr_t)si->si_addr;
    f.pc = (uint64_t)uc->uc_mcontext.gregs[REG_RIP];
    f.sp = (uint64_t)uc->uc_mcontext.gregs[REG_RSP];
    f.write = sig == SIGSEGV ? (int)((uc->uc_mcontext.gregs[REG_ERR] >> 1) & 1) : -1;
    f.bias = getauxval(AT_ENTRY) - S->tcb[ME].elf_entry;
    raise_fault(&f);
    if (sig == SIGABRT) {
        /* abort() cannot continue; a reply to it stops the PD for good. */
        sim_rt_enter();
        sim_k_tcb_suspend(S, ME);
        while (sim_rt_leave()) {
            sim_rt_enter();
        }
    }
}

void sim_rt_cap_fault(seL4_CPtr cptr, int in_recv)
{
    struct sim_fault f = {0};
    f.pd = ME;
    f.signo = 0; /* no host signal: a cap fault */
    f.code = in_recv;
    f.addr = cptr;
    f.pc = (uint64_t)(uintptr_t)__builtin_return_address(0);
    f.bias = getauxval(AT_ENTRY) - S->tcb[ME].elf_entry;
    raise_fault(&f);
}

static void on_preempt(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)si;
    (void)uc;
    sim_rt_wait_cpu();
    sim_rt_check_restart();
}

void sim_rt_signals_init(void)
{
    stack_t ss = {.ss_sp = alt_stack, .ss_size = sizeof(alt_stack), .ss_flags = 0};
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof(fault_signals) / sizeof(fault_signals[0]); i++) {
        sigaction(fault_signals[i], &sa, NULL);
    }
    sa.sa_sigaction = on_preempt;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESTART;
    sigaction(SIGURG, &sa, NULL);
}
