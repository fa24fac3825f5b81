/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "report.h"
#include "util.h"

typedef unsigned long long ull;

static const char *sz(uint64_t bytes, char buf[32])
{
    format_size(bytes, buf, 32);
    return buf;
}

static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

static void header(FILE *f, const struct report_in *r)
{
    char b[32];
    const struct kernel *k = r->kernel;
    fprintf(f, "# Build report\n\n");
    fprintf(f, "system:  %s\n", base_name(r->sys->file ? r->sys->file : "?"));
    fprintf(f, "board:   %s\n", r->board->name);
    fprintf(f, "config:  %s\n", r->config);
    fprintf(f, "kernel:  %s, entry 0x%llx,%s%s%s TCB %u bytes\n", base_name(k->elf_path),
            (ull)k->elf.entry, k->hyp ? " hypervisor," : "", k->printing ? " printing," : "",
            k->hw_debug_api ? " hardware debug API," : "", 1u << kernel_tcb_bits(k));
    fprintf(f, "image:   %s (%zu bytes), loader at 0x%llx\n", sz(r->image_size, b), r->image_size,
            (ull)r->loader_link);
}

static void prange_owner(FILE *f, const struct report_in *r, const struct si_prange *p)
{
    const struct system *sys = r->sys;
    const char *pd = p->pd >= 0 ? sys->pds.items[p->pd].name : NULL;
    switch (p->owner) {
    case SI_OWN_KERNEL:
        fprintf(f, "kernel image (boot code to 0x%llx is freed)", (ull)r->kernel->ki_boot_end);
        break;
    case SI_OWN_MONITOR:
        fprintf(f, "monitor (0x%llx bytes) + boot spec (0x%llx bytes)",
                (ull)(r->spec_vaddr - r->ui_vaddr), (ull)r->spec->size);
        break;
    case SI_OWN_LOADER:
        fputs("loader (until the kernel starts; free RAM afterwards)", f);
        break;
    case SI_OWN_MR:
        fprintf(f, "mr '%s'%s", sys->mrs.items[p->mr].name, p->device ? " (device)" : "");
        break;
    case SI_OWN_PAGING:
    case SI_OWN_OBJECTS:
        if (pd) {
            fprintf(f, "pd '%s' %s x%u", pd, lay_type_name(p->type), p->count);
        } else {
            fprintf(f, "monitor %s x%u", lay_type_name(p->type), p->count);
        }
        break;
    default:
        if (pd) {
            fprintf(f, "pd '%s' %s", pd, si_owner_name(p->owner));
        } else {
            fputs(si_owner_name(p->owner), f);
        }
    }
}

static void phys_totals(FILE *f, const struct report_in *r)
{
    char b[32];
    const struct sysinfo *si = r->si;
    fprintf(f, "\nTotals by kind:\n");
    for (unsigned o = 0; o < SI_OWN_COUNT; o++) {
        if (si->owner_bytes[o] && o != SI_OWN_LOADER) {
            fprintf(f, "  %-20s %s\n", si_owner_name((enum si_owner)o), sz(si->owner_bytes[o], b));
        }
    }
    fprintf(f, "\nTotals by PD (program image, stack, IPC buffer, page tables, kernel objects):\n");
    for (size_t p = 0; p < si->num_pds; p++) {
        fprintf(f, "  %-20s %s\n", r->sys->pds.items[p].name, sz(si->pd_bytes[p], b));
    }
    fprintf(f, "\nRAM: %s on the board, ", sz(si->ram_bytes, b));
    fprintf(f, "%s free after boot\n", sz(si->free_bytes, b));
}

static void phys_map(FILE *f, const struct report_in *r)
{
    char b[32];
    const struct memplan *mp = r->mp;
    fprintf(f, "\n# Physical memory map\n\n");
    for (size_t i = 0; i < r->board->ram.count; i++) {
        const struct mem_range *m = &r->board->ram.items[i];
        fprintf(f, "board RAM [0x%010llx, 0x%010llx) %s\n", (ull)m->base, (ull)(m->base + m->size),
                sz(m->size, b));
    }
    fprintf(f, "\n%-28s %-10s %s\n", "range", "size", "owner");
    for (size_t i = 0; i < r->si->phys.count; i++) {
        const struct si_prange *p = &r->si->phys.items[i];
        fprintf(f, "[0x%010llx, 0x%010llx) %-10s ", (ull)p->paddr, (ull)(p->paddr + p->size),
                sz(p->size, b));
        prange_owner(f, r, p);
        fputc('\n', f);
    }
    phys_totals(f, r);
    fprintf(f, "\nRAM untypeds the monitor receives (%zu, %s):\n", mp->untypeds.count,
            sz(mp->ram_free, b));
    for (size_t i = 0; i < mp->untypeds.count; i++) {
        const struct untyped *u = &mp->untypeds.items[i];
        fprintf(f, "  0x%010llx  2^%-2u %s\n", (ull)u->paddr, u->size_bits,
                sz(1ull << u->size_bits, b));
    }
}

static void addr_text(const struct layout *lay, const struct lay_object *o, char *buf, size_t n)
{
    if (o->paddr != BS_ANY_PADDR) {
        bool placed = o->mr >= 0 && lay->mrs[o->mr].placed;
        snprintf(buf, n, "0x%llx (%s%s)", (ull)o->paddr, placed ? "placed by the tool" : "fixed",
                 (o->flags & BS_OBJ_FLAG_DEVICE) ? ", device" : "");
    } else if (o->plan_paddr != BS_ANY_PADDR) {
        snprintf(buf, n, "0x%llx (planned)", (ull)o->plan_paddr);
    } else {
        snprintf(buf, n, "-");
    }
}

static const char *page_text(uint64_t page)
{
    return page == PAGE_SIZE_LARGE ? "2 MiB" : "4 KiB";
}

static void vrange_line(FILE *f, const struct report_in *r, const struct si_vrange *v)
{
    char p[4], b[32];
    fprintf(f, "    [0x%010llx, 0x%010llx) %s %-8s %s pages  %-10s", (ull)v->vaddr,
            (ull)(v->vaddr + v->size), si_perm_text(v->perms, p), v->cached ? "cached" : "uncached",
            v->large_frames ? "4 KiB+2 MiB" : page_text(v->page_size), si_vkind_name(v->kind));
    if (v->mr >= 0) {
        fprintf(f, " mr '%s' (%s)", r->sys->mrs.items[v->mr].name, sz(v->size, b));
    } else {
        fprintf(f, " %s", sz(v->size, b));
    }
    if (v->paddr != BS_ANY_PADDR) {
        fprintf(f, ", phys 0x%llx%s", (ull)v->paddr, v->contiguous ? "" : " (first frame)");
    }
    if (v->setvar_vaddr) {
        fprintf(f, ", setvar_vaddr '%s'", v->setvar_vaddr);
    }
    fputc('\n', f);
}

static void pd_vmap(FILE *f, const struct report_in *r, const struct si_pd *sp)
{
    bool vm = false;
    fprintf(f, "  virtual memory:\n");
    for (size_t i = 0; i < sp->vmap.count; i++) {
        const struct si_vrange *v = &sp->vmap.items[i];
        if (v->kind == SI_V_VM_MAP && !vm) {
            fprintf(f, "  virtual machine '%s' guest memory:\n", sp->pd->vm->name);
            vm = true;
        }
        vrange_line(f, r, v);
    }
}

static void pd_channels(FILE *f, const struct report_in *r, const struct si_pd *sp)
{
    if (!sp->channels.count) {
        return;
    }
    fprintf(f, "  channels:\n");
    for (size_t i = 0; i < sp->channels.count; i++) {
        const struct si_channel *c = &sp->channels.items[i];
        fprintf(f, "    id %2llu  '%s' (its id %llu)", (ull)c->id, r->sys->pds.items[c->peer].name,
                (ull)c->peer_id);
        fprintf(f, "%s%s%s%s", c->notify ? ", notifies" : "", c->peer_notify ? ", is notified" : "",
                c->pp ? ", calls (pp)" : "", c->peer_pp ? ", is called (pp)" : "");
        if (c->notify_slot != BS_NONE) {
            fprintf(f, ", notification cap slot %u", c->notify_slot);
        }
        if (c->pp_slot != BS_NONE) {
            fprintf(f, ", endpoint cap slot %u", c->pp_slot);
        }
        fputc('\n', f);
    }
}

static void pd_irqs_children(FILE *f, const struct report_in *r, const struct si_pd *sp)
{
    if (sp->irqs.count) {
        fprintf(f, "  irqs:\n");
    }
    for (size_t i = 0; i < sp->irqs.count; i++) {
        const struct si_irq *q = &sp->irqs.items[i];
        fprintf(f, "    id %2llu  irq %llu, %s, handler cap slot %u\n", (ull)q->id, (ull)q->irq,
                q->trigger == IRQ_EDGE ? "edge" : "level", q->slot);
    }
    if (sp->children.count) {
        fprintf(f, "  children:\n");
    }
    for (size_t i = 0; i < sp->children.count; i++) {
        const struct si_child *c = &sp->children.items[i];
        fprintf(f, "    id %2llu  '%s', tcb cap slot %u\n", (ull)c->id,
                r->sys->pds.items[c->pd].name, c->slot);
    }
}

static const char *setvar_kind_text(enum setvar_kind k)
{
    static const char *const names[] = {"vaddr", "size", "region_paddr", "id", "prefill_size"};
    return k <= SETVAR_PREFILL_SIZE ? names[k] : "?";
}

static void pd_setvars(FILE *f, const struct report_in *r, const struct si_pd *sp)
{
    if (!sp->setvars.count) {
        return;
    }
    fprintf(f, "  values patched in (setvar):\n");
    for (size_t i = 0; i < sp->setvars.count; i++) {
        const struct si_setvar *v = &sp->setvars.items[i];
        uint64_t val = v->value;
        if (!v->known && v->kind == SETVAR_REGION_PADDR && v->mr >= 0) {
            val = r->lay->mrs[v->mr].paddr;
        }
        fprintf(f, "    %-24s = 0x%llx (%s", v->symbol, (ull)val, setvar_kind_text(v->kind));
        if (v->mr >= 0) {
            fprintf(f, " of mr '%s'", r->sys->mrs.items[v->mr].name);
        }
        fputs(")\n", f);
    }
}

static void pd_caps(FILE *f, const struct si_pd *sp)
{
    bool root = false;
    fprintf(f, "  caps:\n");
    for (size_t i = 0; i < sp->caps.count; i++) {
        const struct si_cap *c = &sp->caps.items[i];
        if (c->root && !root) {
            fprintf(f, "  cspace root (<cspace>; cptr = slot << %u):\n",
                    64 - SDK_PD_ROOT_CNODE_BITS);
            root = true;
        }
        char rights[5] = {(c->rights & BS_RIGHT_READ) ? 'R' : '-',
                          (c->rights & BS_RIGHT_WRITE) ? 'W' : '-',
                          (c->rights & BS_RIGHT_GRANT) ? 'G' : '-',
                          (c->rights & BS_RIGHT_GRANT_REPLY) ? 'P' : '-', 0};
        fprintf(f, "    slot %3u  %-34s %s badge 0x%llx  <- %s\n", c->slot, c->object, rights,
                (ull)c->badge, c->granted_by ? c->granted_by : "NOT GRANTED BY THE SDF");
    }
}

/* Bytes of each use per PD, in one pass over the objects. */
static uint64_t (*use_totals(const struct report_in *r))[LAY_USE_MR + 1]
{
    uint64_t(*t)[LAY_USE_MR + 1] = xcalloc(r->sys->pds.count + 1, sizeof(*t));
    for (size_t i = 0; i < r->lay->objects.count; i++) {
        const struct lay_object *o = &r->lay->objects.items[i];
        if (o->owner >= 0 && (size_t)o->owner < r->sys->pds.count && o->use <= LAY_USE_MR) {
            t[o->owner][o->use] += lay_object_bytes(o);
        }
    }
    return t;
}

static void pd_totals(FILE *f, const struct report_in *r, size_t p, const uint64_t *use)
{
    char b[6][32];
    const struct lay_pd *lp = &r->lay->pds[p];
    fprintf(f,
            "  totals: ELF %s, stack %s, IPC buffer %s, paging %s (%u page tables), kernel "
            "objects %s, %u region frames mapped\n",
            sz(use[LAY_USE_ELF], b[0]), sz(use[LAY_USE_STACK], b[1]), sz(use[LAY_USE_IPC], b[2]),
            sz(use[LAY_USE_PAGING], b[3]), lp->page_tables + lp->vm_page_tables,
            sz(use[LAY_USE_KERNEL], b[4]), lp->mr_frames);
}

static void pd_section(FILE *f, const struct report_in *r, size_t p, const uint64_t *use)
{
    const struct pd *pd = &r->sys->pds.items[p];
    const struct lay_pd *lp = &r->lay->pds[p];
    const struct bs_pd *t = &r->lay->threads.items[p];
    fprintf(f, "\n## PD '%s'", pd->name);
    if (pd->parent >= 0) {
        fprintf(f, " (child of '%s', id %lld)", r->sys->pds.items[pd->parent].name,
                (long long)pd->id);
    }
    fprintf(f, "\n\n  priority %llu, budget %llu us, period %llu us%s%s, input cap: %s\n",
            (ull)pd->priority, (ull)pd->budget, (ull)pd->period, pd->passive ? ", passive" : "",
            pd->smc ? ", smc" : "", lp->needs_ep ? "endpoint" : "notification");
    fprintf(f, "  stack %s, cpu %llu, fpu %s", sz(pd->stack_size, (char[32]){0}), (ull)pd->cpu,
            pd->no_fpu ? "off" : "on");
    if (pd->domain_name) {
        fprintf(f, ", domain '%s' (%u)", pd->domain_name, pd->domain_id);
    }
    fputc('\n', f);
    const struct si_pd *sp = &r->si->pds[p];
    fprintf(f, "  program image '%s', entry 0x%llx, fault badge 0x%llx\n", pd->program_image,
            (ull)t->entry, (ull)t->fault_badge);
    pd_vmap(f, r, sp);
    pd_channels(f, r, sp);
    pd_irqs_children(f, r, sp);
    pd_setvars(f, r, sp);
    pd_caps(f, sp);
    pd_totals(f, r, p, use);
}

static void mr_section(FILE *f, const struct report_in *r)
{
    char b[32], a[64];
    if (!r->sys->mrs.count) {
        return;
    }
    fprintf(f, "\n# Memory regions\n\n");
    for (size_t i = 0; i < r->sys->mrs.count; i++) {
        const struct mr *mr = &r->sys->mrs.items[i];
        const struct lay_mr *lm = &r->lay->mrs[i];
        uint64_t off;
        if (lm->frames) {
            addr_text(r->lay, &r->lay->objects.items[lay_mr_frame(lm, 0, &off)], a, sizeof(a));
        } else {
            snprintf(a, sizeof(a), "-");
        }
        fprintf(f, "  %-24s %-10s %u x %s", mr->name, sz(mr->size, b),
                lm->frames - lm->large_frames, lm->page_bits == 21 ? "2 MiB" : "4 KiB");
        if (lm->large_frames) {
            fprintf(f, " + %u x 2 MiB", lm->large_frames); /* layout_mixed.c */
        }
        fprintf(f, " pages, at %s%s\n", a, lm->contiguous || !lm->frames ? "" : ", not contiguous");
    }
}

static void object_section(FILE *f, const struct report_in *r)
{
    char b[32];
    uint64_t count[16] = {0}, bytes[16] = {0};
    const struct layout *lay = r->lay;
    for (size_t i = 0; i < lay->objects.count; i++) {
        const struct lay_object *o = &lay->objects.items[i];
        count[o->type & 15]++;
        bytes[o->type & 15] += (o->flags & BS_OBJ_FLAG_DEVICE) ? 0 : lay_object_bytes(o);
    }
    fprintf(f, "\n# Kernel objects\n\n");
    for (unsigned t = 1; t <= BS_OBJ_VCPU; t++) {
        if (count[t]) {
            fprintf(f, "  %-14s %8llu  %s\n", lay_type_name(t), (ull)count[t], sz(bytes[t], b));
        }
    }
    fprintf(f, "  %-14s %8zu  %s of RAM (%s free in untypeds)\n", "total", lay->objects.count,
            sz(r->mp->needed, b), sz(r->mp->ram_free, (char[32]){0}));
    const struct bs_header *h = (const void *)r->spec->data;
    fprintf(f, "\n# Boot spec\n\n");
    fprintf(f,
            "  %llu bytes at 0x%llx: %u objects, %u caps, %u maps, %u fills "
            "(%llu bytes of frame data in %u bytes), %u irqs, %u threads, %u symbols\n",
            (ull)r->spec->size, (ull)r->spec_vaddr, h->num_objects, h->num_caps, h->num_maps,
            h->num_fills, (ull)r->spec->raw_fill_bytes, h->data_size, h->num_irqs, h->num_pds,
            h->num_symbols);
}

/* The capability audit (audit.h): nothing beyond what the SDF grants. */
static void audit_section(FILE *f, const struct report_in *r)
{
    size_t caps = 0;
    for (size_t p = 0; p < r->si->num_pds; p++) {
        caps += r->si->pds[p].caps.count;
    }
    fprintf(f, "\n# Capability audit\n\n");
    size_t n = audit_check(r->si, r->spec->data, r->spec->size, f);
    if (n == 0) {
        fprintf(f,
                "  every one of the %zu caps and every frame map of the %zu PDs is granted by the "
                "SDF\n",
                caps, r->si->num_pds);
    } else {
        fprintf(f, "  %zu caps or maps beyond what the SDF grants\n", n);
    }
}

static void warning_section(FILE *f, const struct report_in *r)
{
    unsigned n = 0;
    fprintf(f, "\n# Warnings\n\n");
    for (size_t i = 0; r->d && i < r->d->entries.count; i++) {
        const struct diag_entry *e = &r->d->entries.items[i];
        if (e->severity == SEV_WARNING) {
            diag_print_entry(f, e);
            n++;
        }
    }
    if (!n) {
        fprintf(f, "  none\n");
    }
}

char *report_text(const struct report_in *r)
{
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    header(f, r);
    phys_map(f, r);
    uint64_t(*use)[LAY_USE_MR + 1] = use_totals(r);
    for (size_t p = 0; p < r->sys->pds.count; p++) {
        pd_section(f, r, p, use[p]);
    }
    free(use);
    mr_section(f, r);
    object_section(f, r);
    audit_section(f, r);
    warning_section(f, r);
    fclose(f);
    return out;
}
