/* SPDX-License-Identifier: BSD-2-Clause */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "checks.h"
#include "num.h"
#include "sdf_parse.h"
#include "sdf_internal.h"
#include "sdf_scan.h"
#include "util.h"

#define ELEM_TEXT_MAX 40

/* ---- positions ---- */

static bool tag_matches(const struct parser *p, const struct tag_pos *t, xmlNode *n)
{
    size_t len = strlen((const char *)n->name);
    const char *name = p->buf + t->name_off;
    if (n->ns && n->ns->prefix) {
        size_t pl = strlen((const char *)n->ns->prefix);
        if (t->name_len != pl + 1 + len || memcmp(name, n->ns->prefix, pl) || name[pl] != ':') {
            return false;
        }
        name += pl + 1;
    } else if (t->name_len != len) {
        return false;
    }
    return !memcmp(name, n->name, len);
}

/* Give every element node its scanned position, in document order. */
static void assign_positions(struct parser *p, xmlNode *n, size_t *k)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) {
            continue;
        }
        if (p->scan_ok && *k < p->scan.tags.count && tag_matches(p, &p->scan.tags.items[*k], n)) {
            n->_private = &p->scan.tags.items[*k];
        } else {
            p->scan_ok = false;
            n->_private = NULL;
        }
        (*k)++;
        assign_positions(p, n->children, k);
    }
}

struct srcpos node_pos(const struct parser *p, xmlNode *n)
{
    struct srcpos pos = {p->file, (int)xmlGetLineNo(n), 0};
    const struct tag_pos *t = n->_private;
    if (t) {
        pos.line = t->line;
        pos.col = t->col;
    }
    return pos;
}

/* ---- attributes ---- */

/* "did you mean 'x'?" when a name is close, else the list of what is allowed. */
static char *name_hint(const char *word, const char *const *allowed, const char *what,
                       const char *parent)
{
    /* Names that Microkit releases after 2.0.1 added. */
    static const char *const later[] = {"cpu",
                                        "fpu",
                                        "domain",
                                        "setvar_id",
                                        "path_for_symbols",
                                        "setvar_prefill_size",
                                        "prefill_bootinfo",
                                        "io_address_space",
                                        "iomap",
                                        "domains",
                                        "cspace",
                                        "ioport",
                                        NULL};
    for (const char *const *l = later; *l; l++) {
        if (!strcmp(*l, word)) {
            return xasprintf("'%s' comes from a Microkit release after 2.0.1 and is not "
                             "supported",
                             word);
        }
    }
    const char *near = closest_name(word, allowed);
    if (near) {
        return xasprintf("did you mean '%s'?", near);
    }
    if (!allowed[0]) {
        return xasprintf("'%s' takes no %s", parent, what);
    }
    char *hint = xasprintf("%s allowed here:", what);
    for (const char *const *a = allowed; *a; a++) {
        char *h = xasprintf("%s%s '%s'", hint, a == allowed ? "" : ",", *a);
        free(hint);
        hint = h;
    }
    return hint;
}

void elem_open(struct parser *p, xmlNode *n, const char *const *allowed, struct elem *e)
{
    memset(e, 0, sizeof(*e));
    e->node = n;
    e->name = (const char *)n->name;
    e->pos = node_pos(p, n);
    for (xmlAttr *a = n->properties; a; a = a->next) {
        const char *key = (const char *)a->name;
        bool ok = false;
        for (const char *const *k = allowed; *k && !ok; k++) {
            ok = !strcmp(*k, key);
        }
        if (!ok) {
            char *hint = name_hint(key, allowed, "attributes", e->name);
            rule_report(p->d, R_XML_UNKNOWN_ATTRIBUTE, &e->pos, hint, key, e->name);
            free(hint);
            continue;
        }
        xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
        *VEC_PUSH(e->keys) = key;
        *VEC_PUSH(e->values) = v ? xstrdup((const char *)v) : xstrdup("");
        xmlFree(v);
    }
}

void elem_close(struct elem *e)
{
    for (size_t i = 0; i < e->values.count; i++) {
        free(e->values.items[i]);
    }
    free(e->keys.items);
    free(e->values.items);
}

const char *elem_get(const struct elem *e, const char *key)
{
    for (size_t i = 0; i < e->keys.count; i++) {
        if (!strcmp(e->keys.items[i], key)) {
            return e->values.items[i];
        }
    }
    return NULL;
}

/* A required attribute; reports it when missing. */
const char *elem_req(struct parser *p, const struct elem *e, const char *key)
{
    const char *v = elem_get(e, key);
    if (!v) {
        rule_report(p->d, R_XML_MISSING_ATTRIBUTE, &e->pos, NULL, key, e->name);
    }
    return v;
}

/* A required name-like attribute: present and not empty. Returns a copy or NULL. */
char *elem_req_name(struct parser *p, const struct elem *e, const char *key)
{
    const char *v = elem_req(p, e, key);
    if (v && !*v) {
        rule_report(p->d, R_XML_EMPTY_VALUE, &e->pos, NULL, key, e->name);
        return NULL;
    }
    return v ? xstrdup(v) : NULL;
}

/* An optional SDF number. Returns 1 when present and valid, 0 when absent, -1 when bad. */
int elem_u64(struct parser *p, const struct elem *e, const char *key, uint64_t *out)
{
    const char *v = elem_get(e, key);
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

/* A required SDF number. Returns 0 when valid, -1 when missing or bad (reported). */
int elem_req_u64(struct parser *p, const struct elem *e, const char *key, uint64_t *out)
{
    if (!elem_req(p, e, key)) {
        return -1;
    }
    return elem_u64(p, e, key, out) == 1 ? 0 : -1;
}

/* A required plain decimal number (irq, ids). Returns 0 when valid, else -1 (reported). */
int elem_req_i64(struct parser *p, const struct elem *e, const char *key, int64_t *out)
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

/* An optional boolean with a default. Returns 0, or -1 when bad (reported). */
int elem_bool(struct parser *p, const struct elem *e, const char *key, bool def, bool *out)
{
    const char *v = elem_get(e, key);
    *out = def;
    if (v && num_parse_bool(v, out) != 0) {
        *out = def;
        rule_report(p->d, R_XML_BOOL, &e->pos, NULL, key, v);
        return -1;
    }
    return 0;
}

/* ---- children ---- */

static bool is_blank(const char *s)
{
    for (; *s; s++) {
        if (!strchr(" \t\r\n", *s)) {
            return false;
        }
    }
    return true;
}

/* Report text inside `parent`; returns true when `n` was a text-like node. */
bool check_text(struct parser *p, xmlNode *n, const struct elem *parent)
{
    if (n->type != XML_TEXT_NODE && n->type != XML_CDATA_SECTION_NODE &&
        n->type != XML_ENTITY_REF_NODE) {
        return n->type != XML_ELEMENT_NODE; /* comments, PIs: ignored */
    }
    const char *text =
        n->type == XML_ENTITY_REF_NODE ? (const char *)n->name : (const char *)n->content;
    if (!text || is_blank(text)) {
        return true;
    }
    while (strchr(" \t\r\n", *text)) {
        text++;
    }
    size_t len = strcspn(text, "\r\n");
    if (len > ELEM_TEXT_MAX) {
        len = ELEM_TEXT_MAX;
    }
    char *shown = xasprintf("%.*s", (int)len, text);
    rule_report(p->d, R_XML_TEXT, &parent->pos, NULL, shown, parent->name);
    free(shown);
    return true;
}

void unknown_element(struct parser *p, xmlNode *n, const struct elem *parent,
                     const char *const *allowed)
{
    struct srcpos pos = node_pos(p, n);
    char *hint = name_hint((const char *)n->name, allowed, "child elements", parent->name);
    rule_report(p->d, R_XML_UNKNOWN_ELEMENT, &pos, hint, (const char *)n->name, parent->name);
    free(hint);
}

/* For elements that take no children: report any. */
void no_children(struct parser *p, const struct elem *e)
{
    static const char *const none[] = {NULL};
    for (xmlNode *c = e->node->children; c; c = c->next) {
        if (!check_text(p, c, e)) {
            unknown_element(p, c, e, none);
        }
    }
}

/* ---- top level ---- */

static void parse_system(struct parser *p, xmlNode *root)
{
    static const char *const attrs[] = {NULL};
    static const char *const kids[] = {"protection_domain", "memory_region", "channel", NULL};
    struct elem e;
    elem_open(p, root, attrs, &e);
    for (xmlNode *c = root->children; c; c = c->next) {
        if (check_text(p, c, &e)) {
            continue;
        }
        const char *name = (const char *)c->name;
        if (!strcmp(name, "protection_domain")) {
            parse_pd(p, c, -1, 0);
        } else if (!strcmp(name, "memory_region")) {
            parse_mr(p, c);
        } else if (!strcmp(name, "channel")) {
            parse_channel(p, c);
        } else if (!strcmp(name, "virtual_machine")) {
            struct srcpos pos = node_pos(p, c);
            rule_report(p->d, R_VM_TOP_LEVEL, &pos, NULL);
        } else {
            unknown_element(p, c, &e, kids);
        }
    }
    elem_close(&e);
}

static void xml_error(void *ctx, xmlErrorPtr err)
{
    struct parser *p = ctx;
    if (err->level < XML_ERR_ERROR || p->xml_failed) {
        return; /* after the first error libxml2 only reports consequences of it */
    }
    p->xml_failed = true;
    char *msg = xstrdup(err->message ? err->message : "unknown error");
    size_t n = strlen(msg);
    while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' ')) {
        msg[--n] = '\0';
    }
    if (n > 0 && msg[0] >= 'A' && msg[0] <= 'Z' && !(msg[1] >= 'A' && msg[1] <= 'Z')) {
        msg[0] = (char)(msg[0] - 'A' + 'a');
    }
    struct srcpos pos = {p->file, err->line, err->int2};
    rule_report(p->d, R_XML_SYNTAX, &pos, NULL, msg);
    free(msg);
}

static xmlDoc *read_xml(struct parser *p, size_t len)
{
    if (len > INT_MAX) {
        struct srcpos pos = {p->file, 1, 1};
        rule_report(p->d, R_XML_SYNTAX, &pos, NULL, "file too large");
        return NULL;
    }
    /* No network, no DTD loading, no entity substitution (XML_PARSE_NOENT unset). */
    int opts = XML_PARSE_NONET | XML_PARSE_BIG_LINES;
    xmlSetStructuredErrorFunc(p, xml_error);
    xmlDoc *doc = xmlReadMemory(p->buf, (int)len, p->file, NULL, opts);
    xmlSetStructuredErrorFunc(NULL, NULL);
    return doc;
}

static int parse_doc(struct parser *p, xmlDoc *doc)
{
    xmlNode *root = xmlDocGetRootElement(doc);
    size_t k = 0;
    p->scan_ok = true;
    assign_positions(p, doc->children, &k);
    struct srcpos pos = node_pos(p, root);
    if (strcmp((const char *)root->name, "system") != 0) {
        rule_report(p->d, R_XML_ROOT, &pos, NULL, (const char *)root->name);
        return SDF_NOT_XML;
    }
    p->sys->pos = pos;
    parse_system(p, root);
    system_index_build(p->sys);
    return SDF_OK;
}

int sdf_parse_buffer(const char *name, const char *buf, size_t len, struct system *sys,
                     struct diag *d)
{
    struct parser p = {.sys = sys, .d = d, .file = name, .buf = buf};
    unsigned errors_before = diag_errors(d);
    sys->file = name;
    xmlInitParser();
    sdf_scan(buf, len, &p.scan);
    int rc = SDF_NOT_XML;
    if (p.scan.doctype_line) {
        /* Rejected before libxml2 sees it: no entity is ever defined or expanded. */
        struct srcpos pos = {name, p.scan.doctype_line, p.scan.doctype_col};
        rule_report(d, R_XML_DOCTYPE, &pos, NULL);
    } else {
        xmlDoc *doc = read_xml(&p, len);
        if (doc && xmlDocGetRootElement(doc)) {
            rc = parse_doc(&p, doc);
        } else if (doc || diag_errors(d) == errors_before) {
            struct srcpos pos = {name, 1, 1};
            rule_report(d, R_XML_SYNTAX, &pos, NULL, "no root element");
        }
        xmlFreeDoc(doc);
    }
    sdf_scan_free(&p.scan);
    if (rc == SDF_OK && diag_errors(d) != errors_before) {
        rc = SDF_ERRORS;
    }
    return rc;
}

int sdf_parse_file(const char *path, struct system *sys, struct diag *d)
{
    size_t len;
    char *buf = read_file(path, &len);
    sys->file = path;
    if (!buf) {
        rule_report(d, R_SDF_READ, NULL, NULL, path, strerror(errno));
        return SDF_IO;
    }
    int rc = sdf_parse_buffer(path, buf, len, sys, d);
    free(buf);
    return rc;
}
