/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The simulator's kernel: seL4's object semantics and scheduler over the
 * shared block (sim/shared.h). PD processes call it from their system calls,
 * the runner from IRQ injection and when a process dies. All sim_k_* and
 * sim_sched_* functions require the lock (sim_lock) to be held.
 *
 * The scheduler mirrors seL4's: a scheduler action (resume current, choose
 * new, or a candidate) set by possibleSwitchTo/rescheduleRequired and
 * resolved by schedule() at the end of every kernel entry; ready queues per
 * priority, a preempted or woken thread is enqueued at the head, a yielding
 * one at the tail.
 */
#ifndef SIM_KERNEL_H
#define SIM_KERNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/shared.h"

/* Message info fields (seL4 layout: label 63..12, length 6..0). */
#define SIM_INFO_LABEL(i)    ((i) >> 12)
#define SIM_INFO_LENGTH(i)   ((i)&0x7f)
#define SIM_INFO(label, len) (((uint64_t)(label) << 12) | ((uint64_t)(len)&0x7f))
#define SIM_MSG_MAX          120

/* Fault labels and the errors the simulator returns (seL4 values). */
#define SIM_FAULT_CAP            1
#define SIM_FAULT_USER_EXCEPTION 3
#define SIM_FAULT_VM             6
#define SIM_LOOKUP_MISSING       2 /* seL4_MissingCapability lookup failure */
#define SIM_ERR_INVALID_CAP      2
#define SIM_ERR_ILLEGAL_OP       3

/* What the monitor prints when a PD becomes passive (as Microkit's does). */
#define SIM_PASSIVE_MSG "MON|INFO: PD '%s' is now passive!\n"

/* Futex wrappers on shared (not process-private) words. */
void sim_futex_wait(uint32_t *word, uint32_t expected);
void sim_futex_wake(uint32_t *word, int count);

void sim_lock(struct sim_shared *s);
/* Times sim_lock() polls a held lock before it sleeps on it (0, the default: at once; --spin
 * sets it in each PD process, whose lock holders run on other host CPUs). */
extern int sim_lock_spins;
void sim_unlock(struct sim_shared *s);
/* Release the lock if process `pid` died holding it. */
void sim_lock_recover(struct sim_shared *s, int pid);

/* True when every index in the block is in range and every queue ends
 * (check.c): the runner checks before it runs kernel code on the block. */
bool sim_state_ok(const struct sim_shared *s, uint32_t npd);

/* Scheduler (seL4 names). */
bool sim_sched_schedulable(const struct sim_shared *s, int t);
void sim_sched_enqueue(struct sim_shared *s, int t);
void sim_sched_append(struct sim_shared *s, int t);
void sim_sched_dequeue(struct sim_shared *s, int t);
void sim_sched_possible_switch_to(struct sim_shared *s, int t);
void sim_sched_reschedule_required(struct sim_shared *s);
void sim_sched_set_state(struct sim_shared *s, int t, int state);
/* Resolve the scheduler action; returns the PD now current (or SIM_IDLE).
 * When that changed, call sim_wake() on it after releasing the lock (waking
 * it with the lock held would make it run into the held lock at once). */
int sim_schedule(struct sim_shared *s);
/* The virtual CPU this kernel entry runs on (the PD's at entry; 0 in the
 * runner). sim_schedule() resolves the other CPUs' actions too, waking their
 * new threads and preempting their old ones at once. */
extern int sim_k_cpu;
/* Thread `t`, if it is current on a CPU, must give it up at the next schedule. */
void sim_sched_lost_cpu(struct sim_shared *s, int t);
/* Tell PD `t` it has been given a CPU: bump its run_seq (which a --spin PD watches) and wake
 * its process if it sleeps on it. No lock needed; every change of a CPU's current thread must
 * be followed by this for the new one. */
void sim_wake(struct sim_shared *s, int t);

/* Objects. `me` is the calling PD. */
void sim_k_signal(struct sim_shared *s, int owner, uint64_t badge);
/* Send on PD `owner`'s endpoint. `blocking` false: dropped when nobody waits. */
void sim_k_ep_send(struct sim_shared *s, int me, int owner, uint64_t badge, uint64_t info,
                   bool call, bool blocking);
/* Receive on the caller's own input. Returns true when something arrived
 * (results in tcb.rcv_badge / rcv_info); false when it blocked or, for a
 * non-blocking receive, when nothing was there (then rcv_* are 0). */
bool sim_k_recv(struct sim_shared *s, int me, bool blocking);
/* Reply through the caller's reply object; nothing happens when it is empty. */
void sim_k_reply(struct sim_shared *s, int me, uint64_t info);
/* A send to the monitor's endpoint: a passive PD hands back its SC. */
void sim_k_monitor_send(struct sim_shared *s, int me);
void sim_k_yield(struct sim_shared *s, int me);

/* IRQs: inject IRQ number `irq` at PD `pd` (false: PD has no such IRQ). */
bool sim_k_irq_inject(struct sim_shared *s, int pd, uint64_t irq);
void sim_k_irq_ack(struct sim_shared *s, int me, unsigned slot);

/* TCB invocations on a child. */
void sim_k_tcb_suspend(struct sim_shared *s, int t);
void sim_k_tcb_resume(struct sim_shared *s, int t);
void sim_k_tcb_restart(struct sim_shared *s, int t, uint64_t pc, bool resume);

/* A fault of `me`, message already in tcb.fault_*. Returns true when it went
 * to the parent PD's fault handler; false: the monitor's (reported, stopped). */
bool sim_k_fault(struct sim_shared *s, int me);

/* The process of `t` has gone (runner). */
void sim_k_kill(struct sim_shared *s, int t);

/* Console output (lock held). Wakes the runner at a newline or when full. */
void sim_console_write(struct sim_shared *s, const void *buf, size_t len);
/* Wake the runner (safe without the lock). */
void sim_doorbell(struct sim_shared *s);

#endif /* SIM_KERNEL_H */
