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

#include <sel4/sel4.h>

#include "monitor_abi.h"
#include "boot.h"
#include "fault.h"
#include "print.h"
#include "spec.h"

seL4_IPCBuffer *__sel4_ipc_buffer;

/* Patched by the tool; in a PROGBITS section so the bytes exist in the file. */
__attribute__((section(MONITOR_SPEC_SECTION), used)) uint64_t monitor_spec_vaddr = 0;
__attribute__((section(MONITOR_SPEC_SECTION), used)) uint64_t monitor_spec_size = 0;

static struct spec spec;
static struct boot boot;

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
    __sel4_ipc_buffer = bi->ipcBuffer;
    mon_info("monitor starting\n");
    if (monitor_spec_size == 0) {
        mon_error("no boot spec (monitor.elf was not patched by the tool)\n");
        stop();
    }
    if (spec_open(&spec, (const void *)(uintptr_t)monitor_spec_vaddr, monitor_spec_size, &why) !=
        0) {
        mon_error("boot spec rejected: ");
        mon_puts(why);
        mon_puts("\n");
        stop();
    }
    if (boot_run(&boot, &spec, bi, (void *)(uintptr_t)MONITOR_SCRATCH_VADDR) != 0) {
        stop();
    }
    fault_loop(&boot);
}
