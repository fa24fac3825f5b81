/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * microkit run SYSTEM [--board host] [--config CONFIG] [--search-path DIR...]
 *                     [--timeout SECONDS] [--until REGEX] [--irq AT_MS:PD:IRQ]...
 *                     [--control FILE|-] [--gdb PD] [--valgrind PD] [--cpu N] [-v]
 *
 * Stages: parse the SDF, run the check rules, then hand the system to the
 * host simulator (sim/), which reads each PD's host ELF, creates the memory
 * regions and runs one process per PD. See docs/simulator.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "commands.h"
#include "diag.h"
#include "sdf_parse.h"
#include "sim/run.h"
#include "util.h"

static void run_usage(FILE *out)
{
    fputs("usage: microkit run SYSTEM [--board host] [--config CONFIG] [--search-path DIR...]\n"
          "                    [--timeout SECONDS] [--until REGEX] [--irq AT_MS:PD:IRQ]...\n"
          "                    [--control FILE|-] [--gdb PD] [--valgrind PD] [--cpu N] [-v]\n"
          "\n"
          "Run SYSTEM on the host simulator: one Linux process per PD, built for the host\n"
          "(MICROKIT_BOARD=host). Stops when the output matches REGEX, after SECONDS, on\n"
          "Ctrl-C, or when every PD is blocked for good.\n"
          "  --irq AT_MS:PD:IRQ  raise IRQ number IRQ of PD AT_MS milliseconds after start\n"
          "  --control FILE      read commands 'irq PD IRQ' from FILE ('-': stdin)\n"
          "  --gdb PD            stop PD before init and print how to attach gdb\n"
          "  --valgrind PD       run PD under valgrind\n"
          "  --cpu N             the CPU every PD runs on (default: the last one)\n"
          "exit status: 0 --until matched (or the system went idle, without --until),\n"
          "1 invalid system or program image, 2 bad command line, 3 unreadable file,\n"
          "5 timeout before --until matched, 6 idle before --until matched,\n"
          "7 a PD process could not start or died, 130 interrupted\n",
          out);
}

struct run_args {
    struct sim_options o;
    const char *board;
    const char *paths[64];
    struct sim_irq_event irqs[256];
};

static int parse_irq(const char *s, struct sim_irq_event *e)
{
    char pd[SDK_PD_NAME_LENGTH];
    unsigned long long at, irq;
    if (sscanf(s, "%llu:%63[^:]:%llu", &at, pd, &irq) != 3) {
        return -1;
    }
    e->at_ms = at;
    e->pd = xstrdup(pd);
    e->irq = irq;
    return 0;
}

static int parse_option(struct run_args *a, int argc, char **argv, int *i)
{
    const char *arg = argv[*i];
    const char *val = *i + 1 < argc ? argv[*i + 1] : NULL;
    if (!strcmp(arg, "-v") || !strcmp(arg, "--verbose")) {
        a->o.verbose = true;
        return 0;
    }
    if (!val) {
        return -1;
    }
    (*i)++;
    if (!strcmp(arg, "--board")) {
        a->board = val;
    } else if (!strcmp(arg, "--config")) {
        /* The PDs were built for a config; the simulator runs them as built. */
    } else if (!strcmp(arg, "--timeout")) {
        a->o.timeout = atof(val);
    } else if (!strcmp(arg, "--until")) {
        a->o.until = val;
    } else if (!strcmp(arg, "--gdb")) {
        a->o.gdb_pd = val;
    } else if (!strcmp(arg, "--valgrind")) {
        a->o.valgrind_pd = val;
    } else if (!strcmp(arg, "--control")) {
        a->o.control = val;
    } else if (!strcmp(arg, "--cpu")) {
        a->o.cpu = atoi(val);
    } else if (!strcmp(arg, "--irq") && a->o.nirqs < 256) {
        return parse_irq(val, &a->irqs[a->o.nirqs++]);
    } else if (!strcmp(arg, "--search-path")) {
        while (*i < argc && argv[*i][0] != '-' && a->o.nsearch < 64) {
            a->paths[a->o.nsearch++] = argv[(*i)++];
        }
        (*i)--;
    } else {
        return -1;
    }
    return 0;
}

static int parse_args(int argc, char **argv, struct run_args *a)
{
    a->o.cpu = -1;
    a->o.search_paths = a->paths;
    a->o.irqs = a->irqs;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            run_usage(stdout);
            return 1;
        }
        if (argv[i][0] != '-' && !a->o.system) {
            a->o.system = argv[i];
        } else if (parse_option(a, argc, argv, &i) != 0) {
            fprintf(stderr, "microkit: error: run: bad argument '%s'\n", argv[i]);
            return -1;
        }
    }
    if (!a->o.system) {
        fputs("microkit: error: run: no SYSTEM file given\n", stderr);
        return -1;
    }
    if (a->board && strcmp(a->board, "host")) {
        fprintf(stderr,
                "microkit: error: run: board '%s' cannot be simulated\n"
                "hint: build the PDs with MICROKIT_BOARD=host and use --board host\n",
                a->board);
        return -1;
    }
    return 0;
}

int cmd_run(int argc, char **argv)
{
    static struct run_args a;
    memset(&a, 0, sizeof(a));
    int rc = parse_args(argc, argv, &a);
    if (rc != 0) {
        return rc > 0 ? EXIT_OK : EXIT_USAGE;
    }
    struct diag d;
    diag_init(&d, stderr);
    struct system sys;
    memset(&sys, 0, sizeof(sys));
    int st = sdf_parse_file(a.o.system, &sys, &d);
    int status = EXIT_INVALID;
    if (st == SDF_IO) {
        status = EXIT_IO;
    } else if (st != SDF_NOT_XML && checks_run(&sys, NULL, &d) == 0 && st == SDF_OK) {
        status = sim_run(&a.o, &sys, &d);
    }
    for (size_t i = 0; i < a.o.nirqs; i++) {
        free(a.irqs[i].pd);
    }
    system_free(&sys);
    diag_free(&d);
    return status;
}
