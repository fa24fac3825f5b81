/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Stage 2: fill frames. Each frame with fills is mapped into the monitor's
 * own VSpace at the scratch window, receives its data (copied, or inflated
 * from a zlib stream), has its data cache cleaned to the point of coherency
 * and its instruction cache invalidated (PDs may map it uncached or run code
 * from it), and is unmapped again. Fills of one frame are consecutive in the
 * table, so each frame is mapped once.
 *
 * Cache maintenance is done only where a mapping needs it (it costs a loop
 * over every cache line of the frame in the kernel): a clean to the point
 * of coherency when some PD maps the frame uncached, an instruction cache
 * invalidation when some PD maps it executable. Cached data mappings see
 * the monitor's writes through the same physically indexed data cache.
 *
 * The window needs page tables in the monitor's VSpace: two, created here
 * (or by a fault report's backtrace, backtrace.c) on first use (an upper directory for the window's
 * 1 GiB and a table for its first 2 MiB). 4 KiB frames are mapped at the window's start, 2 MiB
 * frames one 2 MiB step above it.
 */
#include "boot.h"
#include "inflate.h"
#include "print.h"
#ifdef CONFIG_ARCH_RISCV
#include "riscv64/mon_arch.h"
#endif

#define LARGE_OFFSET (1ull << seL4_LargePageBits)

/* Per object, two bits: mapped uncached somewhere, mapped executable somewhere. */
#define NEEDS_CLEAN 1u
#define NEEDS_UNIFY 2u
/* Objects beyond this many get both kinds of maintenance: correct, only slower. */
#define MAX_OBJECTS (1u << 17)
static uint8_t needs[MAX_OBJECTS / 4];

static unsigned needs_of(uint32_t obj)
{
    if (obj >= MAX_OBJECTS) {
        return NEEDS_CLEAN | NEEDS_UNIFY;
    }
    return (needs[obj / 4] >> (2 * (obj % 4))) & 3u;
}

static void scan_maps(const struct bs_spec *s)
{
    for (uint32_t i = 0; i < sizeof(needs); i++) {
        needs[i] = 0;
    }
    for (uint32_t i = 0; i < s->hdr->num_maps; i++) {
        const struct bs_map *m = &s->maps[i];
        unsigned n = 0;
        if (m->kind != BS_MAP_FRAME || m->obj >= MAX_OBJECTS) {
            continue;
        }
        if (!(m->attrs & BS_ATTR_CACHEABLE)) {
            n |= NEEDS_CLEAN;
        }
        if (!(m->attrs & BS_ATTR_EXECUTE_NEVER)) {
            n |= NEEDS_UNIFY;
        }
        needs[m->obj / 4] |= (uint8_t)(n << (2 * (m->obj % 4)));
    }
}

int boot_scratch_tables(struct boot *b)
{
    if (b->scratch_pt[0]) {
        return 0; /* made already (by the fills, or a fault report's backtrace) */
    }
#ifdef CONFIG_ARCH_RISCV
    struct kobj k = {MON_PAGE_TABLE_OBJECT, 0, seL4_PageTableBits};
    seL4_Error err;
#else
    struct kobj k = {seL4_ARM_PageTableObject, 0, seL4_PageTableBits};
#endif
    for (int i = 0; i < 2; i++) {
        seL4_CPtr slot;
        if (alloc_init_slot(&b->alloc, &slot) != 0 ||
            alloc_object(&b->alloc, &k, BS_ANY_PADDR, 0, slot, "monitor scratch page table") != 0 ||
            alloc_flush(&b->alloc) != 0) {
            return -1;
        }
#ifdef CONFIG_ARCH_RISCV
        err = mon_page_table_map(slot, seL4_CapInitThreadVSpace, (seL4_Word)b->scratch, 0);
#else
        seL4_Error err = seL4_ARM_PageTable_Map(
            slot, seL4_CapInitThreadVSpace, (seL4_Word)b->scratch, seL4_ARM_Default_VMAttributes);
#endif
        /* DeleteFirst: that level already exists, which is just as good. */
        if (err != seL4_NoError && err != seL4_DeleteFirst) {
            mon_error("mapping the monitor's scratch page table failed: ");
            mon_puts(sel4_error_name(err));
            mon_puts("\n");
            return -1;
        }
        b->scratch_pt[i] = slot;
    }
    return 0;
}

static uint8_t *window(const struct boot *b, uint32_t obj)
{
    return b->scratch + (b->spec->objects[obj].size_bits == seL4_PageBits ? 0 : LARGE_OFFSET);
}

static int window_open(struct boot *b, uint32_t obj)
{
#ifdef CONFIG_ARCH_RISCV
    seL4_Error err = mon_page_map(boot_cap(b, obj), seL4_CapInitThreadVSpace,
                                  (seL4_Word)window(b, obj), seL4_ReadWrite, BS_ATTR_EXECUTE_NEVER);
#else
    seL4_Error err =
        seL4_ARM_Page_Map(boot_cap(b, obj), seL4_CapInitThreadVSpace, (seL4_Word)window(b, obj),
                          seL4_ReadWrite, seL4_ARM_Default_VMAttributes | seL4_ARM_ExecuteNever);
#endif
    return boot_check(b, err, "mapping for filling", obj);
}

#ifdef CONFIG_ARCH_RISCV
/*
 * seL4 has no cache maintenance invocations on RISC-V (the data cache is
 * coherent) and does not fence the instruction stream when it switches
 * threads (only at boot and on SMP shootdowns). So the monitor runs fence.i
 * after writing a frame the PD will execute: fence.i orders this hart's
 * stores before its later instruction fetches, in any address space. That is
 * enough because RISC-V here is uniprocessor: every PD starts after the
 * fills, on this same hart. A PD on another hart would need the kernel's
 * remote fence.i (SBI), which user level cannot ask for.
 */
static int window_close(struct boot *b, uint32_t obj)
{
    if (needs_of(obj) & NEEDS_UNIFY) {
        __asm__ volatile("fence.i" ::: "memory");
    }
    return boot_check(b, mon_page_unmap(boot_cap(b, obj)), "unmapping after filling", obj);
}
#else
static int window_close(struct boot *b, uint32_t obj)
{
    seL4_CPtr cap = boot_cap(b, obj);
    seL4_Word size = 1ull << b->spec->objects[obj].size_bits;
    seL4_Word mr[4] = {0, size, 0, 0};
    if ((needs_of(obj) & NEEDS_CLEAN) &&
        boot_check(b, sel4_client_invoke(cap, ARMPageCleanInvalidate_Data, 0, 2, mr),
                   "cleaning the data cache of", obj) != 0) {
        return -1;
    }
    mr[0] = 0;
    mr[1] = size;
    if ((needs_of(obj) & NEEDS_UNIFY) &&
        boot_check(b, sel4_client_invoke(cap, ARMPageUnify_Instruction, 0, 2, mr),
                   "invalidating the instruction cache of", obj) != 0) {
        return -1;
    }
    return boot_check(b, seL4_ARM_Page_Unmap(cap), "unmapping after filling", obj);
}
#endif

/*
 * Fills of the same compressed bytes (the tool stores identical contents
 * once: every PD running one program) are inflated once, into this cache,
 * and copied from it afterwards. Inflating builds three decoding tables
 * first: about 160 us a fill under QEMU, 19 of the 75 ms a 60-PD boot
 * took before (docs/performance.md).
 */
#define CACHE_SLOTS      4
#define CACHE_SLOT_BYTES 4096
static uint8_t cache_data[CACHE_SLOTS][CACHE_SLOT_BYTES] __attribute__((aligned(8)));
static struct {
    uint32_t data_offset, data_len, raw_len; /* raw_len 0: empty */
} cache_key[CACHE_SLOTS];
static unsigned cache_next;

/* The cache holds one spec's data: emptied before each spec's fills. */
static void cache_clear(void)
{
    for (unsigned i = 0; i < CACHE_SLOTS; i++) {
        cache_key[i].raw_len = 0;
    }
    cache_next = 0;
}

typedef uint64_t __attribute__((may_alias)) fill_word;

/* Word by word where both sides line up: the copies of a shared text page are most of it. */
static void copy_bytes(uint8_t *restrict dest, const uint8_t *restrict src, uint32_t n)
{
    if ((((uintptr_t)dest ^ (uintptr_t)src) & 7) == 0) {
        for (; n > 0 && ((uintptr_t)dest & 7); n--) {
            *dest++ = *src++;
        }
        for (; n >= 8; n -= 8, dest += 8, src += 8) {
            *(fill_word *)dest = *(const fill_word *)src;
        }
    }
    for (; n > 0; n--) {
        *dest++ = *src++;
    }
}

/* The cached output of fill `f`'s data, or NULL. */
static const uint8_t *cache_find(const struct bs_fill *f)
{
    for (unsigned i = 0; i < CACHE_SLOTS; i++) {
        if (cache_key[i].raw_len == f->raw_len && cache_key[i].data_offset == f->data_offset &&
            cache_key[i].data_len == f->data_len) {
            return cache_data[i];
        }
    }
    return NULL;
}

/* 0, or -1 with *why saying what is wrong with the data. */
static int inflate_fill(const struct bs_fill *f, uint8_t *dest, const uint8_t *src,
                        const char **why)
{
    size_t out_len;
    enum inflate_status st = zlib_inflate(dest, f->raw_len, src, f->data_len, &out_len);
    if (st == INFLATE_OK && out_len == f->raw_len) {
        return 0;
    }
    *why = st == INFLATE_OK ? "data shorter than expected" : inflate_strerror(st);
    return -1;
}

/* Inflates through the cache when the output fits a slot. */
static int inflate_cached(const struct bs_fill *f, uint8_t *dest, const uint8_t *src,
                          const char **why)
{
    const uint8_t *hit = cache_find(f);
    if (!hit && f->raw_len <= CACHE_SLOT_BYTES) {
        unsigned slot = cache_next++ % CACHE_SLOTS;
        cache_key[slot].raw_len = 0;
        if (inflate_fill(f, cache_data[slot], src, why) != 0) {
            return -1;
        }
        cache_key[slot].data_offset = f->data_offset;
        cache_key[slot].data_len = f->data_len;
        cache_key[slot].raw_len = f->raw_len;
        hit = cache_data[slot];
    }
    if (!hit) {
        return inflate_fill(f, dest, src, why);
    }
    copy_bytes(dest, hit, f->raw_len);
    return 0;
}

static int fill_one(struct boot *b, const struct bs_fill *f)
{
    uint8_t *dest = window(b, f->obj) + f->dest_offset;
    const uint8_t *src = b->spec->data + f->data_offset;
    if (f->encoding == BS_FILL_STORED) {
        copy_bytes(dest, src, f->raw_len);
        return 0;
    }
    const char *why = "";
    if (inflate_cached(f, dest, src, &why) == 0) {
        return 0;
    }
    mon_error("filling '");
    mon_puts(bs_object_name(b->spec, f->obj));
    mon_puts("' failed: ");
    mon_puts(why);
    mon_puts("\n");
    return -1;
}

int boot_fill(struct boot *b)
{
    const struct bs_spec *s = b->spec;
    uint32_t open = BS_NONE;
    if (s->hdr->num_fills == 0) {
        return 0;
    }
    if (boot_scratch_tables(b) != 0) {
        return -1;
    }
    scan_maps(s);
    cache_clear();
    for (uint32_t i = 0; i < s->hdr->num_fills; i++) {
        const struct bs_fill *f = &s->fills[i];
        if (f->obj != open) {
            if ((open != BS_NONE && window_close(b, open) != 0) || window_open(b, f->obj) != 0) {
                return -1;
            }
            open = f->obj;
        }
        if (fill_one(b, f) != 0) {
            return -1;
        }
    }
    return window_close(b, open);
}
