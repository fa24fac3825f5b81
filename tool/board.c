/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The board stage: find boards/<name>.xml and read it into a struct board.
 * The reader accepts what schema/board.xsd accepts (same elements, same order,
 * same attributes, same lexical forms) and then makes the checks a schema
 * cannot: ranges sorted and disjoint, the UART in device memory, the loader
 * in RAM, the name matching the one asked for.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "board.h"
#include "util.h"

#define BOARD_PAGE 0x1000ull

/* Where each element's start tag is; libxml2 gives lines only. */
struct locator {
    const char *file;
    struct srcpos *pos; /* one per element, document order */
    size_t count;
};

/* ---- numbers and names ------------------------------------------------ */

/* Decimal, or hex after a lower-case 0x; '_' anywhere (as in the SDF). */
static int parse_number(const char *s, uint64_t *out)
{
    unsigned base = 10;
    uint64_t v = 0;
    int digits = 0;
    if (s[0] == '0' && s[1] == 'x') {
        base = 16;
        s += 2;
    }
    for (; *s; s++) {
        unsigned dv;
        if (*s == '_') {
            continue;
        }
        if (*s >= '0' && *s <= '9') {
            dv = (unsigned)(*s - '0');
        } else if (base == 16 && *s >= 'a' && *s <= 'f') {
            dv = (unsigned)(*s - 'a' + 10);
        } else if (base == 16 && *s >= 'A' && *s <= 'F') {
            dv = (unsigned)(*s - 'A' + 10);
        } else {
            return -1;
        }
        if (v > (UINT64_MAX - dv) / base) {
            return -1;
        }
        v = v * base + dv;
        digits++;
    }
    *out = v;
    return digits ? 0 : -1;
}

/* Board names are file names: [a-z0-9_]+, so a name can never leave a folder. */
static bool valid_board_name(const char *name)
{
    if (!name || !*name) {
        return false;
    }
    for (const char *p = name; *p; p++) {
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_')) {
            return false;
        }
    }
    return true;
}

/* ---- source positions ---------------------------------------------------- */

static size_t count_elements(xmlNode *n)
{
    size_t c = 0;
    for (; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE) {
            c += 1 + count_elements(n->children);
        }
    }
    return c;
}

/* Skip a comment, PI, CDATA section or declaration starting at p[0] == '<'. */
static const char *skip_markup(const char *p, const char *end)
{
    const char *close = NULL;
    if (end - p >= 4 && !memcmp(p, "<!--", 4)) {
        close = "-->";
    } else if (end - p >= 9 && !memcmp(p, "<![CDATA[", 9)) {
        close = "]]>";
    } else if (end - p >= 2 && p[1] == '?') {
        close = "?>";
    } else if (end - p >= 2 && (p[1] == '!' || p[1] == '/')) {
        close = ">";
    } else {
        return NULL; /* a start tag */
    }
    const char *q = p + 1;
    size_t n = strlen(close);
    while (q + n <= end && memcmp(q, close, n) != 0) {
        q++;
    }
    return q + n <= end ? q + n : end;
}

/*
 * Start tags appear in the text in document order, so the n-th start tag is
 * the n-th element of a pre-order walk: no name matching needed.
 */
static void locate(struct locator *loc, const char *buf, size_t len)
{
    const char *p = buf, *end = buf + len, *line_start = buf;
    int line = 1;
    size_t i = 0;
    while (p < end && i < loc->count) {
        if (*p == '\n') {
            line++;
            line_start = p + 1;
        }
        if (*p != '<') {
            p++;
            continue;
        }
        const char *after = skip_markup(p, end);
        if (!after) {
            loc->pos[i++] = (struct srcpos){loc->file, line, (int)(p - line_start) + 1};
            p++;
            continue;
        }
        for (; p < after; p++) {
            if (*p == '\n') {
                line++;
                line_start = p + 1;
            }
        }
    }
}

static void attach_positions(struct locator *loc, xmlNode *n, size_t *i)
{
    for (; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE) {
            n->_private = *i < loc->count ? &loc->pos[*i] : NULL;
            (*i)++;
            attach_positions(loc, n->children, i);
        }
    }
}

static struct srcpos node_pos(const struct locator *loc, xmlNode *n)
{
    if (n->_private) {
        return *(struct srcpos *)n->_private;
    }
    return (struct srcpos){loc->file, (int)xmlGetLineNo(n), 0};
}

/* ---- reading elements ------------------------------------------------------ */

struct reader {
    struct locator loc;
    struct diag *d;
    struct board *b;
};

static char *get_attr(xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    if (!v) {
        return NULL;
    }
    char *s = xstrdup((const char *)v);
    xmlFree(v);
    return s;
}

static void error_at(struct reader *r, xmlNode *n, const char *rule, const char *hint,
                     const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void error_at(struct reader *r, xmlNode *n, const char *rule, const char *hint,
                     const char *fmt, ...)
{
    struct srcpos pos = node_pos(&r->loc, n);
    va_list ap;
    va_start(ap, fmt);
    diag_vreport(r->d, SEV_ERROR, &pos, rule, hint, fmt, ap);
    va_end(ap);
}

/* Every attribute must be in `allowed`; every one of `allowed` must be there. */
static bool check_attrs(struct reader *r, xmlNode *n, const char *const *allowed)
{
    bool ok = true;
    for (xmlAttr *a = n->properties; a; a = a->next) {
        size_t i = 0;
        while (allowed[i] && strcmp(allowed[i], (const char *)a->name) != 0) {
            i++;
        }
        if (!allowed[i]) {
            error_at(r, n, "board-attribute", NULL, "unknown attribute '%s' on element '%s'",
                     (const char *)a->name, (const char *)n->name);
            ok = false;
        }
    }
    for (size_t i = 0; allowed[i]; i++) {
        if (!xmlHasProp(n, (const xmlChar *)allowed[i])) {
            error_at(r, n, "board-attribute", NULL, "missing attribute '%s' on element '%s'",
                     allowed[i], (const char *)n->name);
            ok = false;
        }
    }
    return ok;
}

static bool attr_number(struct reader *r, xmlNode *n, const char *name, uint64_t *out)
{
    char *s = get_attr(n, name);
    bool ok = s && parse_number(s, out) == 0;
    if (s && !ok) {
        error_at(r, n, "board-number", "write a decimal number or 0x followed by hex digits",
                 "'%s' is not a number in attribute '%s' of element '%s'", s, name,
                 (const char *)n->name);
    }
    free(s);
    return ok;
}

static bool only_whitespace_children(struct reader *r, xmlNode *n, bool text_allowed)
{
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE) {
            error_at(r, c, "board-element", NULL, "unexpected element '%s' in '%s'",
                     (const char *)c->name, (const char *)n->name);
            return false;
        }
        if (!text_allowed && c->type == XML_TEXT_NODE && !xmlIsBlankNode(c)) {
            error_at(r, n, "board-element", NULL, "unexpected text in element '%s'",
                     (const char *)n->name);
            return false;
        }
    }
    return true;
}

static void on_description(struct reader *r, xmlNode *n)
{
    static const char *const attrs[] = {NULL};
    check_attrs(r, n, attrs);
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE) {
            error_at(r, c, "board-element", NULL, "unexpected element '%s' in 'description'",
                     (const char *)c->name);
        }
    }
    xmlChar *text = xmlNodeGetContent(n);
    const char *s = text ? (const char *)text : "";
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
        s++;
    }
    size_t len = strlen(s);
    while (len &&
           (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' || s[len - 1] == '\r')) {
        len--;
    }
    r->b->description = xasprintf("%.*s", (int)len, s);
    xmlFree(text);
}

static void on_cpu(struct reader *r, xmlNode *n)
{
    static const char *const attrs[] = {"model", "pa_bits", "count", NULL};
    uint64_t pa = 0, count = 0;
    check_attrs(r, n, attrs);
    r->b->cpu = get_attr(n, "model");
    if (attr_number(r, n, "pa_bits", &pa) && pa != 40 && pa != 44) {
        error_at(r, n, "board-value", "AArch64 boards here have 40 or 44 physical address bits",
                 "pa_bits must be 40 or 44, not %llu", (unsigned long long)pa);
    }
    if (attr_number(r, n, "count", &count) && (count == 0 || count > 256)) {
        error_at(r, n, "board-value", NULL, "count must be between 1 and 256, not %llu",
                 (unsigned long long)count);
    }
    r->b->pa_bits = (unsigned)pa;
    r->b->num_cpus = (unsigned)count;
}

static void on_loader(struct reader *r, xmlNode *n)
{
    static const char *const attrs[] = {"link_address", NULL};
    check_attrs(r, n, attrs);
    attr_number(r, n, "link_address", &r->b->loader_link_address);
}

/* UART kinds the loader has a driver for (loader/src/uart/<name>.c). */
static const struct {
    const char *name;
    enum uart_kind kind;
} uart_kinds[] = {
    {"pl011", UART_PL011},
    {"imx", UART_IMX},
};
#define NUM_UART_KINDS (sizeof(uart_kinds) / sizeof(uart_kinds[0]))

static void on_uart(struct reader *r, xmlNode *n)
{
    static const char *const attrs[] = {"kind", "base", NULL};
    check_attrs(r, n, attrs);
    char *kind = get_attr(n, "kind");
    size_t i = 0;
    while (kind && i < NUM_UART_KINDS && strcmp(uart_kinds[i].name, kind) != 0) {
        i++;
    }
    if (kind && i < NUM_UART_KINDS) {
        r->b->uart_kind = uart_kinds[i].kind;
    } else if (kind) {
        error_at(r, n, "board-value", "a new UART kind needs a loader driver; see docs/porting.md",
                 "unknown UART kind '%s' (known: 'pl011', 'imx')", kind);
    }
    free(kind);
    attr_number(r, n, "base", &r->b->uart_base);
}

static void on_gicv2(struct reader *r, xmlNode *n)
{
    static const char *const attrs[] = {"distributor", "cpu_interface", NULL};
    check_attrs(r, n, attrs);
    r->b->gic_version = 2;
    attr_number(r, n, "distributor", &r->b->gicd_base);
    attr_number(r, n, "cpu_interface", &r->b->gicc_base);
}

static void on_gicv3(struct reader *r, xmlNode *n)
{
    static const char *const attrs[] = {"distributor", "redistributor", NULL};
    check_attrs(r, n, attrs);
    r->b->gic_version = 3;
    attr_number(r, n, "distributor", &r->b->gicd_base);
    attr_number(r, n, "redistributor", &r->b->gicc_base);
}

static void on_timer(struct reader *r, xmlNode *n)
{
    static const char *const attrs[] = {"frequency", NULL};
    check_attrs(r, n, attrs);
    if (attr_number(r, n, "frequency", &r->b->timer_frequency) && r->b->timer_frequency == 0) {
        error_at(r, n, "board-value", NULL, "timer frequency must not be 0");
    }
}

static void read_range(struct reader *r, xmlNode *n, struct mem_range *out)
{
    static const char *const attrs[] = {"start", "end", NULL};
    uint64_t start = 0, end = 0;
    check_attrs(r, n, attrs);
    if (!attr_number(r, n, "start", &start) || !attr_number(r, n, "end", &end)) {
        return;
    }
    if (end <= start) {
        error_at(r, n, "board-range", NULL, "%s range [0x%llx..0x%llx) is empty",
                 (const char *)n->name, (unsigned long long)start, (unsigned long long)end);
    } else if (!is_aligned(start, BOARD_PAGE) || !is_aligned(end, BOARD_PAGE)) {
        error_at(r, n, "board-range", "ranges start and end on 4 KiB page boundaries",
                 "%s range [0x%llx..0x%llx) is not page aligned", (const char *)n->name,
                 (unsigned long long)start, (unsigned long long)end);
    }
    out->base = start;
    out->size = end > start ? end - start : 0;
}

static void on_ram(struct reader *r, xmlNode *n)
{
    read_range(r, n, VEC_PUSH(r->b->ram));
}

static void on_device(struct reader *r, xmlNode *n)
{
    read_range(r, n, VEC_PUSH(r->b->devices));
}

static void on_option(struct reader *r, xmlNode *n)
{
    static const char *const attrs[] = {"key", "value", NULL};
    if (!check_attrs(r, n, attrs) || !only_whitespace_children(r, n, false)) {
        return;
    }
    char *key = get_attr(n, "key");
    for (size_t i = 0; i < r->b->kernel_options.count; i++) {
        if (!strcmp(r->b->kernel_options.items[i].key, key)) {
            error_at(r, n, "board-option", NULL, "kernel option '%s' is given twice", key);
            free(key);
            return;
        }
    }
    struct kernel_option *o = VEC_PUSH(r->b->kernel_options);
    o->key = key;
    o->value = get_attr(n, "value");
}

static void on_kernel(struct reader *r, xmlNode *n)
{
    static const char *const attrs[] = {"platform", NULL};
    check_attrs(r, n, attrs);
    r->b->kernel_platform = get_attr(n, "platform");
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, "option")) {
            on_option(r, c);
        } else if (c->type == XML_ELEMENT_NODE) {
            error_at(r, c, "board-element", NULL, "unexpected element '%s' in 'kernel'",
                     (const char *)c->name);
        } else if (c->type == XML_TEXT_NODE && !xmlIsBlankNode(c)) {
            error_at(r, n, "board-element", NULL, "unexpected text in element 'kernel'");
        }
    }
}

static void on_qemu(struct reader *r, xmlNode *n)
{
    static const char *const attrs[] = {"args", NULL};
    check_attrs(r, n, attrs);
    r->b->qemu_args = get_attr(n, "args");
}

/* The children of <board>, in the order board.xsd's sequence requires. */
struct child_rule {
    const char *name;
    unsigned slot; /* position in the sequence; gicv2 and gicv3 share one */
    unsigned min, max;
    void (*read)(struct reader *r, xmlNode *n);
};

static const struct child_rule child_rules[] = {
    {"description", 0, 1, 1, on_description},
    {"cpu", 1, 1, 1, on_cpu},
    {"loader", 2, 1, 1, on_loader},
    {"uart", 3, 1, 1, on_uart},
    {"gicv2", 4, 1, 1, on_gicv2},
    {"gicv3", 4, 1, 1, on_gicv3},
    {"timer", 5, 1, 1, on_timer},
    {"ram", 6, 1, UINT_MAX, on_ram},
    {"device", 7, 0, UINT_MAX, on_device},
    {"kernel", 8, 1, 1, on_kernel},
    {"qemu", 9, 0, 1, on_qemu},
};
#define NUM_CHILD_RULES (sizeof(child_rules) / sizeof(child_rules[0]))
#define NUM_SLOTS       10

static const struct child_rule *find_child_rule(const char *name)
{
    for (size_t i = 0; i < NUM_CHILD_RULES; i++) {
        if (!strcmp(child_rules[i].name, name)) {
            return &child_rules[i];
        }
    }
    return NULL;
}

/* One child of <board>: known, in order, not too many. */
static void read_child(struct reader *r, xmlNode *c, unsigned *counts, unsigned *last_slot)
{
    const struct child_rule *rule = find_child_rule((const char *)c->name);
    if (!rule) {
        error_at(r, c, "board-element", "see boards/README.md for the elements of a board file",
                 "unknown element '%s' in 'board'", (const char *)c->name);
        return;
    }
    if (rule->slot < *last_slot) {
        error_at(r, c, "board-element", "see boards/README.md for the order of the elements",
                 "element '%s' is out of order", rule->name);
        return;
    }
    *last_slot = rule->slot;
    if (counts[rule->slot]++ >= rule->max) {
        error_at(r, c, "board-element", NULL, "element '%s' may appear only once here", rule->name);
        return;
    }
    if (strcmp(rule->name, "description") && strcmp(rule->name, "kernel") &&
        !only_whitespace_children(r, c, false)) {
        return;
    }
    rule->read(r, c);
}

static void read_board(struct reader *r, xmlNode *root)
{
    static const char *const attrs[] = {"name", NULL};
    unsigned counts[NUM_SLOTS] = {0};
    unsigned last_slot = 0;
    check_attrs(r, root, attrs);
    r->b->name = get_attr(root, "name");
    for (xmlNode *c = root->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE) {
            read_child(r, c, counts, &last_slot);
        } else if (c->type == XML_TEXT_NODE && !xmlIsBlankNode(c)) {
            error_at(r, root, "board-element", NULL, "unexpected text in element 'board'");
        }
    }
    for (size_t i = 0; i < NUM_CHILD_RULES; i++) {
        const struct child_rule *rule = &child_rules[i];
        if (counts[rule->slot] < rule->min) {
            error_at(r, root, "board-element", NULL, "missing element '%s%s' in 'board'",
                     rule->name, rule->slot == 4 ? "' or 'gicv3" : "");
            counts[rule->slot] = rule->min; /* report gicv2/gicv3 once */
        }
    }
}

/* ---- whole-board checks ---------------------------------------------------- */

static bool range_inside(const struct mem_range *r, uint64_t base, uint64_t size)
{
    uint64_t end = base + size;
    if (end < base) {
        return false;
    }
    return base >= r->base && end <= r->base + r->size && (size > 0 || base < r->base + r->size);
}

/* Ranges of one kind ascend and do not overlap, and fit the physical address space. */
static void check_ranges(struct reader *r, xmlNode *root, const char *what,
                         const struct mem_range *v, size_t n)
{
    uint64_t top = r->b->pa_bits ? 1ull << r->b->pa_bits : UINT64_MAX;
    for (size_t i = 0; i < n; i++) {
        if (v[i].size && v[i].base + v[i].size > top) {
            error_at(r, root, "board-range", NULL,
                     "%s range [0x%llx..0x%llx) lies beyond the %u-bit physical address space",
                     what, (unsigned long long)v[i].base,
                     (unsigned long long)(v[i].base + v[i].size), r->b->pa_bits);
        }
        if (i > 0 && v[i].base < v[i - 1].base + v[i - 1].size) {
            error_at(r, root, "board-range", "list ranges in ascending order, without overlap",
                     "%s range at 0x%llx overlaps or precedes the one before it", what,
                     (unsigned long long)v[i].base);
        }
    }
}

static void check_ram_device_overlap(struct reader *r, xmlNode *root)
{
    const struct board *b = r->b;
    for (size_t i = 0; i < b->ram.count; i++) {
        const struct mem_range *m = &b->ram.items[i];
        for (size_t j = 0; j < b->devices.count; j++) {
            const struct mem_range *dv = &b->devices.items[j];
            if (m->base < dv->base + dv->size && dv->base < m->base + m->size) {
                error_at(r, root, "board-range", NULL,
                         "RAM range at 0x%llx overlaps device range at 0x%llx",
                         (unsigned long long)m->base, (unsigned long long)dv->base);
            }
        }
    }
}

static void check_option_matches(struct reader *r, xmlNode *root, const char *key, const char *want)
{
    for (size_t i = 0; want && i < r->b->kernel_options.count; i++) {
        const struct kernel_option *o = &r->b->kernel_options.items[i];
        if (!strcmp(o->key, key) && strcmp(o->value, want) != 0) {
            error_at(r, root, "board-option", NULL,
                     "kernel option '%s' is '%s' but the board says '%s'", key, o->value, want);
        }
    }
}

static void check_board(struct reader *r, xmlNode *root, const char *want_name)
{
    struct board *b = r->b;
    if (want_name && b->name && strcmp(want_name, b->name) != 0) {
        error_at(r, root, "board-name", "the name attribute must match the file name",
                 "board file for '%s' names board '%s'", want_name, b->name);
    }
    if (b->name && !valid_board_name(b->name)) {
        error_at(r, root, "board-name", "use lower-case letters, digits and '_'",
                 "board name '%s' is not a valid file name", b->name);
    }
    check_ranges(r, root, "RAM", b->ram.items, b->ram.count);
    check_ranges(r, root, "device", b->devices.items, b->devices.count);
    check_ram_device_overlap(r, root);
    if (b->ram.count && (!is_aligned(b->loader_link_address, BOARD_PAGE) ||
                         !board_is_ram(b, b->loader_link_address, BOARD_PAGE))) {
        error_at(r, root, "board-loader", "the loader runs from RAM, on a page boundary",
                 "loader link address 0x%llx is not a page-aligned RAM address",
                 (unsigned long long)b->loader_link_address);
    }
    if (b->devices.count && !board_is_device(b, b->uart_base, BOARD_PAGE)) {
        error_at(r, root, "board-uart", NULL, "UART base 0x%llx is not in a device range",
                 (unsigned long long)b->uart_base);
    }
    check_option_matches(r, root, "PLAT", b->kernel_platform);
}

/* ---- parsing a file -------------------------------------------------------- */

struct xml_errors {
    struct diag *d;
    const char *file;
};

#if LIBXML_VERSION >= 21200
static void on_xml_error(void *ctx, const xmlError *e)
#else
static void on_xml_error(void *ctx, xmlErrorPtr e)
#endif
{
    struct xml_errors *xe = ctx;
    if (e->level < XML_ERR_ERROR) {
        return;
    }
    struct srcpos pos = {xe->file, e->line, e->int2};
    char *msg = xstrdup(e->message ? e->message : "unknown XML error");
    size_t len = strlen(msg);
    while (len && (msg[len - 1] == '\n' || msg[len - 1] == ' ')) {
        msg[--len] = '\0';
    }
    if (msg[0] >= 'A' && msg[0] <= 'Z') {
        msg[0] = (char)(msg[0] - 'A' + 'a');
    }
    diag_error(xe->d, &pos, "board-xml", NULL, "%s", msg);
    free(msg);
}

/* Line and column of `at` in `buf` (1:1 when NULL). */
static struct srcpos text_pos(const char *file, const char *buf, const char *at)
{
    struct srcpos pos = {file, 1, 1};
    for (const char *p = buf; at && p < at; p++) {
        pos.col++;
        if (*p == '\n') {
            pos.line++;
            pos.col = 1;
        }
    }
    return pos;
}

/* Parse without network, entity expansion or DTD loading. `buf` ends in NUL. */
static xmlDoc *parse_xml(const char *file, const char *buf, size_t len, struct diag *d)
{
    struct xml_errors xe = {d, file};
    xmlSetStructuredErrorFunc(&xe, on_xml_error);
    xmlDoc *doc = xmlReadMemory(buf, (int)len, file, NULL, XML_PARSE_NONET);
    xmlSetStructuredErrorFunc(NULL, NULL);
    if (!doc) {
        if (!diag_errors(d)) {
            struct srcpos pos = {file, 1, 1};
            diag_error(d, &pos, "board-xml", NULL, "not a well-formed XML document");
        }
        return NULL;
    }
    if (doc->intSubset || doc->extSubset) {
        struct srcpos pos = text_pos(file, buf, strstr(buf, "<!DOCTYPE"));
        diag_error(d, &pos, "board-xml", "remove the <!DOCTYPE ...> declaration",
                   "a board file must not have a document type declaration");
        xmlFreeDoc(doc);
        return NULL;
    }
    return doc;
}

static void read_document(struct reader *r, xmlDoc *doc, const char *buf, size_t len,
                          const char *want_name)
{
    xmlNode *root = xmlDocGetRootElement(doc);
    r->loc.count = count_elements(root);
    r->loc.pos = xcalloc(r->loc.count, sizeof(*r->loc.pos));
    locate(&r->loc, buf, len);
    size_t i = 0;
    attach_positions(&r->loc, root, &i);
    if (!root || strcmp((const char *)root->name, "board") != 0) {
        struct srcpos pos = root ? node_pos(&r->loc, root) : (struct srcpos){r->loc.file, 1, 1};
        diag_error(r->d, &pos, "board-element", NULL, "the top element must be 'board', not '%s'",
                   root ? (const char *)root->name : "");
        return;
    }
    unsigned before = diag_errors(r->d);
    read_board(r, root);
    if (diag_errors(r->d) == before) {
        check_board(r, root, want_name);
    }
}

/*
 * Board file paths live as long as the process: diagnostics keep pointing at
 * them after a failed load has freed everything else.
 */
static const char *intern_path(const char *path)
{
    static VEC(char *) paths;
    for (size_t i = 0; i < paths.count; i++) {
        if (!strcmp(paths.items[i], path)) {
            return paths.items[i];
        }
    }
    char **slot = VEC_PUSH(paths);
    *slot = xstrdup(path);
    return *slot;
}

int board_load_file(const char *path, const char *name, struct board *b, struct diag *d)
{
    memset(b, 0, sizeof(*b));
    b->file = intern_path(path);
    size_t len = 0;
    char *buf = read_file(path, &len);
    if (!buf) {
        diag_error(d, NULL, "board-io", NULL, "cannot read board file '%s': %s", path,
                   strerror(errno));
        return -1;
    }
    unsigned before = diag_errors(d);
    xmlDoc *doc = parse_xml(b->file, buf, len, d);
    struct reader r = {{b->file, NULL, 0}, d, b};
    if (doc) {
        read_document(&r, doc, buf, len, name);
        xmlFreeDoc(doc);
    }
    free(r.loc.pos);
    free(buf);
    if (diag_errors(d) != before) {
        const char *file = b->file;
        board_free(b);
        b->file = file;
        return -1;
    }
    return 0;
}

/* ---- finding boards -------------------------------------------------------- */

/* The folder of the running microkit binary, or NULL. */
static char *exe_dir(void)
{
    char path[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 1);
    if (n <= 0) {
        return NULL;
    }
    path[n] = '\0';
    char *slash = strrchr(path, '/');
    if (!slash) {
        return NULL;
    }
    *slash = '\0';
    return xstrdup(path);
}

/* The SDK-layout roots to search: $MICROKIT_SDK, then <exe dir>/.. (NULL when absent). */
static void sdk_roots(char *roots[2])
{
    const char *env = getenv("MICROKIT_SDK");
    roots[0] = env && *env ? xstrdup(env) : NULL;
    char *dir = exe_dir();
    roots[1] = dir ? xasprintf("%s/..", dir) : NULL;
    free(dir);
}

static bool file_exists(const char *path)
{
    return access(path, R_OK) == 0;
}

char *board_find(const char *name, const char *boards_dir)
{
    if (!valid_board_name(name)) {
        return NULL;
    }
    if (boards_dir) {
        char *p = xasprintf("%s/%s.xml", boards_dir, name);
        if (file_exists(p)) {
            return p;
        }
        free(p);
        return NULL;
    }
    char *roots[2];
    char *found = NULL;
    sdk_roots(roots);
    for (int i = 0; i < 2; i++) {
        if (roots[i] && !found) {
            char *p = xasprintf("%s/board/%s/board.xml", roots[i], name);
            found = file_exists(p) ? p : (free(p), NULL);
        }
        free(roots[i]);
    }
#ifdef MICROKIT_SOURCE_DIR
    if (!found) {
        char *p = xasprintf("%s/boards/%s.xml", MICROKIT_SOURCE_DIR, name);
        found = file_exists(p) ? p : (free(p), NULL);
    }
#endif
    return found;
}

static char *join_names(char **names)
{
    char *s = xstrdup("");
    for (size_t i = 0; names && names[i]; i++) {
        char *t = xasprintf("%s%s'%s'", s, i ? ", " : "", names[i]);
        free(s);
        s = t;
    }
    return s;
}

int board_load(const char *name, const char *boards_dir, struct board *b, struct diag *d)
{
    memset(b, 0, sizeof(*b));
    char *path = board_find(name, boards_dir);
    if (!path) {
        char **names = board_names(boards_dir);
        char *list = join_names(names);
        char *hint = names && names[0] ? xasprintf("known boards: %s", list)
                                       : xstrdup("no board files found; set MICROKIT_SDK or "
                                                 "give --boards-dir");
        diag_error(d, NULL, "board-not-found", hint, "unknown board '%s'", name ? name : "");
        free(hint);
        free(list);
        board_names_free(names);
        return -1;
    }
    int rc = board_load_file(path, name, b, d);
    free(path);
    return rc;
}

void board_free(struct board *b)
{
    free(b->name);
    free(b->description);
    free(b->kernel_platform);
    free(b->cpu);
    free(b->ram.items);
    free(b->devices.items);
    for (size_t i = 0; i < b->kernel_options.count; i++) {
        free(b->kernel_options.items[i].key);
        free(b->kernel_options.items[i].value);
    }
    free(b->kernel_options.items);
    free(b->qemu_args);
    memset(b, 0, sizeof(*b));
}

/* ---- listing boards -------------------------------------------------------- */

struct name_list {
    VEC(char *) v;
};

static void add_name(struct name_list *l, const char *name)
{
    if (!valid_board_name(name)) {
        return;
    }
    for (size_t i = 0; i < l->v.count; i++) {
        if (!strcmp(l->v.items[i], name)) {
            return;
        }
    }
    *VEC_PUSH(l->v) = xstrdup(name);
}

/* Entries of `dir`: "<name>.xml" files when `flat`, else "<name>/board.xml" folders. */
static void scan_dir(struct name_list *l, const char *dir, bool flat)
{
    DIR *dp = opendir(dir);
    if (!dp) {
        return;
    }
    for (struct dirent *e; (e = readdir(dp)) != NULL;) {
        size_t n = strlen(e->d_name);
        if (flat && n > 4 && !strcmp(e->d_name + n - 4, ".xml")) {
            char *name = xasprintf("%.*s", (int)(n - 4), e->d_name);
            add_name(l, name);
            free(name);
        } else if (!flat && e->d_name[0] != '.') {
            char *p = xasprintf("%s/%s/board.xml", dir, e->d_name);
            if (file_exists(p)) {
                add_name(l, e->d_name);
            }
            free(p);
        }
    }
    closedir(dp);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char **board_names(const char *boards_dir)
{
    struct name_list l = {{0}};
    if (boards_dir) {
        scan_dir(&l, boards_dir, true);
    } else {
        char *roots[2];
        sdk_roots(roots);
        for (int i = 0; i < 2; i++) {
            if (roots[i]) {
                char *dir = xasprintf("%s/board", roots[i]);
                scan_dir(&l, dir, false);
                free(dir);
            }
            free(roots[i]);
        }
#ifdef MICROKIT_SOURCE_DIR
        scan_dir(&l, MICROKIT_SOURCE_DIR "/boards", true);
#endif
    }
    if (l.v.count > 1) {
        qsort(l.v.items, l.v.count, sizeof(char *), cmp_names);
    }
    *VEC_PUSH(l.v) = NULL;
    return l.v.items;
}

void board_names_free(char **names)
{
    for (size_t i = 0; names && names[i]; i++) {
        free(names[i]);
    }
    free(names);
}

/* ---- queries --------------------------------------------------------------- */

int board_is_ram(const struct board *b, uint64_t base, uint64_t size)
{
    for (size_t i = 0; i < b->ram.count; i++) {
        if (range_inside(&b->ram.items[i], base, size)) {
            return 1;
        }
    }
    return 0;
}

int board_is_device(const struct board *b, uint64_t base, uint64_t size)
{
    for (size_t i = 0; i < b->devices.count; i++) {
        if (range_inside(&b->devices.items[i], base, size)) {
            return 1;
        }
    }
    return 0;
}

const char *board_uart_kind_name(enum uart_kind kind)
{
    for (size_t i = 0; i < NUM_UART_KINDS; i++) {
        if (uart_kinds[i].kind == kind) {
            return uart_kinds[i].name;
        }
    }
    return "unknown";
}
