/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The DWARF line-table reader of `microkit addr2line` (dwarf_line.h). Every
 * read is bounds-checked against its section: a damaged table ends the
 * search, it never reads outside the file.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "dwarf_line.h"

/* DWARF forms and line-table opcodes used below (DWARF 5, section 7). */
enum {
    FORM_BLOCK = 0x09,
    FORM_DATA1 = 0x0b,
    FORM_DATA2 = 0x05,
    FORM_DATA4 = 0x06,
    FORM_DATA8 = 0x07,
    FORM_DATA16 = 0x1e,
    FORM_STRING = 0x08,
    FORM_STRP = 0x0e,
    FORM_UDATA = 0x0f,
    FORM_LINE_STRP = 0x1f,
    LNCT_PATH = 1,
    LNCT_DIRECTORY_INDEX = 2,
};

struct cursor {
    const uint8_t *p, *end;
    bool bad;
};

struct sections {
    struct cursor line, line_str, str, symtab, strtab;
};

static uint64_t get(struct cursor *c, unsigned n)
{
    uint64_t v = 0;
    if ((size_t)(c->end - c->p) < n) {
        c->bad = true;
        c->p = c->end;
        return 0;
    }
    /* Longer fields (a DWARF 5 file's 16-byte MD5) are skipped: only the
     * first 8 bytes can be a value. */
    for (unsigned i = 0; i < n && i < 8; i++) {
        v |= (uint64_t)c->p[i] << (8 * i);
    }
    c->p += n;
    return v;
}

static uint64_t uleb(struct cursor *c)
{
    uint64_t v = 0;
    for (unsigned shift = 0; shift < 64; shift += 7) {
        uint8_t b = (uint8_t)get(c, 1);
        v |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80) || c->bad) {
            break;
        }
    }
    return v;
}

static int64_t sleb(struct cursor *c)
{
    int64_t v = 0;
    unsigned shift = 0;
    uint8_t b;
    do {
        b = (uint8_t)get(c, 1);
        v |= (int64_t)(b & 0x7f) << shift;
        shift += 7;
    } while ((b & 0x80) && shift < 64 && !c->bad);
    if (shift < 64 && (b & 0x40)) {
        v |= -((int64_t)1 << shift);
    }
    return v;
}

static const char *cstr(struct cursor *c)
{
    const uint8_t *s = c->p;
    while (c->p < c->end && *c->p) {
        c->p++;
    }
    if (c->p >= c->end) {
        c->bad = true;
        return "";
    }
    c->p++;
    return (const char *)s;
}

/* A string at `off` of a string section. */
static const char *str_at(const struct cursor *sec, uint64_t off)
{
    if (!sec->p || off >= (uint64_t)(sec->end - sec->p)) {
        return "";
    }
    const char *s = (const char *)sec->p + off;
    return memchr(s, 0, (size_t)(sec->end - sec->p) - off) ? s : "";
}

static struct cursor section_of(const uint8_t *elf, size_t size, uint64_t shdr)
{
    struct cursor c = {elf + shdr, elf + size, false};
    get(&c, 24); /* name, type, flags, addr */
    uint64_t off = get(&c, 8), len = get(&c, 8);
    struct cursor s = {NULL, NULL, true};
    if (!c.bad && off <= size && len <= size - off) {
        s = (struct cursor){elf + off, elf + off + len, false};
    }
    return s;
}

/* The sections by name; false when `elf` is no 64-bit little-endian ELF. */
static bool find_sections(const uint8_t *elf, size_t size, struct sections *out)
{
    memset(out, 0, sizeof(*out));
    if (size < 64 || memcmp(elf, "\177ELF\2\1", 6) != 0) {
        return false;
    }
    struct cursor h = {elf + 0x28, elf + 64, false};
    uint64_t shoff = get(&h, 8);
    get(&h, 10);
    uint64_t shentsize = get(&h, 2), shnum = get(&h, 2), shstrndx = get(&h, 2);
    if (shentsize != 64 || shoff > size || shnum > (size - shoff) / 64 || shstrndx >= shnum) {
        return false;
    }
    struct cursor names = section_of(elf, size, shoff + shstrndx * 64);
    for (uint64_t i = 0; i < shnum; i++) {
        struct cursor sh = {elf + shoff + i * 64, elf + size, false};
        const char *name = str_at(&names, get(&sh, 4));
        struct cursor s = section_of(elf, size, shoff + i * 64);
        struct cursor *slot = !strcmp(name, ".debug_line")       ? &out->line
                              : !strcmp(name, ".debug_line_str") ? &out->line_str
                              : !strcmp(name, ".debug_str")      ? &out->str
                              : !strcmp(name, ".symtab")         ? &out->symtab
                              : !strcmp(name, ".strtab")         ? &out->strtab
                                                                 : NULL;
        if (slot && !s.bad) {
            *slot = s;
        }
    }
    return true;
}

#define MAX_NAMES 256

/* One unit's header: what the program needs, and its directory and file names. */
struct unit {
    int version;
    unsigned offset_size;
    uint8_t min_len, line_range, opcode_base;
    int8_t line_base;
    uint8_t std_len[256];
    const char *dirs[MAX_NAMES];
    unsigned ndirs;
    const char *files[MAX_NAMES];
    uint64_t file_dir[MAX_NAMES];
    unsigned nfiles;
};

/* A value of `form` (v5 entry formats): a string, or a number in *num. */
static const char *form_value(struct cursor *c, const struct sections *s, const struct unit *u,
                              uint64_t form, uint64_t *num)
{
    *num = 0;
    switch (form) {
    case FORM_STRING:
        return cstr(c);
    case FORM_LINE_STRP:
        return str_at(&s->line_str, get(c, u->offset_size));
    case FORM_STRP:
        return str_at(&s->str, get(c, u->offset_size));
    case FORM_UDATA:
        *num = uleb(c);
        return NULL;
    case FORM_DATA1:
    case FORM_DATA2:
    case FORM_DATA4:
    case FORM_DATA8:
        *num = get(c, form == FORM_DATA1 ? 1 : form == FORM_DATA2 ? 2 : form == FORM_DATA4 ? 4 : 8);
        return NULL;
    case FORM_DATA16:
        get(c, 8);
        get(c, 8);
        return NULL;
    case FORM_BLOCK: {
        uint64_t n = uleb(c);
        if (n > (uint64_t)(c->end - c->p)) {
            c->bad = true;
            n = (uint64_t)(c->end - c->p);
        }
        c->p += n;
        return NULL;
    }
    default:
        c->bad = true;
        return NULL;
    }
}

/* DWARF 5 directory or file entries. */
static void v5_entries(struct cursor *c, const struct sections *s, struct unit *u, bool files)
{
    uint64_t fmt[16][2];
    unsigned nfmt = (unsigned)get(c, 1);
    for (unsigned i = 0; i < nfmt && i < 16; i++) {
        fmt[i][0] = uleb(c);
        fmt[i][1] = uleb(c);
    }
    uint64_t count = uleb(c);
    for (uint64_t n = 0; n < count && !c->bad; n++) {
        const char *path = "";
        uint64_t dir = 0, num;
        for (unsigned i = 0; i < nfmt && i < 16; i++) {
            const char *v = form_value(c, s, u, fmt[i][1], &num);
            if (fmt[i][0] == LNCT_PATH && v) {
                path = v;
            } else if (fmt[i][0] == LNCT_DIRECTORY_INDEX) {
                dir = num;
            }
        }
        if (files && u->nfiles < MAX_NAMES) {
            u->file_dir[u->nfiles] = dir;
            u->files[u->nfiles++] = path;
        } else if (!files && u->ndirs < MAX_NAMES) {
            u->dirs[u->ndirs++] = path;
        }
    }
}

/* DWARF 2-4: include_directories and file_names (index 1 is the first). */
static void v4_entries(struct cursor *c, struct unit *u)
{
    u->dirs[u->ndirs++] = ""; /* 0: the compilation directory, not in the table */
    for (const char *d = cstr(c); *d && !c->bad; d = cstr(c)) {
        if (u->ndirs < MAX_NAMES) {
            u->dirs[u->ndirs++] = d;
        }
    }
    u->files[u->nfiles++] = "";
    for (const char *f = cstr(c); *f && !c->bad; f = cstr(c)) {
        uint64_t dir = uleb(c);
        uleb(c);
        uleb(c);
        if (u->nfiles < MAX_NAMES) {
            u->file_dir[u->nfiles] = dir;
            u->files[u->nfiles++] = f;
        }
    }
}

/* Read a unit's header from `c`; on return `c` is at the program. */
static bool read_header(struct cursor *c, const struct sections *s, struct unit *u,
                        unsigned offset_size)
{
    memset(u, 0, sizeof(*u));
    u->offset_size = offset_size;
    u->version = (int)get(c, 2);
    if (u->version < 2 || u->version > 5) {
        return false;
    }
    if (u->version >= 5) {
        get(c, 2); /* address size, segment selector size */
    }
    uint64_t hlen = get(c, u->offset_size);
    if (hlen > (uint64_t)(c->end - c->p)) {
        return false;
    }
    const uint8_t *program = c->p + hlen;
    u->min_len = (uint8_t)get(c, 1);
    if (u->version >= 4) {
        get(c, 1); /* maximum operations per instruction: VLIW only */
    }
    get(c, 1); /* default_is_stmt */
    u->line_base = (int8_t)get(c, 1);
    u->line_range = (uint8_t)get(c, 1);
    u->opcode_base = (uint8_t)get(c, 1);
    for (unsigned i = 1; i < u->opcode_base; i++) {
        u->std_len[i] = (uint8_t)get(c, 1);
    }
    if (u->version >= 5) {
        v5_entries(c, s, u, false);
        v5_entries(c, s, u, true);
    } else {
        v4_entries(c, u);
    }
    c->p = program;
    return !c->bad && u->line_range != 0;
}

struct row {
    uint64_t addr;
    uint64_t file;
    int64_t line;
};

static void put_file(const struct unit *u, uint64_t file, struct dwarf_where *w)
{
    const char *name = file < u->nfiles ? u->files[file] : "?";
    uint64_t d = file < u->nfiles ? u->file_dir[file] : 0;
    const char *dir = d < u->ndirs ? u->dirs[d] : "";
    /* DWARF 5's directory 0 is the compilation directory: a relative
     * directory is relative to it. (DWARF 4 keeps that one in .debug_info,
     * which is not read: its names stay relative.) */
    const char *comp = u->version >= 5 && d != 0 && dir[0] != '/' && u->ndirs ? u->dirs[0] : "";
    if (name[0] == '/' || !dir[0]) {
        snprintf(w->file, sizeof(w->file), "%s", name);
    } else if (comp[0]) {
        snprintf(w->file, sizeof(w->file), "%s/%s/%s", comp, dir, name);
    } else {
        snprintf(w->file, sizeof(w->file), "%s/%s", dir, name);
    }
}

/* An extended opcode; false at the end of a sequence. */
static bool extended(struct cursor *c, struct row *r)
{
    uint64_t len = uleb(c);
    const uint8_t *next = c->p + (len <= (uint64_t)(c->end - c->p) ? len : 0);
    uint8_t op = (uint8_t)get(c, 1);
    if (op == 2) {
        r->addr = get(c, (unsigned)(len - 1 > 8 ? 8 : len - 1));
    }
    c->p = next;
    return op != 1;
}

/* A standard opcode (not copy, which emits a row). */
static void standard(struct cursor *c, const struct unit *u, uint8_t op, struct row *r)
{
    switch (op) {
    case 2:
        r->addr += uleb(c) * u->min_len;
        break;
    case 3:
        r->line += sleb(c);
        break;
    case 4:
        r->file = uleb(c);
        break;
    case 8:
        r->addr += (uint64_t)((255 - u->opcode_base) / u->line_range) * u->min_len;
        break;
    case 9:
        r->addr += get(c, 2);
        break;
    default:
        for (unsigned i = 0; i < u->std_len[op]; i++) {
            uleb(c);
        }
        break;
    }
}

/* Run one unit's program; true when a row covers `addr` (then `w` is filled). */
static bool run_program(struct cursor *c, const struct unit *u, uint64_t addr,
                        struct dwarf_where *w)
{
    struct row r = {0, 1, 1}, prev = {0, 0, 0};
    bool have_prev = false;
    while (c->p < c->end && !c->bad) {
        uint8_t op = (uint8_t)get(c, 1);
        bool emit = false, end = false;
        if (op >= u->opcode_base) {
            unsigned adj = op - u->opcode_base;
            r.addr += (uint64_t)(adj / u->line_range) * u->min_len;
            r.line += u->line_base + (int)(adj % u->line_range);
            emit = true;
        } else if (op == 0) {
            end = !extended(c, &r);
            emit = end;
        } else if (op == 1) {
            emit = true;
        } else {
            standard(c, u, op, &r);
        }
        if (!emit) {
            continue;
        }
        if (have_prev && prev.addr <= addr && addr < r.addr) {
            put_file(u, prev.file, w);
            w->line = (unsigned)prev.line;
            return true;
        }
        prev = r;
        have_prev = !end;
        if (end) {
            r = (struct row){0, 1, 1};
        }
    }
    return false;
}

static bool find_line(const struct sections *s, uint64_t addr, struct dwarf_where *w)
{
    static struct unit u;
    struct cursor c = s->line;
    while (c.p < c.end && !c.bad) {
        uint64_t len = get(&c, 4);
        unsigned offset_size = 4;
        if (len == 0xffffffffu) {
            len = get(&c, 8);
            offset_size = 8;
        }
        if (c.bad || len > (uint64_t)(c.end - c.p)) {
            return false;
        }
        struct cursor unit = {c.p, c.p + len, false};
        c.p += len;
        if (!read_header(&unit, s, &u, offset_size)) {
            continue;
        }
        if (run_program(&unit, &u, addr, w)) {
            return true;
        }
    }
    return false;
}

/* The FUNC symbol of .symtab containing `addr`. */
static void find_func(const struct sections *s, uint64_t addr, struct dwarf_where *w)
{
    struct cursor c = s->symtab;
    while (c.p && (size_t)(c.end - c.p) >= 24) {
        uint32_t name = (uint32_t)get(&c, 4);
        uint8_t info = (uint8_t)get(&c, 1);
        get(&c, 3);
        uint64_t value = get(&c, 8), size = get(&c, 8);
        if ((info & 0xf) == 2 && addr >= value && addr - value < (size ? size : 1)) {
            snprintf(w->func, sizeof(w->func), "%s", str_at(&s->strtab, name));
            w->func_offset = addr - value;
            return;
        }
    }
}

int dwarf_line_find(const uint8_t *elf, size_t size, uint64_t addr, struct dwarf_where *w)
{
    memset(w, 0, sizeof(*w));
    struct sections s;
    if (!find_sections(elf, size, &s)) {
        return -1;
    }
    find_func(&s, addr, w);
    if (!s.line.p) {
        return -1;
    }
    return find_line(&s, addr, w) ? 0 : 1;
}
