/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Setting up the trace (docs/debugging.md): the flight recorder on or off,
 * which PDs stream their events (--trace=PD,...), the JSON file.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runner.h"

/* The mask of the PDs named in `list` ("a,b"), or -1 after reporting. */
static int64_t pd_mask(struct runner *r, const char *list)
{
    uint64_t mask = 0;
    char *copy = strdup(list);
    char *save = NULL;
    int bad = 0;
    for (char *n = strtok_r(copy, ",", &save); n; n = strtok_r(NULL, ",", &save)) {
        int pd = runner_find_pd(r, n);
        if (pd < 0) {
            runner_error(r, -1, "run-unknown-pd", "give the names of PDs of the system",
                         "--trace: no PD called '%s'", n);
            bad = 1;
        } else {
            mask |= 1ull << pd;
        }
    }
    free(copy);
    return bad ? -1 : (int64_t)mask;
}

int runner_trace_setup(struct runner *r)
{
    const struct sim_options *o = r->o;
    r->s->trace.flight_on = !o->no_flight;
    if (!o->trace && !o->trace_json) {
        return SIM_EXIT_OK;
    }
    int64_t mask = (int64_t)((1ull << r->npd) - 1);
    if (o->trace_pds && (mask = pd_mask(r, o->trace_pds)) < 0) {
        return SIM_EXIT_USAGE;
    }
    r->s->trace.stream_mask = (uint64_t)mask;
    if (o->trace_json && !(r->trace_json = fopen(o->trace_json, "w"))) {
        runner_error(r, -1, "io", NULL, "--trace-json: cannot write '%s': %s", o->trace_json,
                     strerror(errno));
        return SIM_EXIT_IO;
    }
    return SIM_EXIT_OK;
}
