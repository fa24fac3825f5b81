/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The runner's side of the trace (sim/trace.h, docs/debugging.md): which
 * PDs stream their events, the text line and the JSON line of an event, and
 * the flight recorder printed after a fault report (which PDs trace is
 * trace_setup.c's). The events come out of
 * the console ring in the order the kernel recorded them, between the bytes
 * the PDs printed, so the trace and the output interleave as they happened.
 */
#include <stdio.h>
#include <string.h>

#include "runner.h"

void runner_trace_close(struct runner *r)
{
    if (r->trace_json) {
        fclose(r->trace_json);
        r->trace_json = NULL;
    }
}

static const char *pd_name(const struct runner *r, int pd)
{
    return pd >= 0 && (uint32_t)pd < r->npd ? r->names[pd] : "?";
}

/* Whether the op carries a message (label and MRs). */
static bool has_msg(const struct sim_trace_ev *e)
{
    return e->len > 0 || (e->label != 0 && e->op != SIM_TR_IRQ);
}

/* The text of an event, without a newline: "#SEQ PD OP key=value...". */
static void put_text(const struct runner *r, const struct sim_trace_ev *e, FILE *out)
{
    fprintf(out, "#%llu %s %s", (unsigned long long)e->seq, pd_name(r, e->pd),
            sim_trace_op_name(e->op));
    if (e->ch >= 0) {
        fprintf(out, " ch=%d", e->ch);
    }
    if (e->peer >= 0) {
        fprintf(out, " peer=%s", pd_name(r, e->peer));
    }
    if (e->op == SIM_TR_IRQ) {
        fprintf(out, " irq=%llu", (unsigned long long)e->label);
    }
    if (e->badge) {
        fprintf(out, " badge=0x%llx", (unsigned long long)e->badge);
    }
    if (has_msg(e)) {
        fprintf(out, " label=0x%llx len=%u", (unsigned long long)e->label, e->len);
        for (unsigned i = 0; i < e->len && i < SIM_TRACE_MRS; i++) {
            fprintf(out, "%s0x%llx", i ? "," : " mr=", (unsigned long long)e->mr[i]);
        }
    }
}

static void put_json(const struct runner *r, const struct sim_trace_ev *e, FILE *out)
{
    fprintf(out, "{\"t\":%llu,\"pd\":\"%s\",\"op\":\"%s\",\"ch\":%d,\"peer\":",
            (unsigned long long)e->seq, pd_name(r, e->pd), sim_trace_op_name(e->op), e->ch);
    if (e->peer >= 0) {
        fprintf(out, "\"%s\"", pd_name(r, e->peer));
    } else {
        fputs("null", out);
    }
    fprintf(out, ",\"badge\":%llu,\"label\":%llu,\"len\":%u,\"mr\":[", (unsigned long long)e->badge,
            (unsigned long long)e->label, e->len);
    for (unsigned i = 0; i < e->len && i < SIM_TRACE_MRS; i++) {
        fprintf(out, "%s%llu", i ? "," : "", (unsigned long long)e->mr[i]);
    }
    fputs("]}\n", out);
}

static void trace_event(struct runner *r, const struct sim_trace_ev *e)
{
    if (r->o->trace) {
        fputs("trace: ", stdout);
        put_text(r, e, stdout);
        fputc('\n', stdout);
    }
    if (r->trace_json) {
        put_json(r, e, r->trace_json);
    }
}

size_t runner_trace_take(struct runner *r, uint64_t tail, uint64_t head)
{
    struct sim_trace_ev e;
    if (head - tail <= sizeof(e)) {
        return 0; /* the rest of the record is still being written */
    }
    for (size_t k = 0; k < sizeof(e); k++) {
        ((char *)&e)[k] = r->s->console[(tail + 1 + k) % SIM_CONSOLE_SIZE];
    }
    trace_event(r, &e);
    return 1 + sizeof(e);
}

void runner_flight_print(struct runner *r, int pd, FILE *out)
{
    const struct sim_flight *f = &r->s->trace.pd[pd];
    uint64_t head = f->head; /* a copy: the PD could write over the ring */
    uint64_t n = head < SIM_FLIGHT_EVENTS ? head : SIM_FLIGHT_EVENTS;
    if (!r->s->trace.flight_on || n == 0) {
        return;
    }
    fprintf(out, "MON|ERROR:   last %llu events of '%s' (flight recorder, oldest first):\n",
            (unsigned long long)n, r->names[pd]);
    for (uint64_t i = head - n; i < head; i++) {
        fputs("MON|ERROR:     ", out);
        put_text(r, &f->ev[i % SIM_FLIGHT_EVENTS], out);
        fputc('\n', out);
    }
}
