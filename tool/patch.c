/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdlib.h>
#include <string.h>

#include "num.h"
#include "patch.h"
#include "sdk/monitor_abi.h"
#include "util.h"

static void put_u64(uint8_t *b, uint64_t v)
{
    for (int i = 0; i < 8; i++) {
        b[i] = (uint8_t)(v >> (8 * i));
    }
}

/* Above this many symbols the "did you mean" search is skipped: each candidate costs a distance. */
#define HINT_MAX_SYMBOLS 20000

/* The names of the program's data objects of `size` bytes (any size: 0), NULL-terminated. */
static const char **object_names(const struct elf_file *elf, uint64_t size)
{
    const char **names = xcalloc(elf->symbols.count + 1, sizeof(*names));
    size_t n = 0;
    for (size_t i = 0; i < elf->symbols.count; i++) {
        const struct elf_symbol *s = &elf->symbols.items[i];
        if (s->kind == ELF_SYM_OBJECT && (!size || s->size == size)) {
            names[n++] = s->name;
        }
    }
    return names;
}

/*
 * A setvar names a variable of the user's program, so "link with
 * libmicrokit" would be no help: suggest the closest 64-bit variable (a
 * typo), else any close data symbol, else say how to declare it.
 */
static char *setvar_hint(const struct elf_file *elf, const char *sym)
{
    const char *near = NULL;
    for (int any = 0; any < 2 && !near && elf->symbols.count <= HINT_MAX_SYMBOLS; any++) {
        const char **names = object_names(elf, any ? 0 : 8);
        near = closest_name(sym, names);
        free(names);
    }
    if (near) {
        return xasprintf("did you mean '%s'?", near);
    }
    return xasprintf("setvar patches a 64-bit variable of the program: define it, e.g. "
                     "'uintptr_t %s;', and keep it from being optimised out (used, or 'volatile')",
                     sym);
}

/* Symbols the tool patches into every PD come from libmicrokit; the others are the user's. */
static char *missing_hint(const struct elf_file *elf, const char *sym, bool setvar)
{
    if (setvar) {
        return setvar_hint(elf, sym);
    }
    return xstrdup("is the program linked with libmicrokit?");
}

static int write_sym(struct elf_file *elf, const char *sym, const void *data, size_t len,
                     const struct srcpos *pos, const char *pd_name, bool setvar, struct diag *d)
{
    int r = elf_patch_symbol(elf, sym, data, len);
    if (r == 0) {
        return 0;
    }
    const char *why = r == ELF_SYM_MISSING     ? "there is no such symbol"
                      : r == ELF_SYM_DUPLICATE ? "the symbol is defined more than once"
                                               : "the symbol is too small or not in a loadable "
                                                 "segment";
    char *hint = r == ELF_SYM_MISSING ? missing_hint(elf, sym, setvar) : NULL;
    diag_error(d, pos, "elf-patch", hint,
               "cannot patch symbol '%s' in program image '%s' of PD '%s': %s", sym, elf->path,
               pd_name, why);
    free(hint);
    return -1;
}

int patch_mr_paddr(const struct system *sys, const struct layout *lay, int mr, uint64_t *out)
{
    const struct mr *m = &sys->mrs.items[mr];
    if (m->has_phys) {
        *out = m->phys_addr;
        return 0;
    }
    if (lay && lay->mrs[mr].frames && lay->mrs[mr].contiguous) {
        *out = lay->mrs[mr].paddr;
        return 0;
    }
    return -1;
}

static uint64_t setvar_value(const struct system *sys, const struct pd *pd, const struct setvar *sv,
                             const struct layout *lay, struct diag *d)
{
    const struct mr *mr = sv->mr >= 0 ? &sys->mrs.items[sv->mr] : NULL;
    uint64_t v = 0;
    switch (sv->kind) {
    case SETVAR_ID:
        return sv->id;
    case SETVAR_VADDR:
        return sv->map >= 0 ? pd->maps.items[sv->map].vaddr : 0;
    case SETVAR_SIZE:
        return mr ? mr->size : 0;
    case SETVAR_PREFILL_SIZE:
        return mr ? mr->prefill_size : 0; /* the file's size, which the inputs stage recorded */
    case SETVAR_REGION_PADDR:
        if (patch_mr_paddr(sys, lay, sv->mr, &v) && lay) {
            diag_error(d, &sv->pos, "setvar-paddr",
                       "give the memory region a phys_addr so its address is fixed",
                       "memory region '%s' has no single physical address for setvar '%s': its "
                       "frames are not contiguous in the memory plan",
                       mr->name, sv->symbol);
        }
        return v;
    }
    return 0;
}

static int patch_setvars(const struct system *sys, const struct pd *pd, const struct layout *lay,
                         struct elf_file *elf, struct diag *d)
{
    int rc = 0;
    for (size_t i = 0; i < pd->setvars.count; i++) {
        const struct setvar *sv = &pd->setvars.items[i];
        if (sv->mr < 0 && sv->kind != SETVAR_ID) {
            continue; /* an unresolved region, reported by the checks */
        }
        const struct elf_symbol *sym;
        enum elf_lookup r = elf_find_symbol(elf, sv->symbol, &sym);
        if (r == ELF_SYM_FOUND && sym->size != 8) {
            diag_error(d, &sv->pos, "setvar-size", "declare it as a uint64_t or uintptr_t",
                       "setvar symbol '%s' in '%s' of PD '%s' is %llu bytes, it must be 8",
                       sv->symbol, elf->path, pd->name, (unsigned long long)sym->size);
            rc = -1;
            continue;
        }
        uint8_t buf[8];
        put_u64(buf, setvar_value(sys, pd, sv, lay, d));
        rc |= write_sym(elf, sv->symbol, buf, 8, &sv->pos, pd->name, true, d);
    }
    return rc;
}

static void channel_masks(const struct system *sys, size_t p, uint64_t *notif, uint64_t *pps)
{
    *notif = *pps = 0;
    for (size_t i = 0; i < sys->channels.count; i++) {
        for (int e = 0; e < 2; e++) {
            const struct channel_end *end = &sys->channels.items[i].end[e];
            if (end->pd == (int)p && end->id >= 0 && end->id < 64) {
                *notif |= end->notify ? 1ull << end->id : 0;
                *pps |= end->pp ? 1ull << end->id : 0;
            }
        }
    }
}

int patch_pd(const struct system *sys, size_t p, const struct layout *lay, struct elf_file *elf,
             struct diag *d)
{
    const struct pd *pd = &sys->pds.items[p];
    const struct srcpos *pos = &pd->program_pos;
    char name[SDK_PD_NAME_LENGTH] = {0};
    strncpy(name, pd->name, sizeof(name) - 1);
    uint8_t passive = pd->passive;
    uint64_t irqs = 0, notif, pps;
    for (size_t i = 0; i < pd->irqs.count; i++) {
        irqs |= 1ull << (pd->irqs.items[i].id & 63);
    }
    channel_masks(sys, p, &notif, &pps);
    uint8_t b_irqs[8], b_notif[8], b_pps[8];
    put_u64(b_irqs, irqs);
    put_u64(b_notif, notif);
    put_u64(b_pps, pps);
    int rc = write_sym(elf, "microkit_name", name, strlen(name) + 1, pos, pd->name, false, d);
    rc |= write_sym(elf, "microkit_passive", &passive, 1, pos, pd->name, false, d);
    rc |= write_sym(elf, "microkit_irqs", b_irqs, 8, pos, pd->name, false, d);
    rc |= write_sym(elf, "microkit_notifications", b_notif, 8, pos, pd->name, false, d);
    rc |= write_sym(elf, "microkit_pps", b_pps, 8, pos, pd->name, false, d);
    /* Optional: programs built with Microkit's own libmicrokit have no microkit_core. */
    uint8_t core = (uint8_t)pd->cpu;
    int cr = elf_patch_symbol(elf, "microkit_core", &core, 1);
    if (cr != 0 && cr != ELF_SYM_MISSING) {
        rc |= write_sym(elf, "microkit_core", &core, 1, pos, pd->name, false, d);
    }
    rc |= patch_setvars(sys, pd, lay, elf, d);
    return rc ? -1 : 0;
}

int patch_monitor(struct elf_file *monitor, uint64_t spec_vaddr, uint64_t spec_size, struct diag *d)
{
    uint8_t a[8], b[8];
    put_u64(a, spec_vaddr);
    put_u64(b, spec_size);
    int rc = write_sym(monitor, MONITOR_SPEC_VADDR_SYMBOL, a, 8, NULL, "monitor", false, d);
    rc |= write_sym(monitor, MONITOR_SPEC_SIZE_SYMBOL, b, 8, NULL, "monitor", false, d);
    return rc ? -1 : 0;
}

int patch_host_elf(const struct system *sys, size_t p, const char *in_path, const char *out_path,
                   struct diag *d)
{
    struct elf_file elf;
    char *what = xasprintf("program image of PD '%s'", sys->pds.items[p].name);
    int rc = elf_load(in_path, ELF_ACCEPT_X86_64 | ELF_ACCEPT_AARCH64 | ELF_ACCEPT_RISCV64, what,
                      &sys->pds.items[p].program_pos, &elf, d);
    free(what);
    if (!rc) {
        rc = patch_pd(sys, p, NULL, &elf, d);
    }
    if (!rc) {
        rc = elf_write_patched(&elf, out_path, d);
    }
    elf_free(&elf);
    return rc;
}
