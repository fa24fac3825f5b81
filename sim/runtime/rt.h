/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The simulator runtime inside a PD process, in layers that call only
 * downwards: kernel entry and exit (entry.c), the fault path (fault.c), the
 * seL4 system calls (syscalls.c), signal handling (signals.c) and start-up
 * (start.c).
 */
#ifndef SIM_RT_H
#define SIM_RT_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <ucontext.h>

#include "sim/kernel.h"

extern struct sim_shared *sim_rt_shared; /* the shared block */
extern int sim_rt_me;                    /* this PD's index */

/* Enter the kernel: take the lock while this PD owns the CPU. */
void sim_rt_enter(void);
/* Leave the kernel: schedule, release the lock, and wait until this PD owns
 * the CPU again. Returns true when the PD was resumed in the middle of the
 * system call (seL4 restarts the call then). */
int sim_rt_leave(void);
/* Sleep until this PD owns the CPU (no lock needed). */
void sim_rt_wait_cpu(void);
/* With --spin (spin.c): spin a bounded time for the CPU; true once this PD owns it. */
bool sim_rt_spin_for_cpu(void);
/* If a restart is pending (microkit_pd_restart), restart now (through
 * sim_rt_restart_hook, which start.c sets). */
void sim_rt_check_restart(void);
extern void (*sim_rt_restart_hook)(void);

/* Deliver fault `f` (fault.c); returns when a fault reply resumes the PD. */
void sim_rt_raise_fault(const struct sim_fault *f);
/* A cap fault on `cptr` (in_recv: in a receive phase), as any other fault. */
void sim_rt_cap_fault(uint64_t cptr, int in_recv);

/* Device pages (mmio.c): map one without access, so that every access
 * traps; emulate a trapped access (true: resume the PD after it). */
bool sim_rt_mmio_map(const struct sim_map *m);
bool sim_rt_mmio(int sig, const siginfo_t *si, ucontext_t *uc);
/* The trace event of a send phase to `cap` in slot `dest` (trace_calls.c). */
void sim_rt_trace_send(uint64_t dest, const struct sim_cap *cap, uint64_t info, bool call);

/* Fill f->frames from the frame-pointer chain that starts at `fp` (backtrace.c). */
void sim_rt_backtrace(struct sim_fault *f, uint64_t fp);

/* --gdb: print how to attach GDB, then stop (gdb.c). */
void sim_rt_gdb_stop(void);

/* Install the fault and preemption signal handlers. */
void sim_rt_signals_init(void);

#endif /* SIM_RT_H */
