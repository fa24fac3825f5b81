/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A check of the shared kernel state, for the runner: PD processes can write
 * anything into the shared block, and the runner runs the kernel's code on
 * it (IRQ injection, time slices, a PD's death). Before it does, every index
 * it could follow must be in range and every list it could walk must end,
 * so a damaged block stops the run with a message instead of crashing the
 * runner or trapping it in a loop.
 */
#include "sim/kernel.h"

static bool index_ok(int32_t i, uint32_t npd)
{
    return i == SIM_NONE || (i >= 0 && (uint32_t)i < npd);
}

/* A list through `next` from `head` ends within npd steps. */
static bool list_ends(const struct sim_shared *s, int32_t head, uint32_t npd, bool rq)
{
    int32_t i = head;
    for (uint32_t steps = 0; i != SIM_NONE; steps++) {
        if (!index_ok(i, npd) || steps > npd) {
            return false;
        }
        i = rq ? s->tcb[i].rq_next : s->tcb[i].ep_next;
    }
    return true;
}

static bool tcb_ok(const struct sim_shared *s, const struct sim_tcb *t, uint32_t npd)
{
    int32_t idx[] = {t->parent,  t->fault_to, t->sc,      t->blocked_on, t->rq_next,     t->rq_prev,
                     t->ep_next, t->reply_to, t->ep_head, t->ep_tail,    t->reply_caller};
    for (size_t k = 0; k < sizeof(idx) / sizeof(idx[0]); k++) {
        if (!index_ok(idx[k], npd)) {
            return false;
        }
    }
    return t->prio >= 0 && t->prio < SIM_NUM_PRIOS && t->cpu >= 0 && (uint32_t)t->cpu < s->ncpu &&
           t->rq_cpu >= 0 && (uint32_t)t->rq_cpu < s->ncpu && t->state >= SIM_INACTIVE &&
           t->state <= SIM_DEAD && list_ends(s, t->ep_head, npd, false);
}

static bool cpu_ok(const struct sim_shared *s, const struct sim_cpu *k, uint32_t npd)
{
    if (!index_ok(k->current, npd) || k->action < SIM_ACTION_CHOOSE ||
        (k->action >= 0 && (uint32_t)k->action >= npd)) {
        return false;
    }
    for (int p = 0; p < SIM_NUM_PRIOS; p++) {
        if (!index_ok(k->rq[p].tail, npd) || !list_ends(s, k->rq[p].head, npd, true)) {
            return false;
        }
    }
    return true;
}

bool sim_state_ok(const struct sim_shared *s, uint32_t npd)
{
    if (s->ncpu < 1 || s->ncpu > SIM_MAX_CPUS || s->npd != npd ||
        s->con_head - s->con_tail > SIM_CONSOLE_SIZE) {
        return false;
    }
    for (uint32_t c = 0; c < s->ncpu; c++) {
        if (!cpu_ok(s, &s->cpu[c], npd)) {
            return false;
        }
    }
    for (uint32_t i = 0; i < npd; i++) {
        if (!tcb_ok(s, &s->tcb[i], npd)) {
            return false;
        }
    }
    return true;
}
