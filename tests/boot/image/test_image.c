/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Host tests of the loader image: the writer (tool/image.c), the parser and
 * `microkit dump-image` (tool/cmd_dump_image.c); the CRCs the writer puts in
 * are compared with zlib's. (The CRC-32 itself, common/crc32.c, which the
 * loader also runs, is tested in tests/unit/tool/test_crc32.c.)
 */
#include <elf.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include <cmocka.h>

#include "commands.h"
#include "diag.h"
#include "image.h"
#include "util.h"

#define LINK 0x70000000ull

static uint8_t loader_bytes[0x100];
static const uint8_t payload_a[5] = {1, 2, 3, 4, 5};
static uint8_t payload_b[16];

static struct image_loader fake_loader(void)
{
    for (size_t i = 0; i < sizeof(loader_bytes); i++) {
        loader_bytes[i] = (uint8_t)(0xa0 + i);
    }
    return (struct image_loader){LINK, sizeof(loader_bytes), 0x1800, 0x2000, loader_bytes};
}

static struct image_params params(void)
{
    return (struct image_params){
        .flags = SDK_IMAGE_FLAG_HYP | SDK_IMAGE_FLAG_PRINT,
        .kernel_entry = 0x8060000000ull,
        .kernel_vbase = 0x8060000000ull,
        .kernel_pbase = 0x60000000ull,
        .kernel_vsize = 0x400000ull,
        .ui_p_reg_start = 0x60200000ull,
        .ui_p_reg_end = 0x60210000ull,
        .pv_offset = 0x60000000ull,
        .v_entry = 0x200000ull,
        .uart_base = 0x09000000ull,
    };
}

/* Three regions: odd size, word size, empty (file 0, mem 0x1000). */
static size_t regions(struct image_region_in r[3])
{
    memset(payload_b, 0x5a, sizeof(payload_b));
    r[0] = (struct image_region_in){0x60000000, payload_a, 5, 0x1000, SDK_REGION_KERNEL, "k"};
    r[1] = (struct image_region_in){0x60200000, payload_b, 16, 0x10000, SDK_REGION_MONITOR, "m"};
    r[2] = (struct image_region_in){0x60300000, NULL, 0, 0x1000, SDK_REGION_TEST, "t"};
    return 3;
}

static uint8_t *build(size_t *size)
{
    struct image_loader l = fake_loader();
    struct image_params p = params();
    struct image_region_in r[3];
    size_t n = regions(r);
    struct diag d;
    uint8_t *img = NULL;
    diag_init(&d, NULL);
    assert_int_equal(image_build_with(&l, &p, r, n, &d, &img, size), 0);
    assert_int_equal(diag_errors(&d), 0);
    diag_free(&d);
    return img;
}

static void test_layout(void **state)
{
    size_t size;
    uint8_t *img = build(&size);
    const struct sdk_image_header *h = (const void *)(img + 0x2000);
    const struct sdk_image_region *r = (const void *)(h + 1);
    assert_memory_equal(img, loader_bytes, sizeof(loader_bytes));
    for (size_t i = sizeof(loader_bytes); i < 0x2000; i++) {
        assert_int_equal(img[i], 0);
    }
    assert_true(h->magic == SDK_IMAGE_MAGIC);
    assert_int_equal(h->version, SDK_IMAGE_VERSION);
    assert_int_equal(h->num_regions, 3);
    assert_int_equal(r[0].payload_offset, 128 + 3 * 48);
    assert_int_equal(r[1].payload_offset, 128 + 3 * 48 + 8);
    assert_int_equal(r[2].payload_offset, 128 + 3 * 48 + 24);
    assert_int_equal(h->image_size, 128 + 3 * 48 + 24);
    assert_int_equal(size, 0x2000 + h->image_size);
    assert_int_equal(r[0].crc32, crc32(0, payload_a, 5));
    assert_int_equal(r[1].crc32, crc32(0, payload_b, 16));
    assert_int_equal(r[2].crc32, 0);
    assert_int_equal(h->header_crc32, image_header_crc(h, r));
    assert_true(h->kernel_pbase == 0x60000000ull && h->uart_base == 0x09000000ull);
    free(img);
}

static void test_deterministic(void **state)
{
    size_t a_size, b_size;
    uint8_t *a = build(&a_size);
    uint8_t *b = build(&b_size);
    assert_int_equal(a_size, b_size);
    assert_memory_equal(a, b, a_size);
    free(a);
    free(b);
}

/* Build with a modified input; return the number of errors (0 = built). */
static unsigned build_errors(struct image_params *p, struct image_region_in *r, size_t n,
                             const char *rule)
{
    struct image_loader l = fake_loader();
    struct diag d;
    uint8_t *img = NULL;
    size_t size = 0;
    diag_init(&d, NULL);
    int rc = image_build_with(&l, p, r, n, &d, &img, &size);
    unsigned errors = diag_errors(&d);
    assert_int_equal(rc, errors ? -1 : 0);
    if (errors) {
        assert_null(img);
        assert_string_equal(d.entries.items[0].rule, rule);
    }
    free(img);
    diag_free(&d);
    return errors;
}

static void test_refuse_overlaps(void **state)
{
    struct image_params p = params();
    struct image_region_in r[3];
    size_t n = regions(r);
    r[1].load_addr = 0x60000800; /* into region 0's [file, mem) */
    assert_int_equal(build_errors(&p, r, n, "image-overlap"), 1);

    n = regions(r);
    r[2].load_addr = LINK + 0x2000; /* onto the header */
    assert_int_equal(build_errors(&p, r, n, "image-overlap"), 1);
}

static void test_every_problem_reported(void **state)
{
    struct image_params p = params();
    struct image_region_in r[3];
    size_t n = regions(r);
    p.kernel_vbase += 0x1000;
    r[0].mem_size = 2;
    r[1].load_addr = LINK;
    r[2].kind = 99;
    assert_int_equal(build_errors(&p, r, n, "image-params"), 4);
}

static void test_parse(void **state)
{
    size_t size;
    uint8_t *img = build(&size);
    struct image_view v;
    struct diag d;
    diag_init(&d, NULL);
    assert_int_equal(image_parse("img", img, size, IMAGE_FIND_HEADER, &v, &d), 0);
    assert_int_equal(v.header_offset, 0x2000);
    assert_true(v.header_crc_ok);
    for (int i = 0; i < 3; i++) {
        assert_true(v.region_ok[i]);
    }
    image_view_free(&v);

    img[0x2000 + 128 + 3 * 48 + 8 + 3] ^= 1; /* region 1's payload */
    img[0x2000 + offsetof(struct sdk_image_header, v_entry)] ^= 1;
    assert_int_equal(image_parse("img", img, size, 0x2000, &v, &d), 0);
    assert_false(v.header_crc_ok);
    assert_true(v.region_ok[0] && !v.region_ok[1] && v.region_ok[2]);
    image_view_free(&v);

    assert_int_equal(image_parse("img", img, 0x2000 + 128 + 10, 0x2000, &v, &d), -1);
    assert_int_equal(image_parse("img", img, 0x2000, IMAGE_FIND_HEADER, &v, &d), -1);
    assert_int_equal(diag_errors(&d), 2);
    diag_free(&d);
    free(img);
}

static char *write_temp(const void *data, size_t size)
{
    char *path = xstrdup("/tmp/test_image_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, data, size), (ssize_t)size);
    close(fd);
    return path;
}

/* An AArch64 ELF header with `loads` PT_LOAD entries and nothing else. */
static char *write_elf(int loads)
{
    struct {
        Elf64_Ehdr eh;
        Elf64_Phdr ph[2];
    } f = {0};
    memcpy(f.eh.e_ident, ELFMAG, SELFMAG);
    f.eh.e_ident[EI_CLASS] = ELFCLASS64;
    f.eh.e_ident[EI_DATA] = ELFDATA2LSB;
    f.eh.e_ident[EI_VERSION] = EV_CURRENT;
    f.eh.e_type = ET_EXEC;
    f.eh.e_machine = EM_AARCH64;
    f.eh.e_version = EV_CURRENT;
    f.eh.e_entry = LINK;
    f.eh.e_phoff = sizeof(Elf64_Ehdr);
    f.eh.e_ehsize = sizeof(Elf64_Ehdr);
    f.eh.e_phentsize = sizeof(Elf64_Phdr);
    f.eh.e_phnum = (Elf64_Half)loads;
    for (int i = 0; i < loads; i++) {
        f.ph[i] =
            (Elf64_Phdr){PT_LOAD, PF_R | PF_X, 0,     LINK + i * 0x1000ull, LINK + i * 0x1000ull,
                         0x40,    0x1000,      0x1000};
    }
    return write_temp(&f, sizeof(f));
}

static int loader_read_error(const char *path, const char *needle)
{
    struct image_loader l;
    struct diag d;
    diag_init(&d, NULL);
    int rc = image_loader_read(path, &l, &d);
    if (rc) {
        assert_non_null(strstr(d.entries.items[0].message, needle));
        assert_non_null(strstr(d.entries.items[0].message, path));
    } else {
        assert_int_equal(l.header_offset, 0x1000);
        image_loader_free(&l);
    }
    diag_free(&d);
    return rc;
}

static void test_loader_elf(void **state)
{
    char *one = write_elf(1), *two = write_elf(2), *text = write_temp("hello", 5);
    assert_int_equal(loader_read_error(one, ""), 0);
    assert_int_equal(loader_read_error(two, "2 loadable segments"), -1);
    assert_int_equal(loader_read_error(text, "not an ELF"), -1);
    assert_int_equal(loader_read_error("/proc/self/exe", "AArch64"), -1);
    assert_int_equal(loader_read_error("/nonexistent/loader.elf", "cannot read"), -1);
    unlink(one), unlink(two), unlink(text);
    free(one), free(two), free(text);
}

/* The loader the target build made, when there is one. */
static void test_real_loader(void **state)
{
    struct image_loader l;
    struct diag d;
    if (access(LOADER_ELF, R_OK)) {
        print_message("no %s (target parts not built)\n", LOADER_ELF);
        skip();
    }
    diag_init(&d, stderr);
    assert_int_equal(image_loader_read(LOADER_ELF, &l, &d), 0);
    assert_true(l.link_address == LINK);
    assert_true(l.file_size <= l.mem_size && l.header_offset >= l.mem_size);
    assert_int_equal(l.header_offset % SDK_IMAGE_HEADER_ALIGN, 0);
    image_loader_free(&l);
    diag_free(&d);
}

/* The whole of file `path` as a string (malloc'ed); the file is removed. */
static char *slurp(const char *path)
{
    size_t n;
    char *text = read_file(path, &n);
    text = xrealloc(text, n + 1);
    text[n] = '\0';
    unlink(path);
    return text;
}

/*
 * Run `dump-image IMAGE [--link-address LINK]` on `img`; return what it
 * printed on stdout and, in *err when not NULL, on stderr (both malloc'ed).
 */
static char *dump_at(const uint8_t *img, size_t size, const char *link, int *rc, char **err)
{
    char *path = write_temp(img, size);
    char out_path[] = "/tmp/test_image_out_XXXXXX", err_path[] = "/tmp/test_image_err_XXXXXX";
    int out = mkstemp(out_path), errfd = mkstemp(err_path);
    int saved = dup(1), saved_err = dup(2);
    fflush(stdout);
    fflush(stderr);
    dup2(out, 1);
    dup2(errfd, 2);
    char *argv[] = {"dump-image", path, "--link-address", (char *)link, NULL};
    *rc = cmd_dump_image(link ? 4 : 2, argv);
    fflush(stdout);
    fflush(stderr);
    dup2(saved, 1);
    dup2(saved_err, 2);
    close(saved);
    close(saved_err);
    close(out);
    close(errfd);
    char *text = slurp(out_path), *errors = slurp(err_path);
    if (err) {
        *err = errors;
    } else {
        fputs(errors, stderr);
        free(errors);
    }
    unlink(path);
    free(path);
    return text;
}

static char *dump(const uint8_t *img, size_t size, int *rc)
{
    return dump_at(img, size, "0x70000000", rc, NULL);
}

/* dump-image must refuse `img` with `rule` and print `needle` in its message. */
static void dump_refuses(const uint8_t *img, size_t size, const char *link, const char *rule,
                         const char *needle)
{
    int rc;
    char *err, *text = dump_at(img, size, link, &rc, &err);
    char *tagged = xasprintf("[%s]", rule);
    if (rc != EXIT_INVALID || !strstr(err, tagged) || !strstr(err, needle)) {
        print_error("expected [%s] with '%s', exit %d; got exit %d:\n%s", rule, needle,
                    EXIT_INVALID, rc, err);
        fail();
    }
    free(tagged);
    free(text);
    free(err);
}

static const char expected_dump[] =
    "loader at 0x70000000, header at 0x70002000\n"
    "header at offset 0x2000\n"
    "  magic           0x5e14dead14de5ead\n"
    "  version         1\n"
    "  header_crc32    0x%08x crc ok\n"
    "  image_size      0x128\n"
    "  flags           0x3 hyp print\n"
    "  num_regions     3\n"
    "  kernel_entry    0x8060000000\n"
    "  kernel_vbase    0x8060000000\n"
    "  kernel_pbase    0x60000000\n"
    "  kernel_vsize    0x400000\n"
    "  ui_p_reg_start  0x60200000\n"
    "  ui_p_reg_end    0x60210000\n"
    "  pv_offset       0x60000000\n"
    "  v_entry         0x200000\n"
    "  dtb_paddr       0x0\n"
    "  dtb_size        0x0\n"
    "  uart_base       0x9000000\n"
    "region 0: kernel  load 0x60000000..0x60001000 file_size 0x5 mem_size 0x1000 offset 0x110 "
    "crc32 0x470b99f4 crc ok\n"
    "region 1: monitor load 0x60200000..0x60210000 file_size 0x10 mem_size 0x10000 offset 0x118 "
    "crc32 0x%08x crc ok\n"
    "region 2: test    load 0x60300000..0x60301000 file_size 0x0 mem_size 0x1000 offset 0x128 "
    "crc32 0x00000000 crc ok\n";

static void test_dump_image(void **state)
{
    size_t size;
    uint8_t *img = build(&size);
    const struct sdk_image_header *h = (const void *)(img + 0x2000);
    const struct sdk_image_region *r = (const void *)(h + 1);
    char *want = xasprintf(expected_dump, h->header_crc32, r[1].crc32);
    int rc;
    char *text = dump(img, size, &rc);
    assert_int_equal(rc, EXIT_OK);
    assert_string_equal(text, want);
    free(text);

    img[0x2000 + r[1].payload_offset] ^= 0x80;
    text = dump(img, size, &rc);
    assert_int_equal(rc, EXIT_INVALID);
    assert_non_null(strstr(text, "region 1: monitor"));
    assert_non_null(strstr(strstr(text, "region 1: monitor"), "CRC MISMATCH\nregion 2"));
    free(text);
    free(want);
    free(img);
}

/* Header CRC and region CRCs made to match again after a change at 0x2000. */
static void refix(uint8_t *img)
{
    struct sdk_image_header *h = (void *)(img + 0x2000);
    struct sdk_image_region *r = (void *)(h + 1);
    h->header_crc32 = image_header_crc(h, r);
}

/* A copy of a fresh image, `extra` bytes longer (zeroes). */
static uint8_t *copy_of(size_t *size, size_t extra)
{
    uint8_t *img = build(size);
    img = xrealloc(img, *size + extra);
    memset(img + *size, 0, extra);
    *size += extra;
    return img;
}

/* Values the loader refuses are refused by dump-image too, whatever the CRCs say. */
static void test_dump_fields(void **state)
{
    size_t size;
    uint8_t *img = build(&size);
    struct sdk_image_header *h = (void *)(img + 0x2000);
    struct sdk_image_region *r = (void *)(h + 1);
    r[0].mem_size = 2;
    refix(img);
    dump_refuses(img, size, NULL, "image-region", "file size 0x5 above memory size 0x2");
    free(img);

    img = build(&size), h = (void *)(img + 0x2000), r = (void *)(h + 1);
    r[1].load_addr = 0x60000000;
    r[2].kind = 7;
    refix(img);
    dump_refuses(img, size, NULL, "image-overlap",
                 "region 1 (monitor) at 0x60000000..0x60010000 overlaps region 0 (kernel)");
    dump_refuses(img, size, NULL, "image-region", "region 2 (unknown): unknown region kind 7");
    free(img);

    img = build(&size), h = (void *)(img + 0x2000), r = (void *)(h + 1);
    r[2].load_addr = LINK + 0x100;
    refix(img);
    dump_refuses(img, size, "0x70000000", "image-overlap", "overlaps the loader image");
    int rc;
    free(dump_at(img, size, NULL, &rc, NULL)); /* no load address: not checked */
    assert_int_equal(rc, EXIT_OK);
    free(img);

    img = build(&size), h = (void *)(img + 0x2000);
    h->image_size += 8;
    refix(img);
    dump_refuses(img, size, NULL, "image-truncated", "image size 0x130 runs past the end");
    free(img);
}

/* Bytes missing, bytes added, more regions than the loader takes. */
static void test_dump_size(void **state)
{
    size_t size;
    uint8_t *img = copy_of(&size, 16);
    dump_refuses(img, size, NULL, "image-trailing", "0x10 bytes after the end of the image");
    dump_refuses(img, size - 16 - 3, NULL, "image-truncated", "runs past the end of the file");
    free(img);

    img = copy_of(&size, 257 * SDK_IMAGE_REGION_SIZE);
    struct sdk_image_header *h = (void *)(img + 0x2000);
    h->num_regions = 257;
    refix(img);
    dump_refuses(img, size, NULL, "image-region", "257 regions, more than the 256");
    free(img);
}

/* The ELF wrapper: its headers, its entry point, its size, its address. */
static void test_dump_elf(void **state)
{
    size_t size, n;
    uint8_t *img = build(&size), *elf;
    image_wrap_elf(img, size, LINK, &elf, &n);
    int rc;
    char *text = dump_at(elf, n, NULL, &rc, NULL);
    assert_int_equal(rc, EXIT_OK);
    assert_non_null(strstr(text, "ELF: raw image at offset 0x1000, entry 0x70000000\n"));
    free(text);
    Elf64_Ehdr *eh = (Elf64_Ehdr *)elf;
    eh->e_entry += 4;
    dump_refuses(elf, n, NULL, "image-wrapper", "ELF entry point 0x70000004 is not the start");
    eh->e_entry -= 4;
    eh->e_machine = EM_X86_64;
    dump_refuses(elf, n, NULL, "image-wrapper", "not an AArch64 executable");
    eh->e_machine = EM_AARCH64;
    eh->e_phentsize = 32;
    dump_refuses(elf, n, NULL, "image-wrapper", "program headers are not inside the file");
    eh->e_phentsize = sizeof(Elf64_Phdr);
    dump_refuses(elf, n - 5, NULL, "image-truncated", "the ELF segment holds");
    dump_refuses(elf, n, "0x80000000", "image-wrapper", "not at the loader's link address");
    elf = xrealloc(elf, n + 8);
    memset(elf + n, 0, 8);
    dump_refuses(elf, n + 8, NULL, "image-trailing", "0x8 bytes after the ELF segment's data");
    free(elf);

    /* The wrapper gives the load address: the loader overlap is checked without one. */
    struct sdk_image_header *h = (void *)(img + 0x2000);
    ((struct sdk_image_region *)(h + 1))[2].load_addr = LINK + 0x100;
    refix(img);
    image_wrap_elf(img, size, LINK, &elf, &n);
    dump_refuses(elf, n, NULL, "image-overlap", "overlaps the loader image");
    free(elf);
    free(img);
}

static void put_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24), p[1] = (uint8_t)(v >> 16), p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

/* The uImage header CRC made to match again after a change. */
static void refix_uimage(uint8_t *u)
{
    put_be32(u + 4, 0);
    put_be32(u + 4, (uint32_t)crc32(0, u, 64));
}

/* The uImage: both CRCs, the fields bootm acts on, its size. */
static void test_dump_uimage(void **state)
{
    size_t size, n;
    uint8_t *img = build(&size), *u;
    struct diag d;
    diag_init(&d, NULL);
    assert_int_equal(image_wrap_uimage(img, size, LINK, &d, &u, &n), 0);
    u[8] ^= 1; /* the time stamp */
    dump_refuses(u, n, NULL, "image-crc", "uImage header CRC mismatch");
    u[8] ^= 1;
    u[64 + 10] ^= 1; /* the loader's bytes, which only the uImage CRC covers */
    dump_refuses(u, n, NULL, "image-crc", "uImage data CRC mismatch");
    u[64 + 10] ^= 1;
    u[29] = 2; /* architecture: Alpha */
    refix_uimage(u);
    dump_refuses(u, n, NULL, "image-wrapper", "not an uncompressed AArch64 Linux kernel image");
    u[29] = 22;
    put_be32(u + 20, LINK + 4);
    refix_uimage(u);
    dump_refuses(u, n, NULL, "image-wrapper", "entry point 0x70000004 is not its load address");
    put_be32(u + 20, LINK);
    refix_uimage(u);
    dump_refuses(u, n - 1, NULL, "image-truncated", "the uImage holds");
    u = xrealloc(u, n + 4);
    memset(u + n, 0, 4);
    dump_refuses(u, n + 4, NULL, "image-trailing", "0x4 bytes after the uImage's data");
    free(u);
    diag_free(&d);
    free(img);
}

/* The writer refuses what its loader would: too many regions, a window it cannot map. */
static void test_build_loader_limits(void **state)
{
    struct image_params p = params();
    size_t n = SDK_IMAGE_MAX_REGIONS + 1;
    struct image_region_in *r = xcalloc(n, sizeof(*r));
    for (size_t i = 0; i < n; i++) {
        r[i] = (struct image_region_in){0x60000000 + i * 0x1000, NULL, 0, 0x1000,
                                        SDK_REGION_TEST,         NULL};
    }
    assert_int_equal(build_errors(&p, r, n, "image-region"), 1);
    free(r);

    struct image_region_in three[3];
    n = regions(three);
    p.kernel_vbase = 1ull << 48;
    assert_int_equal(build_errors(&p, three, n, "image-params"), 1);
}

/* The ELF wrapper reads back, through libelf, as the loader segment it holds. */
static void test_wrap_elf(void **state)
{
    size_t size, elf_size;
    uint8_t *img = build(&size), *elf;
    image_wrap_elf(img, size, LINK, &elf, &elf_size);
    char *path = write_temp(elf, elf_size);
    struct image_loader l;
    struct diag d;
    diag_init(&d, stderr);
    assert_int_equal(image_loader_read(path, &l, &d), 0);
    assert_true(l.link_address == LINK);
    assert_int_equal(l.file_size, size);
    assert_memory_equal(l.data, img, size);
    image_loader_free(&l);
    diag_free(&d);
    unlink(path);
    free(path);
    free(elf);
    free(img);
}

/* U-Boot's own mkimage must accept the uImage (it checks both CRCs). */
static void test_wrap_uimage(void **state)
{
    size_t size, u_size;
    uint8_t *img = build(&size), *u;
    struct diag d;
    diag_init(&d, NULL);
    assert_int_equal(image_wrap_uimage(img, size, 0x100000000ull, &d, &u, &u_size), -1);
    assert_int_equal(image_wrap_uimage(img, size, LINK, &d, &u, &u_size), 0);
    assert_int_equal(u_size, 64 + size);
    assert_memory_equal(u + 64, img, size);
    assert_int_equal(diag_errors(&d), 1);
    diag_free(&d);
    char *path = write_temp(u, u_size);
    char *cmd = xasprintf("mkimage -l %s 2>&1", path);
    FILE *p = system("command -v mkimage >/dev/null 2>&1") ? NULL : popen(cmd, "r");
    if (p) {
        char out[4096] = "";
        size_t n = fread(out, 1, sizeof(out) - 1, p);
        out[n] = '\0';
        pclose(p);
        assert_non_null(strstr(out, "AArch64 Linux Kernel Image (uncompressed)"));
        assert_non_null(strstr(out, "Load Address: 70000000"));
        assert_non_null(strstr(out, "Entry Point:  70000000"));
    } else {
        print_message("mkimage (u-boot-tools) not found: uImage not cross-checked\n");
    }
    int rc;
    char *text = dump(u, u_size, &rc);
    assert_int_equal(rc, EXIT_OK);
    assert_non_null(strstr(text, "uImage: raw image at offset 0x40, load address 0x70000000\n"
                                 "loader at 0x70000000"));
    assert_null(strstr(text, "MISMATCH"));
    free(text);
    unlink(path);
    free(cmd);
    free(path);
    free(u);
    free(img);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_refuse_overlaps),
        cmocka_unit_test(test_every_problem_reported),
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_loader_elf),
        cmocka_unit_test(test_real_loader),
        cmocka_unit_test(test_dump_image),
        cmocka_unit_test(test_wrap_elf),
        cmocka_unit_test(test_wrap_uimage),
        cmocka_unit_test(test_dump_fields),
        cmocka_unit_test(test_dump_size),
        cmocka_unit_test(test_dump_elf),
        cmocka_unit_test(test_dump_uimage),
        cmocka_unit_test(test_build_loader_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
