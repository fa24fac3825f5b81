/* SPDX-License-Identifier: BSD-2-Clause */
/* The debugging options of `microkit run` on the simulator (docs/debugging.md). */
#include <string.h>

#include "run_debug.h"

bool run_debug_option(struct sim_options *o, const char *arg)
{
    if (!strcmp(arg, "--trace")) {
        o->trace = true;
        return true;
    }
    if (!strncmp(arg, "--trace=", 8)) {
        o->trace = true;
        o->trace_pds = arg + 8;
        return true;
    }
    if (!strcmp(arg, "--perf") || !strncmp(arg, "--perf=", 7)) {
        o->perf = true;
        o->perf_pds = arg[6] == '=' ? arg + 7 : NULL;
        return true;
    }
    if (!strcmp(arg, "--no-flight")) {
        o->no_flight = true;
        return true;
    }
    return false;
}
