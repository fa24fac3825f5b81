/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Fuzz target: `microkit run SYSTEM`'s set-up on arbitrary bytes. The SDF
 * is parsed and checked without a board, every PD runs the host seed ELF,
 * and the host stages (tool/run_host.c: layout, patch, spec) and the
 * simulator's runner (sim/runner: spec reader, threads, cap tables, IRQs,
 * memory and fills) build the system as far as --print-caps, which stops
 * before any process starts. Whatever the input, nothing may crash, leak or
 * hit undefined behaviour; a run that fails must have reported why, and one
 * that succeeds must have given every PD its input, VSpace and reply caps.
 * Systems with more than FUZZ_MAX_REGION_BYTES of memory regions are
 * skipped: the layout expands regions frame by frame, which this target
 * does not set out to measure.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "diag.h"
#include "model.h"
#include "run_host.h"
#include "sdf_parse.h"
#include "util.h"

#define FUZZ_MAX_REGION_BYTES (64ull << 20)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool small_enough(const struct system *sys)
{
    uint64_t total = 0;
    for (size_t i = 0; i < sys->mrs.count; i++) {
        uint64_t s = sys->mrs.items[i].size;
        if (s > FUZZ_MAX_REGION_BYTES || total + s > FUZZ_MAX_REGION_BYTES) {
            return false;
        }
        total += s;
    }
    return true;
}

/* Every PD's table names its input (slot 1), VSpace (3) and reply (4). */
static void check_tables(const struct system *sys, const char *caps)
{
    for (size_t i = 0; i < sys->pds.count; i++) {
        const char *name = sys->pds.items[i].name;
        for (int slot = 1; slot <= 4; slot += slot == 1 ? 2 : 1) {
            char want[SDK_PD_NAME_LENGTH + 16];
            /* Names are kept to SDK_PD_NAME_LENGTH - 1 bytes (pd-name-length). */
            snprintf(want, sizeof(want), "%.*s %d ", SDK_PD_NAME_LENGTH - 1, name, slot);
            bool found = false;
            for (const char *l = caps; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
                found |= strncmp(l, want, strlen(want)) == 0;
            }
            if (!found) {
                abort();
            }
        }
    }
}

static void set_up(struct system *sys, struct diag *d)
{
    for (size_t i = 0; i < sys->pds.count; i++) {
        free(sys->pds.items[i].program_image);
        sys->pds.items[i].program_image = xstrdup(FUZZ_HOST_ELF);
    }
    char *caps = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&caps, &len);
    struct run_host_args a = {.config = "debug"};
    struct sim_options o = {.cpu = -1, .print_caps = out};
    unsigned before = diag_errors(d);
    int status = run_host_system(sys, &a, &o, d);
    fclose(out);
    if ((status == SIM_EXIT_OK) != (diag_errors(d) == before)) {
        abort(); /* a failure must be reported, a success must report no error */
    }
    if (status == SIM_EXIT_OK) {
        check_tables(sys, caps);
    }
    free(caps);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct system sys;
    struct diag d;
    memset(&sys, 0, sizeof(sys));
    diag_init(&d, NULL);
    int rc = sdf_parse_buffer("fuzz.system", (const char *)data, size, &sys, &d);
    if (rc == SDF_OK && checks_run(&sys, NULL, &d) == 0 && sys.pds.count > 0 &&
        small_enough(&sys)) {
        set_up(&sys, &d);
    }
    system_free(&sys);
    diag_free(&d);
    return 0;
}
