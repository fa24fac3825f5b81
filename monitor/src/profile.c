/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdint.h>

#include <sdk/monitor_abi.h>
#include <sel4/sel4.h>

#include "bench.h"
#include "boot.h"
#include "prof_out.h"
#include "profile.h"
#include "sample.h"

/* Patched by the tool (--profile): the PL011's physical address; 0: off. */
__attribute__((section(MONITOR_SPEC_SECTION), used)) uint64_t monitor_profile_uart = 0;

#ifdef MONITOR_HAVE_PROFILE

static void report_pd(const struct boot *b, uint32_t i, uint64_t total)
{
    const struct bs_pd *p = &b->spec->pds[i];
    bench_call(SYS_GET_UTIL, boot_cap(b, p->tcb));
    const seL4_Word *mr = __sel4_ipc_buffer->msg;
    prof_puts("PROF|pd ");
    prof_puts(bs_str(b->spec, p->name));
    prof_puts(": ");
    prof_putu(mr[U_TCB]);
    prof_puts(" cycles (");
    prof_putpct(mr[U_TCB], total);
    prof_puts("), ");
    prof_putu(mr[U_SCHEDULES]);
    prof_puts(" times scheduled\n");
}

static void report(const struct boot *b)
{
    bench_call(SYS_FINALIZE_LOG, 0);
    bench_call(SYS_GET_UTIL, seL4_CapInitThreadTCB);
    const seL4_Word *mr = __sel4_ipc_buffer->msg;
    uint64_t total = mr[U_TOTAL], mon = mr[U_TCB];
    prof_puts("PROF|the system is idle: per-PD utilisation since the PDs started\n");
    prof_puts("PROF|total: ");
    prof_putu(total);
    prof_puts(" cycles\n");
    for (uint32_t i = 0; i < b->spec->hdr->num_pds; i++) {
        report_pd(b, i, total);
    }
    prof_puts("PROF|monitor: ");
    prof_putu(mon);
    prof_puts(" cycles (");
    prof_putpct(mon, total);
    prof_puts(")\n");
}

void profile_run(struct boot *b)
{
    if (!monitor_profile_uart || prof_out_map(b, monitor_profile_uart)) {
        return;
    }
    for (uint32_t i = 0; i < b->spec->hdr->num_pds; i++) {
        bench_call(SYS_RESET_UTIL, boot_cap(b, b->spec->pds[i].tcb));
    }
    bench_call(SYS_RESET_UTIL, seL4_CapInitThreadTCB);
    bench_call(SYS_RESET_LOG, 0);
    sample_run(b); /* returns once the system is idle */
    report(b);
    sample_report(b);
    prof_puts("PROF|end of profile\n");
    sample_end(b);
}

#else

void profile_run(struct boot *b)
{
    (void)b;
}

#endif
