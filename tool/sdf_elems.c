/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * One reader per SDF element. A reader records what is valid and reports
 * what is not, then goes on: an element with a bad value is still added when
 * the values others refer to (names, addresses) are usable, so one mistake
 * does not cause a cascade of follow-on errors. The attribute and child
 * helpers here report with the xml-* rules.
 */
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "num.h"
#include "sdf_internal.h"
#include "util.h"
#include "xml.h"

#define ELEM_TEXT_MAX 40 /* characters of unexpected text shown */

/* "pp" is Microkit 1.4's; checks_legacy.c moves it to the channel ends. */
static const char *const pd_attrs[] = {"name",       "priority", "budget", "period", "passive",
                                       "stack_size", "smc",      "id",     "pp",     "setvar_id",
                                       "fpu",        "domain",   "cpu",    NULL};
static const char *const pd_kids[] = {
    "program_image",   "map",    "irq", "setvar", "protection_domain",
    "virtual_machine", "cspace", NULL};
static const char *const program_attrs[] = {"path", "path_for_symbols", NULL};
static const char *const pd_map_attrs[] = {
    "mr", "vaddr", "perms", "cached", "setvar_vaddr", "setvar_size", "setvar_prefill_size", NULL};
static const char *const vm_map_attrs[] = {"mr", "vaddr", "perms", "cached", NULL};
static const char *const irq_attrs[] = {"irq", "id", "trigger", "setvar_id", NULL};
static const char *const setvar_attrs[] = {"symbol", "region_paddr", NULL};
static const char *const vm_attrs[] = {"name", "priority", "budget", "period", NULL};
static const char *const vm_kids[] = {"vcpu", "map", NULL};
static const char *const vcpu_attrs[] = {"id", "setvar_id", "cpu", NULL};
static const char *const mr_attrs[] = {"name",      "phys_addr",    "size",
                                       "page_size", "prefill_path", NULL};
static const char *const channel_kids[] = {"end", NULL};
static const char *const end_attrs[] = {"pd", "id", "pp", "notify", "setvar_id", NULL};
static const char *const no_attrs[] = {NULL};

/* ---- attributes ---- */

/* Names Microkit 2.3 has only for x86-64, which the SDK does not target. */
static const char *const x86_names[] = {"prefill_bootinfo", "io_address_space", "iomap",
                                        "ioport",           "setvar_addr",      NULL};

static char *name_hint(const char *word, const char *const *allowed, const char *what,
                       const char *parent)
{
    if (allowed == vm_map_attrs && !strncmp(word, "setvar_", 7)) {
        return xasprintf("a virtual machine's map is guest-physical: Microkit allows '%s' only on "
                         "a protection domain's map; map the region in the VMM as well and put "
                         "it there",
                         word);
    }
    for (const char *const *l = x86_names; *l; l++) {
        if (!strcmp(*l, word)) {
            return xasprintf("'%s' is Microkit 2.3's for x86-64, which the SDK does not target "
                             "(docs/compatibility.md)",
                             word);
        }
    }
    return xml_name_hint(word, allowed, what, parent);
}

void elem_open(struct parser *p, xmlNode *n, const char *const *allowed, struct xml_elem *e)
{
    xml_elem_open(p->x, n, allowed, e);
    for (size_t i = 0; i < e->unknown.count; i++) {
        const char *key = e->unknown.items[i];
        char *hint = name_hint(key, allowed, "attributes", e->name);
        rule_report(p->d, R_XML_UNKNOWN_ATTRIBUTE, &e->pos, hint, key, e->name);
        free(hint);
    }
    /* The values are escaped already: the message shows them safely. */
    for (size_t i = 0; i < e->control.count; i++) {
        const char *key = e->control.items[i];
        rule_report(p->d, R_XML_CONTROL_CHARACTER, &e->pos, NULL, xml_elem_get(e, key), key,
                    e->name);
    }
}

/* A required attribute; reported when missing. */
static const char *elem_req(struct parser *p, const struct xml_elem *e, const char *key)
{
    const char *v = xml_elem_get(e, key);
    if (!v) {
        rule_report(p->d, R_XML_MISSING_ATTRIBUTE, &e->pos, NULL, key, e->name);
    }
    return v;
}

/* A required, non-empty attribute, copied; NULL (reported) when missing or empty. */
char *elem_req_name(struct parser *p, const struct xml_elem *e, const char *key)
{
    const char *v = elem_req(p, e, key);
    if (v && !*v) {
        rule_report(p->d, R_XML_EMPTY_VALUE, &e->pos, NULL, key, e->name);
        return NULL;
    }
    return v ? xstrdup(v) : NULL;
}

/* An optional SDF number: 1 present and valid, 0 absent, -1 invalid (reported). */
int elem_u64(struct parser *p, const struct xml_elem *e, const char *key, uint64_t *out)
{
    const char *v = xml_elem_get(e, key);
    if (!v) {
        return 0;
    }
    enum num_status st = num_parse_u64(v, out);
    if (st != NUM_OK) {
        rule_report(p->d, R_XML_NUMBER, &e->pos, NULL, v, key, e->name, num_status_text(st));
        return -1;
    }
    return 1;
}

/* A required SDF number: 0 valid, -1 missing or invalid (reported). */
static int elem_req_u64(struct parser *p, const struct xml_elem *e, const char *key, uint64_t *out)
{
    if (!elem_req(p, e, key)) {
        return -1;
    }
    return elem_u64(p, e, key, out) == 1 ? 0 : -1;
}

/* A required plain decimal: 0 valid, -1 missing or invalid (reported). */
static int elem_req_i64(struct parser *p, const struct xml_elem *e, const char *key, int64_t *out)
{
    const char *v = elem_req(p, e, key);
    if (!v) {
        return -1;
    }
    enum num_status st = num_parse_i64(v, out);
    if (st != NUM_OK) {
        rule_report(p->d, R_XML_DECIMAL, &e->pos, NULL, v, key, e->name, num_status_text(st));
        return -1;
    }
    return 0;
}

/* An optional boolean with default `def`: 0, or -1 invalid (reported). */
static int elem_bool(struct parser *p, const struct xml_elem *e, const char *key, bool def,
                     bool *out)
{
    const char *v = xml_elem_get(e, key);
    *out = def;
    if (v && num_parse_bool(v, out) != 0) {
        *out = def;
        rule_report(p->d, R_XML_BOOL, &e->pos, NULL, key, v);
        return -1;
    }
    return 0;
}

/* ---- children ---- */

bool check_text(struct parser *p, xmlNode *n, const struct xml_elem *parent)
{
    const char *text = xml_node_text(n);
    if (!text) {
        return !xml_is_element(n); /* comments, PIs: ignored */
    }
    if (!*text) {
        return true;
    }
    while (strchr(" \t\r\n", *text)) {
        text++;
    }
    size_t len = strcspn(text, "\r\n");
    if (len > ELEM_TEXT_MAX) {
        len = ELEM_TEXT_MAX;
    }
    char *cut = xasprintf("%.*s", (int)len, text);
    char *shown = xml_escape_controls(cut); /* text may hold tabs, DEL and C1 controls */
    rule_report(p->d, R_XML_TEXT, &parent->pos, NULL, shown, parent->name);
    free(shown);
    free(cut);
    return true;
}

void unknown_element(struct parser *p, xmlNode *n, const struct xml_elem *parent,
                     const char *const *allowed)
{
    struct srcpos pos = xml_pos(p->x, n);
    char *hint = name_hint((const char *)n->name, allowed, "child elements", parent->name);
    rule_report(p->d, R_XML_UNKNOWN_ELEMENT, &pos, hint, (const char *)n->name, parent->name);
    free(hint);
}

/* For elements that take no children: report any. */
void no_children(struct parser *p, const struct xml_elem *e)
{
    static const char *const none[] = {NULL};
    for (xmlNode *c = e->node->children; c; c = c->next) {
        if (!check_text(p, c, e)) {
            unknown_element(p, c, e, none);
        }
    }
}

/* ---- element readers ---- */

static const char *label(const char *name)
{
    return name ? name : "(unnamed)";
}

static bool is_elem(xmlNode *n, const char *name)
{
    return !strcmp((const char *)n->name, name);
}

/* ---- scheduling attributes shared by protection_domain and virtual_machine ---- */

static void read_sched(struct parser *p, const struct xml_elem *e, uint64_t *prio, uint64_t *budget,
                       uint64_t *period)
{
    *prio = 0;
    *budget = SDK_BUDGET_DEFAULT;
    if (elem_u64(p, e, "priority", prio) < 0) {
        *prio = 0;
    }
    if (elem_u64(p, e, "budget", budget) < 0) {
        *budget = SDK_BUDGET_DEFAULT;
    }
    if (elem_u64(p, e, "period", period) != 1) {
        *period = *budget;
    }
}

/* ---- map ---- */

static void add_map_setvar(struct parser *p, const struct xml_elem *e, int pd, const char *key,
                           enum setvar_kind kind)
{
    const char *sym = xml_elem_get(e, key);
    if (!sym) {
        return;
    }
    if (!*sym) {
        rule_report(p->d, R_XML_EMPTY_VALUE, &e->pos, NULL, key, e->name);
        return;
    }
    struct pd *owner = &p->sys->pds.items[pd];
    struct setvar *sv = VEC_PUSH(owner->setvars);
    sv->pos = e->pos;
    sv->symbol = xstrdup(sym);
    sv->kind = kind;
    sv->mr_name = xstrdup(owner->maps.items[owner->maps.count - 1].mr_name);
    sv->mr = -1;
    sv->map = (int)owner->maps.count - 1;
}

/* A setvar_id (Microkit 2.3): `owner`'s symbol `key` of element `e` gets `id`. */
static void add_id_setvar(struct parser *p, const struct xml_elem *e, struct pd *owner, uint64_t id)
{
    const char *sym = xml_elem_get(e, "setvar_id");
    if (!sym) {
        return;
    }
    if (!*sym) {
        rule_report(p->d, R_XML_EMPTY_VALUE, &e->pos, NULL, "setvar_id", e->name);
        return;
    }
    struct setvar *sv = VEC_PUSH(owner->setvars);
    *sv = (struct setvar){
        .pos = e->pos, .symbol = xstrdup(sym), .kind = SETVAR_ID, .mr = -1, .map = -1, .id = id};
}

/* Read a map of PD `pd` (when `vm` is NULL) or of `vm`. */
static void parse_map(struct parser *p, xmlNode *n, int pd, struct vm *vm)
{
    struct xml_elem e;
    elem_open(p, n, vm ? vm_map_attrs : pd_map_attrs, &e);
    char *mr = elem_req_name(p, &e, "mr");
    uint64_t vaddr;
    int vaddr_ok = elem_req_u64(p, &e, "vaddr", &vaddr);
    unsigned perms = PERM_R | PERM_W;
    const char *ps = xml_elem_get(&e, "perms");
    if (ps && num_parse_perms(ps, &perms) != 0) {
        rule_report(p->d, R_MAP_PERMS, &e.pos, NULL, ps);
        perms = PERM_R | PERM_W;
    }
    bool cached;
    elem_bool(p, &e, "cached", true, &cached);
    no_children(p, &e);
    if (!mr || vaddr_ok != 0) {
        free(mr);
        xml_elem_close(&e);
        return;
    }
    struct map *m = vm ? VEC_PUSH(vm->maps) : VEC_PUSH(p->sys->pds.items[pd].maps);
    *m = (struct map){
        .pos = e.pos, .mr_name = mr, .mr = -1, .vaddr = vaddr, .perms = perms, .cached = cached};
    if (!vm) {
        add_map_setvar(p, &e, pd, "setvar_vaddr", SETVAR_VADDR);
        add_map_setvar(p, &e, pd, "setvar_size", SETVAR_SIZE);
        add_map_setvar(p, &e, pd, "setvar_prefill_size", SETVAR_PREFILL_SIZE);
    }
    xml_elem_close(&e);
}

/* ---- irq, setvar, program_image ---- */

static void parse_irq(struct parser *p, xmlNode *n, int pd)
{
    struct xml_elem e;
    elem_open(p, n, irq_attrs, &e);
    int64_t number, id;
    int ok = elem_req_i64(p, &e, "irq", &number);
    ok |= elem_req_i64(p, &e, "id", &id);
    enum irq_trigger trigger = IRQ_LEVEL;
    const char *t = xml_elem_get(&e, "trigger");
    if (t && !strcmp(t, "edge")) {
        trigger = IRQ_EDGE;
    } else if (t && strcmp(t, "level") != 0) {
        rule_report(p->d, R_IRQ_TRIGGER, &e.pos, NULL, t);
    }
    if (ok == 0 && number < 0) {
        rule_report(p->d, R_IRQ_NUMBER_RANGE, &e.pos, NULL, (long long)number);
        ok = -1;
    }
    no_children(p, &e);
    if (ok == 0) {
        struct irq *irq = VEC_PUSH(p->sys->pds.items[pd].irqs);
        *irq = (struct irq){.pos = e.pos, .irq = (uint64_t)number, .id = id, .trigger = trigger};
        add_id_setvar(p, &e, &p->sys->pds.items[pd], (uint64_t)id);
    }
    xml_elem_close(&e);
}

static void parse_setvar(struct parser *p, xmlNode *n, int pd)
{
    struct xml_elem e;
    elem_open(p, n, setvar_attrs, &e);
    char *sym = elem_req_name(p, &e, "symbol");
    char *mr = elem_req_name(p, &e, "region_paddr");
    no_children(p, &e);
    if (sym && mr) {
        struct setvar *sv = VEC_PUSH(p->sys->pds.items[pd].setvars);
        *sv = (struct setvar){.pos = e.pos,
                              .symbol = sym,
                              .kind = SETVAR_REGION_PADDR,
                              .mr_name = mr,
                              .mr = -1,
                              .map = -1};
    } else {
        free(sym);
        free(mr);
    }
    xml_elem_close(&e);
}

static void parse_program_image(struct parser *p, xmlNode *n, int pd, bool again)
{
    struct xml_elem e;
    elem_open(p, n, program_attrs, &e);
    if (again) {
        rule_report(p->d, R_PD_PROGRAM_DUP, &e.pos, NULL, label(p->sys->pds.items[pd].name));
    } else {
        struct pd *owner = &p->sys->pds.items[pd];
        owner->program_image = elem_req_name(p, &e, "path");
        owner->program_pos = e.pos;
        if (xml_elem_get(&e, "path_for_symbols")) {
            owner->program_symbols = elem_req_name(p, &e, "path_for_symbols");
        }
    }
    no_children(p, &e);
    xml_elem_close(&e);
}

/* ---- virtual_machine ---- */

/* A vcpu of `vm`, which PD `pd` owns: its setvar_id goes into that PD's program. */
static void parse_vcpu(struct parser *p, xmlNode *n, struct vm *vm, int pd)
{
    struct xml_elem e;
    elem_open(p, n, vcpu_attrs, &e);
    int64_t id;
    if (elem_req_i64(p, &e, "id", &id) == 0) {
        struct vcpu *v = VEC_PUSH(vm->vcpus);
        *v = (struct vcpu){.pos = e.pos, .id = id};
        v->cpu_given = elem_u64(p, &e, "cpu", &v->cpu) == 1;
        add_id_setvar(p, &e, &p->sys->pds.items[pd], (uint64_t)id);
    }
    no_children(p, &e);
    xml_elem_close(&e);
}

static void parse_vm(struct parser *p, xmlNode *n, int pd)
{
    struct xml_elem e;
    elem_open(p, n, vm_attrs, &e);
    struct vm *vm = xcalloc(1, sizeof(*vm));
    p->sys->pds.items[pd].vm = vm;
    vm->pos = e.pos;
    vm->name = elem_req_name(p, &e, "name");
    read_sched(p, &e, &vm->priority, &vm->budget, &vm->period);
    size_t vcpus = 0;
    for (xmlNode *c = n->children; c; c = c->next) {
        if (check_text(p, c, &e)) {
            continue;
        }
        if (is_elem(c, "vcpu")) {
            parse_vcpu(p, c, vm, pd);
            vcpus++;
        } else if (is_elem(c, "map")) {
            parse_map(p, c, pd, vm);
        } else {
            unknown_element(p, c, &e, vm_kids);
        }
    }
    if (vcpus == 0) {
        rule_report(p->d, R_VM_VCPU_MISSING, &e.pos, NULL, label(vm->name));
    }
    xml_elem_close(&e);
}

/* ---- cspace (Microkit 2.3) ---- */

/*
 * <cap_tcb>, <cap_sc> and <cap_vspace> children with `slot` and `pd`, into
 * the PD's caps. The slot is checked here (it needs nothing else); which PD
 * it names and whether two share a slot are checked in checks_cspace.c.
 */
static const char *const cap_attrs[] = {"slot", "pd", NULL};
static const char *const cspace_kids[] = {"cap_tcb", "cap_sc", "cap_vspace", NULL};

/* The kind `name` names: 0, or -1 when it is no cap element. */
static int cap_kind(const char *name, enum cap_share_kind *kind)
{
    static const struct {
        const char *name;
        enum cap_share_kind kind;
    } kinds[] = {
        {"cap_tcb", CAP_SHARE_TCB}, {"cap_sc", CAP_SHARE_SC}, {"cap_vspace", CAP_SHARE_VSPACE}};
    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        if (!strcmp(name, kinds[i].name)) {
            *kind = kinds[i].kind;
            return 0;
        }
    }
    return -1;
}

/* The slot: 0, or -1 (reported) when it is missing, 0 or past the root CNode. */
static int read_slot(struct parser *p, const struct xml_elem *e, uint64_t *slot)
{
    int st = elem_u64(p, e, "slot", slot);
    if (st == 0) {
        rule_report(p->d, R_XML_MISSING_ATTRIBUTE, &e->pos, NULL, "slot", e->name);
    }
    if (st != 1) {
        return -1;
    }
    if (*slot == 0) {
        rule_report(p->d, R_CSPACE_SLOT_RESERVED, &e->pos, NULL, e->name);
        return -1;
    }
    if (*slot >= (1ull << SDK_PD_ROOT_CNODE_BITS)) {
        rule_report(p->d, R_CSPACE_SLOT_RANGE, &e->pos, NULL, (unsigned long long)*slot, e->name,
                    (unsigned long long)(1ull << SDK_PD_ROOT_CNODE_BITS) - 1);
        return -1;
    }
    return 0;
}

static void parse_cap(struct parser *p, xmlNode *n, enum cap_share_kind kind, int pd)
{
    struct xml_elem e;
    elem_open(p, n, cap_attrs, &e);
    uint64_t slot = 0;
    int ok = read_slot(p, &e, &slot);
    char *name = elem_req_name(p, &e, "pd");
    no_children(p, &e);
    if (ok == 0 && name) {
        struct cap_share *c = VEC_PUSH(p->sys->pds.items[pd].caps);
        *c =
            (struct cap_share){.pos = e.pos, .kind = kind, .slot = slot, .pd_name = name, .pd = -1};
    } else {
        free(name);
    }
    xml_elem_close(&e);
}

static void unknown_cap(struct parser *p, xmlNode *n, const struct xml_elem *parent)
{
    const char *name = (const char *)n->name;
    if (strncmp(name, "cap_", 4) != 0) {
        unknown_element(p, n, parent, cspace_kids);
        return;
    }
    struct srcpos pos = xml_pos(p->x, n);
    rule_report(p->d, R_CSPACE_CAP_KIND, &pos, NULL, name + 4);
}

static void parse_cspace(struct parser *p, xmlNode *n, int pd)
{
    struct xml_elem e;
    elem_open(p, n, no_attrs, &e);
    struct pd *owner = &p->sys->pds.items[pd];
    if (owner->has_cspace) {
        rule_report(p->d, R_CSPACE_DUP, &e.pos, NULL, owner->name ? owner->name : "(unnamed)");
    }
    owner->has_cspace = true;
    for (xmlNode *c = n->children; c; c = c->next) {
        enum cap_share_kind kind;
        if (check_text(p, c, &e)) {
            continue;
        }
        if (cap_kind((const char *)c->name, &kind) == 0) {
            parse_cap(p, c, kind, pd);
        } else {
            unknown_cap(p, c, &e);
        }
    }
    xml_elem_close(&e);
}

/* ---- protection_domain ---- */

static void pd_attributes(struct parser *p, const struct xml_elem *e, int idx)
{
    struct pd *pd = &p->sys->pds.items[idx];
    read_sched(p, e, &pd->priority, &pd->budget, &pd->period);
    pd->stack_size = SDK_STACK_SIZE_DEFAULT;
    if (elem_u64(p, e, "stack_size", &pd->stack_size) < 0) {
        pd->stack_size = SDK_STACK_SIZE_DEFAULT;
    }
    elem_bool(p, e, "passive", false, &pd->passive);
    elem_bool(p, e, "smc", false, &pd->smc);
    bool fpu;
    elem_bool(p, e, "fpu", true, &fpu);
    pd->no_fpu = !fpu;
    elem_u64(p, e, "cpu", &pd->cpu);
    if (xml_elem_get(e, "domain")) {
        pd->domain_name = elem_req_name(p, e, "domain");
    }
    pd->legacy_pp_given =
        xml_elem_get(e, "pp") && elem_bool(p, e, "pp", false, &pd->legacy_pp) == 0;
    if (pd->parent < 0) {
        if (xml_elem_get(e, "id") || xml_elem_get(e, "setvar_id")) {
            rule_report(p->d, R_PD_ROOT_ID, &e->pos, NULL, label(pd->name));
        }
        return;
    }
    uint64_t id;
    if (elem_req_u64(p, e, "id", &id) == 0) {
        pd->has_id = true;
        pd->id = id > INT64_MAX ? INT64_MAX : (int64_t)id;
        /* The child's id goes into its parent's program. */
        add_id_setvar(p, e, &p->sys->pds.items[pd->parent], id);
    }
}

static void pd_children(struct parser *p, const struct xml_elem *e, int idx)
{
    bool program = false, vm = false;
    for (xmlNode *c = e->node->children; c; c = c->next) {
        if (check_text(p, c, e)) {
            continue;
        }
        if (is_elem(c, "program_image")) {
            parse_program_image(p, c, idx, program);
            program = true;
        } else if (is_elem(c, "map")) {
            parse_map(p, c, idx, NULL);
        } else if (is_elem(c, "irq")) {
            parse_irq(p, c, idx);
        } else if (is_elem(c, "setvar")) {
            parse_setvar(p, c, idx);
        } else if (is_elem(c, "cspace")) {
            parse_cspace(p, c, idx);
        } else if (is_elem(c, "protection_domain")) {
            parse_pd(p, c, idx, p->sys->pds.items[idx].depth + 1);
        } else if (is_elem(c, "virtual_machine") && vm) {
            struct srcpos pos = xml_pos(p->x, c);
            rule_report(p->d, R_PD_VM_DUP, &pos, NULL, label(p->sys->pds.items[idx].name));
        } else if (is_elem(c, "virtual_machine")) {
            parse_vm(p, c, idx);
            vm = true;
        } else {
            unknown_element(p, c, e, pd_kids);
        }
    }
    if (!program) {
        rule_report(p->d, R_PD_PROGRAM_MISSING, &e->pos, NULL, label(p->sys->pds.items[idx].name));
    }
}

void parse_pd(struct parser *p, xmlNode *n, int parent, int depth)
{
    struct xml_elem e;
    elem_open(p, n, pd_attrs, &e);
    int idx = (int)p->sys->pds.count;
    struct pd *pd = VEC_PUSH(p->sys->pds);
    pd->pos = e.pos;
    pd->parent = parent;
    pd->depth = depth;
    pd->name = elem_req_name(p, &e, "name");
    pd_attributes(p, &e, idx);
    pd_children(p, &e, idx);
    xml_elem_close(&e);
}

/* ---- memory_region ---- */

void parse_mr(struct parser *p, xmlNode *n)
{
    struct xml_elem e;
    elem_open(p, n, mr_attrs, &e);
    struct mr *mr = VEC_PUSH(p->sys->mrs);
    mr->pos = e.pos;
    mr->name = elem_req_name(p, &e, "name");
    /*
     * Microkit 2.3: a prefilled region without a size takes its file's
     * (inputs.h). One with x86-64's prefill_bootinfo (refused above) is not
     * also told it lacks a size.
     */
    bool sized_by_content =
        xml_elem_get(&e, "prefill_path") || xmlHasProp(n, (const xmlChar *)"prefill_bootinfo");
    mr->size_given = !sized_by_content || xml_elem_get(&e, "size");
    if (mr->size_given && elem_req_u64(p, &e, "size", &mr->size) != 0) {
        mr->size = PAGE_SIZE_SMALL; /* a stand-in so the region can still be checked */
    }
    mr->page_size = PAGE_SIZE_SMALL;
    int ps = elem_u64(p, &e, "page_size", &mr->page_size);
    mr->page_size_given = ps != 0;
    if (ps < 0) {
        mr->page_size = PAGE_SIZE_SMALL;
    }
    mr->has_phys = elem_u64(p, &e, "phys_addr", &mr->phys_addr) == 1;
    if (xml_elem_get(&e, "prefill_path")) {
        mr->prefill_path = elem_req_name(p, &e, "prefill_path");
    }
    no_children(p, &e);
    xml_elem_close(&e);
}

/* ---- channel ---- */

static bool parse_end(struct parser *p, xmlNode *n, struct channel_end *end)
{
    struct xml_elem e;
    elem_open(p, n, end_attrs, &e);
    end->pos = e.pos;
    end->pd = -1;
    end->pd_name = elem_req_name(p, &e, "pd");
    bool ok = elem_req_i64(p, &e, "id", &end->id) == 0 && end->pd_name;
    ok &= elem_bool(p, &e, "pp", false, &end->pp) == 0;
    end->pp_given = xml_elem_get(&e, "pp") != NULL;
    ok &= elem_bool(p, &e, "notify", true, &end->notify) == 0;
    const char *sym = xml_elem_get(&e, "setvar_id");
    if (sym && !*sym) {
        rule_report(p->d, R_XML_EMPTY_VALUE, &e.pos, NULL, "setvar_id", e.name);
    } else if (sym) {
        end->setvar_id = xstrdup(sym);
    }
    no_children(p, &e);
    xml_elem_close(&e);
    return ok;
}

/* The strings of an end that does not become part of the system. */
static void free_end(struct channel_end *end)
{
    free(end->pd_name);
    free(end->setvar_id);
}

void parse_channel(struct parser *p, xmlNode *n)
{
    struct xml_elem e;
    elem_open(p, n, no_attrs, &e);
    struct channel ch = {.pos = e.pos};
    size_t ends = 0;
    bool ok = true;
    for (xmlNode *c = n->children; c; c = c->next) {
        if (check_text(p, c, &e)) {
            continue;
        }
        if (!is_elem(c, "end")) {
            unknown_element(p, c, &e, channel_kids);
            continue;
        }
        struct channel_end scratch = {0};
        ok &= parse_end(p, c, ends < 2 ? &ch.end[ends] : &scratch);
        if (ends >= 2) {
            free_end(&scratch);
        }
        ends++;
    }
    if (ends != 2) {
        rule_report(p->d, R_CH_END_COUNT, &e.pos, NULL, (unsigned long long)ends);
    }
    if (ends == 2 && ok) {
        *VEC_PUSH(p->sys->channels) = ch;
    } else {
        free_end(&ch.end[0]);
        free_end(&ch.end[1]);
    }
    xml_elem_close(&e);
}

void attach_end_setvars(struct system *sys)
{
    for (size_t i = 0; i < sys->channels.count; i++) {
        for (int k = 0; k < 2; k++) {
            const struct channel_end *end = &sys->channels.items[i].end[k];
            int pd = end->pd_name && end->setvar_id ? system_find_pd(sys, end->pd_name) : -1;
            if (pd < 0) {
                continue; /* an unknown PD is reported by the checks */
            }
            struct setvar *sv = VEC_PUSH(sys->pds.items[pd].setvars);
            *sv = (struct setvar){.pos = end->pos,
                                  .symbol = xstrdup(end->setvar_id),
                                  .kind = SETVAR_ID,
                                  .mr = -1,
                                  .map = -1,
                                  .id = (uint64_t)end->id};
        }
    }
}
