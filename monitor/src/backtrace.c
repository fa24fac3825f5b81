/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Fault report extras (backtrace.h). The PD's frames are found in the boot
 * spec: the frame maps of its VSpace. The monitor holds each frame's cap;
 * a read-only copy of it is mapped at the scratch window (fill.c's), the
 * frame record read, and the copy unmapped and deleted again. A frame pointer outside every map,
 * not 16-byte aligned or not above the last one ends the walk.
 */
#include <stdbool.h>

#include "backtrace.h"
#include "fault.h"
#include "print.h"
#ifdef CONFIG_ARCH_RISCV
#include "riscv64/mon_arch.h"
#endif

#define MAX_FRAMES   16
#define LARGE_OFFSET (1ull << seL4_LargePageBits) /* as fill.c's window */

/* The frame map of PD `pd` covering `addr`, or NULL. */
static const struct bs_map *map_at(const struct bs_spec *s, uint32_t pd, uint64_t addr)
{
    uint32_t vspace = s->pds[pd].vspace;
    for (uint32_t i = 0; i < s->hdr->num_maps; i++) {
        const struct bs_map *m = &s->maps[i];
        uint64_t size = 1ull << s->objects[m->obj].size_bits;
        if (m->kind == BS_MAP_FRAME && m->vspace == vspace && addr >= m->vaddr &&
            addr - m->vaddr < size) {
            return m;
        }
    }
    return 0;
}

void fault_map_info(const struct bs_spec *s, uint32_t pd, uint64_t addr, int write, int exec)
{
    const struct bs_map *m = map_at(s, pd, addr);
    if (!m) {
        return;
    }
    mon_error("  ");
    mon_puts(exec ? "execute" : write ? "write" : "read");
    mon_puts(" at offset ");
    mon_puthex(addr - m->vaddr);
    mon_puts(" of '");
    mon_puts(bs_object_name(s, m->obj));
    mon_puts("' mapped at ");
    mon_puthex(m->vaddr);
    mon_puts(" perms=\"");
    mon_puts((m->rights & BS_RIGHT_READ) ? "r" : "");
    mon_puts((m->rights & BS_RIGHT_WRITE) ? "w" : "");
    mon_puts((m->attrs & BS_ATTR_EXECUTE_NEVER) ? "" : "x");
    mon_puts("\"\n");
}

/*
 * Where each architecture keeps the frame record, {previous fp, return
 * address}: AArch64 at x29, RISC-V (-fno-omit-frame-pointer) just below s0,
 * at s0 - 16 (ra at s0 - 8, the previous s0 at s0 - 16). A return address
 * minus RET_BACK lies in the call (RISC-V calls may be 2-byte c.jalr).
 */
#ifdef CONFIG_ARCH_RISCV
#define REG_FP(r)    ((r)->s0)
#define REG_LR(r)    ((r)->ra)
#define RECORD_BELOW 16u
#define RET_BACK     2u
#else
#define REG_FP(r)    ((r)->x29)
#define REG_LR(r)    ((r)->x30)
#define RECORD_BELOW 0u
#define RET_BACK     4u
#endif

static seL4_CPtr peek_slot; /* where the frame's cap is copied, made on first use */

/* The scratch window's page tables and the slot, made on the first read. The
 * boot state is main's own object, and the fault path its only user after
 * boot: it may add to it. */
static int window_ready(const struct boot *cb)
{
    struct boot *b = (struct boot *)cb;
    if (boot_scratch_tables(b) != 0) {
        return -1;
    }
    if (!peek_slot) {
        peek_slot = boot_new_slot(b);
    }
    return peek_slot ? 0 : -1;
}

static seL4_Error page_map_ro(seL4_CPtr frame, uint8_t *window)
{
#ifdef CONFIG_ARCH_RISCV
    return mon_page_map(frame, seL4_CapInitThreadVSpace, (seL4_Word)window, seL4_CanRead,
                        BS_ATTR_EXECUTE_NEVER);
#else
    return seL4_ARM_Page_Map(frame, seL4_CapInitThreadVSpace, (seL4_Word)window, seL4_CanRead,
                             seL4_ARM_Default_VMAttributes | seL4_ARM_ExecuteNever);
#endif
}

static void page_unmap(seL4_CPtr frame)
{
#ifdef CONFIG_ARCH_RISCV
    mon_page_unmap(frame);
#else
    seL4_ARM_Page_Unmap(frame);
#endif
}

/* Two words of PD `pd`'s memory at `addr` (8-byte aligned, not crossing a page). */
static int read_pair(const struct boot *b, uint32_t pd, uint64_t addr, uint64_t out[2])
{
    const struct bs_map *m = map_at(b->spec, pd, addr);
    if (!m || window_ready(b) != 0) {
        return -1;
    }
    unsigned bits = b->spec->objects[m->obj].size_bits;
    uint8_t *window = b->scratch + (bits == seL4_PageBits ? 0 : LARGE_OFFSET);
    seL4_CPtr copy = peek_slot;
    /* A copy: the frame's own cap may be the one mapped in the PD. */
    if (seL4_CNode_Copy(boot_root(b), copy, seL4_WordBits, boot_root(b), boot_cap(b, m->obj),
                        seL4_WordBits, seL4_CanRead) != seL4_NoError) {
        return -1;
    }
    int rc = -1;
    if (page_map_ro(copy, window) == seL4_NoError) {
        const volatile uint64_t *w = (const volatile uint64_t *)(window + (addr - m->vaddr));
        out[0] = w[0];
        out[1] = w[1];
        page_unmap(copy);
        rc = 0;
    }
    seL4_CNode_Delete(boot_root(b), copy, seL4_WordBits);
    return rc;
}

int backtrace_peek(const struct boot *b, uint32_t pd, uint64_t addr, uint64_t out[2])
{
    return read_pair(b, pd, addr, out);
}

static void put_frame(const struct bs_spec *s, uint32_t pd, unsigned i, uint64_t addr,
                      const char *note)
{
    uint64_t off;
    /* A return address is after its call: name the call's function. */
    const char *fn = fault_symbol(s, pd, i ? addr - RET_BACK : addr, &off);
    mon_error("    #");
    mon_putdec(i);
    mon_puts(" ");
    mon_puthex64(addr);
    if (fn) {
        mon_puts(" ");
        mon_puts(fn);
        mon_puts("+");
        mon_puthex(off + (i ? RET_BACK : 0));
    }
    mon_puts(note);
    mon_puts("\n");
}

/* The frame record of the frame whose frame pointer is `fp`. */
static bool read_record(const struct boot *b, uint32_t pd, uint64_t fp, uint64_t rec[2])
{
    return fp > RECORD_BELOW && !(fp & 15) && read_pair(b, pd, fp - RECORD_BELOW, rec) == 0;
}

void fault_backtrace(const struct boot *b, uint32_t pd, const seL4_UserContext *regs)
{
    mon_error("  backtrace:\n");
    put_frame(b->spec, pd, 0, regs->pc, "");
    uint64_t fp = REG_FP(regs), lr = REG_LR(regs);
    uint64_t rec[2] = {0, 0};
    unsigned i = 1;
    bool have = read_record(b, pd, fp, rec);
    /* A function that has not stored its frame record yet (a leaf, or a
     * shrink-wrapped path) still has its return address in the link register only. */
    uint64_t o1, o2;
    const char *f_pc = fault_symbol(b->spec, pd, regs->pc, &o1);
    const char *f_lr = fault_symbol(b->spec, pd, lr - RET_BACK, &o2);
    if (f_lr && f_lr != f_pc && (!have || rec[1] != lr)) {
        put_frame(b->spec, pd, i++, lr, " (lr)");
    }
    for (; have && i < MAX_FRAMES; i++) {
        if (rec[1] == 0) {
            break;
        }
        put_frame(b->spec, pd, i, rec[1], "");
        if (rec[0] <= fp || (rec[0] & 15)) {
            break;
        }
        fp = rec[0];
        have = read_record(b, pd, fp, rec);
    }
}
