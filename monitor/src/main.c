/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The monitor, seL4's root task. Entered from crt0.S with the boot info
 * pointer the kernel passes in x0:
 *   1. take the IPC buffer from boot info;
 *   2. find and check the boot spec the tool appended (monitor_abi.h);
 *   3. execute it (boot.h: objects, fills, maps, IRQs, caps, threads, start);
 *   4. serve the fault endpoint forever (fault.h).
 * On any error it prints why and suspends itself.
 */
#include <stdint.h>

#include <sdk/bootspec_read.h>
#include <sdk/monitor_abi.h>
#include <sel4/sel4.h>

#include "boot.h"
#include "fault.h"
#include "print.h"
#include "profile.h"
#include "stats.h"

seL4_IPCBuffer *__sel4_ipc_buffer;

/* Patched by the tool; in a PROGBITS section so the bytes exist in the file. */
__attribute__((section(MONITOR_SPEC_SECTION), used)) uint64_t monitor_spec_vaddr = 0;
__attribute__((section(MONITOR_SPEC_SECTION), used)) uint64_t monitor_spec_size = 0;

static struct bs_spec spec;

#ifdef CONFIG_ARCH_RISCV
#include "riscv64/mon_arch.h"
#define counter    mon_counter
#define counter_hz mon_counter_hz
#else
/* The generic timer's count and frequency (user access is enabled for the root task). */
static uint64_t counter(void)
{
    uint64_t v;
    asm volatile("isb; mrs %0, cntpct_el0" : "=r"(v));
    return v;
}

static uint64_t counter_hz(void)
{
    uint64_t v;
    asm volatile("mrs %0, cntfrq_el0" : "=r"(v));
    return v;
}
#endif

static struct boot boot;

static void report_time(uint64_t ticks)
{
    uint64_t hz = counter_hz();
    mon_info("boot spec executed in ");
    mon_putdec(hz ? ticks * 1000000 / hz : 0);
    mon_puts(" us (");
    mon_putdec(spec.hdr->num_objects);
    mon_puts(" objects, ");
    mon_putdec(spec.hdr->data_size);
    mon_puts(" bytes of frame data)");
    stats_report(&boot, hz);
    mon_puts("\n");
}

void monitor_main(seL4_BootInfo *bi);

static void __attribute__((noreturn)) stop(void)
{
    mon_error("the monitor stops here\n");
    for (;;) {
        seL4_TCB_Suspend(seL4_CapInitThreadTCB);
    }
}

void monitor_main(seL4_BootInfo *bi)
{
    const char *why;
    uint64_t t0 = counter();
    __sel4_ipc_buffer = bi->ipcBuffer;
#ifdef CONFIG_DEBUG_BUILD
    seL4_DebugNameThread(seL4_CapInitThreadTCB, "monitor");
#endif
    mon_info("monitor starting\n");
    if (monitor_spec_size == 0) {
        mon_error("no boot spec (monitor.elf was not patched by the tool)\n");
        stop();
    }
    if (bs_open(&spec, (const void *)(uintptr_t)monitor_spec_vaddr, monitor_spec_size, &why) != 0) {
        mon_error("boot spec rejected: ");
        mon_puts(why);
        mon_puts("\n");
        stop();
    }
    boot.timer_hz = counter_hz();
#ifdef CONFIG_ARCH_RISCV
    void *scratch = (void *)(uintptr_t)MONITOR_SCRATCH_VADDR_RISCV64;
#else
    void *scratch = (void *)(uintptr_t)MONITOR_SCRATCH_VADDR;
#endif
    if (boot_run(&boot, &spec, bi, scratch) != 0) {
        stop();
    }
    /*
     * PDs run below the monitor's priority: this prints before any of them,
     * unless a domain schedule runs, which lets the monitor run only in
     * domain 0's slices.
     */
    report_time(counter() - t0);
    profile_run(&boot);
    fault_loop(&boot);
}
