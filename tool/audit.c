/* SPDX-License-Identifier: BSD-2-Clause */
/* The capability audit (audit.h). */
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "sdk/bootspec_read.h"
#include "util.h"

typedef unsigned long long ull;

static size_t audit_caps(const struct sysinfo *si, FILE *out)
{
    size_t n = 0;
    for (size_t p = 0; p < si->num_pds; p++) {
        const struct si_pd *sp = &si->pds[p];
        for (size_t i = 0; i < sp->caps.count; i++) {
            const struct si_cap *c = &sp->caps.items[i];
            if (c->grant != SI_GRANT_NONE) {
                continue;
            }
            n++;
            if (out) {
                fprintf(
                    out,
                    "pd '%s': %s slot %u holds %s (badge 0x%llx), which its SDF does not grant\n",
                    sp->pd->name, c->root ? "cspace root" : "cnode", c->slot, c->object,
                    (ull)c->badge);
            }
        }
    }
    return n;
}

/* Whether `name` is `prefix` followed by 'quoted' (the layout's object names: "mr 'm'"). */
static bool named(const char *name, const char *prefix, const char *quoted)
{
    size_t n = strlen(prefix), q = strlen(quoted);
    return !strncmp(name, prefix, n) && name[n] == '\'' && !strncmp(name + n + 1, quoted, q) &&
           !strcmp(name + n + 1 + q, "'");
}

static bool in_range(const struct si_vrange *v, uint64_t vaddr, uint64_t bytes)
{
    return vaddr >= v->vaddr && vaddr + bytes <= v->vaddr + v->size;
}

/* Whether the frame map `m` of object name `name` is one the SDF gives PD `sp`. */
static bool map_granted(const struct sysinfo *si, const struct si_pd *sp, bool vm,
                        const struct bs_map *m, const char *name, uint64_t bytes)
{
    unsigned perms = ((m->rights & BS_RIGHT_READ) ? PERM_R : 0) |
                     ((m->rights & BS_RIGHT_WRITE) ? PERM_W : 0) |
                     ((m->attrs & BS_ATTR_EXECUTE_NEVER) ? 0 : PERM_X);
    bool cached = (m->attrs & BS_ATTR_CACHEABLE) != 0;
    for (size_t i = 0; i < sp->vmap.count; i++) {
        const struct si_vrange *v = &sp->vmap.items[i];
        if ((v->kind == SI_V_VM_MAP) != vm || !in_range(v, m->vaddr, bytes) ||
            (perms & ~v->perms) || cached != v->cached) {
            continue;
        }
        const char *owner = sp->pd->name;
        bool ok = v->kind == SI_V_SEGMENT ? named(name, "elf of pd ", owner)
                  : v->kind == SI_V_STACK ? named(name, "stack of pd ", owner)
                  : v->kind == SI_V_IPC   ? named(name, "ipc buffer of pd ", owner)
                                          : named(name, "mr ", si->sys->mrs.items[v->mr].name);
        if (ok) {
            return true;
        }
    }
    return false;
}

static size_t audit_vspace(const struct sysinfo *si, const struct bs_spec *s, size_t p,
                           uint32_t vspace, bool vm, FILE *out)
{
    size_t n = 0;
    const struct si_pd *sp = &si->pds[p];
    for (uint32_t i = 0; i < s->hdr->num_maps; i++) {
        const struct bs_map *m = &s->maps[i];
        if (m->vspace != vspace || m->kind != BS_MAP_FRAME) {
            continue;
        }
        const struct bs_object *o = &s->objects[m->obj];
        const char *name = bs_str(s, o->name);
        if (!map_granted(si, sp, vm, m, name, 1ull << o->size_bits)) {
            n++;
            if (out) {
                fprintf(out,
                        "pd '%s': %s maps %s at 0x%llx (rights 0x%x, attrs 0x%x), which its "
                        "SDF does not grant\n",
                        sp->pd->name, vm ? "its virtual machine" : "its vspace", name,
                        (ull)m->vaddr, m->rights, m->attrs);
            }
        }
    }
    return n;
}

size_t audit_check(const struct sysinfo *si, const void *spec, size_t size, FILE *out)
{
    struct bs_spec s;
    const char *why = NULL;
    if (bs_open(&s, spec, size, &why)) {
        return (size_t)-1;
    }
    size_t n = audit_caps(si, out);
    for (size_t p = 0; p < si->num_pds && p < s.hdr->num_pds; p++) {
        n += audit_vspace(si, &s, p, s.pds[p].vspace, false, out);
    }
    for (uint32_t t = (uint32_t)si->num_pds; t < s.hdr->num_pds; t++) {
        const struct bs_pd *v = &s.pds[t];
        if ((v->flags & BS_PD_VCPU) && v->parent < si->num_pds) {
            bool first = true;
            for (uint32_t u = (uint32_t)si->num_pds; u < t; u++) {
                first = first && s.pds[u].vspace != v->vspace;
            }
            n += first ? audit_vspace(si, &s, v->parent, v->vspace, true, out) : 0;
        }
    }
    return n;
}
