/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Stage 3: every VSpace gets an ASID from the root task's pool, then the
 * maps run in table order: page tables (upper levels first), then frames.
 * One frame cap holds one mapping: a frame mapped in several places is
 * mapped through a fresh copy of its cap each time, a frame mapped once
 * through its own cap (the fills have unmapped it again; copies made from
 * it later, for PD CNodes and IPC buffers, are unmapped copies). That saves
 * a CNode_Copy per page of a large region.
 */
#include "boot.h"
#include "print.h"

/* Per object, two bits: 0, 1 or more (2) frame mappings in the spec. */
#define MAX_COUNTED (1u << 17)
static uint8_t mapped[MAX_COUNTED / 4];

static unsigned maps_of(uint32_t obj)
{
    if (obj >= MAX_COUNTED) {
        return 2; /* not counted: a copy, which is always correct */
    }
    return (mapped[obj / 4] >> (2 * (obj % 4))) & 3u;
}

static void count_maps(const struct bs_spec *s)
{
    for (uint32_t i = 0; i < sizeof(mapped); i++) {
        mapped[i] = 0;
    }
    for (uint32_t i = 0; i < s->hdr->num_maps; i++) {
        uint32_t obj = s->maps[i].obj;
        if (s->maps[i].kind != BS_MAP_FRAME || obj >= MAX_COUNTED || maps_of(obj) == 2) {
            continue;
        }
        mapped[obj / 4] += (uint8_t)(1u << (2 * (obj % 4)));
    }
}
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
    seL4_CPtr copy = boot_cap(b, m->obj);
    if (maps_of(m->obj) != 1) {
        copy = boot_new_slot(b);
        if (copy == 0) {
            return -1;
        }
        seL4_Error err = seL4_CNode_Copy(boot_root(b), copy, seL4_WordBits, boot_root(b),
                                         boot_cap(b, m->obj), seL4_WordBits, seL4_AllRights);
        if (boot_check(b, err, "copying the cap of", m->obj) != 0) {
            return -1;
        }
    }
    seL4_CapRights_t rights = {{m->rights & (BS_RIGHT_READ | BS_RIGHT_WRITE)}};
    seL4_Error err = seL4_ARM_Page_Map(copy, boot_cap(b, m->vspace), m->vaddr, rights, m->attrs);
    return boot_check(b, err, "mapping", m->obj);
}

int boot_vspaces(struct boot *b)
{
    const struct bs_spec *s = b->spec;
    if (assign_asids(b) != 0) {
        return -1;
    }
    count_maps(s);
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
