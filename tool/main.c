/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * microkit: check a system description, build a bootable image from it, or
 * run it on the host simulator. main only dispatches; each subcommand lists
 * its stages in order in its own cmd_*.c file.
 */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "diag.h"

struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
};

static const struct command commands[] = {
    {"check", cmd_check, "check a system description (no ELF files needed)"},
    {"graph", cmd_graph, "draw a system description as a Graphviz DOT graph"},
    {"view", cmd_view, "write a system description as one self-contained HTML page"},
    {"gen-header", cmd_gen_header, "write a C header of a PD's channel ids, irqs and maps"},
    {"run", cmd_run, "run a system or host image on the simulator, a loader image in QEMU"},
    {"addr2line", cmd_addr2line, "print the function and source line of addresses of a PD"},
    {"gdb", cmd_gdb, "boot an image in QEMU halted and attach gdb-multiarch with its symbols"},
    {"board-info", cmd_board_info, "print the facts of a board file"},
    {"dump-image", cmd_dump_image, "print the header and regions of a loader image"},
    {"sdk", cmd_sdk, "install a seL4 kernel into the SDK (add-kernel), list its boards"},
};

static void usage(FILE *out)
{
    fputs("usage: microkit SYSTEM --board BOARD --config CONFIG [--search-path DIR...]\n"
          "                [-o IMAGE] [-r REPORT] [--report-json FILE]\n"
          "                [--kernel DIR | --override-kernel FILE] [--boards-dir DIR]\n"
          "                [--image-type binary|elf|uimage] [--werror] [--strict]\n"
          "                [-W RULE] [-E RULE] [-Wno-RULE]\n"
          "       microkit COMMAND [ARGS...]   (microkit COMMAND --help for its options)\n"
          "\n"
          "The first form builds a bootable image from SYSTEM, as Microkit does\n"
          "(microkit SYSTEM --help lists its options; docs/cli.md describes them all).\n"
          "-W RULE, -E RULE and -Wno-RULE make a rule (the id in [brackets] after a\n"
          "message) a warning, an error, or silent, for the build and 'check'.\n"
          "\n"
          "commands:\n",
          out);
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        fprintf(out, "  %-12s %s\n", commands[i].name, commands[i].summary);
    }
    fputs("\n"
          "options:\n"
          "  -h, --help     show this help\n"
          "  --version      show the version\n"
          "\n"
          "exit status: 0 success, 1 invalid system description or input file,\n"
          "2 bad command line, 3 file could not be read or written, 4 internal error\n",
          out);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return EXIT_OK;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("microkit %s\n", MICROKIT_VERSION);
        return EXIT_OK;
    }
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        if (!strcmp(argv[1], commands[i].name)) {
            return commands[i].run(argc - 1, argv + 1);
        }
    }
    return cmd_build(argc, argv);
}
