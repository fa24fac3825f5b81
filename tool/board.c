/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The board stage: find boards/<name>.xml and read it into a struct board.
 * The reader accepts what schema/board.xsd accepts (same elements, same order,
 * same attributes, same lexical forms) and then makes the checks a schema
 * cannot: ranges sorted and disjoint, the UART in device memory, the loader
 * in RAM, the name matching the one asked for. Reading, positions, the
 * attribute whitelist and numbers are the XML layer's (xml.c, num.c); every
 * problem is a board-* rule of rules.def.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "board.h"
#include "checks.h"
#include "elfload.h"
#include "num.h"
#include "util.h"
#include "xml.h"

#define BOARD_PAGE 0x1000ull

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

/* ---- reporting and attributes ---------------------------------------------- */

struct reader {
    const struct xml_doc *x;
    struct diag *d;
    struct board *b;
};

/* Report `rule`, whose table message is "%s", at element `n`: the text is formatted here. */
static void report(struct reader *r, const xmlNode *n, enum rule_id rule, const char *hint,
                   const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void report(struct reader *r, const xmlNode *n, enum rule_id rule, const char *hint,
                   const char *fmt, ...)
{
    struct srcpos pos = xml_pos(r->x, n);
    va_list ap;
    va_start(ap, fmt);
    char *text = xvasprintf(fmt, ap);
    va_end(ap);
    rule_report(r->d, rule, &pos, hint, text);
    free(text);
}

/* Attributes a board file may leave out (added after the format was first published). */
static const char *const optional_attrs[] = {"max_irq", "pd_irq", "arch", "spin_table", NULL};

static bool is_optional(const char *attr)
{
    for (size_t i = 0; optional_attrs[i]; i++) {
        if (!strcmp(optional_attrs[i], attr)) {
            return true;
        }
    }
    return false;
}

/*
 * Start reading element `n`. Every attribute of a board element is required
 * but those of optional_attrs: reports each one not in `attrs` and each
 * required one of `attrs` missing. Returns true when there was nothing to
 * report.
 */
static bool open_elem(struct reader *r, xmlNode *n, const char *const *attrs, struct xml_elem *e)
{
    xml_elem_open(r->x, n, attrs, e);
    for (size_t i = 0; i < e->unknown.count; i++) {
        char *hint = xml_name_hint(e->unknown.items[i], attrs, "attributes", e->name);
        rule_report(r->d, R_BOARD_ATTRIBUTE, &e->pos, hint, "unknown", e->unknown.items[i],
                    e->name);
        free(hint);
    }
    /* The values are escaped already: the message shows them safely. */
    for (size_t i = 0; i < e->control.count; i++) {
        const char *key = e->control.items[i];
        rule_report(r->d, R_XML_CONTROL_CHARACTER, &e->pos, NULL, xml_elem_get(e, key), key,
                    e->name);
    }
    bool ok = e->unknown.count == 0 && e->control.count == 0;
    for (size_t i = 0; attrs[i]; i++) {
        if (!xml_elem_get(e, attrs[i]) && !is_optional(attrs[i])) {
            rule_report(r->d, R_BOARD_ATTRIBUTE, &e->pos, NULL, "missing", attrs[i], e->name);
            ok = false;
        }
    }
    return ok;
}

static char *attr_copy(const struct xml_elem *e, const char *key)
{
    const char *v = xml_elem_get(e, key);
    return v ? xstrdup(v) : NULL;
}

/* A number as board.xsd spells it; false when absent or invalid (reported). */
static bool attr_number(struct reader *r, const struct xml_elem *e, const char *key, uint64_t *out)
{
    const char *s = xml_elem_get(e, key);
    bool ok = s && num_parse_u64_strict(s, out) == NUM_OK;
    if (s && !ok) {
        rule_report(r->d, R_BOARD_NUMBER, &e->pos, NULL, s, key, e->name);
    }
    return ok;
}

/* ---- children -------------------------------------------------------------- */

static void unexpected_element(struct reader *r, xmlNode *c, const char *parent,
                               const char *const *allowed)
{
    const char *name = (const char *)c->name;
    char *hint = xml_name_hint(name, allowed, "child elements", parent);
    report(r, c, R_BOARD_ELEMENT, hint, "unexpected element '%s' in '%s'", name, parent);
    free(hint);
}

/* Child `c` of `n` when it is text that is not blank: reported, true. */
static bool unexpected_text(struct reader *r, xmlNode *n, xmlNode *c)
{
    const char *text = xml_node_text(c);
    if (!text || !*text) {
        return false;
    }
    report(r, n, R_BOARD_ELEMENT, NULL, "unexpected text in element '%s'", (const char *)n->name);
    return true;
}

/* An element that takes no children: false (reported) at the first one. */
static bool no_children(struct reader *r, xmlNode *n)
{
    static const char *const none[] = {NULL};
    for (xmlNode *c = n->children; c; c = c->next) {
        if (xml_is_element(c)) {
            unexpected_element(r, c, (const char *)n->name, none);
            return false;
        }
        if (unexpected_text(r, n, c)) {
            return false;
        }
    }
    return true;
}

/* ---- reading elements ------------------------------------------------------ */

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void on_description(struct reader *r, xmlNode *n, const struct xml_elem *e)
{
    static const char *const none[] = {NULL};
    for (xmlNode *c = n->children; c; c = c->next) {
        if (xml_is_element(c)) {
            unexpected_element(r, c, e->name, none);
        }
    }
    xmlChar *text = xmlNodeGetContent(n);
    const char *s = text ? (const char *)text : "";
    while (is_space(*s)) {
        s++;
    }
    size_t len = strlen(s);
    while (len && is_space(s[len - 1])) {
        len--;
    }
    r->b->description = xasprintf("%.*s", (int)len, s);
    xmlFree(text);
}

static void cpu_arch(struct reader *r, xmlNode *n, const struct xml_elem *e)
{
    const char *arch = xml_elem_get(e, "arch");
    if (!arch || !strcmp(arch, "aarch64")) {
        r->b->arch = BOARD_ARCH_AARCH64;
    } else if (!strcmp(arch, "riscv64")) {
        r->b->arch = BOARD_ARCH_RISCV64;
    } else {
        report(r, n, R_BOARD_VALUE, NULL, "unknown cpu arch '%s' (known: 'aarch64', 'riscv64')",
               arch);
    }
}

/* spin_table="A0 A1 ...": one release address per core, as many as count. */
static void cpu_spin_table(struct reader *r, xmlNode *n, const struct xml_elem *e)
{
    const char *v = xml_elem_get(e, "spin_table");
    char *list = v ? xstrdup(v) : NULL, *save = NULL;
    for (char *w = list ? strtok_r(list, " \t\n", &save) : NULL; w;
         w = strtok_r(NULL, " \t\n", &save)) {
        uint64_t a = 0;
        if (num_parse_u64_strict(w, &a) != NUM_OK) {
            rule_report(r->d, R_BOARD_NUMBER, &e->pos, NULL, w, "spin_table", e->name);
        } else if (r->b->spin_table_count < BOARD_MAX_SPIN_TABLE) {
            r->b->spin_table[r->b->spin_table_count] = a;
        }
        r->b->spin_table_count++;
    }
    free(list);
    if (v && r->b->spin_table_count != r->b->num_cpus) {
        report(r, n, R_BOARD_VALUE, "list one release address per core, core 0's included",
               "spin_table has %u addresses for %u cores", r->b->spin_table_count, r->b->num_cpus);
    }
}

static void on_cpu(struct reader *r, xmlNode *n, const struct xml_elem *e)
{
    uint64_t pa = 0, count = 0;
    r->b->cpu = attr_copy(e, "model");
    cpu_arch(r, n, e);
    if (r->b->arch == BOARD_ARCH_RISCV64) {
        if (attr_number(r, e, "pa_bits", &pa) && pa != 39) {
            report(r, n, R_BOARD_VALUE, "seL4 runs RISC-V 64 boards with Sv39",
                   "pa_bits must be 39 on RISC-V, not %llu", (unsigned long long)pa);
        }
    } else if (attr_number(r, e, "pa_bits", &pa) && pa != 40 && pa != 44) {
        report(r, n, R_BOARD_VALUE, "AArch64 boards here have 40 or 44 physical address bits",
               "pa_bits must be 40 or 44, not %llu", (unsigned long long)pa);
    }
    if (attr_number(r, e, "count", &count) && (count == 0 || count > 256)) {
        report(r, n, R_BOARD_VALUE, NULL, "count must be between 1 and 256, not %llu",
               (unsigned long long)count);
    }
    r->b->pa_bits = (unsigned)pa;
    r->b->num_cpus = (unsigned)count;
    cpu_spin_table(r, n, e);
}

static void on_loader(struct reader *r, xmlNode *n, const struct xml_elem *e)
{
    attr_number(r, e, "link_address", &r->b->loader_link_address);
}

/* UART kinds the loader has a driver for (loader/src/uart/<name>.c). */
static const struct {
    const char *name;
    enum uart_kind kind;
} uart_kinds[] = {
    {"pl011", UART_PL011},
    {"imx", UART_IMX},
    {"meson", UART_MESON},
    {"cadence", UART_CADENCE},
    {"bcm2835_aux", UART_BCM2835_AUX},
    {"ns16550", UART_NS16550},
    {"lpuart", UART_LPUART},
    {"stm32", UART_STM32},
    {"ns16550a", UART_NS16550A},
};
#define NUM_UART_KINDS (sizeof(uart_kinds) / sizeof(uart_kinds[0]))

static void on_uart(struct reader *r, xmlNode *n, const struct xml_elem *e)
{
    const char *kind = xml_elem_get(e, "kind");
    size_t i = 0;
    while (kind && i < NUM_UART_KINDS && strcmp(uart_kinds[i].name, kind) != 0) {
        i++;
    }
    if (kind && i < NUM_UART_KINDS) {
        r->b->uart_kind = uart_kinds[i].kind;
    } else if (kind) {
        report(r, n, R_BOARD_VALUE, "a new UART kind needs a loader driver; see docs/porting.md",
               "unknown UART kind '%s' (known: 'pl011', 'imx', 'meson', 'cadence', "
               "'bcm2835_aux', 'ns16550', 'lpuart', 'stm32', 'ns16550a')",
               kind);
    }
    attr_number(r, e, "base", &r->b->uart_base);
}

/* The highest IRQ the kernel accepts (seL4's maxIRQ), when the file gives it. */
static void read_max_irq(struct reader *r, const struct xml_elem *e)
{
    r->b->has_max_irq = attr_number(r, e, "max_irq", &r->b->max_irq);
}

static void on_gicv2(struct reader *r, xmlNode *n, const struct xml_elem *e)
{
    r->b->gic_version = 2;
    attr_number(r, e, "distributor", &r->b->gicd_base);
    attr_number(r, e, "cpu_interface", &r->b->gicc_base);
    read_max_irq(r, e);
}

static void on_gicv3(struct reader *r, xmlNode *n, const struct xml_elem *e)
{
    r->b->gic_version = 3;
    attr_number(r, e, "distributor", &r->b->gicd_base);
    attr_number(r, e, "redistributor", &r->b->gicc_base);
    read_max_irq(r, e);
}

/* RISC-V: the kernel drives the PLIC itself; the board gives only its highest IRQ. */
static void on_plic(struct reader *r, xmlNode *n, const struct xml_elem *e)
{
    r->b->gic_version = 0;
    read_max_irq(r, e);
}

static void on_timer(struct reader *r, xmlNode *n, const struct xml_elem *e)
{
    if (attr_number(r, e, "frequency", &r->b->timer_frequency) && r->b->timer_frequency == 0) {
        report(r, n, R_BOARD_VALUE, NULL, "timer frequency must not be 0");
    }
    uint64_t irq = 0;
    if (attr_number(r, e, "pd_irq", &irq) && (irq < 16 || irq > 31)) {
        report(r, n, R_BOARD_VALUE, "the generic timer's interrupts are PPIs, ids 16 to 31",
               "timer pd_irq %llu is not a private peripheral interrupt", (unsigned long long)irq);
    } else {
        r->b->timer_pd_irq = irq;
    }
}

static void read_range(struct reader *r, xmlNode *n, const struct xml_elem *e,
                       struct mem_range *out)
{
    uint64_t start = 0, end = 0;
    if (!attr_number(r, e, "start", &start) || !attr_number(r, e, "end", &end)) {
        return;
    }
    if (end <= start) {
        report(r, n, R_BOARD_RANGE, NULL, "%s range [0x%llx..0x%llx) is empty", e->name,
               (unsigned long long)start, (unsigned long long)end);
    } else if (!is_aligned(start, BOARD_PAGE) || !is_aligned(end, BOARD_PAGE)) {
        report(r, n, R_BOARD_RANGE, "ranges start and end on 4 KiB page boundaries",
               "%s range [0x%llx..0x%llx) is not page aligned", e->name, (unsigned long long)start,
               (unsigned long long)end);
    }
    out->base = start;
    out->size = end > start ? end - start : 0;
}

static void on_ram(struct reader *r, xmlNode *n, const struct xml_elem *e)
{
    read_range(r, n, e, VEC_PUSH(r->b->ram));
}

static void on_device(struct reader *r, xmlNode *n, const struct xml_elem *e)
{
    read_range(r, n, e, VEC_PUSH(r->b->devices));
}

static void on_option(struct reader *r, xmlNode *n)
{
    static const char *const attrs[] = {"key", "value", NULL};
    struct xml_elem e;
    if (open_elem(r, n, attrs, &e) && no_children(r, n)) {
        const char *key = xml_elem_get(&e, "key");
        size_t i = 0;
        while (i < r->b->kernel_options.count && strcmp(r->b->kernel_options.items[i].key, key)) {
            i++;
        }
        if (i < r->b->kernel_options.count) {
            report(r, n, R_BOARD_OPTION, NULL, "kernel option '%s' is given twice", key);
        } else {
            struct kernel_option *o = VEC_PUSH(r->b->kernel_options);
            o->key = xstrdup(key);
            o->value = attr_copy(&e, "value");
        }
    }
    xml_elem_close(&e);
}

static void on_kernel(struct reader *r, xmlNode *n, const struct xml_elem *e)
{
    static const char *const kids[] = {"option", NULL};
    r->b->kernel_platform = attr_copy(e, "platform");
    for (xmlNode *c = n->children; c; c = c->next) {
        if (xml_is_element(c) && !strcmp((const char *)c->name, "option")) {
            on_option(r, c);
        } else if (xml_is_element(c)) {
            unexpected_element(r, c, e->name, kids);
        } else {
            unexpected_text(r, n, c);
        }
    }
}

static void on_qemu(struct reader *r, xmlNode *n, const struct xml_elem *e)
{
    r->b->qemu_args = attr_copy(e, "args");
}

/* The children of <board>, in the order board.xsd's sequence requires. */
struct child_rule {
    const char *name;
    unsigned slot; /* position in the sequence; gicv2 and gicv3 share one */
    unsigned min, max;
    bool has_children; /* description (text) and kernel (options) */
    const char *const *attrs;
    void (*read)(struct reader *r, xmlNode *n, const struct xml_elem *e);
};

static const char *const no_attrs[] = {NULL};
static const char *const cpu_attrs[] = {"arch", "model", "pa_bits", "count", "spin_table", NULL};
static const char *const loader_attrs[] = {"link_address", NULL};
static const char *const uart_attrs[] = {"kind", "base", NULL};
static const char *const gicv2_attrs[] = {"distributor", "cpu_interface", "max_irq", NULL};
static const char *const gicv3_attrs[] = {"distributor", "redistributor", "max_irq", NULL};
static const char *const plic_attrs[] = {"max_irq", NULL};
static const char *const timer_attrs[] = {"frequency", "pd_irq", NULL};
static const char *const range_attrs[] = {"start", "end", NULL};
static const char *const kernel_attrs[] = {"platform", NULL};
static const char *const qemu_attrs[] = {"args", NULL};

static const struct child_rule child_rules[] = {
    {"description", 0, 1, 1, true, no_attrs, on_description},
    {"cpu", 1, 1, 1, false, cpu_attrs, on_cpu},
    {"loader", 2, 1, 1, false, loader_attrs, on_loader},
    {"uart", 3, 1, 1, false, uart_attrs, on_uart},
    {"gicv2", 4, 1, 1, false, gicv2_attrs, on_gicv2},
    {"gicv3", 4, 1, 1, false, gicv3_attrs, on_gicv3},
    {"plic", 4, 1, 1, false, plic_attrs, on_plic},
    {"timer", 5, 1, 1, false, timer_attrs, on_timer},
    {"ram", 6, 1, UINT_MAX, false, range_attrs, on_ram},
    {"device", 7, 0, UINT_MAX, false, range_attrs, on_device},
    {"kernel", 8, 1, 1, true, kernel_attrs, on_kernel},
    {"qemu", 9, 0, 1, false, qemu_attrs, on_qemu},
};
#define NUM_CHILD_RULES (sizeof(child_rules) / sizeof(child_rules[0]))
#define NUM_SLOTS       10

static const char *const child_names[NUM_CHILD_RULES + 1] = {
    "description", "cpu", "loader", "uart",   "gicv2", "gicv3", "plic",
    "timer",       "ram", "device", "kernel", "qemu",  NULL,
};

static const struct child_rule *find_child_rule(const char *name)
{
    for (size_t i = 0; i < NUM_CHILD_RULES; i++) {
        if (!strcmp(child_rules[i].name, name)) {
            return &child_rules[i];
        }
    }
    return NULL;
}

static void unknown_child(struct reader *r, xmlNode *c)
{
    const char *near = closest_name((const char *)c->name, child_names);
    char *hint = near ? xasprintf("did you mean '%s'?", near)
                      : xstrdup("see boards/README.md for the elements of a board file");
    report(r, c, R_BOARD_ELEMENT, hint, "unknown element '%s' in 'board'", (const char *)c->name);
    free(hint);
}

/* Child `c` of <board> is known, in order and not one too many. */
static bool child_in_place(struct reader *r, xmlNode *c, const struct child_rule *rule,
                           unsigned *counts, unsigned *last_slot)
{
    if (rule->slot < *last_slot) {
        report(r, c, R_BOARD_ELEMENT, "see boards/README.md for the order of the elements",
               "element '%s' is out of order", rule->name);
        return false;
    }
    *last_slot = rule->slot;
    if (counts[rule->slot]++ >= rule->max) {
        report(r, c, R_BOARD_ELEMENT, NULL, "element '%s' may appear only once here", rule->name);
        return false;
    }
    return true;
}

static void read_child(struct reader *r, xmlNode *c, unsigned *counts, unsigned *last_slot)
{
    const struct child_rule *rule = find_child_rule((const char *)c->name);
    if (!rule) {
        unknown_child(r, c);
        return;
    }
    if (!child_in_place(r, c, rule, counts, last_slot) ||
        (!rule->has_children && !no_children(r, c))) {
        return;
    }
    struct xml_elem e;
    open_elem(r, c, rule->attrs, &e);
    rule->read(r, c, &e);
    xml_elem_close(&e);
}

static void read_board(struct reader *r, xmlNode *root)
{
    static const char *const attrs[] = {"name", NULL};
    unsigned counts[NUM_SLOTS] = {0};
    unsigned last_slot = 0;
    struct xml_elem e;
    open_elem(r, root, attrs, &e);
    r->b->name = attr_copy(&e, "name");
    xml_elem_close(&e);
    for (xmlNode *c = root->children; c; c = c->next) {
        if (xml_is_element(c)) {
            read_child(r, c, counts, &last_slot);
        } else {
            unexpected_text(r, root, c);
        }
    }
    for (size_t i = 0; i < NUM_CHILD_RULES; i++) {
        const struct child_rule *rule = &child_rules[i];
        if (counts[rule->slot] < rule->min) {
            report(r, root, R_BOARD_ELEMENT, NULL, "missing element '%s%s' in 'board'", rule->name,
                   rule->slot == 4 ? "', 'gicv3' or 'plic" : "");
            counts[rule->slot] = rule->min; /* report gicv2/gicv3 once */
        }
    }
}

/* ---- whole-board checks ---------------------------------------------------- */

/* Ranges of one kind ascend and do not overlap, and fit the physical address space. */
static void check_ranges(struct reader *r, xmlNode *root, const char *what,
                         const struct mem_range *v, size_t n)
{
    uint64_t top = r->b->pa_bits ? 1ull << r->b->pa_bits : UINT64_MAX;
    for (size_t i = 0; i < n; i++) {
        if (v[i].size && v[i].base + v[i].size > top) {
            report(r, root, R_BOARD_RANGE, NULL,
                   "%s range [0x%llx..0x%llx) lies beyond the %u-bit physical address space", what,
                   (unsigned long long)v[i].base, (unsigned long long)(v[i].base + v[i].size),
                   r->b->pa_bits);
        }
        if (i > 0 && v[i].base < v[i - 1].base + v[i - 1].size) {
            report(r, root, R_BOARD_RANGE, "list ranges in ascending order, without overlap",
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
                report(r, root, R_BOARD_RANGE, NULL,
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
            report(r, root, R_BOARD_OPTION, NULL,
                   "kernel option '%s' is '%s' but the board says '%s'", key, o->value, want);
        }
    }
}

static void check_name(struct reader *r, xmlNode *root, const char *want_name)
{
    const char *name = r->b->name;
    if (want_name && name && strcmp(want_name, name) != 0) {
        report(r, root, R_BOARD_NAME, "the name attribute must match the file name",
               "board file for '%s' names board '%s'", want_name, name);
    }
    if (name && !valid_board_name(name)) {
        report(r, root, R_BOARD_NAME, "use lower-case letters, digits and '_'",
               "board name '%s' is not a valid file name", name);
    }
}

static void check_board(struct reader *r, xmlNode *root, const char *want_name)
{
    struct board *b = r->b;
    struct srcpos pos = xml_pos(r->x, root);
    check_name(r, root, want_name);
    check_ranges(r, root, "RAM", b->ram.items, b->ram.count);
    check_ranges(r, root, "device", b->devices.items, b->devices.count);
    check_ram_device_overlap(r, root);
    if (b->ram.count && (!is_aligned(b->loader_link_address, BOARD_PAGE) ||
                         !board_is_ram(b, b->loader_link_address, BOARD_PAGE))) {
        rule_report(r->d, R_BOARD_LOADER, &pos, NULL, (unsigned long long)b->loader_link_address);
    }
    if (b->devices.count && !board_is_device(b, b->uart_base, BOARD_PAGE)) {
        rule_report(r->d, R_BOARD_UART, &pos, NULL, (unsigned long long)b->uart_base);
    }
    check_option_matches(r, root, "PLAT", b->kernel_platform);
}

/* ---- reading a file -------------------------------------------------------- */

static void read_document(struct reader *r, const char *want_name)
{
    xmlNode *root = xml_root(r->x);
    if (strcmp((const char *)root->name, "board") != 0) {
        report(r, root, R_BOARD_ELEMENT, NULL, "the top element must be 'board', not '%s'",
               (const char *)root->name);
        return;
    }
    unsigned before = diag_errors(r->d);
    read_board(r, root);
    if (diag_errors(r->d) == before) {
        check_board(r, root, want_name);
    }
}

/* Read and check the text of a board file; errors are reported to `d`. */
static void read_text(const char *file, const char *buf, size_t len, const char *want_name,
                      struct board *b, struct diag *d)
{
    struct xml_doc x;
    enum xml_status st = xml_read(&x, file, buf, len, R_BOARD_XML, d);
    if (st == XML_DOCTYPE) {
        struct srcpos pos = xml_doctype_pos(&x);
        rule_report(d, R_BOARD_XML, &pos, "remove the <!DOCTYPE ...> declaration",
                    "a board file must not have a document type declaration");
    } else if (st == XML_OK) {
        struct reader r = {&x, d, b};
        read_document(&r, want_name);
    }
    xml_free(&x);
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
    struct file_error e;
    char *buf = read_input(path, INPUT_BOARD, &len, &e);
    if (!buf) {
        rule_report(d, R_BOARD_IO, NULL, NULL, path, e.text);
        return -1;
    }
    unsigned before = diag_errors(d);
    read_text(b->file, buf, len, name, b, d);
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
    if (!path && name && !strcmp(name, "host")) {
        board_host(b); /* a board file named host.xml, if one is found, wins */
        return 0;
    }
    if (!path) {
        char **names = board_names(boards_dir);
        char *list = join_names(names);
        char *hint = names && names[0] ? xasprintf("known boards: %s", list)
                                       : xstrdup("no board files found; set MICROKIT_SDK or "
                                                 "give --boards-dir");
        rule_report(d, R_BOARD_NOT_FOUND, NULL, hint, name ? name : "");
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
        xsort(l.v.items, l.v.count, sizeof(char *), cmp_names);
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

static bool range_inside(const struct mem_range *r, uint64_t base, uint64_t size)
{
    uint64_t end = base + size;
    if (end < base) {
        return false;
    }
    return base >= r->base && end <= r->base + r->size && (size > 0 || base < r->base + r->size);
}

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

bool board_kernel_hyp(const struct board *b)
{
    if (b && b->arch == BOARD_ARCH_RISCV64) {
        return false;
    }
    for (size_t i = 0; b && i < b->kernel_options.count; i++) {
        const struct kernel_option *o = &b->kernel_options.items[i];
        if (!strcmp(o->key, "ARM_HYPERVISOR_SUPPORT")) {
            return strcmp(o->value, "false") != 0;
        }
    }
    return true;
}

unsigned board_elf_accept(const struct board *b)
{
    return b && b->arch == BOARD_ARCH_RISCV64 ? ELF_ACCEPT_RISCV64 : ELF_ACCEPT_AARCH64;
}

const char *board_arch_name(enum board_arch arch)
{
    return arch == BOARD_ARCH_RISCV64 ? "riscv64" : "aarch64";
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
