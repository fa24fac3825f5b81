/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Stage 3: every VSpace gets an ASID from the root task's pool, then the
 * maps run in table order: page tables (upper levels first), then frames.
 * A frame is mapped through a fresh copy of its cap, because one frame cap
 * holds one mapping and a frame may be mapped in several places.
 */
#include "boot.h"
#include "print.h"
#ifdef CONFIG_ARCH_RISCV
#include "riscv64/mon_arch.h"
#define seL4_ARM_ASIDPool_Assign(pool, vspace)      mon_asid_assign(vspace)
#define seL4_ARM_Page_Map(f, vs, va, rights, attrs) mon_page_map(f, vs, va, rights, attrs)
#define seL4_ARM_PageTable_Map(pt, vs, va, attrs)   mon_page_table_map(pt, vs, va, attrs)
#endif

static int assign_asids(struct boot *b)
{
    const struct bs_spec *s = b->spec;
    for (uint32_t i = 0; i < s->hdr->num_objects; i++) {
        if (s->objects[i].type != BS_OBJ_VSPACE) {
            continue;
        }
        seL4_Error err = seL4_ARM_ASIDPool_Assign(seL4_CapInitThreadASIDPool, boot_cap(b, i));
        if (boot_check(b, err, "assigning an asid to", i) != 0) {
            return -1;
        }
    }
    return 0;
}

static int map_frame(struct boot *b, const struct bs_map *m)
{
    seL4_CPtr copy = boot_new_slot(b);
    if (copy == 0) {
        return -1;
    }
    seL4_Error err = seL4_CNode_Copy(boot_root(b), copy, seL4_WordBits, boot_root(b),
                                     boot_cap(b, m->obj), seL4_WordBits, seL4_AllRights);
    if (boot_check(b, err, "copying the cap of", m->obj) != 0) {
        return -1;
    }
    seL4_CapRights_t rights = {{m->rights & (BS_RIGHT_READ | BS_RIGHT_WRITE)}};
    err = seL4_ARM_Page_Map(copy, boot_cap(b, m->vspace), m->vaddr, rights, m->attrs);
    return boot_check(b, err, "mapping", m->obj);
}

int boot_vspaces(struct boot *b)
{
    const struct bs_spec *s = b->spec;
    if (assign_asids(b) != 0) {
        return -1;
    }
    for (uint32_t i = 0; i < s->hdr->num_maps; i++) {
        const struct bs_map *m = &s->maps[i];
        if (m->kind == BS_MAP_PAGE_TABLE) {
            seL4_Error err = seL4_ARM_PageTable_Map(boot_cap(b, m->obj), boot_cap(b, m->vspace),
                                                    m->vaddr, m->attrs);
            if (boot_check(b, err, "mapping", m->obj) != 0) {
                return -1;
            }
        } else if (map_frame(b, m) != 0) {
            return -1;
        }
    }
    return 0;
}
