/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * microkit gen-header SYSTEM (--pd NAME [-o FILE] | --dir DIR) [--board B] [--boards-dir DIR]
 *                    [--search-path DIR...] [--werror] [--strict] [-W RULE] [-E RULE] [-Wno-RULE]
 *
 * Stages: parse the SDF, (read the board), size regions from their prefill
 * files, run the checks (as `check` does), the system facts (sysinfo.c),
 * the header of PD NAME (gen_header.c), written atomically to FILE (stdout
 * without -o); with --dir, every PD's header as DIR/<pd>.h, all or none.
 * No ELF file is read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "checks.h"
#include "commands.h"
#include "diag.h"
#include "files.h"
#include "gen_header.h"
#include "inputs.h"
#include "sdf_parse.h"
#include "sysinfo.h"
#include "util.h"

struct gh_args {
    const char *system, *pd, *output, *dir, *board, *boards_dir;
    VEC(const char *) search;
    struct diag_flags flags;
};

static void gh_usage(FILE *out)
{
    fputs("usage: microkit gen-header SYSTEM (--pd NAME [-o FILE] | --dir DIR) [--board NAME]\n"
          "                           [--boards-dir DIR] [--search-path DIR...] [--werror]\n"
          "                           [--strict] [-W RULE] [-E RULE] [-Wno-RULE]\n"
          "\n"
          "Write a C header for protection domain NAME of SYSTEM: a constant per channel\n"
          "(CH_<PEER>), irq (IRQ_<N>), child (CHILD_<NAME>) and vcpu, and each map's\n"
          "virtual address and size (<M>_VADDR, <M>_SIZE; M its setvar_vaddr less\n"
          "'_vaddr', or its region's name). SYSTEM is checked as 'microkit check' does;\n"
          "no ELF file is needed. Without -o the header goes to stdout. --dir DIR writes\n"
          "DIR/<pd>.h for every protection domain (as the build's --gen-headers DIR).\n"
          "See docs/reports.md.\n",
          out);
}

static int gh_parse_args(int argc, char **argv, struct gh_args *a)
{
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        int flag = rule_flag_parse(argc, argv, &i, &a->flags, "gen-header: ");
        const char **slot = !strcmp(arg, "--pd")           ? &a->pd
                            : !strcmp(arg, "-o")           ? &a->output
                            : !strcmp(arg, "--dir")        ? &a->dir
                            : !strcmp(arg, "--board")      ? &a->board
                            : !strcmp(arg, "--boards-dir") ? &a->boards_dir
                                                           : NULL;
        if (flag < 0) {
            return -1;
        } else if (flag) {
            continue;
        } else if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
            gh_usage(stdout);
            return 1;
        } else if (!strcmp(arg, "--search-path")) {
            while (i + 1 < argc && argv[i + 1][0] != '-') {
                *VEC_PUSH(a->search) = argv[++i];
            }
        } else if (slot && i + 1 < argc) {
            *slot = argv[++i];
        } else if (arg[0] == '-' || a->system) {
            fprintf(stderr, "microkit: error: gen-header: unexpected argument '%s'\n", arg);
            return -1;
        } else {
            a->system = arg;
        }
    }
    if (!a->system || !a->pd == !a->dir || (a->dir && a->output)) {
        gh_usage(stderr);
        fprintf(stderr, "microkit: error: gen-header: %s\n",
                !a->system ? "no SYSTEM file given" : "give --pd NAME (and -o FILE) or --dir DIR");
        return -1;
    }
    return 0;
}

/* Parse, board, regions sized, checks: as `check`. */
static int gh_front(const struct gh_args *a, struct system *sys, struct board *board,
                    bool *have_board, struct diag *d)
{
    int st = sdf_parse_file(a->system, sys, d);
    if (st == SDF_IO) {
        return EXIT_IO;
    }
    if (st >= 0 && a->board) {
        *have_board = board_load(a->board, a->boards_dir, board, d) == 0;
    }
    if (st >= 0) {
        inputs_size_regions(sys, a->search.items, a->search.count, d);
    }
    if (st >= 0 && (!a->board || *have_board)) {
        checks_run(sys, *have_board ? board : NULL, d);
    }
    return diag_errors(d) ? EXIT_INVALID : 0;
}

/* --dir DIR: every PD's header. */
static int gh_write_dir(const struct gh_args *a, const struct sysinfo *si, struct diag *d)
{
    struct gen_header_set set = {0};
    struct output_set s = {0};
    struct file_error e;
    int rc = EXIT_IO;
    gen_headers_build(si, a->dir, &set);
    if (gen_headers_add_outputs(&set, a->dir, &s, &e)) {
        diag_error(d, NULL, "io", NULL, "cannot make the folder '%s': %s", a->dir, e.text);
    } else {
        rc = output_set_report(&s, output_set_write(&s), d);
    }
    output_set_free(&s);
    gen_headers_free(&set);
    return rc;
}

static int gh_write(const struct gh_args *a, const char *text, struct diag *d)
{
    if (!a->output) {
        return fputs(text, stdout) >= 0 && fflush(stdout) == 0 ? EXIT_OK : EXIT_IO;
    }
    struct output_set s = {0};
    output_add(&s, "-o", a->output, text, strlen(text), 0666);
    int rc = output_set_report(&s, output_set_write(&s), d);
    output_set_free(&s);
    return rc;
}

int cmd_gen_header(int argc, char **argv)
{
    struct gh_args a = {0};
    int rc = gh_parse_args(argc, argv, &a);
    if (rc) {
        free(a.search.items);
        diag_flags_free(&a.flags);
        return rc > 0 ? EXIT_OK : EXIT_USAGE;
    }
    struct diag d;
    diag_init(&d, stderr);
    diag_apply_flags(&d, &a.flags);
    struct system sys = {0};
    struct board board = {0};
    bool have_board = false;
    rc = gh_front(&a, &sys, &board, &have_board, &d);
    int p = rc || !a.pd ? -1 : system_find_pd(&sys, a.pd);
    if (!rc && a.pd && p < 0) {
        fprintf(stderr, "microkit: error: gen-header: '%s' has no protection domain '%s'\n",
                a.system, a.pd);
        rc = EXIT_USAGE;
    }
    if (!rc) {
        struct sysinfo si;
        sysinfo_build(&sys, &si);
        if (a.dir) {
            rc = gh_write_dir(&a, &si, &d);
        } else {
            char *text = gen_header_text(&si, (size_t)p);
            rc = gh_write(&a, text, &d);
            free(text);
        }
        sysinfo_free(&si);
    }
    if (have_board) {
        board_free(&board);
    }
    system_free(&sys);
    free(a.search.items);
    diag_flags_free(&a.flags);
    diag_free(&d);
    return rc;
}
