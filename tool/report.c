/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "report.h"
#include "util.h"

#define KIB4 0x1000ull

typedef unsigned long long ull;

static const char *sz(uint64_t bytes, char buf[32])
{
    format_size(bytes, buf, 32);
    return buf;
}

static const char *perm_text(unsigned rights, unsigned attrs, char buf[4])
{
    buf[0] = (rights & BS_RIGHT_READ) ? 'r' : '-';
    buf[1] = (rights & BS_RIGHT_WRITE) ? 'w' : '-';
    buf[2] = (attrs & BS_ATTR_EXECUTE_NEVER) ? '-' : 'x';
    buf[3] = 0;
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

static void phys_map(FILE *f, const struct report_in *r)
{
    char b[32];
    const struct kernel *k = r->kernel;
    const struct memplan *mp = r->mp;
    fprintf(f, "\n# Physical memory map\n\n");
    fprintf(f, "%-36s %-10s %s\n", "range", "size", "owner");
    for (size_t i = 0; i < r->board->ram.count; i++) {
        const struct mem_range *m = &r->board->ram.items[i];
        fprintf(f, "[0x%010llx, 0x%010llx) %-10s board RAM\n", (ull)m->base,
                (ull)(m->base + m->size), sz(m->size, b));
    }
    fprintf(f, "[0x%010llx, 0x%010llx) %-10s kernel image (boot code to 0x%llx is freed)\n",
            (ull)k->paddr, (ull)k->ki_end, sz(k->ki_end - k->paddr, b), (ull)k->ki_boot_end);
    fprintf(f, "[0x%010llx, 0x%010llx) %-10s monitor (0x%llx bytes) + boot spec (0x%llx bytes)\n",
            (ull)mp->ui_p_start, (ull)mp->ui_p_end, sz(mp->ui_p_end - mp->ui_p_start, b),
            (ull)(r->spec_vaddr - r->ui_vaddr), (ull)r->spec->size);
    fprintf(f, "[0x%010llx, 0x%010llx) %-10s root task boot objects (kernel)\n",
            (ull)mp->rootserver_start, (ull)mp->rootserver_end,
            sz(mp->rootserver_end - mp->rootserver_start, b));
    fprintf(f, "[0x%010llx, ...)              %-10s loader (until the kernel starts)\n",
            (ull)r->loader_link, "");
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

/* Frame maps of one VSpace, merged into runs of consecutive pages of the same object kind. */
static void vspace_maps(FILE *f, const struct report_in *r, uint32_t vspace, size_t first,
                        size_t end_map)
{
    const struct layout *lay = r->lay;
    for (size_t i = first; i < end_map;) {
        const struct bs_map *m = &lay->maps.items[i];
        if (m->vspace != vspace) {
            i++;
            continue;
        }
        const struct lay_object *o = &lay->objects.items[m->obj];
        uint64_t page = 1ull << o->size_bits, end = m->vaddr + page;
        size_t j = i + 1;
        while (j < end_map && lay->maps.items[j].vspace == vspace &&
               lay->maps.items[j].vaddr == end &&
               lay->objects.items[lay->maps.items[j].obj].name == o->name &&
               lay->maps.items[j].rights == m->rights && lay->maps.items[j].attrs == m->attrs) {
            end += 1ull << lay->objects.items[lay->maps.items[j].obj].size_bits;
            j++;
        }
        char p[4], a[64];
        addr_text(lay, o, a, sizeof(a));
        fprintf(f, "    [0x%010llx, 0x%010llx) %s %s%-26s first frame at %s\n", (ull)m->vaddr,
                (ull)end, perm_text(m->rights, m->attrs, p),
                (m->attrs & BS_ATTR_CACHEABLE) ? "  " : "u ", lay->strings.buf + o->name, a);
        i = j;
    }
}

static void pd_caps(FILE *f, const struct report_in *r, uint32_t cnode)
{
    const struct layout *lay = r->lay;
    for (size_t i = 0; i < lay->caps.count; i++) {
        const struct bs_cap *c = &lay->caps.items[i];
        if (c->cnode != cnode) {
            continue;
        }
        const char *what =
            c->kind == BS_CAP_SMC ? "SMC" : lay->strings.buf + lay->objects.items[c->obj].name;
        fprintf(f, "    slot %3u  %-36s badge 0x%llx\n", c->slot, what, (ull)c->badge);
    }
    for (size_t i = 0; i < lay->irqs.count; i++) {
        const struct bs_irq *q = &lay->irqs.items[i];
        if (q->cnode == cnode) {
            fprintf(f, "    slot %3u  irq %llu (%s)%*s badge 0x%llx\n", q->slot, (ull)q->irq,
                    q->trigger == BS_IRQ_EDGE ? "edge" : "level", 20, "", (ull)q->badge);
        }
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
    fprintf(f, "  program image '%s', entry 0x%llx, fault badge 0x%llx\n", pd->program_image,
            (ull)t->entry, (ull)t->fault_badge);
    fprintf(f, "  virtual memory:\n");
    vspace_maps(f, r, lp->vspace, lp->maps_first, lp->maps_end);
    if (lp->vm_vspace != BS_NONE) {
        fprintf(f, "  virtual machine '%s' guest memory:\n", pd->vm->name);
        vspace_maps(f, r, lp->vm_vspace, lp->vm_maps_first, lp->vm_maps_end);
    }
    fprintf(f, "  caps:\n");
    pd_caps(f, r, lp->cnode);
    if (lp->root_cnode != BS_NONE) {
        fprintf(f, "  cspace root (<cspace>; cptr = slot << %u):\n", 64 - SDK_PD_ROOT_CNODE_BITS);
        pd_caps(f, r, lp->root_cnode);
    }
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
        if (lm->frames) {
            addr_text(r->lay, &r->lay->objects.items[lm->first_frame], a, sizeof(a));
        } else {
            snprintf(a, sizeof(a), "-");
        }
        fprintf(f, "  %-24s %-10s %u x %s pages, at %s%s\n", mr->name, sz(mr->size, b), lm->frames,
                lm->page_bits == 21 ? "2 MiB" : "4 KiB", a,
                lm->contiguous || !lm->frames ? "" : ", not contiguous");
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
    fclose(f);
    return out;
}

static void json_pds(FILE *f, const struct report_in *r)
{
    fputs("  \"pds\": [", f);
    for (size_t p = 0; p < r->sys->pds.count; p++) {
        const struct lay_pd *lp = &r->lay->pds[p];
        fputs(p ? ",\n    {\"name\": " : "\n    {\"name\": ", f);
        json_write_string(f, r->sys->pds.items[p].name);
        fprintf(f,
                ", \"elf_bytes\": %llu, \"stack_bytes\": %llu, \"page_tables\": %u, "
                "\"region_frames\": %u, \"stack_bottom\": %llu, \"stack_top\": %llu}",
                (ull)(lp->elf_frames * KIB4), (ull)(lp->stack_frames * KIB4), lp->page_tables,
                lp->mr_frames, (ull)lp->stack_bottom, (ull)lp->stack_top);
    }
    fputs("\n  ],\n", f);
}

static void json_mrs(FILE *f, const struct report_in *r)
{
    fputs("  \"memory_regions\": [", f);
    for (size_t i = 0; i < r->sys->mrs.count; i++) {
        const struct lay_mr *lm = &r->lay->mrs[i];
        fputs(i ? ",\n    {\"name\": " : "\n    {\"name\": ", f);
        json_write_string(f, r->sys->mrs.items[i].name);
        fprintf(f,
                ", \"size\": %llu, \"page_bits\": %u, \"paddr\": %llu, \"fixed\": %s, "
                "\"contiguous\": %s}",
                (ull)r->sys->mrs.items[i].size, lm->page_bits, (ull)(lm->frames ? lm->paddr : 0),
                r->sys->mrs.items[i].has_phys ? "true" : "false",
                lm->contiguous ? "true" : "false");
    }
    fputs("\n  ],\n", f);
}

char *report_json(const struct report_in *r)
{
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    const struct memplan *mp = r->mp;
    fputs("{\n  \"board\": ", f);
    json_write_string(f, r->board->name);
    fputs(",\n  \"config\": ", f);
    json_write_string(f, r->config);
    fprintf(f, ",\n  \"image_bytes\": %zu,\n", r->image_size);
    fprintf(f, "  \"kernel\": {\"paddr\": %llu, \"end\": %llu, \"boot_end\": %llu},\n",
            (ull)r->kernel->paddr, (ull)r->kernel->ki_end, (ull)r->kernel->ki_boot_end);
    fprintf(f,
            "  \"user_image\": {\"paddr\": %llu, \"end\": %llu, \"vaddr\": %llu, "
            "\"spec_vaddr\": %llu, \"spec_bytes\": %llu},\n",
            (ull)mp->ui_p_start, (ull)mp->ui_p_end, (ull)r->ui_vaddr, (ull)r->spec_vaddr,
            (ull)r->spec->size);
    fprintf(f, "  \"root_task_objects\": {\"paddr\": %llu, \"end\": %llu},\n",
            (ull)mp->rootserver_start, (ull)mp->rootserver_end);
    fprintf(f, "  \"ram_needed\": %llu,\n  \"ram_free\": %llu,\n  \"objects\": %zu,\n",
            (ull)mp->needed, (ull)mp->ram_free, r->lay->objects.count);
    json_pds(f, r);
    json_mrs(f, r);
    fputs("  \"untypeds\": [", f);
    for (size_t i = 0; i < mp->untypeds.count; i++) {
        fprintf(f, "%s{\"paddr\": %llu, \"size_bits\": %u}", i ? ", " : "",
                (ull)mp->untypeds.items[i].paddr, mp->untypeds.items[i].size_bits);
    }
    fputs("]\n}\n", f);
    fclose(f);
    return out;
}
