/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A system loaded the way `microkit check` loads it, for the commands that
 * only look at it (`graph`, `view`): parse the SDF, read the board when one
 * is given, size the regions that take their size from a prefill file, run
 * the check rules. No ELF file is read. Diagnostics are collected, not
 * printed, so a caller can print them (sysload_print) or show them.
 */
#ifndef TOOL_SYSLOAD_H
#define TOOL_SYSLOAD_H

#include <stdbool.h>
#include <stdio.h>

#include "board.h"
#include "diag.h"
#include "model.h"

/* The options `check` takes, which graph and view take too. */
struct sysload_args {
    const char *system;
    const char *output; /* -o FILE */
    const char *board;
    const char *boards_dir;
    const char *config;       /* --config: the configuration checked against, as for check */
    VEC(const char *) search; /* --search-path: where prefill files of unsized regions are */
    struct diag_flags flags;  /* --werror, --strict, -W, -E, -Wno- */
};

struct sysload {
    struct system sys;
    struct board board;
    bool have_board;
    struct diag diag; /* everything reported, kept (diag.out is NULL) */
    int status;       /* enum sdf_status of the parse */
};

/*
 * Read argv[*i] into `a` when it is one of SYSTEM, -o FILE, --board,
 * --boards-dir, --config, --search-path DIR... or a rule flag (rule_flag_parse).
 * Returns 1 when it was (*i then indexes its last word), 0 when it is
 * something else, -1 after printing why it is wrong (prefixed by `cmd`).
 */
int sysload_arg(int argc, char **argv, int *i, struct sysload_args *a, const char *cmd);

/*
 * Load a->system into `l` (see above); names the SDF leaves out are then
 * "" in the model. Returns 0 when the model is usable
 * (the SDF was read and is XML with a 'system' root; it may still have
 * errors, which are in l->diag), -1 when it is not. l must be freed with
 * sysload_free either way.
 */
int sysload_run(const struct sysload_args *a, struct sysload *l);

/*
 * The diagnostics of `d` sorted by position in the file (stable: the order
 * of reporting breaks ties; entries without a position first), as a
 * malloc'd copy whose strings still belong to `d`.
 */
struct diag_entry *sysload_sorted(const struct diag *d);

/* Print what `d` collected to `out`, sorted by position (`check` prints this way). */
void sysload_print_diag(const struct diag *d, FILE *out);

/* Print l's diagnostics to `out`, sorted by position. */
void sysload_print(struct sysload *l, FILE *out);

/* The exit status for `l`: EXIT_IO when SYSTEM was unreadable, EXIT_INVALID on errors. */
int sysload_exit(const struct sysload *l);

/*
 * Write `data` to a->output (atomically, files.h), or to stdout when no -o
 * was given. Problems go to stderr. Returns an enum exit_code.
 */
int sysload_output(const struct sysload_args *a, const char *data, size_t len);

void sysload_free(struct sysload *l);
void sysload_args_free(struct sysload_args *a);

/* After the last sysload_arg: 0, or -1 after printing why the options are wrong. */
int sysload_args_check(const struct sysload_args *a, const char *cmd);

#endif /* TOOL_SYSLOAD_H */
