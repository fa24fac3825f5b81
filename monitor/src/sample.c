/* SPDX-License-Identifier: BSD-2-Clause */
/* The sampling profiler (sample.h). */
#include <stdbool.h>
#include <stdint.h>

#include <sel4/sel4.h>

#include "backtrace.h"
#include "bench.h"
#include "boot.h"
#include "fault.h"
#include "prof_out.h"
#include "sample.h"
#include "sample_rule.h"
#include "symbol.h"

#ifdef MONITOR_HAVE_PROFILE

#define MAX_PDS     128u  /* PDs and VMs of the spec; more are not sampled */
#define MAX_SYMBOLS 4096u /* the spec's symbols; samples in later ones count as "no symbol" */
#define TOP         8u    /* functions listed per PD */

static struct {
    uint64_t util[MAX_PDS], sched[MAX_PDS]; /* the counters at the last sample */
    uint32_t pd[MAX_PDS], nosym[MAX_PDS];   /* samples per PD; of them, outside any symbol */
    uint32_t total, idle, unattributed;
} st;
static uint32_t fn_samples[MAX_SYMBOLS]; /* by index in the spec's symbol table */

static uint32_t num_pds(const struct boot *b)
{
    uint32_t n = b->spec->hdr->num_pds;
    return n < MAX_PDS ? n : MAX_PDS;
}

static seL4_Error configure(const struct boot *b, seL4_Time budget, seL4_Time period)
{
    return seL4_SchedControl_ConfigureFlags(b->bi->schedcontrol.start, seL4_CapInitThreadSC, budget,
                                            period, 0, 0, 0);
}

/* The 32-bit instruction at `pc` in PD `pd`'s memory; 0 when unreadable. */
static uint32_t insn_at(const struct boot *b, uint32_t pd, uint64_t pc)
{
    uint64_t w[2];
    if (backtrace_peek(b, pd, pc & ~(uint64_t)15, w) != 0) {
        return 0;
    }
    uint64_t word = w[(pc >> 3) & 1];
    return (uint32_t)(pc & 4 ? word >> 32 : word);
}

/* Whether PD `i` ran since the last sample (its counters moved); updates them. */
static bool moved(const struct boot *b, uint32_t i)
{
    bench_call(SYS_GET_UTIL, boot_cap(b, b->spec->pds[i].tcb));
    const seL4_Word *mr = __sel4_ipc_buffer->msg;
    bool ran = mr[U_TCB] != st.util[i] || mr[U_SCHEDULES] != st.sched[i];
    st.util[i] = mr[U_TCB];
    st.sched[i] = mr[U_SCHEDULES];
    return ran;
}

/* PD `i`'s pc; `*blocked` when it sits in a blocking system call. */
static uint64_t pc_of(const struct boot *b, uint32_t i, bool *blocked)
{
    seL4_UserContext r = {0};
    /* pc, sp, spsr, x0 .. x7: x7 is the system call number. */
    if (seL4_TCB_ReadRegisters(boot_cap(b, b->spec->pds[i].tcb), 0, 0, 11, &r) != seL4_NoError) {
        *blocked = true;
        return 0;
    }
    *blocked = sample_blocking_syscall(r.x7) && insn_at(b, i, r.pc) == SAMPLE_SVC0;
    return r.pc;
}

static void count(const struct boot *b, uint32_t pd, uint64_t pc)
{
    const struct bs_pd *p = &b->spec->pds[pd];
    int32_t k = symbol_index(&b->spec->symbols[p->first_symbol], p->num_symbols, pc);
    uint64_t g = (uint64_t)p->first_symbol + (uint64_t)k;
    st.pd[pd]++;
    if (k < 0 || g >= MAX_SYMBOLS) {
        st.nosym[pd]++;
    } else {
        fn_samples[g]++;
    }
}

/* One sample; whether any PD ran since the last one. */
static bool sample(const struct boot *b)
{
    struct sample_cand c[MAX_PDS];
    uint64_t pc[MAX_PDS];
    uint32_t n = num_pds(b);
    bool any = false;
    for (uint32_t i = 0; i < n; i++) {
        c[i].priority = b->spec->pds[i].priority;
        c[i].blocked = false;
        /* Only the boot core's PDs: the monitor preempts nothing elsewhere. */
        c[i].ran = moved(b, i) && b->spec->pds[i].cpu == 0;
        pc[i] = c[i].ran ? pc_of(b, i, &c[i].blocked) : 0;
        any = any || c[i].ran;
    }
    int k = sample_pick(c, n);
    st.total++;
    if (k == SAMPLE_IDLE) {
        st.idle++;
    } else if (k == SAMPLE_UNATTRIBUTED) {
        st.unattributed++;
    } else {
        count(b, (uint32_t)k, pc[k]);
    }
    return any;
}

/* Serves what waits on the fault endpoint (faults, passive PDs' messages). */
static void poll_faults(const struct boot *b)
{
    seL4_CPtr ep = boot_cap(b, b->spec->hdr->monitor_fault_ep);
    seL4_CPtr reply = boot_cap(b, b->spec->hdr->monitor_reply);
    for (;;) {
        seL4_Word badge = 0;
        seL4_MessageInfo_t tag = seL4_NBRecv(ep, &badge, reply);
        if (badge == 0) { /* nothing was waiting: every sender's badge is its PD's, from 1 */
            return;
        }
        fault_handle(b, badge, tag);
    }
}

void sample_run(struct boot *b)
{
    if (configure(b, SAMPLE_BUDGET_US, SAMPLE_PERIOD_US) != seL4_NoError) {
        prof_puts("PROF|no sampling: configuring the monitor's scheduling context failed\n");
        return;
    }
    for (uint32_t idle_run = 0; idle_run < SAMPLE_IDLE_STOP;) {
        seL4_Yield();
        poll_faults(b);
        idle_run = sample(b) ? 0 : idle_run + 1;
    }
}

static void report_fn(const char *name, uint32_t n, uint32_t of)
{
    prof_puts("PROF|    ");
    prof_puts(name);
    prof_puts(" ");
    prof_putu(n);
    prof_puts(" (");
    prof_putpct(n, of);
    prof_puts(")\n");
}

static void report_pd(const struct boot *b, uint32_t i)
{
    const struct bs_pd *p = &b->spec->pds[i];
    prof_puts("PROF|pd ");
    prof_puts(bs_str(b->spec, p->name));
    prof_puts(": ");
    prof_putu(st.pd[i]);
    prof_puts(" samples (");
    prof_putpct(st.pd[i], st.total);
    prof_puts(")\n");
    uint32_t first = p->first_symbol < MAX_SYMBOLS ? p->first_symbol : MAX_SYMBOLS;
    uint32_t n = p->num_symbols < MAX_SYMBOLS - first ? p->num_symbols : MAX_SYMBOLS - first;
    int32_t k = -1;
    for (uint32_t shown = 0; shown < TOP; shown++) {
        k = sample_next_top(&fn_samples[first], n, k);
        if (k < 0) {
            break;
        }
        report_fn(bs_str(b->spec, b->spec->symbols[first + (uint32_t)k].name),
                  fn_samples[first + (uint32_t)k], st.pd[i]);
    }
    if (st.nosym[i]) {
        report_fn("(no symbol)", st.nosym[i], st.pd[i]);
    }
}

void sample_report(const struct boot *b)
{
    prof_puts("PROF|samples: ");
    prof_putu(st.total);
    prof_puts(", one every ");
    prof_putu(SAMPLE_PERIOD_US);
    prof_puts(" us; idle ");
    prof_putu(st.idle);
    prof_puts(", unattributed ");
    prof_putu(st.unattributed);
    prof_puts("\n");
    for (uint32_t i = 0; i < num_pds(b); i++) {
        report_pd(b, i);
    }
}

void sample_end(const struct boot *b)
{
#ifdef CONFIG_BOOT_THREAD_TIME_SLICE
    seL4_Time slice = CONFIG_BOOT_THREAD_TIME_SLICE * 1000u;
#else
    seL4_Time slice = 5000u;
#endif
    configure(b, slice, slice); /* budget = period: round robin, as the kernel made it */
}

#endif
