/* SPDX-License-Identifier: BSD-2-Clause */
/* Generated headers (gen_header.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gen_header.h"
#include "util.h"

typedef unsigned long long ull;

/* One constant before its name is final. */
struct constant {
    char *base;       /* "CH_SERVER" */
    char *suffix;     /* "_1" when its base collides, or "" */
    char *name;       /* final */
    const char *what; /* "channel", "irq", ... for the comment */
    char *comment;
    uint64_t value;
    uint64_t size; /* maps: the region's size */
    bool hex;      /* a map: print <name>_VADDR and <name>_SIZE */
};

typedef VEC(struct constant) constant_vec;

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static struct constant *add(constant_vec *v, char *base, uint64_t value, bool hex, char *comment)
{
    struct constant *c = VEC_PUSH(*v);
    c->base = base;
    c->value = value;
    c->hex = hex;
    c->comment = comment;
    return c;
}

static char *prefixed(const char *prefix, const char *name, const char *suffix)
{
    char *id = si_c_ident(name);
    char *out = xasprintf("%s%s%s", prefix, id[0] == '_' && prefix[0] ? id + 1 : id, suffix);
    free(id);
    return out;
}

static void links(const struct sysinfo *si, const struct si_pd *sp, constant_vec *v)
{
    const struct system *sys = si->sys;
    for (size_t i = 0; i < sp->channels.count; i++) {
        const struct si_channel *c = &sp->channels.items[i];
        const char *peer = sys->pds.items[c->peer].name;
        struct constant *k = add(v, prefixed("CH_", peer, ""), c->id, false,
                                 xasprintf("channel with '%s'%s%s", peer,
                                           c->notify ? ", notify" : "", c->pp ? ", pp" : ""));
        k->suffix = xasprintf("_%llu", (ull)c->id);
    }
    for (size_t i = 0; i < sp->irqs.count; i++) {
        const struct si_irq *q = &sp->irqs.items[i];
        struct constant *k =
            add(v, xasprintf("IRQ_%llu", (ull)q->irq), q->id, false,
                xasprintf("irq %llu (%s)", (ull)q->irq, q->trigger == IRQ_EDGE ? "edge" : "level"));
        k->suffix = xasprintf("_%llu", (ull)q->id);
    }
    for (size_t i = 0; i < sp->children.count; i++) {
        const struct si_child *c = &sp->children.items[i];
        const char *name = sys->pds.items[c->pd].name;
        struct constant *k = add(v, prefixed("CHILD_", name, ""), c->id, false,
                                 xasprintf("child protection domain '%s'", name));
        k->suffix = xasprintf("_%llu", (ull)c->id);
    }
    const struct vm *vm = sp->pd->vm;
    for (size_t i = 0; vm && i < vm->vcpus.count; i++) {
        char *n = xasprintf("_%llu", (ull)vm->vcpus.items[i].id);
        struct constant *k = add(v, prefixed("VCPU_", vm->name, n), (uint64_t)vm->vcpus.items[i].id,
                                 false, xasprintf("vcpu of virtual machine '%s'", vm->name));
        k->suffix = xstrdup("");
        free(n);
    }
}

/* The setvar_vaddr symbol without a trailing "_vaddr", else the region's name. */
static char *map_name(const char *setvar, const char *mr)
{
    if (!setvar) {
        return xstrdup(mr);
    }
    size_t n = strlen(setvar);
    bool strip = n > 6 && !strcasecmp(setvar + n - 6, "_vaddr");
    return xasprintf("%.*s", (int)(strip ? n - 6 : n), setvar);
}

static void maps(const struct sysinfo *si, const struct si_pd *sp, constant_vec *v)
{
    size_t first = v->count;
    for (size_t i = 0; i < sp->vmap.count; i++) {
        const struct si_vrange *r = &sp->vmap.items[i];
        if (r->kind != SI_V_MAP) {
            continue;
        }
        const char *mr = si->sys->mrs.items[r->mr].name;
        char *name = map_name(r->setvar_vaddr, mr), p[4];
        struct constant *c = add(v, prefixed("", name, ""), r->vaddr, true,
                                 xasprintf("map of '%s' (%s, %s)", mr, si_perm_text(r->perms, p),
                                           r->cached ? "cached" : "uncached"));
        c->size = r->size;
        free(name);
    }
    /* The _1, _2 suffixes of maps sharing a name, by virtual address. */
    size_t n = v->count - first;
    for (size_t i = 0; i < n; i++) {
        struct constant *c = &v->items[first + i];
        size_t place = 1;
        for (size_t j = 0; j < n; j++) {
            const struct constant *o = &v->items[first + j];
            place += j != i && !strcmp(o->base, c->base) && o->value < c->value;
        }
        c->suffix = xasprintf("_%zu", place);
    }
}

static bool taken(const constant_vec *v, size_t upto, const char *name)
{
    for (size_t i = 0; i < upto; i++) {
        if (v->items[i].name && !strcmp(v->items[i].name, name)) {
            return true;
        }
    }
    return false;
}

/* Final names: a base shared by several gets each its suffix; still taken: _2, _3, ... */
static void name_all(constant_vec *v)
{
    for (size_t i = 0; i < v->count; i++) {
        struct constant *c = &v->items[i];
        bool shared = false;
        for (size_t j = 0; j < v->count; j++) {
            shared = shared || (j != i && !strcmp(v->items[j].base, c->base));
        }
        c->name = xasprintf("%s%s", c->base, shared ? c->suffix : "");
        for (unsigned k = 2; taken(v, i, c->name); k++) {
            free(c->name);
            c->name = xasprintf("%s%s_%u", c->base, shared ? c->suffix : "", k);
        }
    }
}

static void print_all(FILE *f, const constant_vec *v)
{
    for (size_t i = 0; i < v->count; i++) {
        const struct constant *c = &v->items[i];
        if (c->hex) {
            fprintf(f, "#define %s_VADDR 0x%llxull /* %s */\n", c->name, (ull)c->value, c->comment);
            fprintf(f, "#define %s_SIZE 0x%llxull\n", c->name, (ull)c->size);
        } else {
            fprintf(f, "#define %s %llu /* %s */\n", c->name, (ull)c->value, c->comment);
        }
    }
}

static void free_all(constant_vec *v)
{
    for (size_t i = 0; i < v->count; i++) {
        free(v->items[i].base);
        free(v->items[i].suffix);
        free(v->items[i].name);
        free(v->items[i].comment);
    }
    free(v->items);
}

char *gen_header_text(const struct sysinfo *si, size_t p)
{
    const struct si_pd *sp = &si->pds[p];
    constant_vec ids = {0}, m = {0};
    links(si, sp, &ids);
    maps(si, sp, &m);
    name_all(&ids);
    name_all(&m);
    char *out = NULL, *guard = prefixed("MICROKIT_PD_", sp->pd->name, "_H");
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    fprintf(f, "/* Generated by 'microkit gen-header' from '%s' for protection domain '%s'. */\n",
            base_name(si->sys->file ? si->sys->file : "?"), sp->pd->name);
    fprintf(f, "/* Do not edit: regenerate it when the system description changes. */\n");
    fprintf(f, "#ifndef %s\n#define %s\n\n", guard, guard);
    fprintf(f, "#define PD_NAME \"%s\"\n#define PD_PRIORITY %llu\n", sp->pd->name,
            (ull)sp->pd->priority);
    if (ids.count) {
        fputs("\n/* Channel, irq, child and vcpu ids */\n", f);
    }
    print_all(f, &ids);
    if (m.count) {
        fputs("\n/* Maps: virtual address and region size */\n", f);
    }
    print_all(f, &m);
    fprintf(f, "\n#endif /* %s */\n", guard);
    fclose(f);
    free(guard);
    free_all(&ids);
    free_all(&m);
    return out;
}

char *gen_header_file_name(const char *pd_name)
{
    char *out = xasprintf("%s.h", pd_name);
    for (char *c = out; *c; c++) {
        *c = *c == '/' ? '_' : *c;
    }
    return out;
}

void gen_headers_build(const struct sysinfo *si, const char *dir, struct gen_header_set *set)
{
    for (size_t p = 0; p < si->num_pds; p++) {
        char *name = gen_header_file_name(si->pds[p].pd->name);
        struct gen_header_file *f = VEC_PUSH(set->files);
        f->path = xasprintf("%s/%s", dir, name);
        f->text = gen_header_text(si, p);
        free(name);
    }
}

int gen_headers_add_outputs(const struct gen_header_set *set, const char *dir, struct output_set *s,
                            struct file_error *e)
{
    if (make_folders(dir, e)) {
        return -1;
    }
    for (size_t i = 0; i < set->files.count; i++) {
        const struct gen_header_file *f = &set->files.items[i];
        output_add(s, "--gen-headers", f->path, f->text, strlen(f->text), 0666);
    }
    return 0;
}

void gen_headers_free(struct gen_header_set *set)
{
    for (size_t i = 0; i < set->files.count; i++) {
        free(set->files.items[i].path);
        free(set->files.items[i].text);
    }
    free(set->files.items);
    memset(set, 0, sizeof(*set));
}
