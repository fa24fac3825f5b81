/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The reader of <domains> (Microkit 2.3): <domain name id?> elements and one
 * <domain_schedule start_index? index_shift?> of <schedule_entry domain
 * duration> and <schedule_end_marker> elements, into sys->domains. What
 * depends on the kernel (how many domains and entries) and on other
 * elements (which domains exist) is checked later, in checks_domains.c.
 */
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "num.h"
#include "sdf_internal.h"
#include "util.h"
#include "xml.h"

static bool is_elem(xmlNode *n, const char *name)
{
    return !strcmp((const char *)n->name, name);
}

static void parse_domain(struct parser *p, xmlNode *n)
{
    static const char *const attrs[] = {"name", "id", NULL};
    struct xml_elem e;
    elem_open(p, n, attrs, &e);
    struct domain d = {.pos = e.pos, .name = elem_req_name(p, &e, "name")};
    d.has_id = elem_u64(p, &e, "id", &d.id) == 1;
    no_children(p, &e);
    if (d.name) {
        *VEC_PUSH(p->sys->domains.list) = d;
    }
    xml_elem_close(&e);
}

/* "<value> <unit>", as Microkit splits it: at the first space. 0, or -1 (reported). */
static int parse_duration(struct parser *p, const struct xml_elem *e, const char *text,
                          struct sched_entry *out)
{
    const char *space = strchr(text, ' ');
    if (!space) {
        rule_report(p->d, R_DOMAIN_DURATION, &e->pos, NULL, text,
                    "must contain a value and a unit, e.g. '1000 us'");
        return -1;
    }
    char *value = xasprintf("%.*s", (int)(space - text), text);
    enum num_status st = num_parse_u64(value, &out->duration);
    if (st != NUM_OK) {
        rule_report(p->d, R_XML_NUMBER, &e->pos, NULL, value, "duration", e->name,
                    num_status_text(st));
    }
    free(value);
    if (st != NUM_OK) {
        return -1;
    }
    const char *unit = space + 1;
    if (strcmp(unit, "us") != 0 && strcmp(unit, "ticks") != 0) {
        rule_report(p->d, R_DOMAIN_DURATION, &e->pos, NULL, text,
                    "must be in either 'ticks' or 'us'");
        return -1;
    }
    if (out->duration == 0) {
        rule_report(p->d, R_DOMAIN_DURATION, &e->pos, NULL, text, "must be non-zero");
        return -1;
    }
    out->unit = strcmp(unit, "us") == 0 ? SCHED_US : SCHED_TICKS;
    return 0;
}

static void parse_entry(struct parser *p, xmlNode *n)
{
    static const char *const attrs[] = {"domain", "duration", NULL};
    struct xml_elem e;
    elem_open(p, n, attrs, &e);
    struct sched_entry s = {.pos = e.pos, .domain = -1};
    s.domain_name = elem_req_name(p, &e, "domain");
    char *duration = elem_req_name(p, &e, "duration");
    no_children(p, &e);
    /* Kept with a stand-in duration when that is bad, so indexes still count it. */
    if (duration && parse_duration(p, &e, duration, &s) != 0) {
        s.unit = SCHED_US;
        s.duration = 1;
    }
    if (s.domain_name && duration) {
        *VEC_PUSH(p->sys->domains.schedule) = s;
    } else {
        free(s.domain_name);
    }
    free(duration);
    xml_elem_close(&e);
}

static void parse_end_marker(struct parser *p, xmlNode *n)
{
    static const char *const attrs[] = {NULL};
    struct xml_elem e;
    elem_open(p, n, attrs, &e);
    no_children(p, &e);
    *VEC_PUSH(p->sys->domains.schedule) =
        (struct sched_entry){.pos = e.pos, .domain = -1, .unit = SCHED_END};
    xml_elem_close(&e);
}

static void parse_schedule(struct parser *p, xmlNode *n)
{
    static const char *const attrs[] = {"start_index", "index_shift", NULL};
    static const char *const kids[] = {"schedule_entry", "schedule_end_marker", NULL};
    struct domains *ds = &p->sys->domains;
    struct xml_elem e;
    elem_open(p, n, attrs, &e);
    ds->has_schedule = true;
    ds->schedule_pos = e.pos;
    if (elem_u64(p, &e, "start_index", &ds->start_index) < 0) {
        ds->start_index = 0;
    }
    if (elem_u64(p, &e, "index_shift", &ds->index_shift) < 0) {
        ds->index_shift = 0;
    }
    for (xmlNode *c = n->children; c; c = c->next) {
        if (check_text(p, c, &e)) {
            continue;
        }
        if (is_elem(c, "schedule_entry")) {
            parse_entry(p, c);
        } else if (is_elem(c, "schedule_end_marker")) {
            parse_end_marker(p, c);
        } else {
            unknown_element(p, c, &e, kids);
        }
    }
    xml_elem_close(&e);
}

static void domains_children(struct parser *p, const struct xml_elem *e)
{
    static const char *const kids[] = {"domain", "domain_schedule", NULL};
    for (xmlNode *c = e->node->children; c; c = c->next) {
        if (check_text(p, c, e)) {
            continue;
        }
        if (is_elem(c, "domain")) {
            parse_domain(p, c);
        } else if (is_elem(c, "domain_schedule") && p->sys->domains.has_schedule) {
            struct srcpos pos = xml_pos(p->x, c);
            rule_report(p->d, R_DOMAIN_SCHEDULE_DUP, &pos, NULL);
        } else if (is_elem(c, "domain_schedule")) {
            parse_schedule(p, c);
        } else {
            unknown_element(p, c, e, kids);
        }
    }
}

void parse_domains(struct parser *p, xmlNode *n)
{
    static const char *const attrs[] = {NULL};
    struct xml_elem e;
    elem_open(p, n, attrs, &e);
    struct domains *ds = &p->sys->domains;
    if (ds->present) {
        rule_report(p->d, R_DOMAINS_DUP, &e.pos, NULL);
        xml_elem_close(&e);
        return;
    }
    ds->present = true;
    ds->pos = e.pos;
    domains_children(p, &e);
    if (!ds->has_schedule) {
        rule_report(p->d, R_DOMAIN_SCHEDULE_MISSING, &e.pos, NULL);
    }
    xml_elem_close(&e);
}
