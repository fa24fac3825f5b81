/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The microkit subcommands. Each takes the arguments after its name (argv[0]
 * is the subcommand name) and returns an enum exit_code.
 */
#ifndef TOOL_COMMANDS_H
#define TOOL_COMMANDS_H

/* microkit SYSTEM --board B --config C [--search-path DIR...] [-o IMG] [-r REPORT] */
int cmd_build(int argc, char **argv);
/* microkit check SYSTEM [--board B] */
int cmd_check(int argc, char **argv);
/* microkit graph SYSTEM [-o FILE] [check's options]: Graphviz DOT */
int cmd_graph(int argc, char **argv);
/* microkit view SYSTEM -o FILE [check's options]: one self-contained HTML page */
int cmd_view(int argc, char **argv);
/* microkit gen-header SYSTEM --pd NAME [-o FILE] [check's options]: a C header for one PD */
int cmd_gen_header(int argc, char **argv);
/* microkit board-info BOARD [--format text|cmake] [--boards-dir DIR] */
int cmd_board_info(int argc, char **argv);
/* microkit dump-image IMAGE */
int cmd_dump_image(int argc, char **argv);
/* microkit sdk add-kernel --board B --config C KERNEL | microkit sdk list */
int cmd_sdk(int argc, char **argv);
/* microkit addr2line SYSTEM|HOST-IMAGE PD ADDR... [--search-path DIR...] */
int cmd_addr2line(int argc, char **argv);
/* microkit gdb IMAGE --system SDF [--pd NAME] ... [-- GDB-ARGS]: QEMU's stub and gdb-multiarch */
int cmd_gdb(int argc, char **argv);
/* microkit run SYSTEM ... (host simulator) */
int cmd_run(int argc, char **argv);

#endif /* TOOL_COMMANDS_H */
