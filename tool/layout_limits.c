/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The layout stage's limits, checked from the numbers before layout_build
 * creates anything: a 512 GiB region of 4 KiB pages is 2^27 frames, and
 * building them one by one (tens of bytes each) would take the tool minutes
 * and gigabytes before the memory plan could refuse the result. Here each
 * region, map, program image and stack is counted in a few instructions,
 * and what cannot fit is refused at the SDF line that asks for it.
 *
 * The counts are lower bounds of what the layout would build (frames and
 * frame mappings only; page tables and kernel objects come on top), so
 * nothing refused here would have been accepted later.
 */
#include <stdio.h>
#include <stdlib.h>

#include "layout.h"
#include "sdk/monitor_abi.h"
#include "util.h"

#define KIB4     0x1000ull
#define USER_TOP (1ull << 40)
#define KERN_LOW (1ull << 63) /* AArch64: the upper half belongs to the kernel */

/* One thing that asks for frames: where it is, what to call it, what it takes. */
struct demand {
    const struct srcpos *pos;
    char *what; /* "memory region 'x'", "the map of 'x'", ... */
    uint64_t slots;
    uint64_t ram;
};

struct tally {
    uint64_t slots; /* cap slots of the monitor's system CNode */
    uint64_t ram;   /* bytes of RAM the frames take */
    struct demand big_slots, big_ram;
};

/* a + b, or UINT64_MAX when that does not fit: counts of absurd systems must not wrap. */
static uint64_t sat_add(uint64_t a, uint64_t b)
{
    return a + b < a ? UINT64_MAX : a + b;
}

/* "1.5 GiB", "512 KiB": sizes as the messages show them. */
static void size_text(uint64_t bytes, char *buf, size_t n)
{
    static const char *const units[] = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    double v = (double)bytes;
    unsigned u = 0;
    while (v >= 1024 && u < 6) {
        v /= 1024;
        u++;
    }
    snprintf(buf, n, v == (double)(uint64_t)v ? "%.0f %s" : "%.1f %s", v, units[u]);
}

static void demand_free(struct demand *m)
{
    free(m->what);
    m->what = NULL;
}

/* Count `slots` and `ram` for the thing at `pos`, remembering the largest of each. */
static void add(struct tally *t, const struct srcpos *pos, uint64_t slots, uint64_t ram,
                const char *fmt, const char *name)
{
    t->slots = sat_add(t->slots, slots);
    t->ram = sat_add(t->ram, ram);
    if (slots > t->big_slots.slots) {
        demand_free(&t->big_slots);
        t->big_slots = (struct demand){pos, xasprintf(fmt, name), slots, 0};
    }
    if (ram > t->big_ram.ram) {
        demand_free(&t->big_ram);
        t->big_ram = (struct demand){pos, xasprintf(fmt, name), 0, ram};
    }
}

static uint64_t mr_frames(const struct mr *mr)
{
    return mr->page_size ? mr->size / mr->page_size : 0;
}

/* RAM a region's frames take: none for device memory. */
static uint64_t mr_ram(const struct board *b, const struct mr *mr)
{
    return mr->has_phys && board_is_device(b, mr->phys_addr, mr->size) ? 0 : mr->size;
}

/* 4 KiB pages the segments span, a page shared by two segments counted once (sorted by vaddr). */
static uint64_t elf_pages(const struct elf_file *elf)
{
    uint64_t pages = 0, next = 0; /* next: the first page not yet counted */
    for (size_t s = 0; s < elf->segments.count; s++) {
        const struct elf_segment *seg = &elf->segments.items[s];
        uint64_t lo = align_down(seg->vaddr, KIB4), hi = align_up(seg->vaddr + seg->memsz, KIB4);
        lo = lo > next ? lo : next;
        pages += hi > lo ? (hi - lo) / KIB4 : 0;
        next = hi > next ? hi : next;
    }
    return pages;
}

static void count_uses(uint64_t *n, const struct map *maps, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        if (maps[i].mr >= 0) {
            n[maps[i].mr]++;
        }
    }
}

/* How many times each region is mapped, by PDs and virtual machines. */
static uint64_t *map_counts(const struct system *sys)
{
    uint64_t *n = xcalloc(sys->mrs.count + 1, sizeof(*n));
    for (size_t p = 0; p < sys->pds.count; p++) {
        const struct pd *pd = &sys->pds.items[p];
        count_uses(n, pd->maps.items, pd->maps.count);
        if (pd->vm) {
            count_uses(n, pd->vm->maps.items, pd->vm->maps.count);
        }
    }
    return n;
}

/* A region: a cap per frame, and one more per frame for every map of it. */
static void count_mr(struct tally *t, const struct board *b, const struct mr *mr, uint64_t maps)
{
    uint64_t frames = mr_frames(mr);
    uint64_t slots = frames > UINT64_MAX / (maps + 1) ? UINT64_MAX : frames * (maps + 1);
    char *what = xasprintf("memory region '%%s' (%llu frames, mapped %llu times)",
                           (unsigned long long)frames, (unsigned long long)maps);
    add(t, &mr->pos, slots, mr_ram(b, mr), what, mr->name);
    free(what);
}

/* A PD's program image and stack: a cap and a mapping per page (the IPC buffer too). */
static void count_pd(struct tally *t, const struct layout_input *in, size_t p)
{
    const struct pd *pd = &in->sys->pds.items[p];
    uint64_t pages = elf_pages(in->pd_elfs[p]);
    uint64_t stack = pd->stack_size / KIB4 + 1;
    add(t, &pd->program_pos, 2 * pages, pages * KIB4, "program image '%s'", in->pd_elfs[p]->path);
    add(t, &pd->pos, 2 * stack, stack * KIB4, "the stack of protection domain '%s'", pd->name);
}

static uint64_t board_ram(const struct board *b)
{
    uint64_t total = 0;
    for (size_t i = 0; i < b->ram.count; i++) {
        total = sat_add(total, b->ram.items[i].size);
    }
    return total;
}

static void report_slots(const struct tally *t, struct diag *d)
{
    char *hint = xasprintf("%s alone takes %llu of them; use 2 MiB pages for large regions "
                           "(page_size=\"0x200000\") or map them into fewer protection domains",
                           t->big_slots.what, (unsigned long long)t->big_slots.slots);
    diag_error(d, t->big_slots.pos, "monitor-cap-slots", hint,
               "the monitor needs at least %llu cap slots for the frames of this system but its "
               "system CNode holds at most %llu (2^%u)",
               (unsigned long long)sat_add(t->slots, MONITOR_CSPACE_SPARE),
               1ull << MONITOR_CSPACE_MAX_BITS, MONITOR_CSPACE_MAX_BITS);
    free(hint);
}

static void report_ram(const struct tally *t, const struct board *b, struct diag *d)
{
    char need[32], have[32], big[32];
    size_text(t->ram, need, sizeof(need));
    size_text(board_ram(b), have, sizeof(have));
    size_text(t->big_ram.ram, big, sizeof(big));
    char *hint = xasprintf("%s alone takes %s; make memory regions smaller, or use fewer or "
                           "smaller stacks",
                           t->big_ram.what, big);
    diag_error(d, t->big_ram.pos, "memory-exhausted", hint,
               "the system needs at least %s of RAM for its frames but board '%s' has %s of RAM",
               need, b->name, have);
    free(hint);
}

/* Where a segment lies that no PD can have: the kernel half, above user space, the stack. */
static void check_segment(const struct layout_input *in, size_t p, const struct elf_segment *seg,
                          struct diag *d)
{
    const struct pd *pd = &in->sys->pds.items[p];
    const char *path = in->pd_elfs[p]->path;
    uint64_t end = seg->vaddr + seg->memsz;
    uint64_t low = SDK_PD_STACK_TOP - pd->stack_size - KIB4; /* the guard page below the stack */
    const char *where = seg->vaddr >= KERN_LOW ? "in the kernel half of the address space"
                        : end > USER_TOP       ? "above the user address space"
                                               : NULL;
    if (where) {
        diag_error(d, &pd->program_pos, "elf-segment-address",
                   "link the program below 0x10000000000 (libmicrokit's microkit.ld starts .text "
                   "at 0x200000)",
                   "segment [0x%llx, 0x%llx) of program image '%s' of PD '%s' lies %s (user "
                   "addresses end at 0x%llx)",
                   (unsigned long long)seg->vaddr, (unsigned long long)end, path, pd->name, where,
                   (unsigned long long)USER_TOP);
    } else if (end > low) {
        diag_error(d, &pd->program_pos, "elf-overlaps-stack",
                   "the top of a PD's address space holds its stack, two guard pages and its IPC "
                   "buffer: link the program lower or give the PD a smaller stack_size",
                   "segment [0x%llx, 0x%llx) of program image '%s' overlaps the stack, guard "
                   "pages or IPC buffer of PD '%s' [0x%llx, 0x%llx)",
                   (unsigned long long)seg->vaddr, (unsigned long long)end, path, pd->name,
                   (unsigned long long)low, (unsigned long long)USER_TOP);
    }
}

static bool entry_executable(const struct elf_file *elf)
{
    for (size_t s = 0; s < elf->segments.count; s++) {
        const struct elf_segment *seg = &elf->segments.items[s];
        if ((seg->flags & ELF_SEG_X) && elf->entry >= seg->vaddr &&
            elf->entry - seg->vaddr < seg->memsz) {
            return true;
        }
    }
    return false;
}

static void check_program(const struct layout_input *in, size_t p, struct diag *d)
{
    const struct elf_file *elf = in->pd_elfs[p];
    const struct pd *pd = &in->sys->pds.items[p];
    for (size_t s = 0; s < elf->segments.count; s++) {
        check_segment(in, p, &elf->segments.items[s], d);
    }
    if (elf->segments.count && !entry_executable(elf)) {
        diag_error(d, &pd->program_pos, "elf-entry",
                   "the entry point must be code: link with libmicrokit's crt0 (_start) or "
                   "check the linker script's ENTRY",
                   "entry point 0x%llx of program image '%s' of PD '%s' is not in an executable "
                   "segment",
                   (unsigned long long)elf->entry, elf->path, pd->name);
    }
}

/*
 * A region without a size is sized from its prefill file before the checks
 * (inputs_size_regions); a caller that skipped that must not lay out an
 * empty region.
 */
static void check_sized(const struct system *sys, struct diag *d)
{
    for (size_t i = 0; i < sys->mrs.count; i++) {
        const struct mr *mr = &sys->mrs.items[i];
        if (!mr->size_given && !mr->size) {
            diag_error(d, &mr->pos, "internal", NULL,
                       "memory region '%s' was not sized from its prefill file", mr->name);
        }
    }
}

int layout_check_limits(const struct layout_input *in, struct diag *d)
{
    const struct system *sys = in->sys;
    unsigned errors = diag_errors(d);
    check_sized(sys, d);
    if (diag_errors(d) > errors) {
        return -1;
    }
    struct tally t = {0};
    uint64_t *maps = map_counts(sys);
    for (size_t i = 0; i < sys->mrs.count; i++) {
        count_mr(&t, in->board, &sys->mrs.items[i], maps[i]);
    }
    free(maps);
    for (size_t p = 0; p < sys->pds.count; p++) {
        check_program(in, p, d);
        count_pd(&t, in, p);
    }
    if (sat_add(t.slots, MONITOR_CSPACE_SPARE) > (1ull << MONITOR_CSPACE_MAX_BITS)) {
        report_slots(&t, d);
    }
    if (t.ram > board_ram(in->board)) {
        report_ram(&t, in->board, d);
    }
    demand_free(&t.big_slots);
    demand_free(&t.big_ram);
    return diag_errors(d) > errors ? -1 : 0;
}
