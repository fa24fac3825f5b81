/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The loader image (layout in image.h): read the loader ELF, check the
 * regions, lay out and checksum. Everything is written little-endian by
 * copying the structs, which needs a little-endian host.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "image.h"
#include "sdk/crc32.h"
#include "sdk/image_check.h"
#include "util.h"

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the image writer copies structs as they are: it needs a little-endian host"
#endif

_Static_assert(offsetof(struct sdk_image_header, header_crc32) == 12, "header crc offset");

/* ---- the loader ELF ---- */

static int loader_fail(struct diag *d, const char *path, const char *hint, const char *what)
{
    diag_error(d, NULL, "loader-elf", hint, "loader ELF '%s': %s", path, what);
    return -1;
}

/* The one PT_LOAD, or -1 (reported) when there is not exactly one. */
static int loader_segment(Elf *e, const char *path, GElf_Phdr *out, struct diag *d)
{
    size_t n;
    if (elf_getphdrnum(e, &n)) {
        return loader_fail(d, path, NULL, elf_errmsg(-1));
    }
    int loads = 0;
    for (size_t i = 0; i < n; i++) {
        GElf_Phdr ph;
        if (!gelf_getphdr(e, (int)i, &ph)) {
            return loader_fail(d, path, NULL, elf_errmsg(-1));
        }
        if (ph.p_type == PT_LOAD) {
            *out = ph;
            loads++;
        }
    }
    if (loads != 1) {
        diag_error(d, NULL, "loader-elf", "link the loader with its own linker script (loader.ld)",
                   "loader ELF '%s': has %d loadable segments, expected exactly one", path, loads);
        return -1;
    }
    return 0;
}

/* Value of symbol `name`, or -1 when the file has no such symbol. */
static int find_symbol(Elf *e, const char *name, uint64_t *value)
{
    Elf_Scn *scn = NULL;
    while ((scn = elf_nextscn(e, scn))) {
        GElf_Shdr sh;
        Elf_Data *data;
        if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_SYMTAB || !(data = elf_getdata(scn, 0)) ||
            !sh.sh_entsize) {
            continue;
        }
        for (size_t i = 0; i < sh.sh_size / sh.sh_entsize; i++) {
            GElf_Sym sym;
            const char *s;
            if (gelf_getsym(data, (int)i, &sym) && (s = elf_strptr(e, sh.sh_link, sym.st_name)) &&
                !strcmp(s, name)) {
                *value = sym.st_value;
                return 0;
            }
        }
    }
    return -1;
}

static int loader_machine(Elf *e, const char *path, GElf_Ehdr *eh, struct diag *d)
{
    if (!gelf_getehdr(e, eh)) {
        return loader_fail(d, path, NULL, elf_errmsg(-1));
    }
    if (gelf_getclass(e) != ELFCLASS64 ||
        (eh->e_machine != EM_AARCH64 && eh->e_machine != EM_RISCV)) {
        return loader_fail(d, path, NULL, "not a 64-bit AArch64 or RISC-V ELF file");
    }
    return 0;
}

static int loader_check(Elf *e, const char *path, const GElf_Ehdr *eh, const GElf_Phdr *ph,
                        struct diag *d)
{
    int bad = 0;
    if (ph->p_vaddr != ph->p_paddr || eh->e_entry != ph->p_vaddr) {
        bad = loader_fail(d, path, "the firmware enters the image at its first byte",
                          "entry point must be the start of its segment, with vaddr = paddr");
    }
    if (!is_aligned(ph->p_vaddr, SDK_IMAGE_HEADER_ALIGN) || ph->p_filesz > ph->p_memsz) {
        bad =
            loader_fail(d, path, NULL, "segment not 4 KiB aligned or file size above memory size");
    }
    uint64_t want = ph->p_vaddr + align_up(ph->p_memsz, SDK_IMAGE_HEADER_ALIGN);
    uint64_t sym;
    if (!find_symbol(e, "_image_header", &sym) && sym != want) {
        char *msg = xasprintf("symbol '_image_header' is 0x%llx, the header goes at 0x%llx",
                              (unsigned long long)sym, (unsigned long long)want);
        bad =
            loader_fail(d, path, "place _image_header at the first 4 KiB boundary after .bss", msg);
        free(msg);
    }
    return bad;
}

static int loader_from_elf(Elf *e, const char *path, const uint8_t *file, size_t file_size,
                           struct image_loader *l, struct diag *d)
{
    GElf_Ehdr eh;
    GElf_Phdr ph = {0};
    if (loader_machine(e, path, &eh, d) || loader_segment(e, path, &ph, d) ||
        loader_check(e, path, &eh, &ph, d)) {
        return -1;
    }
    if (ph.p_offset > file_size || ph.p_filesz > file_size - ph.p_offset) {
        return loader_fail(d, path, NULL, "segment extends past the end of the file");
    }
    l->link_address = ph.p_vaddr;
    l->file_size = ph.p_filesz;
    l->mem_size = ph.p_memsz;
    l->header_offset = align_up(ph.p_memsz, SDK_IMAGE_HEADER_ALIGN);
    l->data = xmalloc(ph.p_filesz);
    memcpy(l->data, file + ph.p_offset, ph.p_filesz);
    return 0;
}

int image_loader_read(const char *path, struct image_loader *l, struct diag *d)
{
    memset(l, 0, sizeof(*l));
    size_t size;
    struct file_error fe;
    uint8_t *file = read_input(path, INPUT_ELF, &size, &fe);
    if (!file) {
        diag_error(d, NULL, "loader-elf", NULL, "cannot read loader ELF '%s': %s", path, fe.text);
        return -1;
    }
    if (elf_version(EV_CURRENT) == EV_NONE) {
        free(file);
        return loader_fail(d, path, NULL, elf_errmsg(-1));
    }
    int rc = -1;
    Elf *e = elf_memory((char *)file, size);
    if (!e || elf_kind(e) != ELF_K_ELF) {
        loader_fail(d, path, NULL, "not an ELF file");
    } else {
        rc = loader_from_elf(e, path, file, size, l, d);
    }
    if (e) {
        elf_end(e);
    }
    free(file);
    return rc;
}

void image_loader_free(struct image_loader *l)
{
    free(l->data);
    memset(l, 0, sizeof(*l));
}

/* ---- checks ---- */

/* Each fault of the shared check under the tool's rule id (docs/checks.md). */
static const struct {
    const char *rule;
    const char *hint;
} fault_rules[] = {
    [SDK_IMAGE_BAD_MAGIC] = {.rule = "image-header", .hint = NULL},
    [SDK_IMAGE_BAD_VERSION] = {.rule = "image-header", .hint = "rebuild the image with this SDK"},
    [SDK_IMAGE_TOO_MANY] = {.rule = "image-region", .hint = NULL},
    [SDK_IMAGE_TABLE_OUTSIDE] = {.rule = "image-header", .hint = NULL},
    [SDK_IMAGE_SIZE_OUTSIDE] = {.rule = "image-truncated", .hint = "copy the whole image again"},
    [SDK_IMAGE_SIZE_WRAPS] = {.rule = "image-params", .hint = NULL},
    [SDK_IMAGE_HEADER_CRC] = {.rule = "image-crc", .hint = "the image is damaged; rebuild it"},
    [SDK_IMAGE_FLAGS] = {.rule = "image-params", .hint = NULL},
    [SDK_IMAGE_WINDOW] = {.rule = "image-params",
                          .hint = "the loader maps the kernel window in 2 MiB blocks"},
    [SDK_IMAGE_WINDOW_HYP] = {.rule = "image-params",
                              .hint = "EL2 has only one (lower) translation range"},
    [SDK_IMAGE_RESERVED] = {.rule = "image-params", .hint = NULL},
    [SDK_IMAGE_REGION_KIND] = {.rule = "image-region", .hint = NULL},
    [SDK_IMAGE_REGION_ALIGN] = {.rule = "image-region", .hint = NULL},
    [SDK_IMAGE_REGION_PAYLOAD] = {.rule = "image-region", .hint = NULL},
    [SDK_IMAGE_REGION_SIZES] = {.rule = "image-region", .hint = NULL},
    [SDK_IMAGE_REGION_WRAPS] = {.rule = "image-region", .hint = NULL},
    [SDK_IMAGE_REGION_RESERVED] = {.rule = "image-region", .hint = NULL},
    [SDK_IMAGE_REGION_OVERLAP] = {.rule = "image-overlap", .hint = NULL},
    [SDK_IMAGE_REGION_LOADER] = {.rule = "image-overlap", .hint = NULL},
    [SDK_IMAGE_REGION_CRC] = {.rule = "image-crc", .hint = "the image is damaged; rebuild it"},
};

struct check_ctx {
    const char *name;
    struct diag *d;
};

static void report_problem(void *arg, const struct sdk_image_problem *p)
{
    const struct check_ctx *c = arg;
    char msg[SDK_IMAGE_MESSAGE_MAX];
    sdk_image_message(p, msg, sizeof(msg));
    const char *rule = "image-region", *hint = NULL;
    if ((size_t)p->fault < sizeof(fault_rules) / sizeof(fault_rules[0]) &&
        fault_rules[p->fault].rule) {
        rule = fault_rules[p->fault].rule;
        hint = fault_rules[p->fault].hint;
    }
    if (c->name) {
        diag_error(c->d, NULL, rule, hint, "'%s': %s", c->name, msg);
    } else {
        diag_error(c->d, NULL, rule, hint, "%s", msg);
    }
}

unsigned image_check(const char *name, const uint8_t *img, size_t size, const struct image_view *v,
                     uint64_t link_address, struct diag *d)
{
    struct check_ctx ctx = {name, d};
    struct sdk_image_input in = {
        .header = &v->header,
        .regions = v->regions,
        .payloads = img + v->header_offset,
        .avail = size - v->header_offset,
        .has_addresses = link_address != IMAGE_NO_ADDRESS,
        .image_addr = link_address,
        .header_addr = link_address + v->header_offset,
        .report = report_problem,
        .ctx = &ctx,
    };
    return sdk_image_check(&in);
}

/* The one precondition of the layout itself; the rest is checked on the result. */
static void check_inputs(const struct image_region_in *r, size_t n, struct diag *d)
{
    for (size_t i = 0; i < n; i++) {
        if (r[i].file_size && !r[i].data) {
            diag_error(d, NULL, "image-region", NULL, "region %zu (%s): no data for 0x%llx bytes",
                       i, r[i].name ? r[i].name : sdk_image_region_kind_name(r[i].kind),
                       (unsigned long long)r[i].file_size);
        }
    }
}

static int parse_view(const char *name, const uint8_t *img, size_t size, uint64_t header_offset,
                      bool crcs, struct image_view *v, struct diag *d);

/*
 * What the loader will check, checked on what was written, with the same
 * code: the tool never writes an image its loader refuses. The payload CRCs
 * are computed once, by that check.
 */
static int check_built(const struct image_loader *l, const uint8_t *buf, size_t size,
                       struct diag *d)
{
    struct image_view v;
    if (parse_view("loader image", buf, size, l->header_offset, false, &v, d)) {
        return -1;
    }
    unsigned bad = image_check(NULL, buf, size, &v, l->link_address, d);
    image_view_free(&v);
    return bad ? -1 : 0;
}

/* ---- layout and output ---- */

uint32_t image_header_crc(const struct sdk_image_header *h, const struct sdk_image_region *r)
{
    return sdk_image_header_crc(h, r);
}

/* Bytes from the header to the end of the last payload. */
static uint64_t layout_size(const struct image_region_in *r, size_t n)
{
    uint64_t off = SDK_IMAGE_HEADER_SIZE + n * SDK_IMAGE_REGION_SIZE;
    uint64_t end = off;
    for (size_t i = 0; i < n; i++) {
        off = align_up(off, 8);
        end = off + r[i].file_size;
        off = end;
    }
    return end;
}

static void fill_header(struct sdk_image_header *h, const struct image_params *p, size_t n,
                        uint64_t image_size)
{
    *h = (struct sdk_image_header){
        .magic = SDK_IMAGE_MAGIC,
        .version = SDK_IMAGE_VERSION,
        .image_size = image_size,
        .flags = p->flags,
        .num_regions = (uint32_t)n,
        .kernel_entry = p->kernel_entry,
        .kernel_vbase = p->kernel_vbase,
        .kernel_pbase = p->kernel_pbase,
        .kernel_vsize = p->kernel_vsize,
        .ui_p_reg_start = p->ui_p_reg_start,
        .ui_p_reg_end = p->ui_p_reg_end,
        .pv_offset = p->pv_offset,
        .v_entry = p->v_entry,
        .dtb_paddr = p->dtb_paddr,
        .dtb_size = p->dtb_size,
        .uart_base = p->uart_base,
    };
}

static void write_regions(uint8_t *hdr, const struct image_region_in *r, size_t n)
{
    struct sdk_image_region *table = (struct sdk_image_region *)(hdr + SDK_IMAGE_HEADER_SIZE);
    uint64_t off = SDK_IMAGE_HEADER_SIZE + n * SDK_IMAGE_REGION_SIZE;
    for (size_t i = 0; i < n; i++) {
        off = align_up(off, 8);
        if (r[i].file_size) {
            memcpy(hdr + off, r[i].data, r[i].file_size);
        }
        table[i] = (struct sdk_image_region){
            .load_addr = r[i].load_addr,
            .file_size = r[i].file_size,
            .mem_size = r[i].mem_size,
            .payload_offset = off,
            .crc32 = sdk_crc32(0, hdr + off, r[i].file_size),
            .kind = r[i].kind,
        };
        off += r[i].file_size;
    }
}

int image_build_with(const struct image_loader *l, const struct image_params *p,
                     const struct image_region_in *r, size_t n, struct diag *d, uint8_t **out,
                     size_t *out_size)
{
    unsigned before = diag_errors(d);
    check_inputs(r, n, d);
    if (diag_errors(d) != before) {
        return -1;
    }
    uint64_t image_size = layout_size(r, n);
    size_t total = l->header_offset + image_size;
    uint8_t *buf = xcalloc(1, total);
    prefault_write(buf, total);
    memcpy(buf, l->data, l->file_size);
    struct sdk_image_header *h = (struct sdk_image_header *)(buf + l->header_offset);
    fill_header(h, p, n, image_size);
    write_regions(buf + l->header_offset, r, n);
    h->header_crc32 = image_header_crc(h, (const struct sdk_image_region *)(h + 1));
    if (check_built(l, buf, total, d)) {
        free(buf);
        return -1;
    }
    *out = buf;
    *out_size = total;
    return 0;
}

int image_build(const char *loader_elf, const struct image_params *p,
                const struct image_region_in *r, size_t n, struct diag *d, uint8_t **out,
                size_t *out_size)
{
    struct image_loader l;
    if (image_loader_read(loader_elf, &l, d)) {
        return -1;
    }
    int rc = image_build_with(&l, p, r, n, d, out, out_size);
    image_loader_free(&l);
    return rc;
}

/* ---- other containers ---- */

#define WRAP_ELF_OFFSET    0x1000u
#define UIMAGE_MAGIC       0x27051956u
#define UIMAGE_OS_LINUX    5
#define UIMAGE_ARCH_ARM64  22
#define UIMAGE_ARCH_RISCV  26
#define UIMAGE_TYPE_KERNEL 2
#define UIMAGE_COMP_NONE   0
#define UIMAGE_NAME        "seL4 microkit"

void image_wrap_elf(const uint8_t *raw, size_t size, uint64_t link_address, uint8_t **out,
                    size_t *out_size)
{
    image_wrap_elf_for(raw, size, link_address, EM_AARCH64, out, out_size);
}

void image_wrap_elf_for(const uint8_t *raw, size_t size, uint64_t link_address, unsigned machine,
                        uint8_t **out, size_t *out_size)
{
    uint8_t *buf = xcalloc(1, WRAP_ELF_OFFSET + size);
    Elf64_Ehdr *eh = (Elf64_Ehdr *)buf;
    Elf64_Phdr *ph = (Elf64_Phdr *)(buf + sizeof(*eh));
    memcpy(eh->e_ident, ELFMAG, SELFMAG);
    eh->e_ident[EI_CLASS] = ELFCLASS64;
    eh->e_ident[EI_DATA] = ELFDATA2LSB;
    eh->e_ident[EI_VERSION] = EV_CURRENT;
    eh->e_type = ET_EXEC;
    eh->e_machine = (Elf64_Half)machine;
    eh->e_version = EV_CURRENT;
    eh->e_entry = link_address;
    eh->e_phoff = sizeof(*eh);
    eh->e_ehsize = sizeof(*eh);
    eh->e_phentsize = sizeof(*ph);
    eh->e_phnum = 1;
    *ph = (Elf64_Phdr){.p_type = PT_LOAD,
                       .p_flags = PF_R | PF_W | PF_X,
                       .p_offset = WRAP_ELF_OFFSET,
                       .p_vaddr = link_address,
                       .p_paddr = link_address,
                       .p_filesz = size,
                       .p_memsz = size,
                       .p_align = WRAP_ELF_OFFSET};
    memcpy(buf + WRAP_ELF_OFFSET, raw, size);
    *out = buf;
    *out_size = WRAP_ELF_OFFSET + size;
}

static void put_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

int image_wrap_uimage(const uint8_t *raw, size_t size, uint64_t link_address, struct diag *d,
                      uint8_t **out, size_t *out_size)
{
    return image_wrap_uimage_for(raw, size, link_address, EM_AARCH64, d, out, out_size);
}

int image_wrap_uimage_for(const uint8_t *raw, size_t size, uint64_t link_address, unsigned machine,
                          struct diag *d, uint8_t **out, size_t *out_size)
{
    if (link_address > UINT32_MAX || size > UINT32_MAX) {
        diag_error(d, NULL, "image-uimage", "use the raw or ELF image format instead",
                   "a uImage needs a load address and size below 4 GiB, not 0x%llx and 0x%zx",
                   (unsigned long long)link_address, size);
        return -1;
    }
    uint8_t *buf = xcalloc(1, 64 + size);
    put_be32(buf + 0, UIMAGE_MAGIC);
    put_be32(buf + 12, (uint32_t)size);
    put_be32(buf + 16, (uint32_t)link_address); /* load */
    put_be32(buf + 20, (uint32_t)link_address); /* entry */
    put_be32(buf + 24, sdk_crc32(0, raw, size));
    buf[28] = UIMAGE_OS_LINUX;
    buf[29] = machine == EM_RISCV ? UIMAGE_ARCH_RISCV : UIMAGE_ARCH_ARM64;
    buf[30] = UIMAGE_TYPE_KERNEL;
    buf[31] = UIMAGE_COMP_NONE;
    memcpy(buf + 32, UIMAGE_NAME, sizeof(UIMAGE_NAME));
    put_be32(buf + 4, sdk_crc32(0, buf, 64)); /* header CRC, its own field as 0 */
    memcpy(buf + 64, raw, size);
    *out = buf;
    *out_size = 64 + size;
    return 0;
}

/* ---- parsing ---- */

static bool header_at(const uint8_t *img, size_t size, uint64_t off)
{
    struct sdk_image_header h;
    if (off > size || size - off < sizeof(h)) {
        return false;
    }
    memcpy(&h, img + off, sizeof(h));
    return h.magic == SDK_IMAGE_MAGIC && h.version == SDK_IMAGE_VERSION;
}

static int find_header(const char *name, const uint8_t *img, size_t size, uint64_t *off,
                       struct diag *d)
{
    if (*off != IMAGE_FIND_HEADER) {
        if (!header_at(img, size, *off)) {
            diag_error(d, NULL, "image-header", NULL, "no version %d image header at offset 0x%llx",
                       SDK_IMAGE_VERSION, (unsigned long long)*off);
            return -1;
        }
        return 0;
    }
    for (uint64_t o = 0; o < size; o += SDK_IMAGE_HEADER_ALIGN) {
        if (header_at(img, size, o)) {
            *off = o;
            return 0;
        }
    }
    diag_error(d, NULL, "image-header", "is this a loader image written by microkit?",
               "'%s': no version %d image header at any 4 KiB boundary", name, SDK_IMAGE_VERSION);
    return -1;
}

static void check_payloads(const uint8_t *hdr, uint64_t avail, struct image_view *v)
{
    for (uint32_t i = 0; i < v->header.num_regions; i++) {
        const struct sdk_image_region *r = &v->regions[i];
        bool inside = r->payload_offset <= avail && r->file_size <= avail - r->payload_offset;
        v->region_crc_computed[i] =
            inside ? sdk_crc32(0, hdr + r->payload_offset, r->file_size) : 0;
        v->region_ok[i] = inside && v->region_crc_computed[i] == r->crc32;
    }
}

/* image_parse; `crcs` false leaves the payload CRCs to sdk_image_check. */
static int parse_view(const char *name, const uint8_t *img, size_t size, uint64_t header_offset,
                      bool crcs, struct image_view *v, struct diag *d)
{
    memset(v, 0, sizeof(*v));
    if (find_header(name, img, size, &header_offset, d)) {
        return -1;
    }
    v->header_offset = header_offset;
    memcpy(&v->header, img + header_offset, sizeof(v->header));
    uint64_t avail = size - header_offset;
    uint64_t n = v->header.num_regions;
    if (n > avail / SDK_IMAGE_REGION_SIZE ||
        SDK_IMAGE_HEADER_SIZE + n * SDK_IMAGE_REGION_SIZE > avail) {
        diag_error(d, NULL, "image-truncated", NULL,
                   "'%s': region table of %llu entries runs past the end of the image", name,
                   (unsigned long long)n);
        return -1;
    }
    v->regions = xcalloc(n, sizeof(*v->regions));
    v->region_crc_computed = xcalloc(n, sizeof(uint32_t));
    v->region_ok = xcalloc(n, sizeof(bool));
    memcpy(v->regions, img + header_offset + SDK_IMAGE_HEADER_SIZE, n * SDK_IMAGE_REGION_SIZE);
    v->header_crc_computed = image_header_crc(&v->header, v->regions);
    v->header_crc_ok = v->header_crc_computed == v->header.header_crc32;
    if (crcs) {
        check_payloads(img + header_offset, avail, v);
    }
    return 0;
}

int image_parse(const char *name, const uint8_t *img, size_t size, uint64_t header_offset,
                struct image_view *v, struct diag *d)
{
    return parse_view(name, img, size, header_offset, true, v, d);
}

void image_view_free(struct image_view *v)
{
    free(v->regions);
    free(v->region_crc_computed);
    free(v->region_ok);
    memset(v, 0, sizeof(*v));
}
