/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * `microkit run SYSTEM` on the host simulator: the build's stages up to the
 * boot spec, for the host board, then the simulator's runner (sim/), which
 * builds the system from that spec as the monitor does on seL4.
 */
#ifndef TOOL_RUN_HOST_H
#define TOOL_RUN_HOST_H

#include "diag.h"
#include "model.h"
#include "sim/run.h"

struct run_host_args {
    const char *const *search_paths; /* folders holding the PDs' programs and prefill files */
    size_t nsearch;
    const char *config; /* the configuration the PDs were built for; NULL: from their stamp */
};

/*
 * Stages, in order (each reports through `d` and stops the run when it
 * found a problem):
 *   1. programs  find every PD's program (an x86-64 ELF) and prefill file
 *   2. maps      every map must fit in a Linux process beside the program
 *   3. layout    the host board's layout (tool/layout.c), as for a target
 *   4. patch     setvars, names and channel masks (tool/patch.c)
 *   5. spec      the boot spec (tool/spec.c)
 *   6. run       sim_run with the spec, the programs and their patches
 * `sys` is parsed and checked. Returns an enum sim_exit value.
 */
int run_host_system(struct system *sys, const struct run_host_args *a, struct sim_options *o,
                    struct diag *d);

/*
 * The SDF checks the host board adds to those without a board: its device
 * models' pages (sim/devices.h) are device memory, so a map of one must be
 * uncached and not executable (map-device-cached, map-device-exec), as on a
 * target. For `microkit run` and the host image build. Reports through `d`.
 */
void run_host_check_board(struct system *sys, struct diag *d);

#endif /* TOOL_RUN_HOST_H */
