/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The monitor's RISC-V 64 specifics, included by the stage files in place
 * of their seL4_ARM_* calls (on AArch64 they call those directly):
 * paging object types and invocations. RISC-V page table entries carry no
 * cacheability (the platform's PMAs decide), so BS_ATTR_CACHEABLE has no
 * counterpart; BS_ATTR_EXECUTE_NEVER is seL4_RISCV_ExecuteNever.
 */
#ifndef MONITOR_RISCV64_MON_ARCH_H
#define MONITOR_RISCV64_MON_ARCH_H

#include <sdk/bootspec.h>
#include <sel4/sel4.h>

#define MON_PAGE_TABLE_OBJECT seL4_RISCV_PageTableObject
#define MON_VSPACE_OBJECT     seL4_RISCV_PageTableObject

/* The frame object type for a page of 2^size_bits bytes. */
static inline seL4_Word mon_frame_type(unsigned size_bits)
{
    return size_bits == seL4_PageBits        ? seL4_RISCV_4K_Page
           : size_bits == seL4_LargePageBits ? seL4_RISCV_Mega_Page
                                             : seL4_RISCV_Giga_Page;
}

static inline seL4_RISCV_VMAttributes mon_attrs(unsigned bs_attrs)
{
    return (bs_attrs & BS_ATTR_EXECUTE_NEVER) ? seL4_RISCV_ExecuteNever
                                              : seL4_RISCV_Default_VMAttributes;
}

static inline seL4_Error mon_asid_assign(seL4_CPtr vspace)
{
    return seL4_RISCV_ASIDPool_Assign(seL4_CapInitThreadASIDPool, vspace);
}

static inline seL4_Error mon_page_table_map(seL4_CPtr pt, seL4_CPtr vspace, seL4_Word vaddr,
                                            unsigned bs_attrs)
{
    return seL4_RISCV_PageTable_Map(pt, vspace, vaddr, mon_attrs(bs_attrs));
}

static inline seL4_Error mon_page_map(seL4_CPtr frame, seL4_CPtr vspace, seL4_Word vaddr,
                                      seL4_CapRights_t rights, unsigned bs_attrs)
{
    return seL4_RISCV_Page_Map(frame, vspace, vaddr, rights, mon_attrs(bs_attrs));
}

static inline seL4_Error mon_page_unmap(seL4_CPtr frame)
{
    return seL4_RISCV_Page_Unmap(frame);
}

/* TCB_WriteRegisters count that covers pc and sp (pc, ra, sp on RISC-V). */
#define MON_ENTRY_REGS 3

/* The time CSR, which user level may read under seL4 and OpenSBI, at the board's time base. */
static inline uint64_t mon_counter(void)
{
    uint64_t v;
    __asm__ volatile("rdtime %0" : "=r"(v));
    return v;
}

static inline uint64_t mon_counter_hz(void)
{
    return CONFIG_TIMER_FREQUENCY;
}

#endif /* MONITOR_RISCV64_MON_ARCH_H */
