/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * `microkit run IMAGE` for a loader image (raw, ELF or uImage form): boot it
 * in QEMU with the machine, CPU and memory of the board file's <qemu args>
 * and the board's loader link address, the terminal attached, and stop as
 * the host simulator does (--until, --timeout). See docs/cli.md.
 */
#ifndef TOOL_RUN_QEMU_H
#define TOOL_RUN_QEMU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"

struct qemu_run_options {
    const char *image;
    const char *board; /* NULL: the board whose UART, RAM and address match the image */
    double timeout;    /* seconds; 0: none */
    const char *until; /* POSIX extended regex, or NULL */
    bool verbose;
    /*
     * --input: bytes typed into the board's serial port (QEMU's standard
     * input, instead of ours), once a line of output matches input_after
     * (a POSIX extended regex; NULL: at once). NULL: QEMU reads our input.
     */
    const uint8_t *input;
    size_t input_size;
    const char *input_after;
    /* NULL, or more QEMU arguments (NULL-terminated): `microkit gdb`'s stub. */
    const char *const *extra_args;
};

/* True when `buf` looks like a loader image: a uImage, an AArch64 ELF, or a raw image. */
bool qemu_is_loader_image(const uint8_t *buf, size_t size);

/*
 * Check the image, pick the board, start QEMU (MICROKIT_QEMU, else
 * qemu-system-<arch> from PATH) and pass its output through. Returns 0 when
 * --until matched (or, without --until, at --timeout or when QEMU exits with
 * status 0), 1 for a damaged image or a board that does not fit or has no
 * QEMU data, 3 when QEMU cannot be started, 5 --timeout before --until, 7
 * QEMU exited before --until matched (or failed), 130 interrupted.
 */
int qemu_run(const struct qemu_run_options *o, struct diag *d);

#endif /* TOOL_RUN_QEMU_H */
