/* SPDX-License-Identifier: BSD-2-Clause */
#include <limits.h>
#include <stdio.h>
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

/*
 * libxml2's message, trimmed, with a lower-case first letter unless it starts
 * an acronym, and control characters escaped.
 */
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
    /* libxml2 quotes pieces of the input, which must not break the diagnostic line. */
    char *safe = xml_escape_controls(msg);
    free(msg);
    return safe;
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

/* The name of attribute `a` as written: "prefix:name" when it is in a namespace. */
static char *written_name(const xmlAttr *a)
{
    if (a->ns && a->ns->prefix) {
        return xasprintf("%s:%s", (const char *)a->ns->prefix, (const char *)a->name);
    }
    return xstrdup((const char *)a->name);
}

/*
 * xsi:schemaLocation or xsi:noNamespaceSchemaLocation on the root element:
 * where XML editors look for the schema (we ship one), nothing the tool
 * reads.
 */
static bool is_schema_hint(const xmlNode *n, const xmlAttr *a)
{
    if (!n->parent || n->parent->type != XML_DOCUMENT_NODE || !a->ns || !a->ns->href ||
        strcmp((const char *)a->ns->href, XML_XSI_NAMESPACE) != 0) {
        return false;
    }
    const char *name = (const char *)a->name;
    return !strcmp(name, "schemaLocation") || !strcmp(name, "noNamespaceSchemaLocation");
}

static void add_value(xmlNode *n, const xmlAttr *a, struct xml_elem *e)
{
    xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
    const char *text = v ? (const char *)v : "";
    *VEC_PUSH(e->keys) = (const char *)a->name;
    if (xml_has_control(text)) {
        *VEC_PUSH(e->control) = (const char *)a->name;
        *VEC_PUSH(e->values) = xml_escape_controls(text);
    } else {
        *VEC_PUSH(e->values) = xstrdup(text);
    }
    xmlFree(v);
}

void xml_elem_open(const struct xml_doc *x, xmlNode *n, const char *const *allowed,
                   struct xml_elem *e)
{
    memset(e, 0, sizeof(*e));
    e->node = n;
    e->name = (const char *)n->name;
    e->pos = xml_pos(x, n);
    for (xmlAttr *a = n->properties; a; a = a->next) {
        if (is_schema_hint(n, a)) {
            continue;
        }
        /* q:priority is not priority: a reader would silently ignore it. */
        if (a->ns || !is_listed((const char *)a->name, allowed)) {
            *VEC_PUSH(e->unknown) = written_name(a);
        } else {
            add_value(n, a, e);
        }
    }
}

void xml_elem_close(struct xml_elem *e)
{
    for (size_t i = 0; i < e->values.count; i++) {
        free(e->values.items[i]);
    }
    for (size_t i = 0; i < e->unknown.count; i++) {
        free(e->unknown.items[i]);
    }
    free(e->keys.items);
    free(e->values.items);
    free(e->unknown.items);
    free(e->control.items);
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
    const char *colon = strrchr(word, ':');
    const char *near = closest_name(colon ? colon + 1 : word, allowed);
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

/* ---- control characters ---- */

/* The length of the control character at `s`: 1 (C0, DEL), 2 (C1 in UTF-8) or 0 (none). */
static size_t control_len(const unsigned char *s)
{
    if (*s < 0x20 || *s == 0x7f) {
        return 1;
    }
    return s[0] == 0xc2 && s[1] >= 0x80 && s[1] <= 0x9f ? 2 : 0;
}

bool xml_has_control(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (control_len(p)) {
            return true;
        }
    }
    return false;
}

/* Write the escape of the control character at `p` (`len` bytes) to `out`; its length. */
static int write_escape(char *out, const unsigned char *p, size_t len)
{
    if (len == 2) {
        return sprintf(out, "\\u%04x", p[1]); /* 0xc2 0x80..0x9f is U+0080..U+009F */
    }
    switch (*p) {
    case '\t':
        return sprintf(out, "\\t");
    case '\n':
        return sprintf(out, "\\n");
    case '\r':
        return sprintf(out, "\\r");
    default:
        return sprintf(out, "\\x%02x", *p);
    }
}

char *xml_escape_controls(const char *s)
{
    /* An escape is at most 4 characters per byte (\xHH) or 6 per two (\u00HH). */
    char *out = xmalloc(4 * strlen(s) + 1);
    char *o = out;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        size_t len = control_len(p);
        if (len) {
            o += write_escape(o, p, len);
            p += len;
        } else {
            *o++ = (char)*p++;
        }
    }
    *o = '\0';
    return out;
}
