/* SPDX-License-Identifier: BSD-2-Clause */
/* Placeholder until this subcommand lands. */
#include <stdio.h>

#include "commands.h"
#include "diag.h"

int cmd_dump_image(int argc, char **argv)
{
    fprintf(stderr, "microkit: error: '%s' is not implemented yet\n", argv[0]);
    return EXIT_INTERNAL;
}
