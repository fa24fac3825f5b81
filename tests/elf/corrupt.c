/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Make malformed copies of a good 64-bit little-endian ELF file for the elf
 * stage's tests:
 *
 *     corrupt GOOD OUTDIR
 *
 * writes OUTDIR/truncated.elf (the first 1000 bytes), wrong_machine.elf
 * (RISC-V), class32.elf (ELFCLASS32), big_endian.elf, seg_past_file.elf
 * (first PT_LOAD starts past the end), overlap.elf (second PT_LOAD moved onto
 * the first), huge.elf (a 1 TiB segment), filesz_gt_memsz.elf and
 * not_elf.elf; and copies that are valid files a PD cannot have:
 * bss64.elf (64 more segments of 1 GiB of .bss, 35 KB asking for 64 GiB),
 * overlap20k.elf (20,000 more segments at one address), phent32.elf
 * (program header entries of 32 bytes), kernel_half.elf (a segment at
 * 0xffff000000200000), on_stack.elf (a segment over the stack's guard page)
 * and entry0.elf (entry point 0). The input is never modified.
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned char *buf;
static size_t len;

static void emit(const char *dir, const char *name, const unsigned char *data, size_t n)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, n, f) != n || fclose(f)) {
        perror(path);
        exit(1);
    }
}

/* A copy of the good file with the given program header changed by `fn`. */
static void phdr_variant(const char *dir, const char *name, void (*fn)(Elf64_Phdr *ph, size_t n))
{
    unsigned char *c = malloc(len);
    memcpy(c, buf, len);
    Elf64_Ehdr *eh = (Elf64_Ehdr *)c;
    fn((Elf64_Phdr *)(c + eh->e_phoff), eh->e_phnum);
    emit(dir, name, c, len);
    free(c);
}

static Elf64_Phdr *first_load(Elf64_Phdr *ph, size_t n, size_t skip)
{
    for (size_t i = 0; i < n; i++) {
        if (ph[i].p_type == PT_LOAD && skip-- == 0) {
            return &ph[i];
        }
    }
    fprintf(stderr, "corrupt: not enough PT_LOAD segments\n");
    exit(1);
}

static void past_file(Elf64_Phdr *ph, size_t n)
{
    first_load(ph, n, 0)->p_offset = len;
}

static void overlap(Elf64_Phdr *ph, size_t n)
{
    first_load(ph, n, 1)->p_vaddr = first_load(ph, n, 0)->p_vaddr;
}

static void huge(Elf64_Phdr *ph, size_t n)
{
    first_load(ph, n, 1)->p_memsz = 1ull << 40;
}

static void filesz_gt_memsz(Elf64_Phdr *ph, size_t n)
{
    Elf64_Phdr *p = first_load(ph, n, 0);
    p->p_filesz = p->p_memsz + 0x1000;
}

/*
 * A copy of the good file with `n` more PT_LOAD segments (no file bytes)
 * from `fn`: the program header table moves to the end of the file.
 */
static void append_variant(const char *dir, const char *name, size_t n,
                           void (*fn)(Elf64_Phdr *ph, size_t i))
{
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)buf;
    size_t off = (len + 7) & ~(size_t)7, old = eh->e_phnum;
    size_t size = off + (old + n) * sizeof(Elf64_Phdr);
    unsigned char *c = calloc(1, size);
    memcpy(c, buf, len);
    memcpy(c + off, buf + eh->e_phoff, old * sizeof(Elf64_Phdr));
    Elf64_Phdr *ph = (Elf64_Phdr *)(c + off) + old;
    for (size_t i = 0; i < n; i++) {
        ph[i] = (Elf64_Phdr){.p_type = PT_LOAD, .p_flags = PF_R | PF_W, .p_align = 0x1000};
        fn(&ph[i], i);
    }
    ((Elf64_Ehdr *)c)->e_phoff = off;
    ((Elf64_Ehdr *)c)->e_phnum = (Elf64_Half)(old + n);
    emit(dir, name, c, size);
    free(c);
}

static void gib_bss(Elf64_Phdr *ph, size_t i)
{
    ph->p_vaddr = ph->p_paddr = 0x1000000000ull + ((uint64_t)i << 30);
    ph->p_memsz = 1ull << 30;
}

static void same_page(Elf64_Phdr *ph, size_t i)
{
    ph->p_vaddr = ph->p_paddr = 0x10000000;
    ph->p_memsz = 0x1000;
}

static void kernel_half(Elf64_Phdr *ph, size_t i)
{
    ph->p_vaddr = ph->p_paddr = 0xffff000000200000ull;
    ph->p_memsz = 0x1000;
}

/* Over the guard page below the default stack (0xffffffb000). */
static void on_stack(Elf64_Phdr *ph, size_t i)
{
    ph->p_vaddr = ph->p_paddr = 0xffffffa000ull;
    ph->p_memsz = 0x2000;
}

static void ident_variant(const char *dir, const char *name, size_t at, unsigned char v)
{
    unsigned char *c = malloc(len);
    memcpy(c, buf, len);
    c[at] = v;
    emit(dir, name, c, len);
    free(c);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: corrupt GOOD OUTDIR\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    fseek(f, 0, SEEK_END);
    len = (size_t)ftell(f);
    rewind(f);
    buf = malloc(len);
    if (fread(buf, 1, len, f) != len) {
        perror(argv[1]);
        return 1;
    }
    fclose(f);
    const char *dir = argv[2];
    emit(dir, "truncated.elf", buf, len < 1000 ? len / 2 : 1000);
    Elf64_Ehdr eh;
    memcpy(&eh, buf, sizeof(eh));
    unsigned char *c = malloc(len);
    memcpy(c, buf, len);
    ((Elf64_Ehdr *)c)->e_machine = EM_RISCV;
    emit(dir, "wrong_machine.elf", c, len);
    free(c);
    ident_variant(dir, "class32.elf", EI_CLASS, ELFCLASS32);
    ident_variant(dir, "big_endian.elf", EI_DATA, ELFDATA2MSB);
    phdr_variant(dir, "seg_past_file.elf", past_file);
    phdr_variant(dir, "overlap.elf", overlap);
    phdr_variant(dir, "huge.elf", huge);
    phdr_variant(dir, "filesz_gt_memsz.elf", filesz_gt_memsz);
    append_variant(dir, "bss64.elf", 64, gib_bss);
    append_variant(dir, "overlap20k.elf", 20000, same_page);
    append_variant(dir, "kernel_half.elf", 1, kernel_half);
    append_variant(dir, "on_stack.elf", 1, on_stack);
    c = malloc(len);
    memcpy(c, buf, len);
    ((Elf64_Ehdr *)c)->e_phentsize = 32;
    emit(dir, "phent32.elf", c, len);
    ((Elf64_Ehdr *)c)->e_phentsize = sizeof(Elf64_Phdr);
    ((Elf64_Ehdr *)c)->e_entry = 0;
    emit(dir, "entry0.elf", c, len);
    free(c);
    static const unsigned char text[] = "this is not an ELF file\n";
    emit(dir, "not_elf.elf", text, sizeof(text) - 1);
    free(buf);
    return 0;
}
