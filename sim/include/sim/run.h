/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The host simulator's runner: what `microkit run SYSTEM --board host` hands
 * it, after the tool's stages up to the boot spec (tool/run_host.c). The
 * runner builds the system from the spec (include/sdk/bootspec.h) as the
 * monitor does on seL4 (threads, cap tables, IRQs, maps and frame fills
 * from the spec's tables), starts one process per PD and prints their debug
 * output until the run ends.
 *
 * The runner depends only on include/sdk, the one spec reader
 * (sdk/bootspec_read.h) and its own code: nothing here names a tool type, so
 * the tool links the runner and never the reverse.
 */
#ifndef SIM_RUN_H
#define SIM_RUN_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Exit statuses of a run. 0..4 are the tool's (docs/cli.md), the rest the runner's. */
enum sim_exit {
    SIM_EXIT_OK = 0,
    SIM_EXIT_INVALID = 1,    /* the system cannot be simulated */
    SIM_EXIT_USAGE = 2,      /* bad option (e.g. --until that is no regular expression) */
    SIM_EXIT_IO = 3,         /* an input file could not be read */
    SIM_EXIT_INTERNAL = 4,   /* a bug */
    SIM_EXIT_TIMEOUT = 5,    /* --timeout passed before --until matched */
    SIM_EXIT_IDLE = 6,       /* every PD blocked for good before --until matched */
    SIM_EXIT_PD_DIED = 7,    /* a PD process could not start or died (not a PD fault) */
    SIM_EXIT_FAULT = 8,      /* a PD faulted, no PD handled it, and --until did not match */
    SIM_EXIT_DAMAGED = 9,    /* a PD damaged the shared kernel state */
    SIM_EXIT_INTERRUPT = 130 /* Ctrl-C or SIGTERM */
};

struct sim_irq_event {
    uint64_t at_ms;
    char *pd;
    uint64_t irq;
};

/*
 * How the runner reports a problem found while building the system: `pd` is
 * the index of the PD it concerns (-1: none), `rule` a rule id of
 * tool/rules.def, `hint` NULL or how to fix it. The tool turns it into a
 * located diagnostic.
 */
typedef void (*sim_report_fn)(void *ctx, int pd, const char *rule, const char *hint,
                              const char *fmt, va_list ap);

struct sim_options {
    const char *system;
    double timeout;    /* seconds; 0: none */
    const char *until; /* POSIX extended regex, or NULL */
    struct sim_irq_event *irqs;
    size_t nirqs;
    const char *gdb_pd;      /* PD to stop for a debugger, or NULL */
    const char *valgrind_pd; /* PD to run under valgrind, or NULL */
    const char *control;     /* "-" or a path: commands ("irq PD IRQ"), or NULL */
    int cpu;                 /* CPU all PDs run on; -1: the last one allowed */
    int cpus;                /* --cpus: virtual CPUs (PDs run on their cpu's); 0 or 1: one */
    int spin_us;             /* --spin: each PD spins this long for the CPU, unpinned; 0: off */
    bool verbose;
    /* The host board's devices (docs/simulator.md, Device models): the bytes
     * typed into the UART, a line at a time whenever every PD is blocked
     * (NULL: the terminal, when standard input is one), held back until an
     * output line matches input_after; the timer's clock (enum sim_clock:
     * 0 virtual, 1 real). */
    const uint8_t *input;
    size_t input_size;
    const char *input_after;
    int clock;
    /* The trace (docs/debugging.md): print every seL4 call and delivery of the
     * PDs in trace_pds (a comma-separated list; NULL: every PD) on stdout, in
     * order with the output; trace_json: also write them to this file, one
     * JSON object a line. no_flight: no flight recorder (faults then print
     * no recent events). */
    bool trace;
    const char *trace_pds;
    const char *trace_json;
    bool no_flight;
    /* --perf: record the PDs in perf_pds (comma-separated; NULL: every PD)
     * with perf and print a flat profile of each at the end. */
    bool perf;
    const char *perf_pds;
    /* Not NULL: print every PD's cap table as built from the spec, one cap a
     * line ("PD SLOT KIND PEER BADGE"; an IRQ's BADGE is its IRQ number,
     * PEER 'monitor' or '-' where no PD owns the object), then stop. */
    FILE *print_caps;
    sim_report_fn report;
    void *report_ctx;
};

/* A value the tool's patch stage wrote into a PD's program (a setvar, the
 * PD's name, its channel masks): the PD's runtime copies it in at start. */
struct sim_patch_in {
    uint64_t vaddr; /* as linked */
    uint32_t len;
    uint32_t prot; /* PROT_* of the segment holding it */
    const uint8_t *data;
    const char *symbol;
};

/* A PD's program: the host ELF its process runs. */
struct sim_program {
    const char *path;
    /*
     * The page-aligned span of its segments as linked. The spec maps the
     * program's frames there, and its stack and IPC buffer; on the host the
     * process loader provides those, so the runner maps only the other
     * frames (the memory regions).
     */
    uint64_t image_lo, image_hi;
    const struct sim_patch_in *patches;
    size_t npatches;
};

struct sim_system {
    const void *spec; /* the boot spec built for the host board (8-byte aligned) */
    uint64_t spec_size;
    const struct sim_program *programs; /* one per PD, in the spec's PD order */
    size_t nprograms;
};

/*
 * Run `sys`. Reports set-up problems through o->report. Returns an enum
 * sim_exit value: SIM_EXIT_OK when --until matched (or, without --until,
 * when the system went idle, or after --print-caps).
 */
int sim_run(const struct sim_options *o, const struct sim_system *sys);

#endif /* SIM_RUN_H */
