/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The other harts for an SMP kernel (the smp- configurations) on RISC-V 64.
 * seL4 (src/arch/riscv/head.S, init_kernel) expects the loader to enter the
 * kernel on every hart it was built for (KernelMaxNumNodes), with the same
 * boot arguments in a0..a5, the hart id in a6 and the logical core id in
 * a7, and the MMU on with the same kernel window: core 0 boots the kernel,
 * the others wait in try_init_kernel_secondary_core until it releases them.
 * It does not start harts itself.
 *
 * OpenSBI enters the loader on one hart, which it may pick among all of
 * them (the first to get through its boot lottery): that hart is core 0.
 * The others wait in OpenSBI until started with the SBI HSM extension's
 * hart_start (SBI 2.0, chapter 9: EID 0x48534D, FID 0; a0 = hart id,
 * a1 = physical start address, a2 = opaque; the hart starts in S-mode at
 * that address with satp = 0, interrupts off, a0 = its hart id, a1 =
 * opaque). Cores 1..N-1 are the harts FIRST_HART_ID, FIRST_HART_ID+1, ...
 * without the boot hart, and the opaque value is the core's number.
 *
 * The boot hart, once its MMU is on, starts them one at a time and waits
 * until each has its MMU on before starting the next, so that only the boot
 * hart prints. RISC-V caches are coherent between harts, so a fence before
 * hart_start is enough for the new hart to see the page tables and the
 * copied kernel; it runs fence.i itself before entering the kernel.
 *
 * In a single-core configuration nothing here runs: the other harts stay in
 * OpenSBI.
 */
#include <kernel/gen_config.h>

#include "loader.h"
#include "riscv64/riscv.h"

#define SBI_EXT_BASE             0x10
#define SBI_BASE_PROBE_EXTENSION 3
#define SBI_EXT_HSM              0x48534d
#define SBI_HSM_HART_START       0
#define HART_WAIT_ROUNDS         200000000ull
#define HART_STACK_SIZE          4096 /* as hart_entry.S */

#ifdef CONFIG_ENABLE_SMP_SUPPORT
#define HART_CORES CONFIG_MAX_NUM_NODES
#else
#define HART_CORES 1
#endif

#ifndef CONFIG_FIRST_HART_ID
#define CONFIG_FIRST_HART_ID 0
#endif

/* Stacks of cores 1..HART_CORES-1 (index = core - 1), HART_STACK_SIZE each (hart_entry.S). */
uint8_t hart_stacks[HART_CORES > 1 ? HART_CORES - 1 : 1][HART_CORES > 1 ? HART_STACK_SIZE : 16]
    __attribute__((aligned(16))); /* a single-core loader keeps 16 unused bytes */

static volatile uint32_t core_up[HART_CORES];

struct sbi_ret {
    long error;
    long value;
};

static struct sbi_ret sbi_call(long eid, long fid, long arg0, long arg1, long arg2)
{
    register long a0 __asm__("a0") = arg0;
    register long a1 __asm__("a1") = arg1;
    register long a2 __asm__("a2") = arg2;
    register long a6 __asm__("a6") = fid;
    register long a7 __asm__("a7") = eid;
    __asm__ volatile("ecall" : "+r"(a0), "+r"(a1) : "r"(a2), "r"(a6), "r"(a7) : "memory");
    return (struct sbi_ret){a0, a1};
}

static int have_hsm(void)
{
    struct sbi_ret r = sbi_call(SBI_EXT_BASE, SBI_BASE_PROBE_EXTENSION, SBI_EXT_HSM, 0, 0);
    return r.error == 0 && r.value != 0;
}

/*
 * The hart of logical core `core` (1..): the core-th hart from FIRST_HART_ID,
 * the boot hart skipped when it is one of them (boot_hart + 1 > first is
 * boot_hart >= first without a warning when first is 0).
 */
static uint64_t hart_of_core(uint64_t boot_hart, unsigned core)
{
    uint64_t first = CONFIG_FIRST_HART_ID;
    uint64_t hart = first + core - 1;
    if (boot_hart + 1 > first && hart >= boot_hart) {
        hart++;
    }
    return hart;
}

static void wait_up(unsigned core, uint64_t hart)
{
    for (uint64_t i = 0; i < HART_WAIT_ROUNDS; i++) {
        if (__atomic_load_n(&core_up[core], __ATOMIC_ACQUIRE)) {
            log_info("core %u started on hart %lu", core, (unsigned long)hart);
            return;
        }
    }
    log_error("core %u (hart %lu) did not start", core, (unsigned long)hart);
    halt();
}

static void start_core(uint64_t boot_hart, unsigned core)
{
    uint64_t hart = hart_of_core(boot_hart, core);
    __asm__ volatile("fence rw, rw" ::: "memory");
    struct sbi_ret r = sbi_call(SBI_EXT_HSM, SBI_HSM_HART_START, (long)hart,
                                (long)(uintptr_t)hart_secondary_entry, (long)core);
    if (r.error != 0) {
        log_error("SBI hart_start of hart %lu (core %u) failed: %ld (does the machine have %u "
                  "harts? QEMU needs -smp %u)",
                  (unsigned long)hart, core, r.error, (unsigned)HART_CORES, (unsigned)HART_CORES);
        halt();
    }
    wait_up(core, hart);
}

void harts_boot(uint64_t boot_hart)
{
    if (HART_CORES == 1) {
        return;
    }
    if (!have_hsm()) {
        log_error("the SBI has no HSM extension: cannot start the other %u harts",
                  (unsigned)HART_CORES - 1);
        halt();
    }
    log_info("starting %u secondary harts (SBI HSM hart_start)", (unsigned)HART_CORES - 1);
    for (unsigned core = 1; core < HART_CORES; core++) {
        start_core(boot_hart, core);
    }
}

void riscv_enter_kernel(const struct sdk_image_header *h, uint64_t hart_id, uint64_t core)
{
    riscv_kernel_entry_fn entry = (riscv_kernel_entry_fn)(uintptr_t)h->kernel_entry;
    /* This hart's instruction stream must see the kernel image the boot hart copied. */
    __asm__ volatile("fence.i" ::: "memory");
    entry(h->ui_p_reg_start, h->ui_p_reg_end, h->pv_offset, h->v_entry, h->dtb_paddr, h->dtb_size,
          hart_id, core);
    log_error("kernel returned on core %lu", (unsigned long)core);
    halt();
}

void harts_secondary_main(uint64_t hart_id, uint64_t core)
{
    const struct sdk_image_header *h = &_image_header;
    if (core == 0 || core >= HART_CORES) {
        halt();
    }
    mmu_start_sv39();
    __atomic_store_n(&core_up[core], 1, __ATOMIC_RELEASE);
    riscv_enter_kernel(h, hart_id, core);
}
