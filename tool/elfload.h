/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The elf stage: read PD, kernel and monitor ELF files into memory, with
 * every loadable segment materialised at its full memory size (so .bss
 * symbols can be patched), and the symbol table for lookups.
 *
 * Files are validated as a whole: wrong class, byte order or machine,
 * truncation, segments past the end of the file, overlapping segments and
 * absurd sizes are reported with the file named. The user's file is never
 * modified: patches land in the in-memory copy, and elf_write_patched()
 * writes a patched copy elsewhere (the simulator's host ELFs).
 */
#ifndef TOOL_ELFLOAD_H
#define TOOL_ELFLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "model.h"

/* Segment flags, as ELF's PF_* bits. */
#define ELF_SEG_X 1u
#define ELF_SEG_W 2u
#define ELF_SEG_R 4u

/* The largest loadable segment or file accepted (1 GiB). */
#define ELF_MAX_SEGMENT_SIZE 0x40000000ull

/*
 * The most memory all loadable segments of one file may take (2 GiB): every
 * segment is held in memory at its full size, and a PD's pages take a frame
 * cap and a mapping each in the monitor's CNode of 2^20 slots, so no
 * program this large could be laid out. Checked before the segments are
 * allocated: 64 segments of 1 GiB of .bss in a 35 KB file are refused at once.
 */
#define ELF_MAX_TOTAL_SIZE 0x80000000ull

struct elf_segment {
    uint64_t vaddr;
    uint64_t paddr;
    uint64_t offset; /* in the file */
    uint64_t filesz;
    uint64_t memsz;
    unsigned flags; /* ELF_SEG_* */
    uint8_t *data;  /* memsz bytes: file bytes, then zeroes (see elf_load_read_only) */
};

enum elf_sym_kind { ELF_SYM_OBJECT, ELF_SYM_FUNC, ELF_SYM_OTHER };

struct elf_symbol {
    const char *name; /* points into the ELF's string storage */
    uint64_t value;
    uint64_t size;
    enum elf_sym_kind kind;
};

struct elf_patch {
    uint64_t vaddr;
    uint64_t size;
    const char *symbol;
};

enum elf_machine { ELF_MACHINE_AARCH64 = 183, ELF_MACHINE_X86_64 = 62, ELF_MACHINE_RISCV = 243 };

struct elf_file {
    char *path;
    unsigned machine; /* enum elf_machine */
    uint64_t entry;
    VEC(struct elf_segment) segments; /* PT_LOAD only, sorted by vaddr */
    VEC(struct elf_symbol) symbols;   /* sorted by name (then value), unless read_only */
    VEC(struct elf_patch) patches;    /* what elf_patch_symbol changed */
    char *strings;                    /* symbol names */
    uint8_t *file;                    /* the original bytes, mapped read-only */
    size_t file_size;
    char *sdk_stamp; /* the ELF_SDK_STAMP_SECTION text, or NULL */
    bool read_only;  /* loaded by elf_load_read_only */
};

/*
 * libmicrokit records the board and configuration it was built for in this
 * non-loaded section, as "board=B config=C" (libmicrokit/src/main.c), so the
 * build can refuse a PD built against another configuration than the image.
 */
#define ELF_SDK_STAMP_SECTION ".microkit_sdk"
#define ELF_SDK_STAMP_MAX     256

/*
 * Read `path`. `machines` is a bit set of accepted machines: ELF_ACCEPT_AARCH64,
 * ELF_ACCEPT_X86_64 and/or ELF_ACCEPT_RISCV64. `what` describes the file in messages ("program
 * image of PD 'hello'", "kernel"); `pos` (may be NULL) is where the SDF names
 * it. Returns 0, or -1 after reporting every problem found.
 */
#define ELF_ACCEPT_AARCH64 1u
#define ELF_ACCEPT_X86_64  2u
#define ELF_ACCEPT_RISCV64 4u /* 64-bit RISC-V (EM_RISCV, ELFCLASS64) */
int elf_load(const char *path, unsigned machines, const char *what, const struct srcpos *pos,
             struct elf_file *elf, struct diag *d);
void elf_free(struct elf_file *elf);

/*
 * elf_load for a file the tool only reads, never patches nor clones (the
 * seL4 kernel): each segment's data is its filesz file bytes in the
 * read-only mapping (nothing past filesz, nothing copied), and the symbols
 * stay in file order, looked up one by one. A build of hello spent a tenth of
 * its time copying, and faulting in, the 2.4 MiB kernel segment and sorting
 * its 900 symbols, for five lookups and one read of 250 KB.
 */
int elf_load_read_only(const char *path, unsigned machines, const char *what,
                       const struct srcpos *pos, struct elf_file *elf, struct diag *d);

/*
 * A deep copy of `src` (segments, symbols, patches; the file is mapped
 * again), for PDs that share a program image but are patched differently.
 * Returns 0, or -1 with errno set when the file cannot be mapped again
 * (EINVAL for a read-only file).
 */
int elf_file_clone(const struct elf_file *src, struct elf_file *dst);

/*
 * path_for_symbols (Microkit 2.3): give `elf`, a program as loaded, the
 * symbol table of `from`, another file of the same program (e.g. the copy
 * kept before 'strip'), so symbols are found in `from` and patched into
 * `elf`'s segments. They must be the same program: the same machine, entry
 * point and loadable segments (address, file and memory size, flags and
 * every byte but the ELF header's section table fields, which 'strip'
 * rewrites). Call it before anything is patched. Returns NULL, having
 * moved the symbols out of `from`, or why the files differ (nothing moved).
 */
const char *elf_take_symbols(struct elf_file *elf, struct elf_file *from);

/* Results of elf_find_symbol. */
enum elf_lookup { ELF_SYM_FOUND = 0, ELF_SYM_MISSING = -1, ELF_SYM_DUPLICATE = -2 };

/* Look `name` up; on success *out points at the symbol. */
enum elf_lookup elf_find_symbol(const struct elf_file *elf, const char *name,
                                const struct elf_symbol **out);

/* The segment holding [vaddr, vaddr+size), or NULL. */
struct elf_segment *elf_segment_at(const struct elf_file *elf, uint64_t vaddr, uint64_t size);

/*
 * Write `len` bytes into symbol `name` in the in-memory copy (zero-filling
 * the rest of the symbol when `len` is shorter). Returns 0, or an
 * enum elf_lookup, or 1 when the symbol is not inside a loadable segment or
 * smaller than `len`, or the file is read-only.
 */
int elf_patch_symbol(struct elf_file *elf, const char *name, const void *data, size_t len);

/*
 * Write the original file to `out_path` (atomically) with every patched
 * range copied in from the in-memory segments. A patch that lies in a
 * segment's zero-filled part (.bss) cannot be represented in a file: that is
 * reported to `d` and -1 returned.
 */
int elf_write_patched(const struct elf_file *elf, const char *out_path, struct diag *d);

/*
 * Function symbols with a non-zero size, sorted by address (ties by name).
 * Returns a malloc'd array of pointers into elf->symbols; *count is set.
 */
const struct elf_symbol **elf_functions(const struct elf_file *elf, size_t *count);

/* Lowest and highest (exclusive) virtual address of the loadable segments. */
void elf_vaddr_range(const struct elf_file *elf, uint64_t *lo, uint64_t *hi);

#endif /* TOOL_ELFLOAD_H */
