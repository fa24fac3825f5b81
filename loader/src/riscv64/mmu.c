/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Sv39 page tables for the jump into seL4 on RISC-V 64: the loader and the
 * UART identity-mapped with 1 GiB pages (gigapages), the kernel window
 * kernel_vbase..+kernel_vsize -> kernel_pbase with 2 MiB pages
 * (megapages), as seL4's elfloader does. seL4 builds its own tables at boot
 * and only needs to find itself mapped where it was linked.
 */
#include "loader.h"
#include "riscv64/riscv.h"

#define ENTRIES   512
#define PTE_V     (1ull << 0)
#define PTE_R     (1ull << 1)
#define PTE_W     (1ull << 2)
#define PTE_X     (1ull << 3)
#define PTE_A     (1ull << 6)
#define PTE_D     (1ull << 7)
#define PTE_LEAF  (PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)
#define GIB       (1ull << 30)
#define MIB2      (1ull << 21)
#define SATP_SV39 (8ull << 60)

static uint64_t root[ENTRIES] __attribute__((aligned(4096)));
static uint64_t kernel_l2[ENTRIES] __attribute__((aligned(4096)));

static uint64_t pte_for(uint64_t paddr)
{
    return (paddr >> 12) << 10;
}

static unsigned vpn(uint64_t vaddr, unsigned level)
{
    return (unsigned)((vaddr >> (12 + 9 * level)) & (ENTRIES - 1));
}

/* The 1 GiB around `paddr`, identity-mapped (leaf in the root table). */
static void identity_gib(uint64_t paddr)
{
    uint64_t base = paddr & ~(GIB - 1);
    root[vpn(base, 2)] = pte_for(base) | PTE_LEAF;
}

int mmu_build_sv39(const struct sdk_image_header *h, uintptr_t uart_base)
{
    uint64_t v = h->kernel_vbase, p = h->kernel_pbase, end = h->kernel_vbase + h->kernel_vsize;
    if ((v & (MIB2 - 1)) || (p & (MIB2 - 1)) || vpn(v, 2) != vpn(end - 1, 2)) {
        log_error("kernel window 0x%lx+0x%lx must be 2 MiB aligned and inside one 1 GiB entry",
                  (unsigned long)v, (unsigned long)h->kernel_vsize);
        return -1;
    }
    identity_gib((uintptr_t)_loader_start);
    identity_gib(uart_base);
    root[vpn(v, 2)] = pte_for((uintptr_t)kernel_l2) | PTE_V;
    for (; v < end; v += MIB2, p += MIB2) {
        kernel_l2[vpn(v, 1)] = pte_for(p) | PTE_LEAF;
    }
    return 0;
}

void mmu_start_sv39(void)
{
    uint64_t satp = SATP_SV39 | ((uintptr_t)root >> 12);
    __asm__ volatile("sfence.vma\n\tcsrw satp, %0\n\tsfence.vma" : : "r"(satp) : "memory");
}
