/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * microkit graph SYSTEM [-o FILE] [--board NAME] [--boards-dir DIR] [--config CONFIG]
 *                [--search-path DIR...] [--werror] [--strict] [-W RULE] ...
 *
 * Stages: load SYSTEM as `check` does (sysload.h: parse, board, region
 * sizes, the check rules; no ELF file), find what to draw in red
 * (graph.c), write Graphviz DOT (graph_dot.c) to FILE or stdout. The
 * diagnostics are printed to stderr in file order. The graph is written
 * even when the checks found errors, since showing them is its purpose;
 * the exit status then is 1. Nothing is written when SYSTEM cannot be read
 * or is not a system description.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "graph_dot.h"
#include "sysload.h"

static void graph_usage(FILE *out)
{
    fputs("usage: microkit graph SYSTEM [-o FILE] [--board NAME] [--boards-dir DIR]\n"
          "                      [--config CONFIG] [--search-path DIR...]\n"
          "                      [--werror] [--strict] [-W RULE] ...\n"
          "\n"
          "Write SYSTEM as a Graphviz DOT graph (no ELF files needed) to FILE, or\n"
          "stdout: protection domains, virtual machines, memory regions, IRQs,\n"
          "channels (ids at each end, who may notify, who calls), maps with their\n"
          "perms, children and <cspace> caps. Red: a protected call to an equal or\n"
          "lower priority, a channel with neither notify nor pp, a region two PDs\n"
          "map writable. The check's diagnostics go to stderr; the graph is written\n"
          "even when there are errors (exit status 1). Render it with\n"
          "'dot -Tsvg FILE -o system.svg'. The other options are check's.\n"
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
            graph_usage(stdout);
            return 1;
        }
        int r = sysload_arg(argc, argv, &i, a, "graph: ");
        if (r < 0) {
            return -1;
        }
        if (r == 0) {
            fprintf(stderr, "microkit: error: graph: unexpected argument '%s'\n", argv[i]);
            return -1;
        }
    }
    return sysload_args_check(a, "graph: ");
}

int cmd_graph(int argc, char **argv)
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
        struct graph g;
        size_t len;
        graph_analyse(&l.sys, &g);
        char *dot = graph_dot(&g, &len);
        int out = sysload_output(&a, dot, len);
        exit_code = out ? out : exit_code;
        free(dot);
        graph_free(&g);
    }
    sysload_free(&l);
    sysload_args_free(&a);
    return exit_code;
}
