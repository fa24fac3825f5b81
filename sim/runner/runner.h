/* SPDX-License-Identifier: BSD-2-Clause */
/* The runner's internal state, shared by setup.c, spawn.c and loop.c. */
#ifndef SIM_RUNNER_H
#define SIM_RUNNER_H

#include <regex.h>
#include <stdio.h>
#include <sys/types.h>

#include "sdk/bootspec_read.h"
#include "sim/kernel.h"
#include "sim/run.h"

struct runner {
    const struct sim_options *o;
    const struct sim_system *sys;
    struct bs_spec spec; /* the checked boot spec */
    uint32_t npd;        /* PDs (the spec's threads that are not vCPUs) */
    struct sim_shared *s;
    int shm_fd;
    uint64_t shm_size;
    int ram_fd; /* memfd: the frames of every memory region */
    int doorbell_fd;
    char (*names)[SDK_PD_NAME_LENGTH]; /* the PDs' names, private to the runner */
    pid_t *pids;                       /* 0 when not running */
    pid_t pgid;                        /* the PDs' process group: the watchdog's */
    pid_t watchdog;
    int watchdog_fd;   /* the runner's end of the watchdog's pipe */
    int control_fd;    /* --control, or -1 */
    bool faulted;      /* a PD faulted and no PD handled it */
    bool damaged;      /* the shared kernel state failed its check */
    uint64_t con_tail; /* console bytes consumed (the shared con_tail is a copy for the PDs) */
    int cpu;
    size_t next_irq; /* index into the sorted o->irqs */
    regex_t until;
    bool have_until;
    char *line; /* current output line (for --until) */
    size_t line_len, line_cap;
    bool matched;
    bool pd_died;          /* a PD process ended on its own */
    double irq_t0;         /* ms when every PD had started, or -1 */
    struct runner_slice {  /* per virtual CPU (slice.c) */
        int pd;            /* PD whose time slice is being timed, or -1 */
        uint64_t switches; /* that CPU's context switches when timing began */
        double start;      /* ms */
    } slice[SIM_MAX_CPUS];
    bool dom_on;        /* the spec has a domain schedule (domains.c) */
    uint64_t dom_index; /* the kernel schedule index of the current slot */
    double dom_end;     /* ms when it ends; -1 until the loop starts timing */
    bool stopping;
    struct runner_input {    /* the UART's input (devices.c) */
        const uint8_t *data; /* --input; NULL: none */
        size_t size, pos;    /* bytes typed so far */
        bool released;       /* --input-after matched (output.c), or there is none */
        bool have_after;
        regex_t after;
        int tty;          /* standard input, when it is a terminal and a PD has the UART; or -1 */
        uint8_t buf[256]; /* terminal bytes read but not yet in the FIFO */
        size_t buf_len;
        bool uart_mapped; /* some PD maps the UART */
    } in;
    FILE *trace_json; /* --trace-json (trace.c) */
    char *perf_dir;   /* --perf: perf's data files (perf.c) */
    pid_t *perf_pids; /* the perf process recording each PD, or 0 */
};

/* Report a set-up problem through the options' reporter (report.c). */
void runner_error(const struct runner *r, int pd, const char *rule, const char *hint,
                  const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Check the spec and the options, build the shared state (setup.c).
 * Returns SIM_EXIT_OK, or another enum sim_exit value after reporting. */
int runner_setup(struct runner *r);
/* Threads, cap tables and IRQs from the spec (spec_caps.c). Returns 0 or -1. */
int runner_build_caps(struct runner *r);
/* Memory: the frames of every map outside the programs, their fills, the
 * maps each PD process makes, the patches (spec_mem.c). Returns 0 or -1. */
int runner_build_memory(struct runner *r);
/* The host board's devices (devices.c): map `m` of PD `pd` when its frame
 * is a device's page (1), not a device (0), or too many maps (-1). */
int runner_map_device(struct runner *r, int pd, const struct bs_map *m);
/* Before the PDs start: reset the devices, set the clock, find the UART's
 * input. Returns SIM_EXIT_OK or, after reporting, another status. */
int runner_devices_init(struct runner *r);
/* Each turn of the loop: the real clock's timer, terminal input. */
void runner_devices_poll(struct runner *r);
/* The system is idle: type the next line of input, or move the virtual
 * clock to the timer's deadline. True when that may wake a PD. */
bool runner_devices_idle(struct runner *r);
/* The run must not end for idleness (terminal input open, real clock armed). */
bool runner_devices_busy(struct runner *r);
/* Milliseconds until the real clock's timer expires, or -1. */
int runner_devices_ms(struct runner *r);

/* Print every PD's cap table (spec_caps.c). */
void runner_print_caps(const struct runner *r, FILE *out);
/* The index of the PD called `name`, or -1. */
int runner_find_pd(const struct runner *r, const char *name);
/* Start every PD process (spawn.c). Returns 0 or -1. */
int runner_spawn(struct runner *r);
/* Kill every PD process and wait for them (spawn.c). */
void runner_kill_all(struct runner *r);
/* The PD whose process is `pid`, or -1. */
int runner_pd_of(const struct runner *r, pid_t pid);
/* Run until the end; returns the exit status (loop.c). */
int runner_loop(struct runner *r);
/* Milliseconds until the running PD's time slice ends, or -1 when no other
 * PD of its priority is ready (slice.c). */
int runner_slice_ms(struct runner *r, double now);
/* End the running PD's time slice if it is over: it goes to the back of its
 * priority's queue, as seL4 does when a budget is used up. */
void runner_slice_check(struct runner *r, double now);
/* The domain schedule (domains.c): the start slot's domain, before the
 * scheduler first runs; milliseconds until the current slot ends (-1: no
 * schedule); the switch to the next slot when it is due; whether threads of
 * any domain are ready (the system is not idle while they wait their turn). */
void runner_domains_init(struct runner *r);
int runner_domain_ms(struct runner *r, double now);
void runner_domain_check(struct runner *r, double now);
bool runner_domains_ready(const struct runner *r);
/* Warn once that fpu="false" is not enforced on the host. */
void runner_fpu_warning(const struct runner *r);
/* Tell PD `old`'s process that it lost the CPU. */
void runner_preempt(struct runner *r, int old);
/* Drop the shared lock; if the scheduler chose `after` over `before`, wake
 * the one and preempt the other (slice.c). */
void runner_unlock_switch(struct runner *r, int before, int after);
/* The function of PD `pd` containing ELF address `addr`, from the spec's symbols, or NULL
 * (symbols.c). */
const struct bs_symbol *runner_func_at(const struct runner *r, int pd, uint64_t addr);
/* After a fault report (fault_info.c): the map the address is in, a stack
 * overflow named as such, the backtrace and the flight recorder. */
void runner_fault_details(struct runner *r, const struct sim_fault *f, FILE *out);
/* Print a fault record as the monitor would (report.c). */
void runner_print_fault(struct runner *r, const struct sim_fault *f, FILE *out);
/* Take the shared lock, draining the console while a PD holds it, and
 * check the block (sim_state_ok). False, with r->damaged set, when a PD
 * kept the lock for seconds or the block is damaged: the lock is not held. */
bool runner_lock(struct runner *r);
/* The trace (trace_setup.c, trace.c): check --trace's PDs and open --trace-json (returns an
 * enum sim_exit value); take the trace record at console position `tail`
 * (0: not all there yet, else the bytes it took); print PD `pd`'s flight
 * recorder after its fault report; close the JSON file. */
int runner_trace_setup(struct runner *r);
size_t runner_trace_take(struct runner *r, uint64_t tail, uint64_t head);
void runner_flight_print(struct runner *r, int pd, FILE *out);
void runner_trace_close(struct runner *r);
/* --perf (perf.c): whether PD `pd` is profiled; check that perf can record
 * (an enum sim_exit value); attach perf to each profiled PD, which waits
 * stopped, then let it go; stop perf and print each PD's flat profile.
 * runner_cpu_table: user and system time of each PD process (-v). */
bool runner_perf_wanted(const struct runner *r, int pd);
int runner_perf_check(struct runner *r);
int runner_perf_start(struct runner *r);
void runner_perf_finish(struct runner *r, FILE *out);
void runner_cpu_table(const struct runner *r, FILE *out);
/* After the loop, while the PD processes still exist: the profiles, and
 * with -v the CPU-time table (perf.c). */
void runner_run_end(struct runner *r);
/* Print every PD's state (dump.c): `dump` on --control, SIGUSR1. */
void runner_dump(struct runner *r, FILE *out);
/* Copy console output to stdout; returns bytes drained (output.c). */
size_t runner_drain(struct runner *r);
/* Match --until against the last line when it has no newline yet. */
void runner_end_line(struct runner *r);

#endif /* SIM_RUNNER_H */
