/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * microkit check SYSTEM [--board NAME] [--boards-dir DIR] [--search-path DIR...]
 *                [--config CONFIG] [--werror] [--strict] [-W RULE] [-E RULE] [-Wno-RULE]
 * [--upgrade]
 *
 * Stages: parse the SDF, (read the board), size the memory regions that take
 * their size from a prefill file (found as the build finds it: each
 * --search-path folder, then the current directory), run the check rules;
 * with --upgrade, print the SDF rewritten in Microkit 2.0 syntax
 * (sdf_upgrade.h). No ELF file is read and nothing is written. Diagnostics are printed to
 * stderr sorted by position in the file. Exit status: 0 valid, 1 invalid (or
 * a bad board file), 2 bad command line, 3 the SDF could not be read.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "checks.h"
#include "commands.h"
#include "diag.h"
#include "inputs.h"
#include "kconfig.h"
#include "sdf_parse.h"
#include "sdf_upgrade.h"
#include "sysload.h"
#include "util.h"

struct check_args {
    const char *system;
    const char *board;
    const char *boards_dir;
    const char *config;       /* --config: the configuration checked against (default debug) */
    VEC(const char *) search; /* --search-path: where prefill files of unsized regions are */
    struct diag_flags flags;  /* --werror, --strict, -W, -E, -Wno- */
    bool upgrade;
};

static void check_usage(FILE *out)
{
    fputs("usage: microkit check SYSTEM [--board NAME] [--boards-dir DIR] [--search-path DIR...]\n"
          "                      [--config CONFIG] [--werror] [--strict] [-W RULE] [-E RULE] "
          "[-Wno-RULE]\n"
          "                      [--upgrade]\n"
          "\n"
          "Check a system description without building it (no ELF files needed).\n"
          "With --board, memory regions with phys_addr are checked against the board,\n"
          "and cpu and domains against its kernel in --config CONFIG (without it:\n"
          "the board's cores, as smp-debug and the other smp- configurations give).\n"
          "A memory region with a prefill_path and no size takes its file's size: the\n"
          "file is looked for in each --search-path DIR, then the current directory.\n"
          "--werror: warnings are errors. --strict: older syntax (Microkit 1.4 pp on a\n"
          "protection_domain) is an error. -W RULE: RULE is a warning, -E RULE: an\n"
          "error, -Wno-RULE: not reported (the last one for a rule wins, over --werror\n"
          "and --strict; errors the build needs cannot be changed, see docs/cli.md).\n"
          "--upgrade: print SYSTEM rewritten in Microkit 2.0 syntax on stdout (nothing\n"
          "when it has errors).\n"
          "exit status: 0 valid, 1 invalid, 2 bad command line, 3 SYSTEM unreadable\n",
          out);
}

static int parse_args(int argc, char **argv, struct check_args *a)
{
    memset(a, 0, sizeof(*a));
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        int flag = rule_flag_parse(argc, argv, &i, &a->flags, "check: ");
        if (flag) {
            if (flag < 0) {
                return -1;
            }
        } else if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
            check_usage(stdout);
            return 1;
        } else if (!strcmp(arg, "--upgrade")) {
            a->upgrade = true;
        } else if (!strcmp(arg, "--search-path")) {
            while (i + 1 < argc && argv[i + 1][0] != '-') {
                *VEC_PUSH(a->search) = argv[++i];
            }
        } else if (!strcmp(arg, "--config") && i + 1 < argc) {
            a->config = argv[++i];
        } else if ((!strcmp(arg, "--board") || !strcmp(arg, "--boards-dir")) && i + 1 < argc) {
            *(arg[7] ? &a->boards_dir : &a->board) = argv[++i];
        } else if (arg[0] == '-' || a->system) {
            fprintf(stderr, "microkit: error: check: unexpected argument '%s'\n", arg);
            return -1;
        } else {
            a->system = arg;
        }
    }
    if (!a->system) {
        fputs("microkit: error: check: no SYSTEM file given\n", stderr);
        return -1;
    }
    if (a->config && !kconfig_config_known(a->config)) {
        fprintf(stderr, "microkit: error: check: unknown --config '%s'\n", a->config);
        return -1;
    }
    return 0;
}

/* Parse SYSTEM, keeping its text in *buf for --upgrade. Returns an enum sdf_status. */
static int parse_system(const char *path, char **buf, size_t *len, struct system *sys,
                        struct diag *d)
{
    struct file_error e;
    *buf = read_input(path, INPUT_SDF, len, &e);
    if (!*buf) {
        sys->file = path;
        rule_report(d, R_SDF_READ, NULL, NULL, path, e.text);
        return SDF_IO;
    }
    return sdf_parse_buffer(path, *buf, *len, sys, d);
}

/*
 * The errors that stop --upgrade: --werror counts warnings, except the
 * sdf-legacy-* ones, which are what the rewrite removes, and those -W RULE set.
 */
static unsigned upgrade_errors(const struct diag *d, bool werror)
{
    unsigned errors = d->errors;
    for (size_t i = 0; werror && i < d->entries.count; i++) {
        const struct diag_entry *e = &d->entries.items[i];
        errors += e->severity == SEV_WARNING && !e->pinned && !rule_is_legacy(e->rule);
    }
    return errors;
}

/*
 * The options of `a` for `d`. --upgrade rewrites what --strict refuses, so
 * with it --werror and --strict are left to upgrade_errors() and the
 * settings for sdf-legacy-* rules are ignored.
 */
static void apply_flags(struct diag *d, const struct check_args *a)
{
    if (!a->upgrade) {
        diag_apply_flags(d, &a->flags);
        return;
    }
    for (size_t i = 0; i < a->flags.rules.count; i++) {
        const struct rule_setting *s = &a->flags.rules.items[i];
        if (!rule_is_legacy(s->rule)) {
            diag_set_rule(d, s->rule, s->level);
        }
    }
}

/* --upgrade: SYSTEM in Microkit 2.0 syntax on stdout. */
static int print_upgrade(const struct system *sys, const char *buf, size_t len)
{
    size_t n;
    char *text = sdf_upgrade(sys, buf, len, &n);
    if (!text) {
        fprintf(stderr, "microkit: error: check: cannot find the elements to rewrite in '%s'\n",
                sys->file);
        return EXIT_INTERNAL;
    }
    int rc = fwrite(text, 1, n, stdout) == n && fflush(stdout) == 0 ? EXIT_OK : EXIT_IO;
    free(text);
    return rc;
}

static int exit_status(const struct check_args *a, int st, const struct diag *d)
{
    if (st == SDF_IO) {
        return EXIT_IO;
    }
    if (a->upgrade) {
        return upgrade_errors(d, a->flags.werror) ? EXIT_INVALID : EXIT_OK;
    }
    return diag_errors(d) ? EXIT_INVALID : EXIT_OK;
}

int cmd_check(int argc, char **argv)
{
    struct check_args a;
    int rc = parse_args(argc, argv, &a);
    if (rc) {
        diag_flags_free(&a.flags);
        free(a.search.items);
        return rc > 0 ? EXIT_OK : EXIT_USAGE;
    }
    struct diag d;
    diag_init(&d, NULL);
    apply_flags(&d, &a);
    struct system sys = {0};
    struct board board = {0};
    bool have_board = false;
    char *buf = NULL;
    size_t len = 0;
    int st = parse_system(a.system, &buf, &len, &sys, &d);
    if (st >= 0 && a.board) {
        have_board = board_load(a.board, a.boards_dir, &board, &d) == 0;
        board.config = a.config;
    }
    if (st >= 0) {
        inputs_size_regions(&sys, a.search.items, a.search.count, &d);
    }
    if (st >= 0 && (!a.board || have_board)) {
        checks_run(&sys, have_board ? &board : NULL, &d);
    }
    sysload_print_diag(&d, stderr);
    int exit_code = exit_status(&a, st, &d);
    if (exit_code == EXIT_OK && a.upgrade) {
        exit_code = print_upgrade(&sys, buf, len);
    } else if (exit_code == EXIT_OK) {
        printf("%s: valid: %zu protection domains, %zu memory regions, %zu channels\n", a.system,
               sys.pds.count, sys.mrs.count, sys.channels.count);
    }
    if (have_board) {
        board_free(&board);
    }
    free(buf);
    system_free(&sys);
    diag_free(&d);
    diag_flags_free(&a.flags);
    free(a.search.items);
    return exit_code;
}
