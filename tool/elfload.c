/* SPDX-License-Identifier: BSD-2-Clause */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "elfload.h"
#include "util.h"

struct loader {
    struct elf_file *elf;
    struct diag *d;
    const char *what;
    const struct srcpos *pos;
    int errors;
};

static void __attribute__((format(printf, 2, 3))) bad(struct loader *L, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = xvasprintf(fmt, ap);
    va_end(ap);
    diag_error(L->d, L->pos, "elf-invalid", NULL, "%s '%s': %s", L->what, L->elf->path, msg);
    free(msg);
    L->errors++;
}

static const char *machine_name(unsigned m)
{
    switch (m) {
    case EM_AARCH64:
        return "AArch64";
    case EM_X86_64:
        return "x86-64";
    case EM_ARM:
        return "32-bit ARM";
    case EM_RISCV:
        return "RISC-V";
    case EM_386:
        return "i386";
    default:
        return "an unknown machine";
    }
}

static int check_header(struct loader *L, Elf *e, const GElf_Ehdr *eh, unsigned machines)
{
    if (eh->e_ident[EI_CLASS] != ELFCLASS64) {
        bad(L, "not a 64-bit ELF file");
        return -1;
    }
    if (eh->e_ident[EI_DATA] != ELFDATA2LSB) {
        bad(L, "not a little-endian ELF file");
        return -1;
    }
    bool ok = (eh->e_machine == EM_AARCH64 && (machines & ELF_ACCEPT_AARCH64)) ||
              (eh->e_machine == EM_X86_64 && (machines & ELF_ACCEPT_X86_64)) ||
              (eh->e_machine == EM_RISCV && (machines & ELF_ACCEPT_RISCV64));
    if (!ok) {
        bad(L, "built for %s, expected %s", machine_name(eh->e_machine),
            (machines & ELF_ACCEPT_AARCH64)   ? "AArch64"
            : (machines & ELF_ACCEPT_RISCV64) ? "RISC-V"
                                              : "x86-64");
        return -1;
    }
    if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN) {
        bad(L, "not an executable (ELF type %u)", (unsigned)eh->e_type);
        return -1;
    }
    /* libelf steps through the table by the entry size: smaller entries would be read as
     * overlapping, garbled 64-bit headers. */
    if (eh->e_phnum && eh->e_phentsize < sizeof(Elf64_Phdr)) {
        bad(L, "program header entries are %u bytes, smaller than a 64-bit program header (%zu)",
            (unsigned)eh->e_phentsize, sizeof(Elf64_Phdr));
        return -1;
    }
    uint64_t size = L->elf->file_size;
    if (eh->e_phnum &&
        (eh->e_phoff > size || (uint64_t)eh->e_phnum * eh->e_phentsize > size - eh->e_phoff)) {
        bad(L, "truncated: the program headers run past the end of the file");
        return -1;
    }
    if (eh->e_shnum &&
        (eh->e_shoff > size || (uint64_t)eh->e_shnum * eh->e_shentsize > size - eh->e_shoff)) {
        bad(L, "truncated: the section headers run past the end of the file");
        return -1;
    }
    (void)e;
    return 0;
}

static void add_segment(struct loader *L, const GElf_Phdr *ph, unsigned idx)
{
    uint64_t size = L->elf->file_size;
    if (ph->p_filesz > ph->p_memsz) {
        bad(L, "segment %u has a file size (0x%llx) larger than its memory size (0x%llx)", idx,
            (unsigned long long)ph->p_filesz, (unsigned long long)ph->p_memsz);
        return;
    }
    if (ph->p_memsz > ELF_MAX_SEGMENT_SIZE) {
        bad(L, "segment %u is absurdly large (0x%llx bytes; at most 0x%llx accepted)", idx,
            (unsigned long long)ph->p_memsz, (unsigned long long)ELF_MAX_SEGMENT_SIZE);
        return;
    }
    if (ph->p_offset > size || ph->p_filesz > size - ph->p_offset) {
        bad(L,
            "truncated: segment %u (offset 0x%llx, 0x%llx bytes) runs past the end of the "
            "file (0x%llx bytes)",
            idx, (unsigned long long)ph->p_offset, (unsigned long long)ph->p_filesz,
            (unsigned long long)size);
        return;
    }
    if (ph->p_vaddr + ph->p_memsz < ph->p_vaddr) {
        bad(L, "segment %u wraps around the address space", idx);
        return;
    }
    struct elf_segment *s = VEC_PUSH(L->elf->segments);
    s->vaddr = ph->p_vaddr;
    s->paddr = ph->p_paddr;
    s->offset = ph->p_offset;
    s->filesz = ph->p_filesz;
    s->memsz = ph->p_memsz;
    s->flags = ph->p_flags & (ELF_SEG_R | ELF_SEG_W | ELF_SEG_X);
    if (L->elf->read_only) {
        s->data = L->elf->file + ph->p_offset; /* mapped PROT_READ: a write faults */
        return;
    }
    s->data = xcalloc(1, ph->p_memsz ? ph->p_memsz : 1);
    prefault_write(s->data, ph->p_filesz); /* the bss part stays unmapped until used */
    memcpy(s->data, L->elf->file + ph->p_offset, ph->p_filesz);
}

static int cmp_segment(const void *a, const void *b)
{
    const struct elf_segment *x = a, *y = b;
    return x->vaddr < y->vaddr ? -1 : x->vaddr > y->vaddr;
}

/*
 * Segments sorted by vaddr that overlap their predecessor: the first pair is
 * reported with the number of others, so a file of 20,000 overlapping
 * segments gives one line, not 19,999.
 */
static void report_overlaps(struct loader *L)
{
    const struct elf_file *f = L->elf;
    const struct elf_segment *a = NULL, *b = NULL, *reach = f->segments.items;
    unsigned long more = 0;
    for (size_t i = 1; i < f->segments.count; i++) {
        const struct elf_segment *q = &f->segments.items[i];
        if (q->vaddr < reach->vaddr + reach->memsz) {
            more += a != NULL;
            a = a ? a : reach;
            b = b ? b : q;
        }
        reach = q->vaddr + q->memsz > reach->vaddr + reach->memsz ? q : reach;
    }
    if (!a) {
        return;
    }
    char *others = more ? xasprintf(" (and %lu more overlaps)", more) : xstrdup("");
    bad(L, "loadable segments overlap: [0x%llx, 0x%llx) and [0x%llx, 0x%llx)%s",
        (unsigned long long)a->vaddr, (unsigned long long)(a->vaddr + a->memsz),
        (unsigned long long)b->vaddr, (unsigned long long)(b->vaddr + b->memsz), others);
    free(others);
}

/*
 * Every segment is held in memory at its full size: their sum is checked
 * before the first is allocated. False (reported) when it is too large.
 */
static bool total_fits(struct loader *L, Elf *e, size_t n)
{
    uint64_t total = 0;
    for (size_t i = 0; i < n; i++) {
        GElf_Phdr ph;
        if (!gelf_getphdr(e, (int)i, &ph) || ph.p_type != PT_LOAD ||
            ph.p_memsz > ELF_MAX_SEGMENT_SIZE) {
            continue; /* reported one by one when the segments are read */
        }
        if (ph.p_memsz > ELF_MAX_TOTAL_SIZE - total) {
            bad(L,
                "the loadable segments need more than 0x%llx bytes of memory (segment %zu goes "
                "past it); no protection domain can be that large",
                (unsigned long long)ELF_MAX_TOTAL_SIZE, i);
            return false;
        }
        total += ph.p_memsz;
    }
    return true;
}

static void read_segments(struct loader *L, Elf *e)
{
    size_t n;
    if (elf_getphdrnum(e, &n)) {
        bad(L, "cannot read the program headers: %s", elf_errmsg(-1));
        return;
    }
    if (!total_fits(L, e, n)) {
        return;
    }
    for (size_t i = 0; i < n; i++) {
        GElf_Phdr ph;
        if (!gelf_getphdr(e, (int)i, &ph)) {
            bad(L, "cannot read program header %zu: %s", i, elf_errmsg(-1));
            continue;
        }
        if (ph.p_type == PT_LOAD && ph.p_memsz) {
            add_segment(L, &ph, (unsigned)i);
        }
    }
    struct elf_file *f = L->elf;
    if (f->segments.count > 1) {
        xsort(f->segments.items, f->segments.count, sizeof(*f->segments.items), cmp_segment);
    }
    report_overlaps(L);
    if (!f->segments.count && !L->errors) {
        bad(L, "has no loadable segments");
    }
}

/*
 * Symbols are sorted by name, then value, then table order. A kernel has
 * ~900 symbols, and qsort's callback plus a strcmp per comparison cost more
 * than the rest of reading the ELF: the merge sort below compares the first
 * eight bytes of the names as one big-endian integer (same order as strcmp
 * on those bytes) and calls strcmp only when they are equal.
 */
struct sym_key {
    uint64_t prefix;
    const struct elf_symbol *sym;
};

static uint64_t name_prefix(const char *s)
{
    uint64_t k = 0;
    unsigned char c = 1;
    for (int i = 0; i < 8; i++) {
        c = c ? (unsigned char)s[i] : 0;
        k = k << 8 | c;
    }
    return k;
}

static bool key_before(const struct sym_key *a, const struct sym_key *b)
{
    if (a->prefix != b->prefix) {
        return a->prefix < b->prefix;
    }
    int c = strcmp(a->sym->name, b->sym->name);
    if (c) {
        return c < 0;
    }
    if (a->sym->value != b->sym->value) {
        return a->sym->value < b->sym->value;
    }
    return a->sym < b->sym; /* stable */
}

/* Top-down merge sort of k[0..n) using tmp[0..n). */
static void sort_keys(struct sym_key *k, struct sym_key *tmp, size_t n)
{
    if (n < 2) {
        return;
    }
    size_t h = n / 2;
    sort_keys(k, tmp, h);
    sort_keys(k + h, tmp, n - h);
    if (!key_before(&k[h], &k[h - 1])) {
        return; /* already in order */
    }
    memcpy(tmp, k, h * sizeof(*k));
    size_t i = 0, j = h, o = 0;
    while (i < h && j < n) {
        k[o++] = key_before(&k[j], &tmp[i]) ? k[j++] : tmp[i++];
    }
    while (i < h) {
        k[o++] = tmp[i++];
    }
}

static void sort_symbols(struct elf_file *f)
{
    size_t n = f->symbols.count;
    struct sym_key *k = xmalloc(2 * n * sizeof(*k));
    for (size_t i = 0; i < n; i++) {
        k[i] = (struct sym_key){name_prefix(f->symbols.items[i].name), &f->symbols.items[i]};
    }
    sort_keys(k, k + n, n);
    struct elf_symbol *out = xmalloc(n * sizeof(*out));
    for (size_t i = 0; i < n; i++) {
        out[i] = *k[i].sym;
    }
    free(f->symbols.items);
    f->symbols.items = out;
    f->symbols.cap = n;
    free(k);
}

static void read_symtab(struct loader *L, Elf *e, Elf_Scn *scn, const GElf_Shdr *sh)
{
    Elf_Data *data = elf_getdata(scn, NULL);
    if (!data || !sh->sh_entsize) {
        bad(L, "cannot read the symbol table: %s", elf_errmsg(-1));
        return;
    }
    size_t n = sh->sh_size / sh->sh_entsize;
    size_t used = 0, cap = 4096;
    char *strs = xmalloc(cap);
    size_t *offs = xmalloc(n * sizeof(size_t) + 1);
    size_t first = L->elf->symbols.count;
    for (size_t i = 1; i < n; i++) {
        GElf_Sym sym;
        if (!gelf_getsym(data, (int)i, &sym)) {
            bad(L, "cannot read symbol %zu: %s", i, elf_errmsg(-1));
            break;
        }
        int type = GELF_ST_TYPE(sym.st_info);
        const char *name = elf_strptr(e, sh->sh_link, sym.st_name);
        if (!name || !name[0] || type == STT_SECTION || type == STT_FILE) {
            continue;
        }
        size_t len = strlen(name) + 1;
        while (used + len > cap) {
            cap *= 2;
            strs = xrealloc(strs, cap);
        }
        memcpy(strs + used, name, len);
        struct elf_symbol *s = VEC_PUSH(L->elf->symbols);
        offs[L->elf->symbols.count - 1 - first] = used;
        used += len;
        s->value = sym.st_value;
        s->size = sym.st_size;
        s->kind = type == STT_FUNC     ? ELF_SYM_FUNC
                  : type == STT_OBJECT ? ELF_SYM_OBJECT
                                       : ELF_SYM_OTHER;
    }
    /* Names point into the final buffer, fixed up once it stops moving. */
    for (size_t i = first; i < L->elf->symbols.count; i++) {
        L->elf->symbols.items[i].name = strs + offs[i - first];
    }
    free(offs);
    free(L->elf->strings);
    L->elf->strings = strs;
}

static bool section_in_file(const struct elf_file *f, const GElf_Shdr *sh)
{
    return sh->sh_type == SHT_NOBITS ||
           (sh->sh_offset <= f->file_size && sh->sh_size <= f->file_size - sh->sh_offset);
}

/* The SDK stamp libmicrokit leaves in a non-loaded section (see elfload.h). */
static void read_stamp(struct elf_file *f, const GElf_Shdr *sh)
{
    if (sh->sh_type != SHT_PROGBITS || !sh->sh_size || sh->sh_size > ELF_SDK_STAMP_MAX) {
        return;
    }
    const char *p = (const char *)f->file + sh->sh_offset;
    free(f->sdk_stamp);
    f->sdk_stamp = xasprintf("%.*s", (int)strnlen(p, sh->sh_size), p);
}

static void read_symbols(struct loader *L, Elf *e)
{
    Elf_Scn *scn = NULL;
    size_t shstrndx = 0;
    bool have_names = elf_getshdrstrndx(e, &shstrndx) == 0, have_symtab = false;
    while ((scn = elf_nextscn(e, scn))) {
        GElf_Shdr sh;
        if (!gelf_getshdr(scn, &sh)) {
            bad(L, "cannot read a section header: %s", elf_errmsg(-1));
            return;
        }
        if (!section_in_file(L->elf, &sh)) {
            if (sh.sh_type == SHT_SYMTAB) {
                bad(L, "truncated: the symbol table runs past the end of the file");
                return;
            }
            continue;
        }
        const char *name = have_names ? elf_strptr(e, shstrndx, sh.sh_name) : NULL;
        if (sh.sh_type == SHT_SYMTAB && !have_symtab) {
            read_symtab(L, e, scn, &sh);
            have_symtab = true;
        } else if (name && !strcmp(name, ELF_SDK_STAMP_SECTION)) {
            read_stamp(L->elf, &sh);
        }
    }
    struct elf_file *f = L->elf;
    if (f->symbols.count > 1 && !f->read_only) {
        sort_symbols(f);
    }
}

static int parse(struct loader *L, unsigned machines)
{
    struct elf_file *f = L->elf;
    if (!f->file || f->file_size < EI_NIDENT || memcmp(f->file, ELFMAG, SELFMAG)) {
        bad(L, "not an ELF file");
        return -1;
    }
    Elf *e = elf_memory((char *)f->file, f->file_size);
    GElf_Ehdr eh;
    if (!e || !gelf_getehdr(e, &eh)) {
        bad(L, "cannot read the ELF header: %s", elf_errmsg(-1));
        if (e) {
            elf_end(e);
        }
        return -1;
    }
    if (!check_header(L, e, &eh, machines)) {
        f->machine = eh.e_machine;
        f->entry = eh.e_entry;
        read_segments(L, e);
        if (!L->errors) {
            read_symbols(L, e);
        }
    }
    elf_end(e);
    return L->errors ? -1 : 0;
}

/*
 * Map the file read-only: only the pages the stages touch are read. The
 * checked open (files.h) refuses a FIFO or device unopened and bounds the size.
 */
static int map_file(struct elf_file *elf, struct file_error *e)
{
    uint64_t size;
    int fd = input_open(elf->path, INPUT_ELF, &size, e);
    if (fd < 0) {
        return -1;
    }
    int rc = 0;
    if (size > 0) {
        void *p = mmap(NULL, (size_t)size, PROT_READ, MAP_PRIVATE, fd, 0);
        rc = p == MAP_FAILED ? -1 : 0;
        elf->file = rc ? NULL : p;
        elf->file_size = rc ? 0 : (size_t)size;
        snprintf(e->text, sizeof(e->text), "%s", rc ? strerror(errno) : "");
    }
    close(fd);
    return rc;
}

static int load(const char *path, unsigned machines, const char *what, const struct srcpos *pos,
                struct elf_file *elf, bool read_only, struct diag *d)
{
    memset(elf, 0, sizeof(*elf));
    elf->path = xstrdup(path);
    elf->read_only = read_only;
    struct loader L = {elf, d, what, pos, 0};
    struct file_error e;
    if (map_file(elf, &e)) {
        bad(&L, "cannot read: %s", e.text);
        return -1;
    }
    if (elf_version(EV_CURRENT) == EV_NONE) {
        bad(&L, "libelf is out of date");
        return -1;
    }
    return parse(&L, machines);
}

int elf_load(const char *path, unsigned machines, const char *what, const struct srcpos *pos,
             struct elf_file *elf, struct diag *d)
{
    return load(path, machines, what, pos, elf, false, d);
}

int elf_load_read_only(const char *path, unsigned machines, const char *what,
                       const struct srcpos *pos, struct elf_file *elf, struct diag *d)
{
    return load(path, machines, what, pos, elf, true, d);
}

static void *dup_bytes(const void *p, size_t n)
{
    void *q = xmalloc(n ? n : 1);
    if (n) {
        memcpy(q, p, n);
    }
    return q;
}

/*
 * The copy of one segment's bytes: the file part, then zeroes, then whatever
 * a patch wrote into the zero part (.bss). Copying the whole memory size
 * instead would touch every page of a large .bss once per PD sharing the
 * program; calloc leaves the zero pages untouched.
 */
static void clone_segment_data(const struct elf_file *src, struct elf_segment *s)
{
    const uint8_t *from = s->data;
    s->data = xcalloc(1, s->memsz ? s->memsz : 1);
    memcpy(s->data, from, s->filesz);
    for (size_t i = 0; i < src->patches.count; i++) {
        const struct elf_patch *p = &src->patches.items[i];
        if (p->vaddr >= s->vaddr && p->vaddr - s->vaddr <= s->memsz &&
            p->size <= s->memsz - (p->vaddr - s->vaddr)) {
            memcpy(s->data + (p->vaddr - s->vaddr), from + (p->vaddr - s->vaddr), p->size);
        }
    }
}

int elf_file_clone(const struct elf_file *src, struct elf_file *dst)
{
    memset(dst, 0, sizeof(*dst));
    if (src->read_only) {
        errno = EINVAL;
        return -1;
    }
    dst->path = xstrdup(src->path);
    struct file_error e;
    if (map_file(dst, &e)) {
        free(dst->path);
        return -1;
    }
    dst->machine = src->machine;
    dst->entry = src->entry;
    dst->sdk_stamp = src->sdk_stamp ? xstrdup(src->sdk_stamp) : NULL;
    size_t ns = src->segments.count, nsym = src->symbols.count;
    dst->segments.items = dup_bytes(src->segments.items, ns * sizeof(struct elf_segment));
    dst->segments.count = dst->segments.cap = ns;
    for (size_t i = 0; i < ns; i++) {
        clone_segment_data(src, &dst->segments.items[i]);
    }
    /* Symbol names point into `strings`: copy it and move every pointer across. */
    size_t len = 0;
    for (size_t i = 0; i < nsym; i++) {
        size_t end = (size_t)(src->symbols.items[i].name - src->strings) +
                     strlen(src->symbols.items[i].name) + 1;
        len = end > len ? end : len;
    }
    dst->strings = dup_bytes(src->strings, len);
    dst->symbols.items = dup_bytes(src->symbols.items, nsym * sizeof(struct elf_symbol));
    dst->symbols.count = dst->symbols.cap = nsym;
    for (size_t i = 0; i < nsym; i++) {
        dst->symbols.items[i].name = dst->strings + (src->symbols.items[i].name - src->strings);
    }
    for (size_t i = 0; i < src->patches.count; i++) {
        const struct elf_patch *p = &src->patches.items[i];
        struct elf_patch *q = VEC_PUSH(dst->patches);
        *q = *p;
        q->symbol = dst->strings + (p->symbol - src->strings);
    }
    return 0;
}

/*
 * The bytes of two segments are the same. A segment from file offset 0 holds
 * the ELF header, whose section table fields (e_shoff; e_shentsize, e_shnum,
 * e_shstrndx) 'strip' rewrites: those are left out.
 */
static bool same_bytes(const struct elf_segment *x, const struct elf_segment *y)
{
    const uint64_t shoff = 0x28, shoff_end = 0x30, shfields = 0x3a, ehdr_end = 0x40;
    if (x->offset || y->offset || x->filesz < ehdr_end) {
        return !memcmp(x->data, y->data, x->memsz);
    }
    return !memcmp(x->data, y->data, shoff) &&
           !memcmp(x->data + shoff_end, y->data + shoff_end, shfields - shoff_end) &&
           !memcmp(x->data + ehdr_end, y->data + ehdr_end, x->memsz - ehdr_end);
}

/* Why `a` and `b` are not the same loaded program, or NULL when they are. */
static const char *load_difference(const struct elf_file *a, const struct elf_file *b)
{
    if (a->machine != b->machine) {
        return "they are built for different machines";
    }
    if (a->entry != b->entry) {
        return "their entry points differ";
    }
    if (a->segments.count != b->segments.count) {
        return "they have different numbers of loadable segments";
    }
    for (size_t i = 0; i < a->segments.count; i++) {
        const struct elf_segment *x = &a->segments.items[i], *y = &b->segments.items[i];
        if (x->vaddr != y->vaddr || x->memsz != y->memsz || x->filesz != y->filesz ||
            x->flags != y->flags) {
            return "their loadable segments differ in address, size or permissions";
        }
        if (!same_bytes(x, y)) {
            return "their loadable segments hold different bytes";
        }
    }
    return NULL;
}

const char *elf_take_symbols(struct elf_file *elf, struct elf_file *from)
{
    const char *why = load_difference(elf, from);
    if (why) {
        return why;
    }
    free(elf->symbols.items);
    free(elf->strings);
    elf->symbols = from->symbols;
    elf->strings = from->strings;
    memset(&from->symbols, 0, sizeof(from->symbols));
    from->strings = NULL;
    if (!elf->sdk_stamp) {
        elf->sdk_stamp = from->sdk_stamp;
        from->sdk_stamp = NULL;
    }
    return NULL;
}

void elf_free(struct elf_file *elf)
{
    for (size_t i = 0; i < elf->segments.count && !elf->read_only; i++) {
        free(elf->segments.items[i].data);
    }
    free(elf->segments.items);
    free(elf->symbols.items);
    free(elf->patches.items);
    free(elf->strings);
    free(elf->sdk_stamp);
    if (elf->file) {
        munmap(elf->file, elf->file_size);
    }
    free(elf->path);
    memset(elf, 0, sizeof(*elf));
}

/* The read-only files' lookup: a scan in file order. */
static enum elf_lookup scan_symbols(const struct elf_file *elf, const char *name,
                                    const struct elf_symbol **out)
{
    const struct elf_symbol *found = NULL;
    for (size_t i = 0; i < elf->symbols.count; i++) {
        if (!strcmp(elf->symbols.items[i].name, name)) {
            if (found) {
                return ELF_SYM_DUPLICATE;
            }
            found = &elf->symbols.items[i];
        }
    }
    *out = found ? found : *out;
    return found ? ELF_SYM_FOUND : ELF_SYM_MISSING;
}

enum elf_lookup elf_find_symbol(const struct elf_file *elf, const char *name,
                                const struct elf_symbol **out)
{
    if (elf->read_only) {
        return scan_symbols(elf, name, out);
    }
    size_t lo = 0, hi = elf->symbols.count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(elf->symbols.items[mid].name, name) < 0) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    if (lo >= elf->symbols.count || strcmp(elf->symbols.items[lo].name, name)) {
        return ELF_SYM_MISSING;
    }
    if (lo + 1 < elf->symbols.count && !strcmp(elf->symbols.items[lo + 1].name, name)) {
        return ELF_SYM_DUPLICATE;
    }
    *out = &elf->symbols.items[lo];
    return ELF_SYM_FOUND;
}

struct elf_segment *elf_segment_at(const struct elf_file *elf, uint64_t vaddr, uint64_t size)
{
    for (size_t i = 0; i < elf->segments.count; i++) {
        struct elf_segment *s = &elf->segments.items[i];
        if (vaddr >= s->vaddr && vaddr - s->vaddr <= s->memsz &&
            size <= s->memsz - (vaddr - s->vaddr)) {
            return s;
        }
    }
    return NULL;
}

int elf_patch_symbol(struct elf_file *elf, const char *name, const void *data, size_t len)
{
    const struct elf_symbol *sym;
    enum elf_lookup r = elf_find_symbol(elf, name, &sym);
    if (r != ELF_SYM_FOUND || elf->read_only) {
        return r != ELF_SYM_FOUND ? r : 1;
    }
    uint64_t size = sym->size ? sym->size : len;
    if (size < len) {
        return 1;
    }
    struct elf_segment *s = elf_segment_at(elf, sym->value, size);
    if (!s) {
        return 1;
    }
    uint8_t *dst = s->data + (sym->value - s->vaddr);
    memcpy(dst, data, len);
    memset(dst + len, 0, size - len);
    struct elf_patch *p = VEC_PUSH(elf->patches);
    p->vaddr = sym->value;
    p->size = size;
    p->symbol = sym->name;
    return 0;
}

int elf_write_patched(const struct elf_file *elf, const char *out_path, struct diag *d)
{
    uint8_t *copy = xmalloc(elf->file_size);
    memcpy(copy, elf->file, elf->file_size);
    int rc = 0;
    for (size_t i = 0; i < elf->patches.count; i++) {
        const struct elf_patch *p = &elf->patches.items[i];
        const struct elf_segment *s = elf_segment_at(elf, p->vaddr, p->size);
        uint64_t off = p->vaddr - s->vaddr;
        if (off + p->size > s->filesz) {
            diag_error(d, NULL, "elf-patch-bss",
                       "define the symbol with an initial value so it "
                       "lands in .data",
                       "'%s': symbol '%s' lies in .bss, which a file cannot carry patched",
                       elf->path, p->symbol);
            rc = -1;
            continue;
        }
        memcpy(copy + s->offset + off, s->data + off, p->size);
    }
    if (!rc && write_file_atomic(out_path, copy, elf->file_size, 0755)) {
        diag_error(d, NULL, "io", NULL, "cannot write '%s': %s", out_path, strerror(errno));
        rc = -1;
    }
    free(copy);
    return rc;
}

static int cmp_func(const void *a, const void *b)
{
    const struct elf_symbol *x = *(const struct elf_symbol *const *)a;
    const struct elf_symbol *y = *(const struct elf_symbol *const *)b;
    if (x->value != y->value) {
        return x->value < y->value ? -1 : 1;
    }
    return strcmp(x->name, y->name);
}

const struct elf_symbol **elf_functions(const struct elf_file *elf, size_t *count)
{
    const struct elf_symbol **v = xmalloc((elf->symbols.count + 1) * sizeof(*v));
    size_t n = 0;
    for (size_t i = 0; i < elf->symbols.count; i++) {
        if (elf->symbols.items[i].kind == ELF_SYM_FUNC && elf->symbols.items[i].size) {
            v[n++] = &elf->symbols.items[i];
        }
    }
    xsort(v, n, sizeof(*v), cmp_func);
    *count = n;
    return v;
}

void elf_vaddr_range(const struct elf_file *elf, uint64_t *lo, uint64_t *hi)
{
    *lo = UINT64_MAX;
    *hi = 0;
    for (size_t i = 0; i < elf->segments.count; i++) {
        const struct elf_segment *s = &elf->segments.items[i];
        *lo = s->vaddr < *lo ? s->vaddr : *lo;
        *hi = s->vaddr + s->memsz > *hi ? s->vaddr + s->memsz : *hi;
    }
}
