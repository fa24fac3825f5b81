/* SPDX-License-Identifier: BSD-2-Clause */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "num.h"
#include "util.h"
#include "xml.h"

/* ---- positions ---- */

static bool tag_matches(const struct xml_doc *x, const struct tag_pos *t, const xmlNode *n)
{
    size_t len = strlen((const char *)n->name);
    const char *name = x->buf + t->name_off;
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
static void assign_positions(struct xml_doc *x, xmlNode *n, size_t *k)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) {
            continue;
        }
        if (x->scan_ok && *k < x->scan.tags.count && tag_matches(x, &x->scan.tags.items[*k], n)) {
            n->_private = &x->scan.tags.items[*k];
        } else {
            x->scan_ok = false;
            n->_private = NULL;
        }
        (*k)++;
        assign_positions(x, n->children, k);
    }
}

struct srcpos xml_pos(const struct xml_doc *x, const xmlNode *n)
{
    struct srcpos pos = {x->file, (int)xmlGetLineNo(n), 0};
    const struct tag_pos *t = n->_private;
    if (t) {
        pos.line = t->line;
        pos.col = t->col;
    }
    return pos;
}

struct srcpos xml_doctype_pos(const struct xml_doc *x)
{
    return (struct srcpos){x->file, x->scan.doctype_line, x->scan.doctype_col};
}

/* ---- reading ---- */

/* libxml2's message, trimmed, with a lower-case first letter unless it starts an acronym. */
static char *error_text(const char *message)
{
    char *msg = xstrdup(message ? message : "unknown error");
    size_t n = strlen(msg);
    while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' ')) {
        msg[--n] = '\0';
    }
    if (n > 0 && msg[0] >= 'A' && msg[0] <= 'Z' && !(msg[1] >= 'A' && msg[1] <= 'Z')) {
        msg[0] = (char)(msg[0] - 'A' + 'a');
    }
    return msg;
}

#if LIBXML_VERSION >= 21200
static void on_xml_error(void *ctx, const xmlError *err)
#else
static void on_xml_error(void *ctx, xmlErrorPtr err)
#endif
{
    struct xml_doc *x = ctx;
    if (err->level < XML_ERR_ERROR || x->failed) {
        return; /* after the first error libxml2 only reports consequences of it */
    }
    x->failed = true;
    char *msg = error_text(err->message);
    struct srcpos pos = {x->file, err->line, err->int2};
    rule_report(x->d, x->syntax, &pos, NULL, msg);
    free(msg);
}

static void report_syntax(struct xml_doc *x, const char *msg)
{
    struct srcpos pos = {x->file, 1, 1};
    x->failed = true;
    rule_report(x->d, x->syntax, &pos, NULL, msg);
}

static xmlDoc *parse(struct xml_doc *x)
{
    if (x->len > INT_MAX) {
        report_syntax(x, "file too large");
        return NULL;
    }
    /* No network, no DTD loading, no entity substitution (XML_PARSE_NOENT unset). */
    int opts = XML_PARSE_NONET | XML_PARSE_BIG_LINES;
    xmlSetStructuredErrorFunc(x, on_xml_error);
    xmlDoc *doc = xmlReadMemory(x->buf, (int)x->len, x->file, NULL, opts);
    xmlSetStructuredErrorFunc(NULL, NULL);
    return doc;
}

enum xml_status xml_read(struct xml_doc *x, const char *file, const char *buf, size_t len,
                         enum rule_id syntax, struct diag *d)
{
    *x = (struct xml_doc){.file = file, .buf = buf, .len = len, .d = d, .syntax = syntax};
    xmlInitParser();
    sdf_scan(buf, len, &x->scan);
    if (x->scan.doctype_line) {
        return XML_DOCTYPE; /* never parsed: no entity is ever defined or expanded */
    }
    x->doc = parse(x);
    if (!x->doc || !xmlDocGetRootElement(x->doc)) {
        if (!x->failed) {
            report_syntax(x, "no root element");
        }
        xmlFreeDoc(x->doc);
        x->doc = NULL;
        return XML_MALFORMED;
    }
    size_t k = 0;
    x->scan_ok = true;
    assign_positions(x, x->doc->children, &k);
    return XML_OK;
}

void xml_free(struct xml_doc *x)
{
    xmlFreeDoc(x->doc);
    sdf_scan_free(&x->scan);
    x->doc = NULL;
}

xmlNode *xml_root(const struct xml_doc *x)
{
    return x->doc ? xmlDocGetRootElement(x->doc) : NULL;
}

/* ---- attributes ---- */

static bool is_listed(const char *word, const char *const *list)
{
    for (; *list; list++) {
        if (!strcmp(*list, word)) {
            return true;
        }
    }
    return false;
}

void xml_elem_open(const struct xml_doc *x, xmlNode *n, const char *const *allowed,
                   struct xml_elem *e)
{
    memset(e, 0, sizeof(*e));
    e->node = n;
    e->name = (const char *)n->name;
    e->pos = xml_pos(x, n);
    for (xmlAttr *a = n->properties; a; a = a->next) {
        const char *key = (const char *)a->name;
        if (!is_listed(key, allowed)) {
            *VEC_PUSH(e->unknown) = key;
            continue;
        }
        xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
        *VEC_PUSH(e->keys) = key;
        *VEC_PUSH(e->values) = xstrdup(v ? (const char *)v : "");
        xmlFree(v);
    }
}

void xml_elem_close(struct xml_elem *e)
{
    for (size_t i = 0; i < e->values.count; i++) {
        free(e->values.items[i]);
    }
    free(e->keys.items);
    free(e->values.items);
    free(e->unknown.items);
    memset(e, 0, sizeof(*e));
}

const char *xml_elem_get(const struct xml_elem *e, const char *key)
{
    for (size_t i = 0; i < e->keys.count; i++) {
        if (!strcmp(e->keys.items[i], key)) {
            return e->values.items[i];
        }
    }
    return NULL;
}

char *xml_name_hint(const char *word, const char *const *allowed, const char *what,
                    const char *parent)
{
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

/* ---- children ---- */

bool xml_is_element(const xmlNode *n)
{
    return n->type == XML_ELEMENT_NODE;
}

static bool is_blank(const char *s)
{
    for (; *s; s++) {
        if (!strchr(" \t\r\n", *s)) {
            return false;
        }
    }
    return true;
}

const char *xml_node_text(const xmlNode *n)
{
    if (n->type == XML_ENTITY_REF_NODE) {
        return (const char *)n->name;
    }
    if (n->type != XML_TEXT_NODE && n->type != XML_CDATA_SECTION_NODE) {
        return NULL;
    }
    const char *text = n->content ? (const char *)n->content : "";
    return is_blank(text) ? "" : text;
}
