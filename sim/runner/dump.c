/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The status dump (`dump` on --control, SIGUSR1; docs/debugging.md): one
 * line per PD with its thread state (what it is blocked on), pending
 * notification bits, IRQ masks, scheduling parameters and how often it was
 * restarted or faulted, read from the shared block under the lock.
 */
#include <stdio.h>

#include "runner.h"

static const char *peer(const struct runner *r, int pd)
{
    return pd >= 0 && (uint32_t)pd < r->npd ? r->names[pd] : "?";
}

static void put_state(const struct runner *r, int i, FILE *out)
{
    const struct sim_tcb *t = &r->s->tcb[i];
    switch (t->state) {
    case SIM_INACTIVE:
        fputs(r->s->trace.faults[i] ? "stopped (faulted)" : "stopped", out);
        break;
    case SIM_RUNNING:
        fputs(sim_running_cpu(r->s, i) >= 0 ? "running" : "ready", out);
        break;
    case SIM_RESTART:
        fputs("ready (restarting)", out);
        break;
    case SIM_BLOCKED_RECV:
        fputs(t->input_is_ep ? "blocked in recv (notifications, protected calls)"
                             : "blocked in wait (notifications)",
              out);
        break;
    case SIM_BLOCKED_SEND:
        fprintf(out, "blocked sending %s to '%s'",
                t->send_fault  ? "a fault"
                : t->send_call ? "a protected call"
                               : "a message",
                peer(r, t->blocked_on));
        break;
    case SIM_BLOCKED_REPLY:
        fprintf(out, "blocked waiting for the reply of '%s'%s", peer(r, t->reply_to),
                t->fault_label ? " to its fault" : "");
        break;
    case SIM_DEAD:
        fputs("exited", out);
        break;
    default:
        fprintf(out, "state %d", t->state);
        break;
    }
}

static void put_pd(const struct runner *r, int i, FILE *out)
{
    const struct sim_tcb *t = &r->s->tcb[i];
    fprintf(out, "dump: %s: ", r->names[i]);
    put_state(r, i, out);
    fprintf(out, "; pending 0x%llx", (unsigned long long)t->ntfn_bits);
    if (t->irq_bits) {
        fprintf(out, "; irqs masked 0x%llx pending 0x%llx", (unsigned long long)t->irq_masked,
                (unsigned long long)t->irq_pending);
    }
    fprintf(out, "; prio %d budget %uus domain %u", t->prio, t->budget_us, t->domain);
    if (t->passive) {
        fprintf(out, " passive%s", t->made_passive ? "" : " (before init ended)");
    }
    if (t->sc != i) {
        fprintf(out, " sc %s", t->sc < 0 ? "none" : peer(r, t->sc));
    }
    fprintf(out, "; restarts %u faults %u; pid %d\n", r->s->trace.restarts[i],
            r->s->trace.faults[i], (int)r->pids[i]);
}

void runner_dump(struct runner *r, FILE *out)
{
    runner_drain(r);
    if (!runner_lock(r)) {
        return;
    }
    fprintf(out, "dump: %u PDs, %s current, %llu context switches\n", r->npd,
            r->s->cpu[0].current >= 0 ? peer(r, r->s->cpu[0].current) : "none",
            (unsigned long long)r->s->switches);
    for (uint32_t i = 0; i < r->npd; i++) {
        put_pd(r, (int)i, out);
    }
    sim_unlock(r->s);
    fflush(out);
}
