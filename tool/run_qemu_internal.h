/* SPDX-License-Identifier: BSD-2-Clause */
/* Shared by run_qemu.c (image, board, program) and run_qemu_loop.c (the process). */
#ifndef TOOL_RUN_QEMU_INTERNAL_H
#define TOOL_RUN_QEMU_INTERNAL_H

#include "board.h"
#include "run_qemu.h"
#include "sdk/image.h"
#include "sim/run.h" /* the exit statuses of a run */

enum qemu_form { QEMU_FORM_RAW, QEMU_FORM_ELF, QEMU_FORM_UIMAGE };

struct qemu_run {
    const struct qemu_run_options *o;
    enum qemu_form form;
    uint64_t address; /* load address an ELF or uImage names; 0 for a raw image */
    struct sdk_image_header header;
    struct board board;
    bool have_board;
    char *qemu;       /* the program's path */
    VEC(char *) argv; /* NULL-terminated */
};

/* Start QEMU with q->argv, pass its output through, stop as the options say. */
int qemu_loop(struct qemu_run *q, struct diag *d);

#endif /* TOOL_RUN_QEMU_INTERNAL_H */
