/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * microkit run SYSTEM [--board host] [--config CONFIG] [--search-path DIR...]
 *                     [--timeout SECONDS] [--until REGEX] [--irq AT_MS:PD:IRQ]...
 *                     [--control FILE|-] [--gdb PD] [--valgrind PD] [--cpu N]
 *                     [--print-caps] [-v]
 * microkit run HOST-IMAGE [the same, without --search-path]
 * microkit run IMAGE [--board BOARD] [--timeout SECONDS] [--until REGEX]
 *                    [--input TEXT|@FILE [--input-after REGEX]] [-v]
 *
 * What the file holds picks the stages. An SDF: parse it, run the check
 * rules, then the build's stages up to the boot spec for the host board
 * (run_host.c), whose spec the host simulator (sim/) executes, one process
 * per PD (docs/simulator.md). A host image (host_image.c): check it, unpack it into
 * a private temporary folder, then the same with the unpacked files. A
 * loader image: boot it in QEMU (run_qemu.c). See docs/cli.md.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "checks.h"
#include "commands.h"
#include "diag.h"
#include "host_image.h"
#include "inputs.h"
#include "run_debug.h"
#include "run_host.h"
#include "run_qemu.h"
#include "sdf_parse.h"
#include "sim/devices.h"
#include "util.h"

static void run_usage(FILE *out)
{
    fputs("usage: microkit run SYSTEM [--board host] [--config CONFIG] [--search-path DIR...]\n"
          "                    [--timeout SECONDS] [--until REGEX] [--irq AT_MS:PD:IRQ]...\n"
          "                    [--control FILE|-] [--gdb PD] [--valgrind PD] [--cpu N]\n"
          "                    [--cpus N] [--spin[=US]]\n"
          "                    [--print-caps] [--input TEXT|@FILE [--input-after REGEX]]\n"
          "                    [--clock=virtual|real] [--trace[=PD,...]] [--trace-json FILE]\n"
          "                    [--no-flight] [--perf[=PD,...]] [-v]\n"
          "       microkit run HOST-IMAGE [the options above but --search-path]\n"
          "       microkit run IMAGE [--board BOARD] [--timeout SECONDS] [--until REGEX]\n"
          "                          [--input TEXT|@FILE [--input-after REGEX]] [-v]\n"
          "\n"
          "Run SYSTEM on the host simulator: one Linux process per PD, built for the host\n"
          "(MICROKIT_BOARD=host). A HOST-IMAGE (microkit SYSTEM --board host -o FILE) is\n"
          "checked, unpacked into a temporary folder and run the same way. A loader IMAGE\n"
          "(raw, ELF or uImage) boots in QEMU with the board's machine, CPU, memory and\n"
          "load address (board-info BOARD); without --board, the board is the one whose\n"
          "UART, RAM and address fit the image. MICROKIT_QEMU names the QEMU program\n"
          "(default qemu-system-aarch64 from PATH). Stops when the output matches REGEX,\n"
          "after SECONDS, on Ctrl-C, or when every PD is blocked for good (QEMU: exits).\n"
          "  --irq AT_MS:PD:IRQ  raise IRQ number IRQ of PD AT_MS milliseconds after start\n"
          "  --control FILE      read commands 'irq PD IRQ' from FILE ('-': stdin)\n"
          "  --gdb PD            stop PD before init and print how to attach gdb\n"
          "  --valgrind PD       run PD under valgrind\n"
          "  --trace[=PD,...]    print every seL4 call and delivery (of these PDs) in order\n"
          "  --trace-json FILE   write the trace to FILE, one JSON object a line\n"
          "  --no-flight         no flight recorder (the last events a fault report shows)\n"
          "  --perf[=PD,...]     profile the PDs with perf; print each one's top functions\n"
          "  --cpu N             the CPU every PD runs on (default: the last one)\n"
          "  --cpus N            N virtual CPUs (default 1): each runs the PDs of its\n"
          "                      'cpu' with seL4's scheduler, in parallel (for races)\n"
          "  --spin[=US]         a PD waiting for the CPU spins up to US microseconds\n"
          "                      (default 100) on its own host CPU before it sleeps: round\n"
          "                      trips near native speed; PDs not pinned to one CPU\n"
          "  -W RULE, -E RULE, -Wno-RULE, --werror, --strict\n"
          "                      the severity of the SDF's check rules, as for 'check'\n"
          "  --print-caps        print each PD's cap table as built from the boot spec\n"
          "                      ('PD SLOT KIND PEER BADGE', IRQ: its number) and stop\n"
          "  --input TEXT|@FILE  type TEXT (\\n, \\r, \\t, \\\\ escapes) or FILE's bytes into\n"
          "                      the serial port instead of passing our standard input on\n"
          "                      (simulator: its PL011, a line each time every PD is blocked)\n"
          "  --input-after REGEX type it once a line of output matches REGEX\n"
          "  --clock=virtual|real  the simulated timer's clock: virtual (default) jumps to\n"
          "                      the next deadline when every PD is blocked; real is wall time\n"
          "  -v                  print process ids (QEMU: its command line) and why the run ended\n"
          "exit status: 0 --until matched (or the system went idle, or QEMU exited with 0,\n"
          "without --until), 1 invalid system, program or image, 2 bad command line,\n"
          "3 unreadable file or no QEMU, 5 timeout before --until matched, 6 idle before\n"
          "--until matched, 7 a PD process could not start or died, or QEMU exited or\n"
          "failed before --until matched, 8 a PD faulted, no PD handled it and --until\n"
          "did not match, 9 a PD damaged the simulator's kernel state, 130 interrupted\n",
          out);
}

struct run_args {
    struct sim_options o;
    struct run_host_args h;
    struct diag_flags flags; /* --werror, --strict, -W, -E, -Wno- (for the SDF's checks) */
    const char *board;
    const char *sim_only; /* the first option given that only the simulator takes */
    const char *input;    /* --input TEXT or @FILE */
    const char *input_after;
    bool search_given;
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

/* --clock=virtual|real: the host timer's clock (docs/simulator.md). */
static int parse_clock(const char *v, int *clock)
{
    if (!strcmp(v, "virtual") || !strcmp(v, "real")) {
        *clock = !strcmp(v, "real") ? SIM_CLOCK_REAL : SIM_CLOCK_VIRTUAL;
        return 0;
    }
    fprintf(stderr, "microkit: error: run: --clock takes 'virtual' or 'real', not '%s'\n", v);
    return -1;
}

static int parse_option(struct run_args *a, int argc, char **argv, int *i)
{
    const char *arg = argv[*i];
    const char *val = *i + 1 < argc ? argv[*i + 1] : NULL;
    if (!strcmp(arg, "-v") || !strcmp(arg, "--verbose")) {
        a->o.verbose = true;
        return 0;
    }
    if (run_debug_option(&a->o, arg) || !strcmp(arg, "--print-caps")) {
        a->o.print_caps = !strcmp(arg, "--print-caps") ? stdout : a->o.print_caps;
        a->sim_only = a->sim_only ? a->sim_only : arg;
        return 0;
    }
    if (!strcmp(arg, "--spin") || !strncmp(arg, "--spin=", 7)) {
        a->sim_only = a->sim_only ? a->sim_only : "--spin";
        a->o.spin_us = arg[6] == '=' ? atoi(arg + 7) : 100;
        return 0;
    }
    if (!strncmp(arg, "--clock=", 8)) {
        a->sim_only = a->sim_only ? a->sim_only : "--clock";
        return parse_clock(arg + 8, &a->o.clock);
    }
    if (!val) {
        return -1;
    }
    (*i)++;
    if (!strcmp(arg, "--input") || !strcmp(arg, "--input-after")) {
        if (!strcmp(arg, "--input")) {
            a->input = val;
        } else {
            a->input_after = val;
        }
        return 0;
    }
    if (strcmp(arg, "--board") && strcmp(arg, "--config") && strcmp(arg, "--timeout") &&
        strcmp(arg, "--until") && !a->sim_only) {
        a->sim_only = arg;
    }
    if (!strcmp(arg, "--board")) {
        a->board = val;
    } else if (!strcmp(arg, "--config")) {
        a->h.config = val;
    } else if (!strcmp(arg, "--timeout")) {
        a->o.timeout = atof(val);
    } else if (!strcmp(arg, "--until")) {
        a->o.until = val;
    } else if (!strcmp(arg, "--gdb")) {
        a->o.gdb_pd = val;
    } else if (!strcmp(arg, "--trace-json")) {
        a->o.trace_json = val;
    } else if (!strcmp(arg, "--valgrind")) {
        a->o.valgrind_pd = val;
    } else if (!strcmp(arg, "--control")) {
        a->o.control = val;
    } else if (!strcmp(arg, "--clock")) {
        return parse_clock(val, &a->o.clock);
    } else if (!strcmp(arg, "--cpus")) {
        a->o.cpus = atoi(val);
        return a->o.cpus >= 1 && a->o.cpus <= 64 ? 0 : -1;
    } else if (!strcmp(arg, "--cpu")) {
        a->o.cpu = atoi(val);
    } else if (!strcmp(arg, "--irq") && a->o.nirqs < 256) {
        return parse_irq(val, &a->irqs[a->o.nirqs++]);
    } else if (!strcmp(arg, "--search-path")) {
        a->search_given = true;
        while (*i < argc && argv[*i][0] != '-' && a->h.nsearch < 64) {
            a->paths[a->h.nsearch++] = argv[(*i)++];
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
    a->h.search_paths = a->paths;
    a->o.irqs = a->irqs;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            run_usage(stdout);
            return 1;
        }
        int flag = rule_flag_parse(argc, argv, &i, &a->flags, "run: ");
        if (flag < 0) {
            return -1;
        }
        if (flag > 0) {
            a->sim_only = a->sim_only ? a->sim_only : "-W/-E/--werror";
        } else if (argv[i][0] != '-' && !a->o.system) {
            a->o.system = argv[i];
        } else if (parse_option(a, argc, argv, &i) != 0) {
            fprintf(stderr, "microkit: error: run: bad argument '%s'\n", argv[i]);
            return -1;
        }
    }
    if (!a->o.system) {
        fputs("microkit: error: run: no SYSTEM or IMAGE file given\n", stderr);
        return -1;
    }
    return 0;
}

/* `microkit run SYSTEM`: parse, check and simulate. */
static int run_system(struct run_args *a, struct diag *d)
{
    if (a->board && strcmp(a->board, "host")) {
        fprintf(stderr,
                "microkit: error: run: board '%s' cannot be simulated\n"
                "hint: build the PDs with MICROKIT_BOARD=host and use --board host, or run a "
                "loader image built for the board\n",
                a->board);
        return EXIT_USAGE;
    }
    struct system sys;
    memset(&sys, 0, sizeof(sys));
    int st = sdf_parse_file(a->o.system, &sys, d);
    int status = EXIT_INVALID;
    if (st == SDF_IO) {
        status = EXIT_IO;
    } else if (st != SDF_NOT_XML) {
        int sized = inputs_size_regions(&sys, a->h.search_paths, a->h.nsearch, d);
        if (checks_run(&sys, NULL, d) == 0 && sized == 0 && st == SDF_OK) {
            status = run_host_system(&sys, &a->h, &a->o, d);
        }
    }
    system_free(&sys);
    return status;
}

/*
 * Point every PD's program image and every prefill file of the system
 * parsed from a host image at the unpacked copy.
 */
static int use_unpacked(struct system *sys, const struct host_unpacked *u, const uint8_t *img,
                        const char *path, struct diag *d)
{
    for (size_t p = 0; p < sys->pds.count; p++) {
        const char *f = host_unpacked_path(u, img, SDK_HOST_ENTRY_PROGRAM, (uint32_t)p);
        struct pd *pd = &sys->pds.items[p];
        if (!f) {
            diag_error(d, NULL, "host-image-damaged", "build it again",
                       "host image '%s' is damaged: no program for PD '%s'", path, pd->name);
            return -1;
        }
        free(pd->program_image);
        pd->program_image = xstrdup(f);
        f = host_unpacked_path(u, img, SDK_HOST_ENTRY_SYMBOLS, (uint32_t)p);
        if (pd->program_symbols && !f) {
            diag_error(d, NULL, "host-image-damaged", "build it again",
                       "host image '%s' is damaged: no program for symbols for PD '%s'", path,
                       pd->name);
            return -1;
        }
        if (f) {
            free(pd->program_symbols);
            pd->program_symbols = xstrdup(f);
        }
    }
    for (size_t i = 0; i < sys->mrs.count; i++) {
        const char *f = host_unpacked_path(u, img, SDK_HOST_ENTRY_PREFILL, (uint32_t)i);
        struct mr *mr = &sys->mrs.items[i];
        if (mr->prefill_path && f) {
            free(mr->prefill_path);
            mr->prefill_path = xstrdup(f);
        }
    }
    return 0;
}

/* Parse and check the unpacked system, then simulate it. */
static int run_unpacked(struct run_args *a, const struct host_unpacked *u, const uint8_t *img,
                        struct diag *d)
{
    struct system sys;
    memset(&sys, 0, sizeof(sys));
    int st = sdf_parse_buffer(u->system_name, u->system, u->system_size, &sys, d);
    int status = EXIT_INVALID;
    /* The unpacked files first: regions without a size take their prefill file's. */
    if (st == SDF_OK && !use_unpacked(&sys, u, img, a->o.system, d) &&
        inputs_size_regions(&sys, NULL, 0, d) == 0 && checks_run(&sys, NULL, d) == 0) {
        a->h.nsearch = 0;
        status = run_host_system(&sys, &a->h, &a->o, d);
    }
    system_free(&sys);
    return status;
}

/* SIGINT, SIGTERM and SIGHUP stay blocked while the image is unpacked. */
static void interrupt_set(sigset_t *set)
{
    sigemptyset(set);
    sigaddset(set, SIGINT);
    sigaddset(set, SIGTERM);
    sigaddset(set, SIGHUP);
}

/* Take pending interrupts (so unblocking does not kill us); true if there were any. */
static bool take_interrupts(const sigset_t *set)
{
    struct timespec zero = {0, 0};
    bool any = false;
    while (sigtimedwait(set, NULL, &zero) > 0) {
        any = true;
    }
    return any;
}

/*
 * `microkit run IMAGE` for a host image: check, unpack into a private
 * folder, run, remove the folder. Interrupts are held off until the folder
 * is gone; the simulator takes them as its own while it runs.
 */
static int run_host_image(struct run_args *a, const uint8_t *img, size_t size, struct diag *d)
{
    if (a->board && strcmp(a->board, "host")) {
        diag_error(d, NULL, "run-board", "run it with --board host, or leave --board out",
                   "'%s' is a host image; board '%s' cannot run it", a->o.system, a->board);
        return EXIT_USAGE;
    }
    if (a->search_given) {
        fputs("microkit: error: run: --search-path does not apply to an image: it holds "
              "every program\n",
              stderr);
        return EXIT_USAGE;
    }
    if (host_image_check(a->o.system, img, size, d)) {
        return EXIT_INVALID;
    }
    sigset_t set, old;
    interrupt_set(&set);
    sigprocmask(SIG_BLOCK, &set, &old);
    struct host_unpacked u;
    int status = EXIT_IO;
    if (!host_image_unpack(img, &u, d)) {
        status = take_interrupts(&set) ? SIM_EXIT_INTERRUPT : run_unpacked(a, &u, img, d);
        host_unpacked_remove(&u);
    }
    if (take_interrupts(&set)) {
        status = SIM_EXIT_INTERRUPT;
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    return status;
}

/* The byte an escape `\c` of --input TEXT stands for, or -1. */
static int escaped(char c)
{
    switch (c) {
    case 'n':
        return '\n';
    case 'r':
        return '\r';
    case 't':
        return '\t';
    case '\\':
        return '\\';
    default:
        return -1;
    }
}

/* --input TEXT: the text with \n, \r, \t and \\ turned into their bytes. */
static uint8_t *unescape(const char *text, size_t *size)
{
    uint8_t *out = xmalloc(strlen(text) + 1);
    size_t n = 0;
    for (const char *p = text; *p; p++) {
        int c = p[0] == '\\' ? escaped(p[1]) : -1;
        if (c >= 0) {
            p++;
        }
        out[n++] = (uint8_t)(c >= 0 ? c : *p);
    }
    *size = n;
    return out;
}

/* The bytes --input names (@FILE: the file's, at most 16 MiB), or NULL after reporting. */
static uint8_t *input_bytes(const char *arg, size_t *size, struct diag *d)
{
    if (arg[0] != '@') {
        return unescape(arg, size);
    }
    struct file_error e;
    uint8_t *data = read_input_max(arg + 1, 16u << 20, size, &e);
    if (!data) {
        diag_error(d, NULL, "io", NULL, "--input: cannot read '%s': %s", arg + 1, e.text);
    }
    return data;
}

/* `microkit run IMAGE` for a loader image: QEMU (run_qemu.c). */
static int run_loader_image(struct run_args *a, struct diag *d)
{
    if (a->sim_only) {
        fprintf(stderr,
                "microkit: error: run: option '%s' is for the host simulator; a loader image "
                "takes --board, --timeout, --until and -v\n",
                a->sim_only);
        return EXIT_USAGE;
    }
    struct qemu_run_options q = {
        .image = a->o.system,
        .board = a->board,
        .timeout = a->o.timeout,
        .until = a->o.until,
        .verbose = a->o.verbose,
        .input_after = a->input_after,
    };
    uint8_t *input = NULL;
    if (a->input_after && !a->input) {
        fputs("microkit: error: run: --input-after needs --input\n", stderr);
        return EXIT_USAGE;
    }
    if (a->input && !(input = input_bytes(a->input, &q.input_size, d))) {
        return EXIT_IO;
    }
    q.input = input;
    int rc = qemu_run(&q, d);
    free(input);
    return rc;
}

/* --input for the simulator: its bytes go to the host board's UART. */
static int sim_input(struct run_args *a, uint8_t **input, struct diag *d)
{
    if (a->input_after && !a->input) {
        fputs("microkit: error: run: --input-after needs --input\n", stderr);
        return EXIT_USAGE;
    }
    if (a->input && !(*input = input_bytes(a->input, &a->o.input_size, d))) {
        return EXIT_IO;
    }
    a->o.input = *input;
    a->o.input_after = a->input_after;
    return EXIT_OK;
}

int cmd_run(int argc, char **argv)
{
    static struct run_args a;
    memset(&a, 0, sizeof(a));
    int rc = parse_args(argc, argv, &a);
    if (rc != 0) {
        diag_flags_free(&a.flags);
        return rc > 0 ? EXIT_OK : EXIT_USAGE;
    }
    struct diag d;
    diag_init(&d, stderr);
    diag_apply_flags(&d, &a.flags);
    size_t size = 0;
    struct file_error e;
    /* What the file holds decides; a FIFO or device is refused before it is opened. */
    uint8_t *file = read_input(a.o.system, INPUT_IMAGE, &size, &e);
    int status;
    uint8_t *input = NULL;
    if (!file) {
        diag_error(&d, NULL, "io", NULL, "cannot read '%s': %s", a.o.system, e.text);
        status = EXIT_IO;
    } else if (qemu_is_loader_image(file, size) && !host_image_is(file, size)) {
        status = run_loader_image(&a, &d);
    } else if ((status = sim_input(&a, &input, &d)) != EXIT_OK) {
        /* reported */
    } else if (host_image_is(file, size)) {
        status = run_host_image(&a, file, size, &d);
    } else {
        status = run_system(&a, &d);
    }
    free(file);
    free(input);
    for (size_t i = 0; i < a.o.nirqs; i++) {
        free(a.irqs[i].pd);
    }
    diag_flags_free(&a.flags);
    diag_free(&d);
    return status;
}
