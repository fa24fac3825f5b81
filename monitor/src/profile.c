/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdint.h>

#include <sdk/monitor_abi.h>
#include <sel4/sel4.h>

#include "boot.h"
#include "profile.h"

/* Patched by the tool (--profile): the PL011's physical address; 0: off. */
__attribute__((section(MONITOR_SPEC_SECTION), used)) uint64_t monitor_profile_uart = 0;

#if defined(CONFIG_BENCHMARK_TRACK_UTILISATION) && defined(__aarch64__)

/*
 * seL4 16.0.0's benchmark system calls (libsel4's syscall.h with
 * KernelBenchmarks=track_utilisation; libmicrokit's headers leave them out).
 */
enum { SYS_RESET_LOG = -22, SYS_FINALIZE_LOG = -23, SYS_GET_UTIL = -26, SYS_RESET_UTIL = -27 };
/* Words of the IPC buffer (libsel4's benchmark_utilisation_types.h). */
enum { U_TCB = 0, U_SCHEDULES = 1, U_TOTAL = 9 };

static volatile uint32_t *uart;

/* A benchmark system call: its number in x7, its one argument (a TCB cap or 0) in x0. */
static void bench_call(long sys, seL4_Word arg)
{
    register seL4_Word x0 __asm__("x0") = arg;
    register seL4_Word x7 __asm__("x7") = (seL4_Word)sys;
    asm volatile("svc #0" : "+r"(x0) : "r"(x7) : "x1", "x2", "x3", "x4", "x5", "x6", "memory");
}

/* The benchmark kernel does not print (no CONFIG_PRINTING): the PL011 is written directly. */
static void out_c(char c)
{
    while (uart[0x18 / 4] & (1u << 5)) { /* FR.TXFF */
    }
    uart[0] = (uint32_t)(unsigned char)c;
}

static void out_s(const char *s)
{
    while (*s) {
        out_c(*s++);
    }
}

static void out_u(uint64_t v)
{
    char buf[24];
    int n = 0;
    do {
        buf[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n) {
        out_c(buf[--n]);
    }
}

/* Tenths of a percent of `part` in `whole`, as "P.P%". */
static void out_pct(uint64_t part, uint64_t whole)
{
    uint64_t t = whole ? part * 1000 / whole : 0;
    out_u(t / 10);
    out_c('.');
    out_u(t % 10);
    out_c('%');
}

/* The UART's frame, created from its device untyped and mapped at the scratch window. */
static int map_uart(struct boot *b)
{
    struct kobj k = {seL4_ARM_SmallPageObject, 0, seL4_PageBits};
    seL4_CPtr slot = boot_new_slot(b);
    uint64_t pa = monitor_profile_uart & ~(uint64_t)0xfff;
    if (!slot || alloc_object(&b->alloc, &k, pa, 1, slot, "profile uart") ||
        alloc_flush(&b->alloc) || boot_scratch_tables(b)) {
        return -1;
    }
    if (seL4_ARM_Page_Map(slot, seL4_CapInitThreadVSpace, (seL4_Word)b->scratch, seL4_ReadWrite,
                          seL4_ARM_ExecuteNever) != seL4_NoError) {
        return -1;
    }
    uart = (volatile uint32_t *)(b->scratch + (monitor_profile_uart & 0xfff));
    return 0;
}

/*
 * At priority 0 the monitor runs only when no PD above priority 0 can: the
 * kernel then picks it instead of the idle thread. Its own scheduling
 * context stays bound (MCS).
 */
static void set_priority(seL4_Word prio)
{
    seL4_TCB_SetSchedParams(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, seL4_MaxPrio, prio,
                            seL4_CapInitThreadSC, seL4_CapNull);
}

static void report_pd(const struct boot *b, uint32_t i, uint64_t total)
{
    const struct bs_pd *p = &b->spec->pds[i];
    bench_call(SYS_GET_UTIL, boot_cap(b, p->tcb));
    const seL4_Word *mr = __sel4_ipc_buffer->msg;
    out_s("PROF|pd ");
    out_s(bs_str(b->spec, p->name));
    out_s(": ");
    out_u(mr[U_TCB]);
    out_s(" cycles (");
    out_pct(mr[U_TCB], total);
    out_s("), ");
    out_u(mr[U_SCHEDULES]);
    out_s(" times scheduled\n");
}

static void report(const struct boot *b)
{
    bench_call(SYS_FINALIZE_LOG, 0);
    bench_call(SYS_GET_UTIL, seL4_CapInitThreadTCB);
    const seL4_Word *mr = __sel4_ipc_buffer->msg;
    uint64_t total = mr[U_TOTAL], mon = mr[U_TCB];
    out_s("PROF|the system is idle: per-PD utilisation since the PDs started\n");
    out_s("PROF|total: ");
    out_u(total);
    out_s(" cycles\n");
    for (uint32_t i = 0; i < b->spec->hdr->num_pds; i++) {
        report_pd(b, i, total);
    }
    out_s("PROF|monitor: ");
    out_u(mon);
    out_s(" cycles (");
    out_pct(mon, total);
    out_s(")\n");
}

void profile_run(struct boot *b)
{
    if (!monitor_profile_uart || map_uart(b)) {
        return;
    }
    for (uint32_t i = 0; i < b->spec->hdr->num_pds; i++) {
        bench_call(SYS_RESET_UTIL, boot_cap(b, b->spec->pds[i].tcb));
    }
    bench_call(SYS_RESET_UTIL, seL4_CapInitThreadTCB);
    bench_call(SYS_RESET_LOG, 0);
    set_priority(0); /* returns once nothing of a higher priority can run */
    report(b);
    set_priority(seL4_MaxPrio);
}

#else

void profile_run(struct boot *b)
{
    (void)b;
}

#endif
