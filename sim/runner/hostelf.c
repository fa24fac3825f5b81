/* SPDX-License-Identifier: BSD-2-Clause */
/* Reading a PD's host ELF with libelf: segments and symbols only. */
#include <fcntl.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hostelf.h"
#include "util.h"

static int cmp_sym(const void *a, const void *b)
{
    const struct hostelf_sym *x = a;
    const struct hostelf_sym *y = b;
    if (x->value != y->value) {
        return x->value < y->value ? -1 : 1;
    }
    return strcmp(x->name, y->name);
}

static void read_segments(Elf *elf, struct hostelf *e)
{
    size_t n = 0;
    elf_getphdrnum(elf, &n);
    e->segs = xcalloc(n + 1, sizeof(*e->segs));
    for (size_t i = 0; i < n; i++) {
        GElf_Phdr ph;
        if (gelf_getphdr(elf, (int)i, &ph) && ph.p_type == PT_LOAD) {
            e->segs[e->nsegs++] = (struct hostelf_seg){ph.p_vaddr, ph.p_memsz, ph.p_flags};
        }
    }
}

static void read_symbols(Elf *elf, struct hostelf *e)
{
    Elf_Scn *scn = NULL;
    while ((scn = elf_nextscn(elf, scn)) != NULL) {
        GElf_Shdr sh;
        if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_SYMTAB || sh.sh_entsize == 0) {
            continue;
        }
        Elf_Data *data = elf_getdata(scn, NULL);
        size_t count = sh.sh_size / sh.sh_entsize;
        e->syms = xrealloc(e->syms, (e->nsyms + count) * sizeof(*e->syms));
        for (size_t i = 0; data && i < count; i++) {
            GElf_Sym sym;
            if (!gelf_getsym(data, (int)i, &sym) || sym.st_shndx == SHN_UNDEF) {
                continue;
            }
            const char *name = elf_strptr(elf, sh.sh_link, sym.st_name);
            int type = GELF_ST_TYPE(sym.st_info);
            if (!name || !*name || (type != STT_FUNC && type != STT_OBJECT)) {
                continue;
            }
            e->syms[e->nsyms++] =
                (struct hostelf_sym){xstrdup(name), sym.st_value, sym.st_size, type == STT_FUNC};
        }
    }
    if (e->nsyms) {
        qsort(e->syms, e->nsyms, sizeof(*e->syms), cmp_sym);
    }
}

int hostelf_load(const char *path, struct hostelf *e, char *err, size_t errlen)
{
    memset(e, 0, sizeof(*e));
    elf_version(EV_CURRENT);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errlen, "cannot open '%s': %m", path);
        return -1;
    }
    Elf *elf = elf_begin(fd, ELF_C_READ, NULL);
    GElf_Ehdr eh;
    if (!elf || elf_kind(elf) != ELF_K_ELF || !gelf_getehdr(elf, &eh)) {
        snprintf(err, errlen, "'%s' is not an ELF file", path);
        if (elf) {
            elf_end(elf);
        }
        close(fd);
        return -1;
    }
    e->path = xstrdup(path);
    e->machine = eh.e_machine;
    e->entry = eh.e_entry;
    e->is_pie = eh.e_type == ET_DYN;
    read_segments(elf, e);
    read_symbols(elf, e);
    elf_end(elf);
    close(fd);
    return 0;
}

void hostelf_free(struct hostelf *e)
{
    for (size_t i = 0; i < e->nsyms; i++) {
        free(e->syms[i].name);
    }
    free(e->syms);
    free(e->segs);
    free(e->path);
    memset(e, 0, sizeof(*e));
}

const struct hostelf_sym *hostelf_find(const struct hostelf *e, const char *name)
{
    for (size_t i = 0; i < e->nsyms; i++) {
        if (!strcmp(e->syms[i].name, name)) {
            return &e->syms[i];
        }
    }
    return NULL;
}

const struct hostelf_sym *hostelf_func_at(const struct hostelf *e, uint64_t addr)
{
    const struct hostelf_sym *best = NULL;
    for (size_t i = 0; i < e->nsyms && e->syms[i].value <= addr; i++) {
        const struct hostelf_sym *s = &e->syms[i];
        if (s->is_func && addr < s->value + (s->size ? s->size : 1)) {
            best = s;
        }
    }
    return best;
}

const struct hostelf_seg *hostelf_seg_at(const struct hostelf *e, uint64_t addr)
{
    for (size_t i = 0; i < e->nsegs; i++) {
        if (addr >= e->segs[i].vaddr && addr < e->segs[i].vaddr + e->segs[i].memsz) {
            return &e->segs[i];
        }
    }
    return NULL;
}
