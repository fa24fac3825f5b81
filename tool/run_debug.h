/* SPDX-License-Identifier: BSD-2-Clause */
/* The debugging options of `microkit run` on the simulator (docs/debugging.md). */
#ifndef RUN_DEBUG_H
#define RUN_DEBUG_H

#include <stdbool.h>

#include "sim/run.h"

/* Take `arg` if it is a debugging option without a value (--trace,
 * --trace=PD,..., --no-flight, --perf, --perf=PD,...); false: not one of those. */
bool run_debug_option(struct sim_options *o, const char *arg);

#endif /* RUN_DEBUG_H */
