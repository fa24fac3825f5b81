/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The JSON report (--report-json; report.h): the facts of the text report,
 * as schema/report-v1.schema.json describes them. Addresses and sizes are
 * JSON numbers (integers; every value here is below 2^53 except badges,
 * which are strings "0x...").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "json.h"
#include "report.h"
#include "util.h"

#define KIB4 0x1000ull

typedef unsigned long long ull;

static void str_or_null(FILE *f, const char *s)
{
    if (s) {
        json_write_string(f, s);
    } else {
        fputs("null", f);
    }
}

static void u64_or_null(FILE *f, uint64_t v, bool known)
{
    if (known) {
        fprintf(f, "%llu", (ull)v);
    } else {
        fputs("null", f);
    }
}

static void sep(FILE *f, size_t i)
{
    fputs(i ? ",\n      " : "\n      ", f);
}

static void json_vmap(FILE *f, const struct report_in *r, const struct si_pd *sp)
{
    char p[4];
    fputs("\"virtual_memory\": [", f);
    for (size_t i = 0; i < sp->vmap.count; i++) {
        const struct si_vrange *v = &sp->vmap.items[i];
        sep(f, i);
        fprintf(f,
                "{\"kind\": \"%s\", \"vaddr\": %llu, \"size\": %llu, \"perms\": \"%s\", "
                "\"cached\": %s, \"page_size\": %llu, \"paddr\": ",
                si_vkind_name(v->kind), (ull)v->vaddr, (ull)v->size, si_perm_text(v->perms, p),
                v->cached ? "true" : "false", (ull)v->page_size);
        u64_or_null(f, v->paddr, v->paddr != BS_ANY_PADDR);
        fputs(", \"region\": ", f);
        str_or_null(f, v->mr >= 0 ? r->sys->mrs.items[v->mr].name : NULL);
        fputs(", \"setvar_vaddr\": ", f);
        str_or_null(f, v->setvar_vaddr);
        fputs("}", f);
    }
    fputs("]", f);
}

static void json_channels(FILE *f, const struct report_in *r, const struct si_pd *sp)
{
    fputs("\"channels\": [", f);
    for (size_t i = 0; i < sp->channels.count; i++) {
        const struct si_channel *c = &sp->channels.items[i];
        sep(f, i);
        fprintf(f, "{\"id\": %llu, \"peer\": ", (ull)c->id);
        json_write_string(f, r->sys->pds.items[c->peer].name);
        fprintf(f,
                ", \"peer_id\": %llu, \"notify\": %s, \"pp\": %s, \"peer_notify\": %s, "
                "\"peer_pp\": %s, \"notify_slot\": ",
                (ull)c->peer_id, c->notify ? "true" : "false", c->pp ? "true" : "false",
                c->peer_notify ? "true" : "false", c->peer_pp ? "true" : "false");
        u64_or_null(f, c->notify_slot, c->notify_slot != BS_NONE);
        fputs(", \"pp_slot\": ", f);
        u64_or_null(f, c->pp_slot, c->pp_slot != BS_NONE);
        fputs("}", f);
    }
    fputs("]", f);
}

static void json_irqs_children(FILE *f, const struct report_in *r, const struct si_pd *sp)
{
    fputs("\"irqs\": [", f);
    for (size_t i = 0; i < sp->irqs.count; i++) {
        const struct si_irq *q = &sp->irqs.items[i];
        sep(f, i);
        fprintf(f, "{\"id\": %llu, \"irq\": %llu, \"trigger\": \"%s\", \"slot\": %u}", (ull)q->id,
                (ull)q->irq, q->trigger == IRQ_EDGE ? "edge" : "level", q->slot);
    }
    fputs("],\n     \"children\": [", f);
    for (size_t i = 0; i < sp->children.count; i++) {
        const struct si_child *c = &sp->children.items[i];
        sep(f, i);
        fputs("{\"name\": ", f);
        json_write_string(f, r->sys->pds.items[c->pd].name);
        fprintf(f, ", \"id\": %llu, \"slot\": %u}", (ull)c->id, c->slot);
    }
    fputs("]", f);
}

static void json_setvars(FILE *f, const struct report_in *r, const struct si_pd *sp)
{
    static const char *const kinds[] = {"vaddr", "size", "region_paddr", "id", "prefill_size"};
    fputs("\"setvars\": [", f);
    for (size_t i = 0; i < sp->setvars.count; i++) {
        const struct si_setvar *v = &sp->setvars.items[i];
        uint64_t val = v->value;
        if (!v->known && v->kind == SETVAR_REGION_PADDR && v->mr >= 0) {
            val = r->lay->mrs[v->mr].paddr;
        }
        sep(f, i);
        fputs("{\"symbol\": ", f);
        json_write_string(f, v->symbol);
        fprintf(f, ", \"kind\": \"%s\", \"value\": %llu, \"region\": ", kinds[v->kind], (ull)val);
        str_or_null(f, v->mr >= 0 ? r->sys->mrs.items[v->mr].name : NULL);
        fputs("}", f);
    }
    fputs("]", f);
}

static void json_caps(FILE *f, const struct si_pd *sp)
{
    fputs("\"caps\": [", f);
    for (size_t i = 0; i < sp->caps.count; i++) {
        const struct si_cap *c = &sp->caps.items[i];
        sep(f, i);
        fprintf(f, "{\"cnode\": \"%s\", \"slot\": %u, \"object\": ", c->root ? "root" : "pd",
                c->slot);
        json_write_string(f, c->object);
        fprintf(f, ", \"rights\": %u, \"badge\": \"0x%llx\", \"grant\": \"%s\", \"granted_by\": ",
                c->rights, (ull)c->badge, si_grant_name(c->grant));
        str_or_null(f, c->granted_by);
        fputs("}", f);
    }
    fputs("]", f);
}

static void json_pd_head(FILE *f, const struct report_in *r, size_t p)
{
    const struct pd *pd = &r->sys->pds.items[p];
    const struct lay_pd *lp = &r->lay->pds[p];
    const struct bs_pd *t = &r->lay->threads.items[p];
    fputs("\n    {\"name\": ", f);
    json_write_string(f, pd->name);
    fputs(", \"parent\": ", f);
    str_or_null(f, pd->parent >= 0 ? r->sys->pds.items[pd->parent].name : NULL);
    fputs(", \"id\": ", f);
    u64_or_null(f, (uint64_t)pd->id, pd->parent >= 0);
    fputs(", \"program_image\": ", f);
    str_or_null(f, pd->program_image);
    fprintf(f,
            ",\n     \"priority\": %llu, \"budget_us\": %llu, \"period_us\": %llu, "
            "\"passive\": %s, \"smc\": %s, \"fpu\": %s, \"cpu\": %llu, \"domain\": ",
            (ull)pd->priority, (ull)pd->budget, (ull)pd->period, pd->passive ? "true" : "false",
            pd->smc ? "true" : "false", pd->no_fpu ? "false" : "true", (ull)pd->cpu);
    str_or_null(f, pd->domain_name);
    fprintf(f,
            ", \"input\": \"%s\", \"entry\": %llu, \"fault_badge\": \"0x%llx\",\n"
            "     \"elf_bytes\": %llu, \"stack_bytes\": %llu, \"page_tables\": %u, "
            "\"region_frames\": %u, \"stack_bottom\": %llu, \"stack_top\": %llu, "
            "\"ram_bytes\": %llu,\n     ",
            lp->needs_ep ? "endpoint" : "notification", (ull)t->entry, (ull)t->fault_badge,
            (ull)(lp->elf_frames * KIB4), (ull)(lp->stack_frames * KIB4), lp->page_tables,
            lp->mr_frames, (ull)lp->stack_bottom, (ull)lp->stack_top, (ull)r->si->pd_bytes[p]);
}

static void json_pds(FILE *f, const struct report_in *r)
{
    fputs("  \"pds\": [", f);
    for (size_t p = 0; p < r->sys->pds.count; p++) {
        const struct si_pd *sp = &r->si->pds[p];
        fputs(p ? "," : "", f);
        json_pd_head(f, r, p);
        json_vmap(f, r, sp);
        fputs(",\n     ", f);
        json_channels(f, r, sp);
        fputs(",\n     ", f);
        json_irqs_children(f, r, sp);
        fputs(",\n     ", f);
        json_setvars(f, r, sp);
        fputs(",\n     ", f);
        json_caps(f, sp);
        fputs("}", f);
    }
    fputs("\n  ],\n", f);
}

static void json_mrs(FILE *f, const struct report_in *r)
{
    fputs("  \"memory_regions\": [", f);
    for (size_t i = 0; i < r->sys->mrs.count; i++) {
        const struct lay_mr *lm = &r->lay->mrs[i];
        const struct mr *mr = &r->sys->mrs.items[i];
        fputs(i ? ",\n    {\"name\": " : "\n    {\"name\": ", f);
        json_write_string(f, mr->name);
        fprintf(f,
                ", \"size\": %llu, \"page_bits\": %u, \"paddr\": %llu, \"fixed\": %s, "
                "\"contiguous\": %s, \"device\": %s, \"large_frames\": %u}",
                (ull)mr->size, lm->page_bits, (ull)(lm->frames ? lm->paddr : 0),
                mr->has_phys ? "true" : "false", lm->contiguous ? "true" : "false",
                lm->device ? "true" : "false", lm->large_frames);
    }
    fputs("\n  ],\n", f);
}

static void json_phys(FILE *f, const struct report_in *r)
{
    const struct sysinfo *si = r->si;
    fputs("  \"physical_memory\": [", f);
    for (size_t i = 0; i < si->phys.count; i++) {
        const struct si_prange *p = &si->phys.items[i];
        fputs(i ? ",\n    " : "\n    ", f);
        fprintf(f, "{\"paddr\": %llu, \"size\": %llu, \"owner\": \"%s\", \"pd\": ", (ull)p->paddr,
                (ull)p->size, si_owner_name(p->owner));
        str_or_null(f, p->pd >= 0 ? r->sys->pds.items[p->pd].name : NULL);
        fputs(", \"region\": ", f);
        str_or_null(f, p->mr >= 0 ? r->sys->mrs.items[p->mr].name : NULL);
        fputs(", \"object_type\": ", f);
        str_or_null(f, p->type ? lay_type_name(p->type) : NULL);
        fprintf(f, ", \"device\": %s, \"objects\": %u}", p->device ? "true" : "false", p->count);
    }
    fputs("\n  ],\n  \"totals\": {", f);
    bool first = true;
    for (unsigned o = 0; o < SI_OWN_COUNT; o++) {
        if (si->owner_bytes[o]) {
            fprintf(f, "%s\"%s\": %llu", first ? "" : ", ", si_owner_name((enum si_owner)o),
                    (ull)si->owner_bytes[o]);
            first = false;
        }
    }
    fprintf(f, "},\n  \"ram_bytes\": %llu,\n  \"free_bytes\": %llu,\n", (ull)si->ram_bytes,
            (ull)si->free_bytes);
}

static void json_objects(FILE *f, const struct report_in *r)
{
    uint64_t count[16] = {0}, bytes[16] = {0};
    const struct layout *lay = r->lay;
    for (size_t i = 0; i < lay->objects.count; i++) {
        const struct lay_object *o = &lay->objects.items[i];
        count[o->type & 15]++;
        bytes[o->type & 15] += (o->flags & BS_OBJ_FLAG_DEVICE) ? 0 : lay_object_bytes(o);
    }
    fputs("  \"object_types\": [", f);
    bool first = true;
    for (unsigned t = 1; t <= BS_OBJ_VCPU; t++) {
        if (count[t]) {
            fprintf(f, "%s{\"type\": \"%s\", \"count\": %llu, \"bytes\": %llu}", first ? "" : ", ",
                    lay_type_name(t), (ull)count[t], (ull)bytes[t]);
            first = false;
        }
    }
    fputs("],\n", f);
}

static void json_warnings(FILE *f, const struct report_in *r)
{
    size_t n = 0;
    fputs("  \"warnings\": [", f);
    for (size_t i = 0; r->d && i < r->d->entries.count; i++) {
        const struct diag_entry *e = &r->d->entries.items[i];
        if (e->severity != SEV_WARNING) {
            continue;
        }
        fputs(n++ ? ",\n    {\"file\": " : "\n    {\"file\": ", f);
        str_or_null(f, e->pos.file);
        fprintf(f, ", \"line\": %d, \"col\": %d, \"rule\": ", e->pos.line, e->pos.col);
        str_or_null(f, e->rule);
        fputs(", \"message\": ", f);
        json_write_string(f, e->message);
        fputs(", \"hint\": ", f);
        str_or_null(f, e->hint);
        fputs("}", f);
    }
    fputs(n ? "\n  ]\n" : "]\n", f);
}

static void json_head(FILE *f, const struct report_in *r)
{
    const struct memplan *mp = r->mp;
    fprintf(f, "{\n  \"version\": %d,\n  \"system\": ", REPORT_JSON_VERSION);
    json_write_string(f, r->sys->file ? r->sys->file : "");
    fputs(",\n  \"board\": ", f);
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
    fprintf(f, "  \"loader\": {\"paddr\": %llu, \"bytes\": %zu},\n", (ull)r->loader_link,
            r->image_size);
    fprintf(f, "  \"ram_needed\": %llu,\n  \"ram_free\": %llu,\n  \"objects\": %zu,\n",
            (ull)mp->needed, (ull)mp->ram_free, r->lay->objects.count);
}

char *report_json(const struct report_in *r)
{
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    const struct memplan *mp = r->mp;
    json_head(f, r);
    json_phys(f, r);
    json_objects(f, r);
    json_pds(f, r);
    json_mrs(f, r);
    fputs("  \"untypeds\": [", f);
    for (size_t i = 0; i < mp->untypeds.count; i++) {
        fprintf(f, "%s{\"paddr\": %llu, \"size_bits\": %u}", i ? ", " : "",
                (ull)mp->untypeds.items[i].paddr, mp->untypeds.items[i].size_bits);
    }
    fputs("],\n", f);
    fprintf(f, "  \"audit_problems\": %zu,\n",
            audit_check(r->si, r->spec->data, r->spec->size, NULL));
    json_warnings(f, r);
    fputs("}\n", f);
    fclose(f);
    return out;
}
