/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "util.h"

#define L0_SPAN  (1ull << 39) /* what one level-1 table maps */
#define GIB      (1ull << 30)
#define MIB2     (1ull << 21)
#define KIB4     (1ull << 12)
#define USER_TOP (1ull << 40)
#define SC_BITS  8
#define PT_ATTRS (BS_ATTR_CACHEABLE | BS_ATTR_PARITY)

uint32_t strtab_add(struct strtab *t, const char *s)
{
    size_t n = strlen(s) + 1;
    vec_grow((void **)&t->buf, &t->cap, t->len + n, 1);
    memcpy(t->buf + t->len, s, n);
    uint32_t off = (uint32_t)t->len;
    t->len += n;
    return off;
}

uint32_t strtab_addf(struct strtab *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = xvasprintf(fmt, ap);
    va_end(ap);
    uint32_t off = strtab_add(t, s);
    free(s);
    return off;
}

const char *lay_type_name(unsigned type)
{
    static const char *const names[] = {"?",          "TCB",   "endpoint", "notification",
                                        "CNode",      "SC",    "reply",    "VSpace",
                                        "page table", "frame", "vCPU"};
    return type < sizeof(names) / sizeof(names[0]) ? names[type] : "?";
}

struct map_vec {
    struct bs_map *items;
    size_t count;
    size_t cap;
};

/* Everything the builder functions share. */
struct ctx {
    const struct layout_input *in;
    const struct system *sys;
    struct layout *lay;
    struct diag *d;
    VEC(uint64_t) l0, gib, mib; /* page-table spans of the VSpace being built */
    bool level0; /* PD VSpaces start at level 0 (an EL1 kernel): one table per 512 GiB too */
    unsigned vspace_bits;          /* 13 for a hypervisor kernel's PD VSpace, 12 for an EL1 one */
    uint64_t stack_top, ipc_vaddr; /* SDK_PD_STACK_TOP, SDK_PD_IPC_BUFFER_VADDR (_RISCV64) */
};

static uint32_t new_object(struct ctx *c, unsigned type, unsigned size_bits, unsigned bytes_bits,
                           enum lay_use use, uint32_t name, int owner)
{
    struct lay_object *o = VEC_PUSH(c->lay->objects);
    o->paddr = BS_ANY_PADDR;
    o->plan_paddr = BS_ANY_PADDR;
    o->type = (uint8_t)type;
    o->size_bits = (uint8_t)size_bits;
    o->bytes_bits = (uint8_t)bytes_bits;
    o->use = (uint8_t)use;
    o->name = name;
    o->owner = owner;
    o->mr = -1;
    return (uint32_t)(c->lay->objects.count - 1);
}

static void add_cap(struct ctx *c, uint32_t cnode, uint32_t slot, uint32_t obj, unsigned kind,
                    uint64_t badge)
{
    struct bs_cap *k = VEC_PUSH(c->lay->caps);
    k->cnode = cnode;
    k->slot = slot;
    k->obj = obj;
    k->kind = (uint16_t)kind;
    k->rights = BS_RIGHTS_ALL;
    k->badge = badge;
}

static void note_span(struct ctx *c, uint64_t vaddr, bool small)
{
    if (!c->l0.count || c->l0.items[c->l0.count - 1] != vaddr / L0_SPAN) {
        *VEC_PUSH(c->l0) = vaddr / L0_SPAN;
    }
    if (!c->gib.count || c->gib.items[c->gib.count - 1] != vaddr / GIB) {
        *VEC_PUSH(c->gib) = vaddr / GIB;
    }
    if (small && (!c->mib.count || c->mib.items[c->mib.count - 1] != vaddr / MIB2)) {
        *VEC_PUSH(c->mib) = vaddr / MIB2;
    }
}

static void map_frame(struct ctx *c, uint32_t vspace, uint32_t frame, uint64_t vaddr,
                      unsigned perms, bool cached)
{
    struct bs_map *m = VEC_PUSH(c->lay->maps);
    m->vspace = vspace;
    m->obj = frame;
    m->vaddr = vaddr;
    m->kind = BS_MAP_FRAME;
    m->rights =
        (uint8_t)(((perms & PERM_R) ? BS_RIGHT_READ : 0) | ((perms & PERM_W) ? BS_RIGHT_WRITE : 0));
    m->attrs = (uint8_t)(BS_ATTR_PARITY | (cached ? BS_ATTR_CACHEABLE : 0) |
                         ((perms & PERM_X) ? 0 : BS_ATTR_EXECUTE_NEVER));
    note_span(c, vaddr, c->lay->objects.items[frame].size_bits == 12);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static size_t sort_unique(uint64_t *v, size_t n)
{
    xsort(v, n, sizeof(*v), cmp_u64);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (!k || v[k - 1] != v[i]) {
            v[k++] = v[i];
        }
    }
    return k;
}

/* One page table per span in `spans` (of `span` bytes each), mapped at its start. */
static size_t span_tables(struct ctx *c, uint32_t vspace, uint32_t name, int owner,
                          struct map_vec *pts, uint64_t *spans, size_t count, uint64_t span)
{
    size_t n = sort_unique(spans, count);
    for (size_t i = 0; i < n; i++) {
        uint32_t pt = new_object(c, BS_OBJ_PAGE_TABLE, 12, 12, LAY_USE_PAGING, name, owner);
        struct bs_map *m = VEC_PUSH(*pts);
        m->vspace = vspace;
        m->obj = pt;
        m->vaddr = spans[i] * span;
        m->kind = BS_MAP_PAGE_TABLE;
        m->attrs = PT_ATTRS;
    }
    return n;
}

/*
 * Page tables for the spans noted since the last call, upper levels first;
 * returns how many. `level0`: the VSpace's root is a level-0 table, so each
 * 512 GiB span needs a level-1 table as well.
 */
static uint32_t page_tables(struct ctx *c, uint32_t vspace, uint32_t name, int owner,
                            struct map_vec *pts, bool level0)
{
    size_t n = 0;
    if (level0) {
        n += span_tables(c, vspace, name, owner, pts, c->l0.items, c->l0.count, L0_SPAN);
    }
    n += span_tables(c, vspace, name, owner, pts, c->gib.items, c->gib.count, GIB);
    n += span_tables(c, vspace, name, owner, pts, c->mib.items, c->mib.count, MIB2);
    c->l0.count = c->gib.count = c->mib.count = 0;
    return (uint32_t)n;
}

static void build_mr(struct ctx *c, size_t i)
{
    const struct mr *mr = &c->sys->mrs.items[i];
    struct lay_mr *lm = &c->lay->mrs[i];
    const struct board *b = c->in->board;
    lm->page_bits = mr->page_size == PAGE_SIZE_LARGE ? 21 : 12;
    lm->frames = (uint32_t)(mr->size / mr->page_size);
    lm->paddr = mr->has_phys ? mr->phys_addr : BS_ANY_PADDR;
    lm->contiguous = mr->has_phys;
    if (mr->has_phys) {
        lm->device = board_is_device(b, mr->phys_addr, mr->size);
        if (!lm->device && !board_is_ram(b, mr->phys_addr, mr->size)) {
            diag_error(c->d, &mr->pos, "mr-phys-addr-range",
                       "pick an address inside one of the ranges 'microkit board-info' lists",
                       "memory region '%s' at [0x%llx, 0x%llx) is neither RAM nor device memory "
                       "of board '%s'",
                       mr->name, (unsigned long long)mr->phys_addr,
                       (unsigned long long)(mr->phys_addr + mr->size), b->name);
        }
    }
    uint32_t name = strtab_addf(&c->lay->strings, "mr '%s'", mr->name);
    if (layout_mixed_split(c->sys, i, &lm->head_frames, &lm->large_frames)) {
        lm->frames = (uint32_t)((mr->size - ((uint64_t)lm->large_frames << 21)) / KIB4);
    }
    lm->first_frame = (uint32_t)c->lay->objects.count;
    for (uint32_t k = 0; k < lm->frames; k++) {
        uint32_t f = new_object(c, BS_OBJ_FRAME, lm->page_bits, lm->page_bits, LAY_USE_MR, name,
                                LAY_OWNER_MONITOR);
        struct lay_object *o = &c->lay->objects.items[f];
        o->mr = (int32_t)i;
        if (mr->has_phys) {
            o->paddr = mr->phys_addr + (uint64_t)k * mr->page_size;
            o->flags = lm->device ? BS_OBJ_FLAG_DEVICE : 0;
        }
    }
    /* The 2 MiB frames after all the 4 KiB ones, so each kind stays one run once sorted. */
    lm->first_large = (uint32_t)c->lay->objects.count;
    for (uint32_t k = 0; k < lm->large_frames; k++) {
        uint32_t f = new_object(c, BS_OBJ_FRAME, 21, 21, LAY_USE_MR, name, LAY_OWNER_MONITOR);
        c->lay->objects.items[f].mr = (int32_t)i;
    }
    lm->frames += lm->large_frames;
}

/*
 * Fill frame `obj` at `off` with `len` bytes, one fill per 4 KiB piece. Zero
 * pieces are dropped by the spec stage, after patching, since a patch can
 * make a .bss page non-zero.
 */
static void add_fills(struct ctx *c, uint32_t obj, uint64_t off, const uint8_t *data, uint64_t len)
{
    while (len) {
        uint64_t n = KIB4 - (off % KIB4);
        n = n < len ? n : len;
        struct lay_fill *f = VEC_PUSH(c->lay->fills);
        f->obj = obj;
        f->dest_offset = (uint32_t)off;
        f->len = (uint32_t)n;
        f->data = data;
        off += n;
        data += n;
        len -= n;
    }
}

static void prefill_mr(struct ctx *c, size_t i)
{
    if (!c->in->prefill || !c->in->prefill[i]) {
        return;
    }
    const struct lay_mr *lm = &c->lay->mrs[i];
    size_t len = c->in->prefill_len[i];
    for (uint32_t k = 0; k < lm->frames; k++) {
        uint64_t off;
        uint32_t f = lay_mr_frame(lm, k, &off);
        uint64_t page = 1ull << c->lay->objects.items[f].size_bits;
        if (off >= len) {
            break;
        }
        add_fills(c, f, 0, c->in->prefill[i] + off, len - off < page ? len - off : page);
    }
}

/* ELF segments: one 4 KiB frame per page; a page shared by two segments is one frame. */
static void build_elf(struct ctx *c, size_t p, uint32_t vspace)
{
    const struct elf_file *elf = c->in->pd_elfs[p];
    struct lay_pd *lp = &c->lay->pds[p];
    uint32_t name = strtab_addf(&c->lay->strings, "elf of pd '%s'", c->sys->pds.items[p].name);
    uint64_t last_page = UINT64_MAX;
    uint32_t last_frame = 0;
    size_t last_map = 0;
    elf_vaddr_range(elf, &lp->elf_lo, &lp->elf_hi);
    lp->elf_lo = align_down(lp->elf_lo, KIB4);
    lp->elf_hi = align_up(lp->elf_hi, KIB4);
    for (size_t s = 0; s < elf->segments.count; s++) {
        const struct elf_segment *seg = &elf->segments.items[s];
        unsigned perms = ((seg->flags & ELF_SEG_R) ? PERM_R : 0) |
                         ((seg->flags & ELF_SEG_W) ? PERM_W : 0) |
                         ((seg->flags & ELF_SEG_X) ? PERM_X : 0);
        uint64_t end = seg->vaddr + seg->memsz;
        for (uint64_t pg = align_down(seg->vaddr, KIB4); pg < end; pg += KIB4) {
            if (pg != last_page) {
                last_frame = new_object(c, BS_OBJ_FRAME, 12, 12, LAY_USE_ELF, name, (int)p);
                last_map = c->lay->maps.count;
                map_frame(c, vspace, last_frame, pg, perms, true);
                last_page = pg;
                lp->elf_frames++;
            } else {
                /* Shared page: the union of both segments' rights. */
                struct bs_map *m = &c->lay->maps.items[last_map];
                m->rights |= (uint8_t)(((perms & PERM_R) ? BS_RIGHT_READ : 0) |
                                       ((perms & PERM_W) ? BS_RIGHT_WRITE : 0));
                if (perms & PERM_X) {
                    m->attrs &= (uint8_t)~BS_ATTR_EXECUTE_NEVER;
                }
            }
            uint64_t lo = pg > seg->vaddr ? pg : seg->vaddr;
            uint64_t hi = pg + KIB4 < end ? pg + KIB4 : end;
            add_fills(c, last_frame, lo - pg, seg->data + (lo - seg->vaddr), hi - lo);
        }
    }
}

static void build_stack_ipc(struct ctx *c, size_t p, uint32_t vspace)
{
    const struct pd *pd = &c->sys->pds.items[p];
    struct lay_pd *lp = &c->lay->pds[p];
    uint32_t name = strtab_addf(&c->lay->strings, "stack of pd '%s'", pd->name);
    lp->stack_top = c->stack_top;
    lp->stack_bottom = c->stack_top - pd->stack_size;
    for (uint64_t v = lp->stack_bottom; v < lp->stack_top; v += KIB4) {
        uint32_t f = new_object(c, BS_OBJ_FRAME, 12, 12, LAY_USE_STACK, name, (int)p);
        map_frame(c, vspace, f, v, PERM_R | PERM_W, true);
        lp->stack_frames++;
    }
    map_frame(c, vspace, lp->ipc_buffer, c->ipc_vaddr, PERM_R | PERM_W, true);
}

static bool overlaps(uint64_t a, uint64_t an, uint64_t b, uint64_t bn)
{
    return a < b + bn && b < a + an;
}

/* A map must not cover the PD's ELF segments, stack, guard page or IPC buffer. */
static void check_map(struct ctx *c, size_t p, const struct map *m, const struct mr *mr)
{
    const struct pd *pd = &c->sys->pds.items[p];
    const struct lay_pd *lp = &c->lay->pds[p];
    const struct elf_file *elf = c->in->pd_elfs[p];
    for (size_t s = 0; s < elf->segments.count; s++) {
        const struct elf_segment *seg = &elf->segments.items[s];
        uint64_t lo = align_down(seg->vaddr, KIB4);
        uint64_t hi = align_up(seg->vaddr + seg->memsz, KIB4);
        if (overlaps(m->vaddr, mr->size, lo, hi - lo)) {
            diag_error(c->d, &m->pos, "map-overlaps-elf", "move the map to a free address",
                       "map of '%s' at [0x%llx, 0x%llx) overlaps the program image of PD '%s' "
                       "(segment [0x%llx, 0x%llx) of '%s')",
                       mr->name, (unsigned long long)m->vaddr,
                       (unsigned long long)(m->vaddr + mr->size), pd->name, (unsigned long long)lo,
                       (unsigned long long)hi, elf->path);
            return;
        }
    }
    if (m->vaddr + mr->size > lp->stack_bottom || m->vaddr + mr->size < m->vaddr) {
        diag_error(c->d, &m->pos, "map-overlaps-stack",
                   "maps must end below the stack; a smaller stack_size leaves more room",
                   "map of '%s' at [0x%llx, 0x%llx) overlaps the stack, guard page or IPC "
                   "buffer of PD '%s' [0x%llx, 0x%llx)",
                   mr->name, (unsigned long long)m->vaddr,
                   (unsigned long long)(m->vaddr + mr->size), pd->name,
                   (unsigned long long)lp->stack_bottom, (unsigned long long)USER_TOP);
    }
}

static void map_mr(struct ctx *c, const struct map *m, uint32_t vspace, int owner)
{
    if (m->mr < 0) {
        return;
    }
    const struct lay_mr *lm = &c->lay->mrs[m->mr];
    for (uint32_t k = 0; k < lm->frames; k++) {
        uint64_t off;
        uint32_t f = lay_mr_frame(lm, k, &off);
        map_frame(c, vspace, f, m->vaddr + off, m->perms, m->cached);
    }
    (void)owner;
}

static void build_maps(struct ctx *c, size_t p, uint32_t vspace, bool *mr_seen)
{
    const struct pd *pd = &c->sys->pds.items[p];
    struct lay_pd *lp = &c->lay->pds[p];
    for (size_t i = 0; i < pd->maps.count; i++) {
        const struct map *m = &pd->maps.items[i];
        if (m->mr < 0) {
            continue;
        }
        check_map(c, p, m, &c->sys->mrs.items[m->mr]);
        map_mr(c, m, vspace, (int)p);
        lp->mr_frames += c->lay->mrs[m->mr].frames;
        if (!mr_seen[m->mr]) {
            mr_seen[m->mr] = true;
            lp->bytes += c->sys->mrs.items[m->mr].size;
        }
    }
}

static bool pd_needs_ep(const struct system *sys, size_t p)
{
    const struct pd *pd = &sys->pds.items[p];
    if (pd->vm) {
        return true;
    }
    for (size_t i = p + 1; i < sys->pds.count; i++) {
        if (sys->pds.items[i].parent == (int)p) {
            return true;
        }
    }
    for (size_t i = 0; i < sys->channels.count; i++) {
        const struct channel *ch = &sys->channels.items[i];
        for (int e = 0; e < 2; e++) {
            if (ch->end[e].pd == (int)p && ch->end[1 - e].pp) {
                return true;
            }
        }
    }
    return false;
}

static void pd_objects(struct ctx *c, size_t p)
{
    const struct pd *pd = &c->sys->pds.items[p];
    struct lay_pd *lp = &c->lay->pds[p];
    struct strtab *st = &c->lay->strings;
    unsigned tb = c->in->tcb_bits;
    int o = (int)p;
    lp->needs_ep = pd_needs_ep(c->sys, p);
    lp->tcb = new_object(c, BS_OBJ_TCB, tb, tb, LAY_USE_KERNEL,
                         strtab_addf(st, "tcb of pd '%s'", pd->name), o);
    lp->sc = new_object(c, BS_OBJ_SCHED_CONTEXT, SC_BITS, SC_BITS, LAY_USE_KERNEL,
                        strtab_addf(st, "sc of pd '%s'", pd->name), o);
    lp->reply = new_object(c, BS_OBJ_REPLY, 5, 5, LAY_USE_KERNEL,
                           strtab_addf(st, "reply of pd '%s'", pd->name), o);
    lp->notification = new_object(c, BS_OBJ_NOTIFICATION, 6, 6, LAY_USE_KERNEL,
                                  strtab_addf(st, "notification of pd '%s'", pd->name), o);
    lp->endpoint = lp->needs_ep ? new_object(c, BS_OBJ_ENDPOINT, 4, 4, LAY_USE_KERNEL,
                                             strtab_addf(st, "endpoint of pd '%s'", pd->name), o)
                                : BS_NONE;
    lp->vspace = new_object(c, BS_OBJ_VSPACE, c->vspace_bits, c->vspace_bits, LAY_USE_PAGING,
                            strtab_addf(st, "vspace of pd '%s'", pd->name), o);
    lp->cnode = new_object(c, BS_OBJ_CNODE, SDK_PD_CNODE_BITS, SDK_PD_CNODE_BITS + 5,
                           LAY_USE_KERNEL, strtab_addf(st, "cnode of pd '%s'", pd->name), o);
    lp->ipc_buffer = new_object(c, BS_OBJ_FRAME, 12, 12, LAY_USE_IPC,
                                strtab_addf(st, "ipc buffer of pd '%s'", pd->name), o);
    lp->vm_vspace = BS_NONE;
    lp->root_cnode =
        pd->has_cspace
            ? new_object(c, BS_OBJ_CNODE, SDK_PD_ROOT_CNODE_BITS, SDK_PD_ROOT_CNODE_BITS + 5,
                         LAY_USE_KERNEL, strtab_addf(st, "cspace root of pd '%s'", pd->name), o)
            : BS_NONE;
}

/* <cspace>: the PD CNode in slot 0 of the root, guarded to keep its cptrs; the shared caps. */
static void pd_root_caps(struct ctx *c, size_t p)
{
    const struct pd *pd = &c->sys->pds.items[p];
    const struct lay_pd *lp = &c->lay->pds[p];
    if (lp->root_cnode == BS_NONE) {
        return;
    }
    add_cap(c, lp->root_cnode, SDK_CAP_ROOT_PD_CNODE, lp->cnode, BS_CAP_OBJECT,
            SDK_PD_CNODE_GUARD_IN_ROOT);
    for (size_t i = 0; i < pd->caps.count; i++) {
        const struct cap_share *k = &pd->caps.items[i];
        const struct lay_pd *from = &c->lay->pds[k->pd];
        /* A passive PD's SC is this same object; the monitor binds it to the notification. */
        uint32_t obj = k->kind == CAP_SHARE_TCB  ? from->tcb
                       : k->kind == CAP_SHARE_SC ? from->sc
                                                 : from->vspace;
        add_cap(c, lp->root_cnode, (uint32_t)k->slot, obj, BS_CAP_OBJECT, 0);
    }
}

static void pd_channel_caps(struct ctx *c, size_t p)
{
    const struct system *sys = c->sys;
    const struct lay_pd *lp = &c->lay->pds[p];
    for (size_t i = 0; i < sys->channels.count; i++) {
        const struct channel *ch = &sys->channels.items[i];
        for (int e = 0; e < 2; e++) {
            const struct channel_end *me = &ch->end[e], *peer = &ch->end[1 - e];
            if (me->pd != (int)p || peer->pd < 0) {
                continue;
            }
            const struct lay_pd *pp = &c->lay->pds[peer->pd];
            if (me->notify) {
                add_cap(c, lp->cnode, SDK_CAP_BASE_NOTIFICATION + (uint32_t)me->id,
                        pp->notification, BS_CAP_OBJECT, 1ull << peer->id);
            }
            if (me->pp && pp->endpoint != BS_NONE) {
                add_cap(c, lp->cnode, SDK_CAP_BASE_ENDPOINT + (uint32_t)me->id, pp->endpoint,
                        BS_CAP_OBJECT, (1ull << SDK_BADGE_PPC_BIT) | (uint64_t)peer->id);
            }
        }
    }
}

static void pd_caps(struct ctx *c, size_t p)
{
    const struct pd *pd = &c->sys->pds.items[p];
    const struct lay_pd *lp = &c->lay->pds[p];
    uint32_t input = lp->needs_ep ? lp->endpoint : lp->notification;
    add_cap(c, lp->cnode, SDK_CAP_INPUT, input, BS_CAP_OBJECT, 0);
    add_cap(c, lp->cnode, SDK_CAP_VSPACE, lp->vspace, BS_CAP_OBJECT, 0);
    add_cap(c, lp->cnode, SDK_CAP_REPLY, lp->reply, BS_CAP_OBJECT, 0);
    if (pd->passive) {
        add_cap(c, lp->cnode, SDK_CAP_MONITOR_EP, c->lay->monitor_fault_ep, BS_CAP_OBJECT, p + 1);
    }
    if (c->in->benchmark) {
        add_cap(c, lp->cnode, SDK_CAP_TCB, lp->tcb, BS_CAP_OBJECT, 0);
    }
    if (pd->smc) {
        add_cap(c, lp->cnode, SDK_CAP_SMC, BS_NONE, BS_CAP_SMC, 0);
    }
    pd_channel_caps(c, p);
    pd_root_caps(c, p);
    if (pd->parent >= 0) {
        const struct lay_pd *par = &c->lay->pds[pd->parent];
        add_cap(c, par->cnode, SDK_CAP_BASE_TCB + (uint32_t)pd->id, lp->tcb, BS_CAP_OBJECT, 0);
    }
    for (size_t i = 0; i < pd->irqs.count; i++) {
        const struct irq *q = &pd->irqs.items[i];
        struct bs_irq *b = VEC_PUSH(c->lay->irqs);
        b->irq = q->irq;
        b->badge = 1ull << q->id;
        b->notification = lp->notification;
        b->cnode = lp->cnode;
        b->slot = SDK_CAP_BASE_IRQ + (uint32_t)q->id;
        b->trigger = q->trigger == IRQ_EDGE ? BS_IRQ_EDGE : BS_IRQ_LEVEL;
    }
}

static void pd_thread(struct ctx *c, size_t p)
{
    const struct pd *pd = &c->sys->pds.items[p];
    const struct lay_pd *lp = &c->lay->pds[p];
    struct bs_pd *t = VEC_PUSH(c->lay->threads);
    t->name = strtab_add(&c->lay->strings, pd->name);
    t->tcb = lp->tcb;
    t->sched_context = lp->sc;
    t->cnode = lp->root_cnode != BS_NONE ? lp->root_cnode : lp->cnode;
    t->vspace = lp->vspace;
    t->notification = lp->notification;
    t->ipc_buffer = lp->ipc_buffer;
    t->vcpu = BS_NONE;
    if (pd->parent >= 0) {
        t->fault_ep = c->lay->pds[pd->parent].endpoint;
        t->fault_badge = (1ull << SDK_BADGE_FAULT_BIT) | (uint64_t)pd->id;
        t->parent = (uint32_t)pd->parent;
    } else {
        t->fault_ep = c->lay->monitor_fault_ep;
        t->fault_badge = p + 1;
        t->parent = BS_NONE;
    }
    t->ipc_buffer_vaddr = c->ipc_vaddr;
    t->entry = c->in->pd_elfs[p]->entry;
    t->stack_top = lp->stack_top;
    t->stack_bottom = lp->stack_bottom;
    t->budget_us = pd->budget;
    t->period_us = pd->period;
    t->sc_badge = 0x100 + p;
    t->cnode_guard = lp->root_cnode != BS_NONE ? SDK_PD_ROOT_CNODE_GUARD : SDK_PD_CNODE_GUARD;
    t->priority = (uint8_t)pd->priority;
    t->mcp = (uint8_t)pd->priority;
    t->flags =
        BS_PD_START | (pd->passive ? BS_PD_PASSIVE : 0) | (pd->no_fpu ? BS_PD_FPU_DISABLED : 0);
    t->domain = pd->domain_id;
    t->cpu = (uint8_t)pd->cpu;
}

static void build_pd(struct ctx *c, size_t p, bool *mr_seen, struct map_vec *pts)
{
    pd_objects(c, p);
    struct lay_pd *lp = &c->lay->pds[p];
    lp->maps_first = c->lay->maps.count;
    const struct pd *pd = &c->sys->pds.items[p];
    build_elf(c, p, lp->vspace);
    build_stack_ipc(c, p, lp->vspace);
    build_maps(c, p, lp->vspace, mr_seen);
    lp->maps_end = c->lay->maps.count;
    lp->page_tables =
        page_tables(c, lp->vspace, strtab_addf(&c->lay->strings, "page table of pd '%s'", pd->name),
                    (int)p, pts, c->level0);
}

/* The vCPUs' CNode: 2 slots, never used (a guest makes no seL4 system calls). */
#define VM_CNODE_BITS 1

static void build_vm(struct ctx *c, size_t p, bool *mr_seen, struct map_vec *pts)
{
    const struct pd *pd = &c->sys->pds.items[p];
    const struct vm *vm = pd->vm;
    struct lay_pd *lp = &c->lay->pds[p];
    struct strtab *st = &c->lay->strings;
    unsigned tb = c->in->tcb_bits;
    lp->vm_vspace = new_object(c, BS_OBJ_VSPACE, 13, 13, LAY_USE_PAGING,
                               strtab_addf(st, "vspace of vm '%s'", vm->name), (int)p);
    size_t first = c->lay->maps.count;
    for (size_t i = 0; i < vm->maps.count; i++) {
        const struct map *m = &vm->maps.items[i];
        map_mr(c, m, lp->vm_vspace, (int)p);
        if (m->mr >= 0 && !mr_seen[m->mr]) {
            mr_seen[m->mr] = true;
            lp->bytes += c->sys->mrs.items[m->mr].size;
        }
    }
    lp->vm_maps_first = first;
    lp->vm_maps_end = c->lay->maps.count;
    lp->vm_page_tables = page_tables(
        c, lp->vm_vspace, strtab_addf(st, "page table of vm '%s'", vm->name), (int)p, pts, false);
    /* An empty CSpace for the vCPUs: seL4's TCB_SetSpace takes no null CNode. */
    uint32_t cnode = new_object(c, BS_OBJ_CNODE, VM_CNODE_BITS, VM_CNODE_BITS + 5, LAY_USE_KERNEL,
                                strtab_addf(st, "cnode of vm '%s'", vm->name), (int)p);
    for (size_t i = 0; i < vm->vcpus.count; i++) {
        uint32_t id = (uint32_t)vm->vcpus.items[i].id;
        uint32_t tcb = new_object(c, BS_OBJ_TCB, tb, tb, LAY_USE_KERNEL,
                                  strtab_addf(st, "tcb of vm '%s' vcpu %u", vm->name, id), (int)p);
        uint32_t sc = new_object(c, BS_OBJ_SCHED_CONTEXT, SC_BITS, SC_BITS, LAY_USE_KERNEL,
                                 strtab_addf(st, "sc of vm '%s' vcpu %u", vm->name, id), (int)p);
        uint32_t vcpu =
            new_object(c, BS_OBJ_VCPU, 12, 12, LAY_USE_KERNEL,
                       strtab_addf(st, "vcpu of vm '%s' vcpu %u", vm->name, id), (int)p);
        add_cap(c, lp->cnode, SDK_CAP_BASE_VM_TCB + id, tcb, BS_CAP_OBJECT, 0);
        add_cap(c, lp->cnode, SDK_CAP_BASE_VCPU + id, vcpu, BS_CAP_OBJECT, 0);
        struct bs_pd *t = VEC_PUSH(c->lay->threads);
        t->name = strtab_add(st, vm->name);
        t->tcb = tcb;
        t->sched_context = sc;
        t->cnode = cnode;
        t->cnode_guard = 64 - VM_CNODE_BITS;
        t->vspace = lp->vm_vspace;
        t->notification = BS_NONE;
        t->ipc_buffer = BS_NONE;
        t->fault_ep = lp->endpoint;
        t->fault_badge = (1ull << SDK_BADGE_FAULT_BIT) | id;
        t->vcpu = vcpu;
        t->parent = (uint32_t)p;
        t->budget_us = vm->budget;
        t->period_us = vm->period;
        t->sc_badge = 0x100 + c->lay->threads.count - 1;
        t->priority = (uint8_t)vm->priority;
        t->mcp = (uint8_t)vm->priority;
        t->flags = BS_PD_VCPU;
        t->domain = pd->domain_id; /* its PD's domain */
        t->cpu = (uint8_t)(vm->vcpus.items[i].cpu_given ? vm->vcpus.items[i].cpu : pd->cpu);
    }
}

/*
 * Creation order: fixed addresses first (ascending), then by size, largest
 * first, ties in creation order. The few fixed objects are sorted; the rest
 * are placed by a stable counting sort on their size.
 */
static const struct lay_object *sort_base;

static int cmp_fixed(const void *a, const void *b)
{
    uint32_t i = *(const uint32_t *)a, j = *(const uint32_t *)b;
    uint64_t x = sort_base[i].paddr, y = sort_base[j].paddr;
    if (x != y) {
        return x < y ? -1 : 1;
    }
    return i < j ? -1 : i > j;
}

static void creation_order(const struct layout *lay, uint32_t *order)
{
    size_t n = lay->objects.count, nfixed = 0, start[65] = {0};
    const struct lay_object *o = lay->objects.items;
    for (size_t i = 0; i < n; i++) {
        if (o[i].paddr != BS_ANY_PADDR) {
            order[nfixed++] = (uint32_t)i;
        } else {
            start[64 - o[i].bytes_bits]++; /* bucket 0 holds the largest */
        }
    }
    sort_base = o;
    xsort(order, nfixed, sizeof(*order), cmp_fixed);
    size_t at = nfixed;
    for (size_t k = 0; k < 65; k++) {
        size_t c = start[k];
        start[k] = at;
        at += c;
    }
    for (size_t i = 0; i < n; i++) {
        if (o[i].paddr == BS_ANY_PADDR) {
            order[start[64 - o[i].bytes_bits]++] = (uint32_t)i;
        }
    }
}

#define RENUM(x) ((x) = (x) == BS_NONE ? BS_NONE : newidx[(x)])

static void renumber(struct layout *lay, const uint32_t *newidx)
{
    for (size_t i = 0; i < lay->caps.count; i++) {
        RENUM(lay->caps.items[i].cnode);
        RENUM(lay->caps.items[i].obj);
    }
    for (size_t i = 0; i < lay->maps.count; i++) {
        RENUM(lay->maps.items[i].vspace);
        RENUM(lay->maps.items[i].obj);
    }
    for (size_t i = 0; i < lay->fills.count; i++) {
        RENUM(lay->fills.items[i].obj);
    }
    for (size_t i = 0; i < lay->irqs.count; i++) {
        RENUM(lay->irqs.items[i].notification);
        RENUM(lay->irqs.items[i].cnode);
    }
    for (size_t i = 0; i < lay->threads.count; i++) {
        struct bs_pd *t = &lay->threads.items[i];
        RENUM(t->tcb), RENUM(t->sched_context), RENUM(t->cnode), RENUM(t->vspace);
        RENUM(t->notification), RENUM(t->ipc_buffer), RENUM(t->fault_ep), RENUM(t->vcpu);
    }
    for (size_t i = 0; i < lay->num_pds; i++) {
        struct lay_pd *p = &lay->pds[i];
        RENUM(p->tcb), RENUM(p->sc), RENUM(p->cnode), RENUM(p->vspace);
        RENUM(p->notification), RENUM(p->endpoint), RENUM(p->reply), RENUM(p->ipc_buffer);
        RENUM(p->vm_vspace), RENUM(p->root_cnode);
    }
    for (size_t i = 0; i < lay->num_mrs; i++) {
        if (lay->mrs[i].frames > lay->mrs[i].large_frames) {
            RENUM(lay->mrs[i].first_frame);
        }
        if (lay->mrs[i].large_frames) {
            RENUM(lay->mrs[i].first_large);
        }
    }
    RENUM(lay->monitor_fault_ep);
    RENUM(lay->monitor_reply);
}

static void sort_objects(struct layout *lay)
{
    size_t n = lay->objects.count;
    uint32_t *order = xmalloc(n * sizeof(*order) + 1);
    uint32_t *newidx = xmalloc(n * sizeof(*newidx) + 1);
    creation_order(lay, order);
    struct lay_object *sorted = xmalloc(n * sizeof(*sorted) + 1);
    for (size_t i = 0; i < n; i++) {
        sorted[i] = lay->objects.items[order[i]];
        newidx[order[i]] = (uint32_t)i;
    }
    free(lay->objects.items);
    lay->objects.items = sorted;
    lay->objects.cap = n;
    renumber(lay, newidx);
    free(order);
    free(newidx);
}

void layout_set_mr_paddr(struct layout *lay, int mr, uint64_t paddr)
{
    struct lay_mr *m = &lay->mrs[mr];
    for (uint32_t k = 0; k < m->frames; k++) {
        uint64_t off;
        uint32_t f = lay_mr_frame(m, k, &off);
        lay->objects.items[f].paddr = paddr + off;
    }
    m->placed = true;
}

void layout_borrow_maps(struct layout *lay, const struct bs_map *maps)
{
    if (!lay->maps_borrowed) {
        free(lay->maps.items);
    }
    lay->maps.items = (struct bs_map *)maps;
    lay->maps_borrowed = true;
}

void layout_resort(struct layout *lay)
{
    sort_objects(lay);
}

/* Page-table maps first (page_tables() queued each VSpace's upper level before its lower). */
static void merge_maps(struct layout *lay, struct map_vec *pts)
{
    size_t nf = lay->maps.count, np = pts->count;
    lay->maps.items = xrealloc(lay->maps.items, (nf + np) * sizeof(struct bs_map) + 1);
    if (np) {
        memmove(lay->maps.items + np, lay->maps.items, nf * sizeof(struct bs_map));
        memcpy(lay->maps.items, pts->items, np * sizeof(struct bs_map));
    }
    free(pts->items);
    lay->maps.count = lay->maps.cap = nf + np;
    lay->num_pt_maps = np;
    for (size_t i = 0; i < lay->num_pds; i++) {
        lay->pds[i].maps_first += np;
        lay->pds[i].maps_end += np;
        lay->pds[i].vm_maps_first += np;
        lay->pds[i].vm_maps_end += np;
    }
}

static size_t count_map_frames(const struct system *sys, const struct map *maps, size_t n)
{
    size_t frames = 0;
    for (size_t i = 0; i < n; i++) {
        if (maps[i].mr >= 0) {
            const struct mr *mr = &sys->mrs.items[maps[i].mr];
            frames += mr->size / mr->page_size;
        }
    }
    return frames;
}

/* Room for every frame map up front: large systems have hundreds of thousands. */
static void reserve_maps(const struct layout_input *in, struct layout *lay)
{
    const struct system *sys = in->sys;
    size_t n = 0;
    for (size_t p = 0; p < sys->pds.count; p++) {
        const struct pd *pd = &sys->pds.items[p];
        const struct elf_file *elf = in->pd_elfs[p];
        for (size_t s = 0; s < elf->segments.count; s++) {
            const struct elf_segment *seg = &elf->segments.items[s];
            n += (align_up(seg->vaddr + seg->memsz, KIB4) - align_down(seg->vaddr, KIB4)) / KIB4;
        }
        n += pd->stack_size / KIB4 + 1 + count_map_frames(sys, pd->maps.items, pd->maps.count);
        if (pd->vm) {
            n += count_map_frames(sys, pd->vm->maps.items, pd->vm->maps.count);
        }
    }
    lay->maps.items = xcalloc(n + 1, sizeof(struct bs_map));
    lay->maps.cap = n + 1;
}

int layout_build(const struct layout_input *in, struct layout *lay, struct diag *d)
{
    memset(lay, 0, sizeof(*lay));
    if (layout_check_limits(in, d)) {
        return -1;
    }
    const struct system *sys = in->sys;
    bool hyp = board_kernel_hyp(in->board);
    struct ctx c = {.in = in,
                    .sys = sys,
                    .lay = lay,
                    .d = d,
                    .level0 = !hyp,
                    .vspace_bits = hyp ? 13 : 12,
                    .stack_top = SDK_PD_STACK_TOP,
                    .ipc_vaddr = SDK_PD_IPC_BUFFER_VADDR};
    if (in->board && in->board->arch == BOARD_ARCH_RISCV64) {
        /* Sv39: the VSpace is a 4 KiB table of 1 GiB entries, as a level-1 table on AArch64. */
        c.level0 = false;
        c.vspace_bits = 12;
        c.stack_top = SDK_PD_STACK_TOP_RISCV64;
        c.ipc_vaddr = SDK_PD_IPC_BUFFER_VADDR_RISCV64;
    }
    unsigned errors = diag_errors(d);
    strtab_add(&lay->strings, "");
    lay->num_pds = sys->pds.count;
    lay->num_mrs = sys->mrs.count;
    lay->pds = xcalloc(lay->num_pds + 1, sizeof(*lay->pds));
    lay->mrs = xcalloc(lay->num_mrs + 1, sizeof(*lay->mrs));
    reserve_maps(in, lay);
    lay->monitor_fault_ep =
        new_object(&c, BS_OBJ_ENDPOINT, 4, 4, LAY_USE_KERNEL,
                   strtab_add(&lay->strings, "monitor fault endpoint"), LAY_OWNER_MONITOR);
    lay->monitor_reply = new_object(&c, BS_OBJ_REPLY, 5, 5, LAY_USE_KERNEL,
                                    strtab_add(&lay->strings, "monitor reply"), LAY_OWNER_MONITOR);
    for (size_t i = 0; i < sys->mrs.count; i++) {
        build_mr(&c, i);
        prefill_mr(&c, i);
    }
    struct map_vec pts = {0};
    bool *mr_seen = xcalloc(sys->mrs.count + 1, 1);
    for (size_t p = 0; p < sys->pds.count; p++) {
        build_pd(&c, p, mr_seen, &pts);
    }
    for (size_t p = 0; p < sys->pds.count; p++) {
        pd_caps(&c, p);
        pd_thread(&c, p);
    }
    for (size_t p = 0; p < sys->pds.count; p++) {
        if (sys->pds.items[p].vm) {
            build_vm(&c, p, mr_seen, &pts);
        }
    }
    layout_domains(sys, in->board, lay);
    free(mr_seen);
    free(c.l0.items);
    free(c.gib.items);
    free(c.mib.items);
    merge_maps(lay, &pts);
    sort_objects(lay);
    return diag_errors(d) > errors ? -1 : 0;
}

void layout_free(struct layout *lay)
{
    free(lay->strings.buf);
    free(lay->objects.items);
    free(lay->caps.items);
    if (!lay->maps_borrowed) {
        free(lay->maps.items);
    }
    free(lay->fills.items);
    free(lay->irqs.items);
    free(lay->threads.items);
    free(lay->schedule.items);
    free(lay->pds);
    free(lay->mrs);
    memset(lay, 0, sizeof(*lay));
}
