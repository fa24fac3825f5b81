/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Secondary cores for an SMP kernel (the smp- configurations). seL4 on
 * AArch64 expects the loader to start every core it was built for
 * (KernelMaxNumNodes) and to enter the kernel on each with the same boot
 * arguments, the MMU on with the same kernel window, and the core's logical
 * number in TPIDR_EL1 (its head.S picks the core's kernel stack from it;
 * core 0 boots the kernel, the others wait in try_init_kernel_secondary_core
 * until it releases them).
 *
 * The primary core, after its own MMU is on, starts cores 1..N-1 one at a
 * time with PSCI CPU_ON (PSCI 1.x, section 5.6: target = the core's MPIDR
 * affinity, entry = a physical address, context id in x0 of the new core),
 * and waits until each has its MMU on before starting the next, so that
 * only the primary prints. The conduit is SMC, except on a CPU with
 * neither EL2 nor EL3 (QEMU virt without virtualization=on), where QEMU
 * takes PSCI calls by HVC. A PSCI-started core comes up with its caches
 * invalid (PSCI does the maintenance), so it only turns its MMU on.
 *
 * A board whose firmware parks the other cores in a spin table (the board
 * file's <cpu spin_table="...">, BOARD_SPIN_TABLE: the Raspberry Pi 4B)
 * gets them released instead: the core's number into smp_spin_core
 * (cleaned to memory, as the parked core reads with its caches off), the
 * entry address into its release address (mapped as device memory by
 * mmu.c), DSB, SEV; smp_spin_entry then joins the PSCI path.
 *
 * In a single-core configuration nothing here runs: the other cores stay
 * where the firmware keeps them (powered off, or parked by crt0.S).
 */
#include <kernel/gen_config.h>

#include "loader.h"
#include "smp.h"

#define PSCI_CPU_ON_64  0xc4000003u
#define PSCI_SUCCESS    0
#define SMP_STACK_SIZE  4096 /* as smp_entry.S */
#define SMP_WAIT_ROUNDS 200000000ull

#ifdef CONFIG_ENABLE_SMP_SUPPORT
#define SMP_CORES CONFIG_MAX_NUM_NODES
#else
#define SMP_CORES 1
#endif

/* Stacks of cores 1..SMP_CORES-1 (index = core - 1). */
uint8_t smp_stacks[SMP_CORES > 1 ? SMP_CORES - 1 : 1][SMP_CORES > 1 ? SMP_STACK_SIZE : 16]
    __attribute__((aligned(16))); /* a single-core loader keeps its size: 16 unused bytes */

static volatile uint32_t core_up[SMP_CORES];
/* The core a spin-table release is for (smp_entry.S reads it). */
volatile uint64_t smp_spin_core;

void smp_secondary_entry(void);
uint64_t psci_smc(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3);
uint64_t psci_hvc(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3);
void set_tpidr_el1(uint64_t v);
uint64_t read_id_aa64pfr0(void);

static void wait_up(unsigned core)
{
    for (uint64_t i = 0; i < SMP_WAIT_ROUNDS; i++) {
        if (__atomic_load_n(&core_up[core], __ATOMIC_ACQUIRE)) {
            log_info("core %u started", core);
            return;
        }
    }
    log_error("core %u did not start", core);
    halt();
}

#ifdef BOARD_SPIN_TABLE
void smp_spin_entry(void);
static const uint64_t release_addr[] = {BOARD_SPIN_TABLE};

static void start_core(unsigned core)
{
    if (core >= sizeof(release_addr) / sizeof(release_addr[0])) {
        log_error("core %u has no spin table release address", core);
        halt();
    }
    smp_spin_core = core;
    __asm__ volatile("dc civac, %0\n\tdsb sy" ::"r"(&smp_spin_core) : "memory");
    *(volatile uint64_t *)(uintptr_t)release_addr[core] = (uintptr_t)smp_spin_entry;
    __asm__ volatile("dsb sy\n\tsev" ::: "memory");
    wait_up(core);
}

static const char *start_method(void)
{
    return "spin table";
}
#else
/* ID_AA64PFR0_EL1.EL2 (bits 11:8) and .EL3 (15:12): 0 when not implemented. */
static int use_hvc(void)
{
    uint64_t pfr0 = read_id_aa64pfr0();
    return current_el() == 1 && ((pfr0 >> 8) & 0xf) == 0 && ((pfr0 >> 12) & 0xf) == 0;
}

/*
 * The PSCI target of logical core `core`: its MPIDR affinity fields. QEMU
 * virt and the boards here number their cores 0..N-1 in Aff0.
 */
static uint64_t psci_target(unsigned core)
{
    return core;
}

static const char *start_method(void)
{
    return use_hvc() ? "PSCI CPU_ON by HVC" : "PSCI CPU_ON by SMC";
}

static void start_core(unsigned core)
{
    uint64_t entry = (uintptr_t)smp_secondary_entry;
    uint64_t ret = use_hvc() ? psci_hvc(PSCI_CPU_ON_64, psci_target(core), entry, core)
                             : psci_smc(PSCI_CPU_ON_64, psci_target(core), entry, core);
    if ((int64_t)ret != PSCI_SUCCESS) {
        log_error("PSCI CPU_ON of core %u failed: %ld", core, (long)(int64_t)ret);
        halt();
    }
    wait_up(core);
}
#endif

void smp_boot(void)
{
    set_tpidr_el1(0);
    if (SMP_CORES == 1) {
        return;
    }
    log_info("starting %u secondary cores (%s)", SMP_CORES - 1, start_method());
    for (unsigned core = 1; core < SMP_CORES; core++) {
        start_core(core);
    }
}

/* The exception level set-up main() did on the primary, for this core's registers. */
static void secondary_el(const struct sdk_image_header *h)
{
    if (h->flags & SDK_IMAGE_FLAG_HYP) {
        el2_setup_hyp();
    } else if (current_el() == 2) {
        el2_to_el1();
        set_vbar();
    }
}

void smp_secondary_main(uint64_t core);

void smp_secondary_main(uint64_t core)
{
    const struct sdk_image_header *h = &_image_header;
    if (core == 0 || core >= SMP_CORES) {
        halt();
    }
    if (current_el() >= 2) {
        gic_init_cpu();
    }
    secondary_el(h);
    mmu_start_secondary(current_el());
    set_tpidr_el1(core);
    __atomic_store_n(&core_up[core], 1, __ATOMIC_RELEASE);
    kernel_entry_fn entry = (kernel_entry_fn)(uintptr_t)h->kernel_entry;
    entry(h->ui_p_reg_start, h->ui_p_reg_end, h->pv_offset, h->v_entry, h->dtb_paddr, h->dtb_size);
    halt();
}
