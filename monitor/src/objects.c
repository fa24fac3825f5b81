/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Stage 1: create every object of the spec, in table order, into the
 * monitor's system CNode from its slot 0 on (cspace.c made it).
 */
#include "boot.h"
#include "print.h"
#ifdef CONFIG_ARCH_RISCV
#include "riscv64/mon_arch.h"
#endif

int boot_kobj(const struct bs_object *o, struct kobj *k)
{
    static const struct {
        seL4_Word type;
        unsigned bits;
    } fixed[] = {
        [BS_OBJ_TCB] = {seL4_TCBObject, seL4_TCBBits},
        [BS_OBJ_ENDPOINT] = {seL4_EndpointObject, seL4_EndpointBits},
        [BS_OBJ_NOTIFICATION] = {seL4_NotificationObject, seL4_NotificationBits},
        [BS_OBJ_REPLY] = {seL4_ReplyObject, seL4_ReplyBits},
#ifdef CONFIG_ARCH_RISCV
        [BS_OBJ_VSPACE] = {MON_VSPACE_OBJECT, seL4_VSpaceBits},
        [BS_OBJ_PAGE_TABLE] = {MON_PAGE_TABLE_OBJECT, seL4_PageTableBits},
#else
        [BS_OBJ_VSPACE] = {seL4_ARM_VSpaceObject, seL4_VSpaceBits},
        [BS_OBJ_PAGE_TABLE] = {seL4_ARM_PageTableObject, seL4_PageTableBits},
        [BS_OBJ_VCPU] = {seL4_ARM_VCPUObject, seL4_VCPUBits},
#endif
    };
    k->size_arg = 0;
    switch (o->type) {
    case BS_OBJ_CNODE:
        k->type = seL4_CapTableObject;
        k->size_arg = o->size_bits;
        k->mem_bits = o->size_bits + seL4_SlotBits;
        return 0;
    case BS_OBJ_SCHED_CONTEXT:
        k->type = seL4_SchedContextObject;
        k->size_arg = o->size_bits;
        k->mem_bits = o->size_bits;
        return 0;
    case BS_OBJ_FRAME:
#ifdef CONFIG_ARCH_RISCV
        k->type = mon_frame_type(o->size_bits);
#else
        k->type = o->size_bits == seL4_PageBits        ? seL4_ARM_SmallPageObject
                  : o->size_bits == seL4_LargePageBits ? seL4_ARM_LargePageObject
                                                       : seL4_ARM_HugePageObject;
#endif
        k->mem_bits = o->size_bits;
        return 0;
    default:
        if (o->type >= sizeof(fixed) / sizeof(fixed[0]) || fixed[o->type].bits == 0) {
            return -1;
        }
        k->type = fixed[o->type].type;
        k->mem_bits = fixed[o->type].bits;
        return 0;
    }
}

int boot_objects(struct boot *b)
{
    const struct bs_spec *s = b->spec;
    uint32_t n = s->hdr->num_objects;
    for (uint32_t i = 0; i < n; i++) {
        const struct bs_object *o = &s->objects[i];
        struct kobj k;
        if (boot_kobj(o, &k) != 0) {
            mon_error("object '");
            mon_puts(bs_object_name(s, i));
            mon_puts("' has an unknown type\n");
            return -1;
        }
        if (alloc_object(&b->alloc, &k, o->paddr, o->flags & BS_OBJ_FLAG_DEVICE, boot_cap(b, i),
                         bs_object_name(s, i)) != 0) {
            return -1;
        }
    }
    return alloc_flush(&b->alloc);
}
