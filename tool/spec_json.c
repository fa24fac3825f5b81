/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The boot spec as JSON (spec_json.h), read back with the one spec reader.
 * One array element per line, so the file diffs well.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "diag.h"
#include "json.h"
#include "sdk/bootspec_read.h"
#include "spec_json.h"

static const char *type_name(uint8_t type)
{
    static const char *const names[] = {
        "?",     "tcb",    "endpoint",   "notification", "cnode", "sched_context",
        "reply", "vspace", "page_table", "frame",        "vcpu",
    };
    return type < sizeof(names) / sizeof(names[0]) ? names[type] : "?";
}

/* An object index, or null for BS_NONE. */
static void put_index(FILE *f, const char *key, uint32_t index)
{
    if (index == BS_NONE) {
        fprintf(f, "\"%s\": null", key);
    } else {
        fprintf(f, "\"%s\": %u", key, index);
    }
}

static void put_objects(FILE *f, const struct bs_spec *s)
{
    fputs("  \"objects\": [", f);
    for (uint32_t i = 0; i < s->hdr->num_objects; i++) {
        const struct bs_object *o = &s->objects[i];
        fputs(i ? ",\n    {\"name\": " : "\n    {\"name\": ", f);
        json_write_string(f, bs_str(s, o->name));
        fprintf(f, ", \"type\": \"%s\", \"size_bits\": %u, \"paddr\": ", type_name(o->type),
                o->size_bits);
        if (o->paddr == BS_ANY_PADDR) {
            fputs("null", f);
        } else {
            fprintf(f, "%llu", (unsigned long long)o->paddr);
        }
        fprintf(f, ", \"device\": %s}", (o->flags & BS_OBJ_FLAG_DEVICE) ? "true" : "false");
    }
    fputs("\n  ],\n", f);
}

static void put_caps(FILE *f, const struct bs_spec *s)
{
    fputs("  \"caps\": [", f);
    for (uint32_t i = 0; i < s->hdr->num_caps; i++) {
        const struct bs_cap *c = &s->caps[i];
        bool smc = c->kind == BS_CAP_SMC;
        fprintf(f, "%s\n    {\"cnode\": %u, \"slot\": %u, ", i ? "," : "", c->cnode, c->slot);
        put_index(f, "object", smc ? BS_NONE : c->obj);
        fprintf(f, ", \"kind\": \"%s\", \"rights\": %u, \"badge\": %llu}", smc ? "smc" : "object",
                c->rights, (unsigned long long)c->badge);
    }
    fputs("\n  ],\n", f);
}

static void put_irqs(FILE *f, const struct bs_spec *s)
{
    fputs("  \"irqs\": [", f);
    for (uint32_t i = 0; i < s->hdr->num_irqs; i++) {
        const struct bs_irq *q = &s->irqs[i];
        fprintf(f,
                "%s\n    {\"irq\": %llu, \"cnode\": %u, \"slot\": %u, \"notification\": %u, "
                "\"badge\": %llu, \"trigger\": \"%s\"}",
                i ? "," : "", (unsigned long long)q->irq, q->cnode, q->slot, q->notification,
                (unsigned long long)q->badge, q->trigger == BS_IRQ_EDGE ? "edge" : "level");
    }
    fputs("\n  ],\n", f);
}

static const char *yes(uint32_t flags, uint32_t bit)
{
    return (flags & bit) ? "true" : "false";
}

static void put_threads(FILE *f, const struct bs_spec *s)
{
    fputs("  \"threads\": [", f);
    for (uint32_t i = 0; i < s->hdr->num_pds; i++) {
        const struct bs_pd *t = &s->pds[i];
        fputs(i ? ",\n    {\"name\": " : "\n    {\"name\": ", f);
        json_write_string(f, bs_str(s, t->name));
        fprintf(f, ", \"tcb\": %u, ", t->tcb);
        put_index(f, "cnode", t->cnode);
        fprintf(f,
                ", \"vspace\": %u, \"priority\": %u, \"budget_us\": %llu, \"period_us\": %llu, "
                "\"passive\": %s, \"vcpu\": %s, \"start\": %s, \"fpu\": %s, \"domain\": %u, "
                "\"cpu\": %u, ",
                t->vspace, t->priority, (unsigned long long)t->budget_us,
                (unsigned long long)t->period_us, yes(t->flags, BS_PD_PASSIVE),
                yes(t->flags, BS_PD_VCPU), yes(t->flags, BS_PD_START),
                (t->flags & BS_PD_FPU_DISABLED) ? "false" : "true", t->domain, t->cpu);
        put_index(f, "parent", t->parent);
        fputs("}", f);
    }
    fputs("\n  ],\n", f);
}

/* The domain schedule (Microkit 2.3 <domains>): kernel indexes, durations in their unit. */
static void put_schedule(FILE *f, const struct bs_spec *s)
{
    static const char *const units[] = {"us", "ticks", "end"};
    fputs("  \"domain_schedule\": {", f);
    put_index(f, "start", s->hdr->schedule_start);
    fprintf(f, ", \"timer_hz\": %llu, \"entries\": [", (unsigned long long)s->hdr->timer_hz);
    for (uint32_t i = 0; i < s->hdr->num_schedule; i++) {
        const struct bs_sched *e = &s->schedule[i];
        fprintf(f, "%s{\"index\": %u, \"domain\": %u, \"duration\": %llu, \"unit\": \"%s\"}",
                i ? ", " : "", e->index, e->domain, (unsigned long long)e->duration,
                units[e->unit]);
    }
    fputs("]},\n", f);
}

char *spec_json(const void *blob, size_t size, struct diag *d)
{
    struct bs_spec s;
    const char *why = NULL;
    if (bs_open(&s, blob, size, &why)) {
        diag_error(d, NULL, "internal", NULL, "the boot spec is refused: %s", why);
        return NULL;
    }
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f) {
        abort();
    }
    fprintf(f, "{\n  \"format\": \"microkit-sdk-boot-spec\",\n  \"version\": %u,\n",
            s.hdr->version);
    put_objects(f, &s);
    put_caps(f, &s);
    put_irqs(f, &s);
    put_threads(f, &s);
    put_schedule(f, &s);
    fprintf(f, "  \"maps\": %u,\n  \"fills\": %u\n}\n", s.hdr->num_maps, s.hdr->num_fills);
    fclose(f);
    return text;
}
