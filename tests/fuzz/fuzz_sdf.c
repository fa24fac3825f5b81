/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Fuzz target: the parse and check stages on arbitrary bytes. The checks
 * run twice, without a board and with the QEMU board, as `microkit check`
 * does with and without --board. Whatever the input, nothing may crash,
 * leak or hit undefined behaviour; the parser's and the checks' results must
 * agree with the errors they reported, and two runs must report the same.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "checks.h"
#include "diag.h"
#include "model.h"
#include "sdf_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct board *qemu_board(void)
{
    static struct board board;
    static int state; /* 0: not tried, 1: loaded, -1: failed */
    if (state == 0) {
        struct diag d;
        diag_init(&d, stderr);
        state = board_load_file(FUZZ_BOARDS_DIR "/qemu_virt_aarch64.xml", NULL, &board, &d) == 0
                    ? 1
                    : -1;
        diag_free(&d);
        if (state < 0) {
            abort(); /* the fuzz target is misconfigured, not the input bad */
        }
    }
    return &board;
}

static uint64_t hash_str(uint64_t h, const char *s)
{
    for (; s && *s; s++) {
        h = (h ^ (uint8_t)*s) * 0x100000001b3ull;
    }
    return (h ^ 0xff) * 0x100000001b3ull;
}

/* A digest of everything reported, to compare two runs. */
static uint64_t digest(const struct diag *d)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < d->entries.count; i++) {
        const struct diag_entry *e = &d->entries.items[i];
        h = hash_str(h, e->rule);
        h = hash_str(h, e->message);
        h = hash_str(h, e->hint);
        h = (h ^ (uint64_t)(e->pos.line * 4096 + e->pos.col)) * 0x100000001b3ull;
    }
    return h;
}

static uint64_t parse_and_check(const char *buf, size_t size, const struct board *board)
{
    struct system sys;
    struct diag d;
    memset(&sys, 0, sizeof(sys));
    diag_init(&d, NULL);
    int rc = sdf_parse_buffer("fuzz.system", buf, size, &sys, &d);
    /* The status must agree with what was reported; a buffer has no I/O error. */
    if ((rc == SDF_OK) != (d.errors == 0) || rc == SDF_IO) {
        abort();
    }
    if (rc == SDF_OK || rc == SDF_ERRORS) {
        unsigned before = diag_errors(&d);
        if ((checks_run(&sys, board, &d) == 0) != (diag_errors(&d) == before)) {
            abort(); /* checks_run's result must agree with the errors it reported */
        }
    }
    uint64_t h = digest(&d);
    system_free(&sys);
    diag_free(&d);
    return h;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    parse_and_check((const char *)data, size, NULL);
    /* The same input gives the same report: nothing depends on memory contents. */
    if (parse_and_check((const char *)data, size, qemu_board()) !=
        parse_and_check((const char *)data, size, qemu_board())) {
        abort();
    }
    return 0;
}
