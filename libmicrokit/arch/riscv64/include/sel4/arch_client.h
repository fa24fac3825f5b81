/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The RISC-V 64 invocations of seL4 16.0.0 the SDK uses, included by
 * sel4/client.h instead of its ARM ones; marshalled as libsel4's generated
 * sel4_client.h does (same message registers as the ARM calls, without the
 * cacheability attribute, which RISC-V page table entries do not have).
 */
#ifndef SEL4_ARCH_CLIENT_H
#define SEL4_ARCH_CLIENT_H

static inline seL4_Error seL4_RISCV_Page_Map(seL4_RISCV_Page service, seL4_CPtr vspace,
                                             seL4_Word vaddr, seL4_CapRights_t rights,
                                             seL4_RISCV_VMAttributes attr)
{
    seL4_Word mr[4] = {vaddr, rights.words[0], attr, 0};
    seL4_SetCap(0, vspace);
    return sel4_client_invoke(service, RISCVPageMap, 1, 3, mr);
}

static inline seL4_Error seL4_RISCV_Page_Unmap(seL4_RISCV_Page service)
{
    seL4_Word mr[4] = {0, 0, 0, 0};
    return sel4_client_invoke(service, RISCVPageUnmap, 0, 0, mr);
}

static inline seL4_Error seL4_RISCV_PageTable_Map(seL4_RISCV_PageTable service, seL4_CPtr vspace,
                                                  seL4_Word vaddr, seL4_RISCV_VMAttributes attr)
{
    seL4_Word mr[4] = {vaddr, attr, 0, 0};
    seL4_SetCap(0, vspace);
    return sel4_client_invoke(service, RISCVPageTableMap, 1, 2, mr);
}

static inline seL4_Error seL4_RISCV_ASIDPool_Assign(seL4_RISCV_ASIDPool service, seL4_CPtr vspace)
{
    seL4_Word mr[4] = {0, 0, 0, 0};
    seL4_SetCap(0, vspace);
    return sel4_client_invoke(service, RISCVASIDPoolAssign, 1, 0, mr);
}

#endif /* SEL4_ARCH_CLIENT_H */
