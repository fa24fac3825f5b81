/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The inputs stage: the files an SDF names, found and read. Every PD's
 * program image (an ELF) and every memory region's prefill file are looked
 * up in each --search-path folder in order, then in the current directory
 * (an absolute path is taken as it is). One stage for the build, the host
 * build and `microkit run SYSTEM`; they differ only in the programs they
 * accept (AArch64 for a target board, x86-64 for the host simulator).
 */
#ifndef TOOL_INPUTS_H
#define TOOL_INPUTS_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "elfload.h"
#include "model.h"

enum inputs_for {
    INPUTS_TARGET, /* AArch64 programs; rules program-image-missing */
    INPUTS_HOST,   /* x86-64 programs for the simulator; rules sim-image-* */
};

struct inputs {
    struct elf_file **elfs; /* per PD, never NULL (empty when its program was not read) */
    char **paths;           /* per PD: the program file found, or NULL */
    uint8_t **prefill;      /* per MR: the prefill data, or NULL */
    size_t *prefill_len;    /* per MR */
    char **prefill_paths;   /* per MR: the prefill file found, or NULL */
    size_t npd, nmr;
};

/*
 * Find and read every program and prefill file of `sys`. A program used by
 * several PDs is read once. A prefill file is sized before it is read: one
 * larger than its region is refused unread (prefill-too-large). Every
 * problem is reported to `d` at the SDF element that names the file;
 * returns 0, or -1 when any was found. `in` must be freed with
 * inputs_free() either way.
 */
int inputs_load(const struct system *sys, const char *const *search, size_t nsearch,
                enum inputs_for what, struct inputs *in, struct diag *d);
void inputs_free(struct inputs *in);

#endif /* TOOL_INPUTS_H */
