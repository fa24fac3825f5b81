/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * microkit view SYSTEM [-o FILE] [--board NAME] [--boards-dir DIR] [--config CONFIG]
 *               [--search-path DIR...] [--werror] [--strict] [-W RULE] ...
 *
 * Stages: load SYSTEM as `check` does (sysload.h: parse, board, region
 * sizes, the check rules; no ELF file), lay out and write the page
 * (view.c: graph.c, view_layout.c, view_svg.c, view_details.c, view_mem.c
 * with sysinfo.h's facts) to FILE or stdout. The diagnostics are printed to
 * stderr as `check` prints them and shown in the page; as with `graph`, the
 * page is written even when there are errors (exit status 1), and nothing
 * when SYSTEM cannot be read or is not a system description.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "sysload.h"
#include "view.h"

static void view_usage(FILE *out)
{
    fputs("usage: microkit view SYSTEM [-o FILE] [--board NAME] [--boards-dir DIR]\n"
          "                     [--config CONFIG] [--search-path DIR...]\n"
          "                     [--werror] [--strict] [-W RULE] ...\n"
          "\n"
          "Write SYSTEM as one self-contained HTML page (no ELF files needed) to FILE,\n"
          "or stdout: the graph of 'microkit graph' drawn as SVG without Graphviz,\n"
          "the details of each protection domain (its map with an address space bar,\n"
          "channels, IRQs, children, cap slots), region and channel when it is\n"
          "clicked, the physical memory of the board (with --board), and the check's\n"
          "diagnostics linked to the elements they name. The diagnostics also go to\n"
          "stderr; the page is written even when there are errors (exit status 1).\n"
          "The other options are check's.\n"
          "exit status: 0 valid, 1 invalid, 2 bad command line, 3 file unreadable or\n"
          "unwritable\n",
          out);
}

/* Returns 0 to go on, 1 after --help, -1 on a bad command line. */
static int parse_args(int argc, char **argv, struct sysload_args *a)
{
    memset(a, 0, sizeof(*a));
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            view_usage(stdout);
            return 1;
        }
        int r = sysload_arg(argc, argv, &i, a, "view: ");
        if (r < 0) {
            return -1;
        }
        if (r == 0) {
            fprintf(stderr, "microkit: error: view: unexpected argument '%s'\n", argv[i]);
            return -1;
        }
    }
    return sysload_args_check(a, "view: ");
}

int cmd_view(int argc, char **argv)
{
    struct sysload_args a;
    int rc = parse_args(argc, argv, &a);
    if (rc) {
        sysload_args_free(&a);
        return rc > 0 ? EXIT_OK : EXIT_USAGE;
    }
    struct sysload l;
    int usable = sysload_run(&a, &l) == 0;
    sysload_print(&l, stderr);
    int exit_code = sysload_exit(&l);
    if (usable) {
        struct diag_entry *sorted = sysload_sorted(&l.diag);
        struct view_in in = {.sys = &l.sys,
                             .board = l.have_board ? &l.board : NULL,
                             .diags = sorted,
                             .ndiags = l.diag.entries.count};
        size_t len;
        char *html = view_html(&in, &len);
        int out = sysload_output(&a, html, len);
        exit_code = out ? out : exit_code;
        free(html);
        free(sorted);
    }
    sysload_free(&l);
    sysload_args_free(&a);
    return exit_code;
}
