/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Page tables for the jump into the kernel (4 KiB granule, 48-bit VA,
 * lookup from level 0, 2 MiB blocks):
 *
 *   - identity map of the loader image (normal memory: the loader keeps
 *     running from it once the MMU is on),
 *   - identity map of the 2 MiB block holding the UART (device memory),
 *   - the kernel window kernel_vbase..+kernel_vsize -> kernel_pbase, normal
 *     write-back memory, inner shareable.
 *
 * The memory attribute indexes are those seL4's page tables use (it never
 * writes MAIR itself), and TCR_EL2 is exactly the value seL4 checks for at
 * boot when it runs as a hypervisor.
 */
#include "loader.h"

#define BLOCK_2M    0x200000ull
#define ENTRIES     512
#define MAX_TABLES  8
#define DESC_VALID  1ull
#define DESC_TABLE  3ull
#define DESC_ADDR   0x0000fffffffff000ull
#define ATTR_IDX(i) ((uint64_t)(i) << 2)
#define ATTR_SH_IN  (3ull << 8)
#define ATTR_AF     (1ull << 10)
#define ATTR_PXN    (1ull << 53)
#define ATTR_XN     (1ull << 54) /* UXN at EL1, XN at EL2 */

/* MAIR indexes as seL4 numbers them. */
#define MT_DEVICE_nGnRnE 0
#define MT_NORMAL        4
#define MAIR_VALUE                                                                                 \
    ((0x00ull << 0) | (0x04ull << 8) | (0x0cull << 16) | (0x44ull << 24) | (0xffull << 32) |       \
     (0xaaull << 40))

#ifndef BOARD_PA_BITS
#define BOARD_PA_BITS 40
#endif
/* TCR PS/IPS encoding: 2 = 40 bits (1 TiB), 4 = 44 bits (16 TiB). */
#define PA_ENCODING (BOARD_PA_BITS == 44 ? 4ull : 2ull)

/* seL4's TCR_EL2_DEFAULT: T0SZ 16, WB-WA walks, inner shareable, 4K, PS, RES1. */
#define TCR_EL2_VALUE                                                                              \
    (16ull | (1ull << 8) | (1ull << 10) | (3ull << 12) | (PA_ENCODING << 16) | (1ull << 23) |      \
     (1ull << 31))
/* Both halves at EL1: T0SZ = T1SZ = 16, WB-WA walks, inner shareable, 4K granules. */
#define TCR_EL1_VALUE                                                                              \
    (16ull | (1ull << 8) | (1ull << 10) | (3ull << 12) | (16ull << 16) | (1ull << 24) |            \
     (1ull << 26) | (3ull << 28) | (2ull << 30) | (PA_ENCODING << 32))

static uint64_t tables[MAX_TABLES][ENTRIES] __attribute__((aligned(4096)));
static unsigned tables_used;
static uint64_t *root_lower;
static uint64_t *root_upper;

static uint64_t *table_alloc(void)
{
    if (tables_used == MAX_TABLES) {
        log_error("out of page tables (%d): kernel window too large or scattered", MAX_TABLES);
        halt();
    }
    return tables[tables_used++];
}

static uint64_t *table_next(uint64_t *entry)
{
    if (!(*entry & DESC_VALID)) {
        *entry = (uintptr_t)table_alloc() | DESC_TABLE;
    }
    return (uint64_t *)(uintptr_t)(*entry & DESC_ADDR);
}

static void map_block(uint64_t *root, uint64_t va, uint64_t pa, uint64_t attrs)
{
    uint64_t *l1 = table_next(&root[(va >> 39) & (ENTRIES - 1)]);
    uint64_t *l2 = table_next(&l1[(va >> 30) & (ENTRIES - 1)]);
    uint64_t *e = &l2[(va >> 21) & (ENTRIES - 1)];
    uint64_t desc = (pa & DESC_ADDR) | attrs | DESC_VALID;
    if ((*e & DESC_VALID) && *e != desc) {
        log_error("mapping conflict at virtual 0x%lx", (unsigned long)va);
        halt();
    }
    *e = desc;
}

static void map_range(uint64_t *root, uint64_t va, uint64_t pa, uint64_t size, uint64_t attrs)
{
    for (uint64_t off = 0; off < size; off += BLOCK_2M) {
        map_block(root, va + off, pa + off, attrs);
    }
}

/*
 * image_verify() has checked the window (2 MiB aligned, inside the lower or
 * upper 48-bit range, the lower one for a hypervisor kernel, which is the
 * only one running at EL2 here).
 */
static void map_kernel_window(const struct sdk_image_header *h, uint64_t normal)
{
    int upper = (h->kernel_vbase >> 63) != 0;
    if (upper && !root_upper) {
        log_error("kernel window 0x%lx is in the upper half, which EL2 cannot map",
                  (unsigned long)h->kernel_vbase);
        halt();
    }
    map_range(upper ? root_upper : root_lower, h->kernel_vbase, h->kernel_pbase, h->kernel_vsize,
              normal);
}

/* The blocks of a spin table's release addresses (smp.c writes them), as device memory. */
static void map_spin_table(uint64_t device)
{
#ifdef BOARD_SPIN_TABLE
    static const uint64_t release[] = {BOARD_SPIN_TABLE};
    for (unsigned i = 0; i < sizeof(release) / sizeof(release[0]); i++) {
        uint64_t block = release[i] & ~(BLOCK_2M - 1);
        map_block(root_lower, block, block, device);
    }
#else
    (void)device;
#endif
}

void mmu_build(const struct sdk_image_header *h, unsigned el, uintptr_t uart_base)
{
    uint64_t normal = ATTR_IDX(MT_NORMAL) | ATTR_SH_IN | ATTR_AF;
    uint64_t device = ATTR_IDX(MT_DEVICE_nGnRnE) | ATTR_AF | ATTR_XN | (el == 1 ? ATTR_PXN : 0);
    root_lower = table_alloc();
    root_upper = el == 1 ? table_alloc() : NULL;

    uint64_t start = (uintptr_t)_loader_start & ~(BLOCK_2M - 1);
    uint64_t end = (image_end(h) + BLOCK_2M - 1) & ~(BLOCK_2M - 1);
    map_range(root_lower, start, start, end - start, normal);
    map_block(root_lower, uart_base & ~(BLOCK_2M - 1), uart_base & ~(BLOCK_2M - 1), device);
    map_kernel_window(h, normal);
    map_spin_table(device);
    log_info("page tables: %u tables, kernel window 0x%lx..0x%lx -> 0x%lx", tables_used,
             (unsigned long)h->kernel_vbase, (unsigned long)(h->kernel_vbase + h->kernel_vsize),
             (unsigned long)h->kernel_pbase);
}

/*
 * A secondary core (smp.c): the primary's tables, no cache invalidation (a
 * core started by PSCI comes up with clean caches, and a set/way
 * invalidate would reach the shared levels the primary now uses).
 */
void mmu_start_secondary(unsigned el)
{
    if (el == 2) {
        mmu_enable_el2(MAIR_VALUE, TCR_EL2_VALUE, (uintptr_t)root_lower);
    } else {
        mmu_enable_el1(MAIR_VALUE, TCR_EL1_VALUE, (uintptr_t)root_lower, (uintptr_t)root_upper);
    }
}

void mmu_start(unsigned el)
{
    /* Tables and copied regions went to memory with the caches off: drop stale lines. */
    dcache_invalidate_all();
    icache_invalidate_all();
    if (el == 2) {
        mmu_enable_el2(MAIR_VALUE, TCR_EL2_VALUE, (uintptr_t)root_lower);
    } else {
        mmu_enable_el1(MAIR_VALUE, TCR_EL1_VALUE, (uintptr_t)root_lower, (uintptr_t)root_upper);
    }
}
