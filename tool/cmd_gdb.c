/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * microkit gdb IMAGE --system SDF [--search-path DIR...] [--board B] [--config C]
 *                    [--kernel DIR] [--pd NAME] [--port N] [-- GDB-ARGS...]
 *
 * GDB on the target (docs/debugging.md): QEMU boots IMAGE halted with its
 * GDB stub on localhost:PORT (-S -gdb), and gdb-multiarch (MICROKIT_GDB) is
 * started with the seL4 kernel's, the monitor's and the PDs' symbols (the
 * PD's named by --pd, else the first PD's: PDs are linked at the same
 * addresses, so one PD's symbols are loaded at a time).
 *
 * A breakpoint in one PD: QEMU's breakpoints match the virtual pc in any
 * address space, and every PD runs code at the same addresses, so the
 * command file defines `pd-break LOCATION`, a breakpoint with the condition
 * that the running PD's own `microkit_name` (patched into each PD by the
 * tool, read through the MMU of the address space that hit the breakpoint)
 * is the PD's name. When GDB exits, QEMU is stopped.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "commands.h"
#include "diag.h"
#include "run_qemu.h"
#include "sdf_parse.h"
#include "util.h"

struct gdb_args {
    const char *image, *system, *board, *config, *kernel, *pd;
    int port;
    const char *search[64];
    size_t nsearch;
    char **gdb_argv; /* after "--" */
    int gdb_argc;
};

static void usage(FILE *out)
{
    fputs("usage: microkit gdb IMAGE --system SDF [--search-path DIR...] [--board BOARD]\n"
          "                    [--config CONFIG] [--kernel DIR] [--pd NAME] [--port N]\n"
          "                    [-- GDB-ARGUMENTS...]\n"
          "Boot IMAGE in QEMU halted, with its GDB stub on localhost:PORT (default 1234), and\n"
          "start gdb-multiarch (MICROKIT_GDB) with the kernel's (--kernel: its build folder),\n"
          "the monitor's and PD NAME's symbols (default: the SDF's first PD). 'pd-break LOC'\n"
          "sets a breakpoint that stops only in that PD. GDB-ARGUMENTS go to GDB (-batch,\n"
          "-ex CMD, ...). QEMU is stopped when GDB exits.\n",
          out);
}

static int parse_value(struct gdb_args *a, const char *opt, const char *val)
{
    if (!strcmp(opt, "--system")) {
        a->system = val;
    } else if (!strcmp(opt, "--board")) {
        a->board = val;
    } else if (!strcmp(opt, "--config")) {
        a->config = val;
    } else if (!strcmp(opt, "--kernel")) {
        a->kernel = val;
    } else if (!strcmp(opt, "--pd")) {
        a->pd = val;
    } else if (!strcmp(opt, "--port")) {
        a->port = atoi(val);
    } else {
        return -1;
    }
    return 0;
}

static int parse(int argc, char **argv, struct gdb_args *a)
{
    a->port = 1234;
    a->config = "debug";
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            usage(stdout);
            return 1;
        }
        if (!strcmp(argv[i], "--")) {
            a->gdb_argv = argv + i + 1;
            a->gdb_argc = argc - i - 1;
            break;
        }
        if (!strcmp(argv[i], "--search-path")) {
            while (i + 1 < argc && argv[i + 1][0] != '-' && a->nsearch < 64) {
                a->search[a->nsearch++] = argv[++i];
            }
        } else if (argv[i][0] != '-' && !a->image) {
            a->image = argv[i];
        } else if (i + 1 >= argc || parse_value(a, argv[i], argv[i + 1]) != 0) {
            fprintf(stderr, "microkit: error: gdb: bad argument '%s'\n", argv[i]);
            return -1;
        } else {
            i++;
        }
    }
    if (!a->image || !a->system) {
        usage(stderr);
        return -1;
    }
    return 0;
}

/* `name` in the first search folder that has it, else as given (malloc'd). */
static char *find_file(const struct gdb_args *a, const char *name)
{
    for (size_t i = 0; i < a->nsearch; i++) {
        char *p = xasprintf("%s/%s", a->search[i], name);
        if (access(p, R_OK) == 0) {
            return p;
        }
        free(p);
    }
    return xstrdup(name);
}

/* The program of the PD to debug, and its name; NULL after a message. */
static char *pd_program(struct gdb_args *a, struct diag *d)
{
    struct system sys;
    memset(&sys, 0, sizeof(sys));
    char *path = NULL;
    if (sdf_parse_file(a->system, &sys, d) == SDF_OK && sys.pds.count > 0) {
        for (size_t p = 0; p < sys.pds.count && !path; p++) {
            const struct pd *pd = &sys.pds.items[p];
            if (!a->pd || !strcmp(pd->name, a->pd)) {
                a->pd = xstrdup(pd->name);
                path = find_file(a, pd->program_symbols ? pd->program_symbols : pd->program_image);
            }
        }
        if (!path) {
            fprintf(stderr, "microkit: error: gdb: no PD called '%s' in '%s'\n", a->pd, a->system);
        }
    }
    system_free(&sys);
    return path;
}

/* The GDB command file: architecture, target, symbols, pd-break. */
static char *write_script(const struct gdb_args *a, const char *prog, const char *dir)
{
    char *path = xasprintf("%s/microkit.gdb", dir);
    FILE *f = fopen(path, "w");
    if (!f) {
        free(path);
        return NULL;
    }
    char *sdk = sdk_root_find();
    fprintf(f, "set pagination off\nset confirm off\nset architecture aarch64\n");
    fprintf(f, "target remote localhost:%d\n", a->port);
    fprintf(f, "add-symbol-file %s/board/%s/%s/elf/monitor.elf\n", sdk, a->board, a->config);
    if (a->kernel) {
        fprintf(f, "add-symbol-file %s/kernel.elf\n", a->kernel);
    }
    fprintf(f, "add-symbol-file %s\n", prog);
    /* Byte by byte, so no Python is needed (GDB's $_streq is Python). */
    fputs("define pd-break\n  break $arg0 if ", f);
    for (size_t i = 0; i <= strlen(a->pd); i++) {
        fprintf(f, "%smicrokit_name[%zu] == %d", i ? " && " : "", i, (unsigned char)a->pd[i]);
    }
    fprintf(f,
            "\n"
            "end\n"
            "document pd-break\n"
            "Set a breakpoint at LOCATION that stops only in PD '%s'.\n"
            "end\n",
            a->pd);
    fclose(f);
    free(sdk);
    return path;
}

/* QEMU, halted, with the stub; in a process group of its own. */
static pid_t start_qemu(const struct gdb_args *a)
{
    pid_t pid = fork();
    if (pid != 0) {
        return pid;
    }
    setpgid(0, 0);
    char stub[32];
    snprintf(stub, sizeof(stub), "tcp:localhost:%d", a->port);
    const char *extra[] = {"-S", "-gdb", stub, NULL};
    struct qemu_run_options q = {.image = a->image, .board = a->board, .extra_args = extra};
    struct diag d;
    diag_init(&d, stderr);
    _exit(qemu_run(&q, &d));
}

static int run_gdb(const struct gdb_args *a, const char *script)
{
    const char *gdb = getenv("MICROKIT_GDB") ? getenv("MICROKIT_GDB") : "gdb-multiarch";
    char **argv = xcalloc((size_t)a->gdb_argc + 5, sizeof(*argv));
    int n = 0;
    argv[n++] = (char *)gdb;
    argv[n++] = "-q";
    argv[n++] = "-x";
    argv[n++] = (char *)script;
    for (int i = 0; i < a->gdb_argc; i++) {
        argv[n++] = a->gdb_argv[i];
    }
    pid_t pid = fork();
    if (pid == 0) {
        execvp(gdb, argv);
        fprintf(stderr, "microkit: error: gdb: cannot run '%s' (Debian: gdb-multiarch)\n", gdb);
        _exit(EXIT_IO);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    free(argv);
    return WIFEXITED(status) ? WEXITSTATUS(status) : EXIT_INTERNAL;
}

int cmd_gdb(int argc, char **argv)
{
    struct gdb_args a;
    memset(&a, 0, sizeof(a));
    int rc = parse(argc, argv, &a);
    if (rc != 0) {
        return rc > 0 ? EXIT_OK : EXIT_USAGE;
    }
    a.board = a.board ? a.board : "qemu_virt_aarch64";
    struct diag d;
    diag_init(&d, stderr);
    char *prog = pd_program(&a, &d);
    char dir[] = "/tmp/microkit-gdb-XXXXXX";
    char *script = prog && mkdtemp(dir) ? write_script(&a, prog, dir) : NULL;
    int status = EXIT_INVALID;
    if (script) {
        fprintf(stderr,
                "microkit gdb: symbols of PD '%s' from %s; 'pd-break LOCATION' stops only in it\n",
                a.pd, prog);
        pid_t qemu = start_qemu(&a);
        status = qemu > 0 ? run_gdb(&a, script) : EXIT_INTERNAL;
        if (qemu > 0) {
            kill(-qemu, SIGTERM);
            kill(qemu, SIGTERM);
            waitpid(qemu, NULL, 0);
        }
        unlink(script);
        rmdir(dir);
    }
    free(script);
    free(prog);
    diag_free(&d);
    return status;
}
