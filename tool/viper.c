/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The viper stage: each PD's view of the system, from the boot spec alone
 * (viper.h has the format). The CSpace comes from the caps and IRQ handlers
 * placed in the PD's CNode. The channel view comes from badges, which say
 * what the SDF said: a notification cap to this PD's notification carries
 * the bit of the channel id it arrives on, an endpoint cap to its endpoint
 * with the protected-call bit the id it is called on, a child's fault badge
 * its id. The memory view comes from the frames of memory regions ("mr
 * 'NAME'") mapped into the PD's VSpace.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "sdk/bootspec_read.h"
#include "sdk/limits.h"
#include "util.h"
#include "viper.h"

#define BIT(n) (1ull << (n))

typedef VEC(uint64_t) idset;

/* The CSpace sets, in the order they are written. */
enum cap_set { C_ANY, C_EP, C_NTFN, C_REPLY, C_PT, C_IRQ, C_TCB, C_VCPU, C_IOPORT, C_SMC, C_N };

static const char *const cap_set_names[C_N] = {
    "pansel4_has_cap",         "pansel4_has_endpoint_cap",   "pansel4_has_notification_cap",
    "pansel4_has_reply_cap",   "pansel4_has_page_table_cap", "pansel4_has_irq_handler_cap",
    "pansel4_has_tcb_cap",     "pansel4_has_vcpu_cap",       "pansel4_has_ioport_cap",
    "pansel4_has_arm_smc_cap",
};

/* The channel sets, in the order they are written. */
enum sdf_set { S_PROTECTED, S_PPCALL, S_NOTIFIED, S_NOTIFY, S_IRQ, S_CHILD, S_N };

static const char *const sdf_set_names[S_N] = {
    "mk_is_protected_source", "mk_is_ppcall_target", "mk_is_notified_source",
    "mk_is_notify_target",    "mk_is_irq_channel",   "mk_is_child",
};

/* One map of a memory region: [start, end). */
struct mem_range {
    uint64_t start, end;
    const char *mr; /* points into the spec's strings, after "mr '" */
    size_t mr_len;
    int writable;
};

struct pd_view {
    idset caps[C_N];
    idset sdf[S_N];
    VEC(struct mem_range) mem;
};

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* `define NAME(x) (...)` and its f_ form; the set sorted, without repeats. */
static void write_set(FILE *f, const char *name, idset *s)
{
    if (s->count) { /* an empty set's items is NULL, which qsort must not see */
        xsort(s->items, s->count, sizeof(*s->items), cmp_u64);
    }
    if (!s->count) {
        fprintf(f, "define %s(x) (false)\n", name);
    } else {
        fprintf(f, "define %s(x) (x in Set(", name);
        for (size_t i = 0; i < s->count; i++) {
            if (i == 0 || s->items[i] != s->items[i - 1]) {
                fprintf(f, "%s%llu", i ? "," : "", (unsigned long long)s->items[i]);
            }
        }
        fprintf(f, "))\n");
    }
    fprintf(f, "define f_%s(heap,gv,x) (%s(x))\n", name, name);
}

static void set_add(idset *s, uint64_t x)
{
    *VEC_PUSH(*s) = x;
}

/* Every set bit of `badge` (notification badges: one bit per channel id). */
static void add_bits(idset *s, uint64_t badge)
{
    for (unsigned b = 0; b < 64; b++) {
        if (badge & BIT(b)) {
            set_add(s, b);
        }
    }
}

/* The CSpace set of a cap, besides C_ANY; C_N for none. */
static enum cap_set cap_kind(const struct bs_spec *s, const struct bs_cap *c)
{
    if (c->kind == BS_CAP_SMC) {
        return C_SMC;
    }
    switch (s->objects[c->obj].type) {
    case BS_OBJ_ENDPOINT:
        return C_EP;
    case BS_OBJ_NOTIFICATION:
        return C_NTFN;
    case BS_OBJ_REPLY:
        return C_REPLY;
    case BS_OBJ_VSPACE:
    case BS_OBJ_PAGE_TABLE:
        return C_PT;
    case BS_OBJ_TCB:
        return C_TCB;
    case BS_OBJ_VCPU:
        return C_VCPU;
    default:
        return C_N; /* scheduling context, CNode, frame */
    }
}

/*
 * The PD's Microkit CNode: its CSpace root, or, for a PD with a <cspace>,
 * the CNode in slot 0 of the root (sdk/limits.h). The caps of the root's
 * other slots are left out, as Microkit 2.3's files leave them out.
 */
static uint32_t pd_cnode(const struct bs_spec *s, const struct bs_pd *pd)
{
    for (uint32_t i = 0; i < s->hdr->num_caps; i++) {
        const struct bs_cap *c = &s->caps[i];
        if (c->cnode == pd->cnode && c->slot == SDK_CAP_ROOT_PD_CNODE && c->kind == BS_CAP_OBJECT &&
            s->objects[c->obj].type == BS_OBJ_CNODE) {
            return c->obj;
        }
    }
    return pd->cnode;
}

/* The PD's endpoint (its input cap when that is one), or BS_NONE. */
static uint32_t pd_endpoint(const struct bs_spec *s, const struct bs_pd *pd)
{
    uint32_t cnode = pd_cnode(s, pd);
    for (uint32_t i = 0; i < s->hdr->num_caps; i++) {
        const struct bs_cap *c = &s->caps[i];
        if (c->cnode == cnode && c->slot == SDK_CAP_INPUT && c->kind == BS_CAP_OBJECT &&
            s->objects[c->obj].type == BS_OBJ_ENDPOINT) {
            return c->obj;
        }
    }
    return BS_NONE;
}

/* A cap in the PD's own CNode: its slot, its kind, and the channel it serves. */
static void own_cap(struct pd_view *v, const struct bs_cap *c, enum cap_set k)
{
    set_add(&v->caps[C_ANY], c->slot);
    if (k != C_N) {
        set_add(&v->caps[k], c->slot);
    }
    if (k == C_NTFN && c->slot >= SDK_CAP_BASE_NOTIFICATION && c->slot < SDK_CAP_BASE_ENDPOINT) {
        set_add(&v->sdf[S_NOTIFY], c->slot - SDK_CAP_BASE_NOTIFICATION);
    }
    if (k == C_EP && c->slot >= SDK_CAP_BASE_ENDPOINT && c->slot < SDK_CAP_BASE_IRQ) {
        set_add(&v->sdf[S_PPCALL], c->slot - SDK_CAP_BASE_ENDPOINT);
    }
}

/* Caps anywhere that reach this PD: who notifies it, who calls it. */
static void view_caps(const struct bs_spec *s, uint32_t p, struct pd_view *v)
{
    const struct bs_pd *pd = &s->pds[p];
    uint32_t ep = pd_endpoint(s, pd), cnode = pd_cnode(s, pd);
    for (uint32_t i = 0; i < s->hdr->num_caps; i++) {
        const struct bs_cap *c = &s->caps[i];
        enum cap_set k = cap_kind(s, c);
        if (c->cnode == cnode) {
            own_cap(v, c, k);
        }
        if (k == C_NTFN && c->obj == pd->notification) {
            add_bits(&v->sdf[S_NOTIFIED], c->badge);
        }
        if (k == C_EP && ep != BS_NONE && c->obj == ep && (c->badge & BIT(SDK_BADGE_PPC_BIT))) {
            set_add(&v->sdf[S_PROTECTED], c->badge & ~BIT(SDK_BADGE_PPC_BIT));
        }
    }
}

/* IRQ handlers in the PD's CNode, IRQs signalling its notification, its children. */
static void view_irqs_children(const struct bs_spec *s, uint32_t p, struct pd_view *v)
{
    const struct bs_pd *pd = &s->pds[p];
    uint32_t cnode = pd_cnode(s, pd);
    for (uint32_t i = 0; i < s->hdr->num_irqs; i++) {
        const struct bs_irq *q = &s->irqs[i];
        if (q->cnode == cnode) {
            set_add(&v->caps[C_ANY], q->slot);
            set_add(&v->caps[C_IRQ], q->slot);
            add_bits(&v->sdf[S_IRQ], q->badge);
        }
        if (q->notification == pd->notification) {
            add_bits(&v->sdf[S_NOTIFIED], q->badge);
        }
    }
    for (uint32_t i = 0; i < s->hdr->num_pds; i++) {
        const struct bs_pd *c = &s->pds[i];
        if (c->parent == p && !(c->flags & BS_PD_VCPU)) {
            set_add(&v->sdf[S_CHILD], c->fault_badge & ~BIT(SDK_BADGE_FAULT_BIT));
        }
    }
}

static int cmp_range(const void *a, const void *b)
{
    const struct mem_range *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* Frames of memory regions in the PD's VSpace, merged into one range per map. */
static void view_mem(const struct bs_spec *s, uint32_t p, struct pd_view *v)
{
    for (uint32_t i = 0; i < s->hdr->num_maps; i++) {
        const struct bs_map *m = &s->maps[i];
        const char *name = bs_object_name(s, m->obj);
        const char *end = strrchr(name, '\'');
        if (m->vspace != s->pds[p].vspace || m->kind != BS_MAP_FRAME || strncmp(name, "mr '", 4) ||
            end < name + 4) {
            continue;
        }
        struct mem_range *r = VEC_PUSH(v->mem);
        *r = (struct mem_range){m->vaddr, m->vaddr + BIT(s->objects[m->obj].size_bits), name + 4,
                                (size_t)(end - name - 4), (m->rights & BS_RIGHT_WRITE) != 0};
    }
    if (v->mem.count == 0) {
        return; /* items is NULL, which qsort must not see */
    }
    xsort(v->mem.items, v->mem.count, sizeof(*v->mem.items), cmp_range);
    size_t n = 0;
    for (size_t i = 0; i < v->mem.count; i++) {
        struct mem_range *r = &v->mem.items[i], *last = n ? &v->mem.items[n - 1] : NULL;
        if (last && last->end == r->start && last->writable == r->writable &&
            last->mr_len == r->mr_len && !memcmp(last->mr, r->mr, r->mr_len)) {
            last->end = r->end;
        } else {
            v->mem.items[n++] = *r;
        }
    }
    v->mem.count = n;
}

/*
 * The name of range `i` in Viper: mem_<region>_contains, the region's name
 * with characters other than letters, digits and '_' as '_'; a region the
 * PD maps more than once gets _2, _3, ... on its later maps.
 */
static void write_range_name(FILE *f, const struct pd_view *v, size_t i)
{
    const struct mem_range *r = &v->mem.items[i];
    unsigned seen = 1;
    for (size_t j = 0; j < i; j++) {
        const struct mem_range *o = &v->mem.items[j];
        seen += o->mr_len == r->mr_len && !memcmp(o->mr, r->mr, r->mr_len);
    }
    fputs("mem_", f);
    for (size_t k = 0; k < r->mr_len; k++) {
        char c = r->mr[k];
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        fputc(ok || c == '_' ? c : '_', f);
    }
    if (seen > 1) {
        fprintf(f, "_%u", seen);
    }
    fputs("_contains", f);
}

/* mem_readable (every map) or mem_writeable (writable maps). */
static void write_mem_set(FILE *f, const struct pd_view *v, const char *perm, int writable_only)
{
    fprintf(f, "define mem_%s(x) (", perm);
    int any = 0;
    for (size_t i = 0; i < v->mem.count; i++) {
        if (!writable_only || v->mem.items[i].writable) {
            fputs(any ? " || " : "", f);
            write_range_name(f, v, i);
            fputs("(x)", f);
            any = 1;
        }
    }
    fprintf(f, "%s)\ndefine f_mem_%s(heap,gv,x) (mem_%s(x))\n", any ? "" : "false", perm, perm);
}

static void write_view(FILE *f, struct pd_view *v)
{
    for (int i = 0; i < S_N; i++) {
        write_set(f, sdf_set_names[i], &v->sdf[i]);
    }
    for (int i = 0; i < C_N; i++) {
        write_set(f, cap_set_names[i], &v->caps[i]);
    }
    for (size_t i = 0; i < v->mem.count; i++) {
        fputs("define ", f);
        write_range_name(f, v, i);
        fprintf(f, "(x) (%llu <= x && x < %llu)\n", (unsigned long long)v->mem.items[i].start,
                (unsigned long long)v->mem.items[i].end);
    }
    write_mem_set(f, v, "readable", 0);
    write_mem_set(f, v, "writeable", 1);
}

static void view_free(struct pd_view *v)
{
    for (int i = 0; i < C_N; i++) {
        free(v->caps[i].items);
    }
    for (int i = 0; i < S_N; i++) {
        free(v->sdf[i].items);
    }
    free(v->mem.items);
}

/* The file of PD `p`. */
static char *pd_text(const struct bs_spec *s, uint32_t p, const char *sdf_path)
{
    struct pd_view v;
    memset(&v, 0, sizeof(v));
    view_caps(s, p, &v);
    view_irqs_children(s, p, &v);
    view_mem(s, p, &v);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f) {
        abort();
    }
    fprintf(f, "// exported invariants for PD %s in %s\n", bs_str(s, s->pds[p].name), sdf_path);
    write_view(f, &v);
    fclose(f);
    view_free(&v);
    return text;
}

static int file_name_ok(const char *name)
{
    return name[0] && !strchr(name, '/') && strcmp(name, ".") && strcmp(name, "..");
}

int viper_build(const void *blob, size_t size, const char *sdf_path, struct viper_set *out,
                struct diag *d)
{
    struct bs_spec s;
    const char *why = NULL;
    memset(out, 0, sizeof(*out));
    if (bs_open(&s, blob, size, &why)) {
        diag_error(d, NULL, "internal", NULL, "the boot spec is refused: %s", why);
        return -1;
    }
    int rc = 0;
    for (uint32_t p = 0; p < s.hdr->num_pds; p++) {
        const char *name = bs_str(&s, s.pds[p].name);
        if ((s.pds[p].flags & BS_PD_VCPU) || s.pds[p].cnode == BS_NONE) {
            continue;
        }
        if (!file_name_ok(name)) {
            diag_error(d, NULL, "io", "rename the protection domain",
                       "cannot write the viper file of protection domain '%s': its name is not a "
                       "file name",
                       name);
            rc = -1;
            continue;
        }
        struct viper_file *f = VEC_PUSH(out->files);
        f->name = xstrdup(name);
        f->text = pd_text(&s, p, sdf_path);
    }
    if (rc) {
        viper_free(out);
    }
    return rc;
}

char *viper_path(const char *dir, const struct viper_file *f)
{
    size_t n = strlen(dir);
    return xasprintf("%s%s%s.vpr", dir, n && dir[n - 1] == '/' ? "" : "/", f->name);
}

void viper_free(struct viper_set *v)
{
    for (size_t i = 0; i < v->files.count; i++) {
        free(v->files.items[i].name);
        free(v->files.items[i].text);
    }
    free(v->files.items);
    memset(v, 0, sizeof(*v));
}
