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
    INPUTS_TARGET,         /* AArch64 programs; rules program-image-missing */
    INPUTS_HOST,           /* x86-64 programs for the simulator; rules sim-image-* */
    INPUTS_TARGET_RISCV64, /* as INPUTS_TARGET, for a RISC-V 64 board: RISC-V programs */
};

struct inputs {
    struct elf_file **elfs; /* per PD, never NULL (empty when its program was not read) */
    char **paths;           /* per PD: the program file found, or NULL */
    char **symbol_paths;    /* per PD: the path_for_symbols file found, or NULL */
    uint8_t **prefill;      /* per MR: the prefill data, or NULL */
    size_t *prefill_len;    /* per MR */
    char **prefill_paths;   /* per MR: the prefill file found, or NULL */
    size_t npd, nmr;
};

/*
 * Give every memory region that has a prefill_path but no size (Microkit
 * 2.3) the size of its file rounded up to the region's page size, and
 * record the file's size (mr.prefill_size). Runs before the checks, which
 * need every region's size: the build, the host build, `microkit run` and
 * `microkit check` call it after parsing. Only the size is looked at; the
 * file is read later by inputs_load(). A missing, unreadable or empty file
 * is reported at the region (prefill-missing, prefill-read, prefill-empty),
 * and so is one over 1 GiB (prefill-too-large); the region keeps size 0,
 * which the checks leave to these reports. Returns 0, or -1 after reporting.
 */
int inputs_size_regions(struct system *sys, const char *const *search, size_t nsearch,
                        struct diag *d);

/*
 * Find and read every program and prefill file of `sys`. A program used by
 * several PDs is read once. A PD whose program_image has path_for_symbols
 * gets the symbols of that second file, which must be the same program
 * (elf_take_symbols; program-symbols-mismatch otherwise); patches then land
 * in the segments of the program as loaded. A prefill file is sized before
 * it is read: one larger than its region is refused unread
 * (prefill-too-large), an empty one is prefill-empty; each prefill file's
 * size is recorded in the model (mr.prefill_size, for setvar_prefill_size).
 * Every problem is reported to `d` at the SDF element that names the file;
 * returns 0, or -1 when any was found. `in` must be freed with
 * inputs_free() either way.
 */
int inputs_load(struct system *sys, const char *const *search, size_t nsearch, enum inputs_for what,
                struct inputs *in, struct diag *d);
void inputs_free(struct inputs *in);

#endif /* TOOL_INPUTS_H */
