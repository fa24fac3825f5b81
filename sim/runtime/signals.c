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

static void on_fault(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    if (sim_rt_mmio(sig, si, uc)) {
        return; /* a device register access, emulated (mmio.c) */
    }
    struct sim_fault f = {0};
    f.pd = ME;
    f.signo = sig;
    f.code = si->si_code;
    f.addr = (uint64_t)(uintptr_t)si->si_addr;
    f.pc = (uint64_t)uc->uc_mcontext.gregs[REG_RIP];
    f.sp = (uint64_t)uc->uc_mcontext.gregs[REG_RSP];
    f.write = sig == SIGSEGV ? (int)((uc->uc_mcontext.gregs[REG_ERR] >> 1) & 1) : -1;
    f.bias = getauxval(AT_ENTRY) - S->tcb[ME].elf_entry;
    sim_rt_backtrace(&f, (uint64_t)uc->uc_mcontext.gregs[REG_RBP]);
    sim_rt_raise_fault(&f);
    if (sig == SIGABRT) {
        /* abort() cannot continue; a reply to it stops the PD for good. */
        sim_rt_enter();
        sim_k_tcb_suspend(S, ME);
        while (sim_rt_leave()) {
            sim_rt_enter();
        }
    }
}

static void on_preempt(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)si;
    (void)uc;
    /* In the kernel with the lock (a preemption signal arriving late, e.g. from another virtual
     * CPU's reschedule): waiting here would keep the lock; the kernel exit waits for the CPU. */
    if (__atomic_load_n(&S->lock_pid, __ATOMIC_RELAXED) == getpid()) {
        return;
    }
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
