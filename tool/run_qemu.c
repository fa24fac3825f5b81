/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * `microkit run IMAGE` for a loader image. Stages, in order:
 *   1. image   which form (raw, ELF, uImage), then image_parse and every CRC
 *   2. board   --board, or the one installed board whose debug UART, RAM,
 *              (ELF, uImage) load address and kernel kind (hypervisor or
 *              EL1) match the image; it must have <qemu args>
 *   3. qemu    the program (MICROKIT_QEMU, else qemu-system-<arch> in PATH)
 *   4. run     QEMU with the board's arguments plus the image at the loader
 *              link address; its output is copied to ours and matched line
 *              by line (run_qemu_loop.c)
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "board.h"
#include "image.h"
#include "run_qemu.h"
#include "run_qemu_internal.h"
#include "util.h"

#define UIMAGE_HEADER 64

static bool is_uimage(const uint8_t *b, size_t size)
{
    return size >= UIMAGE_HEADER && b[0] == 0x27 && b[1] == 0x05 && b[2] == 0x19 && b[3] == 0x56;
}

/* A 64-bit AArch64 (183) or RISC-V (243) executable. */
static bool is_aarch64_elf(const uint8_t *b, size_t size)
{
    return size >= 64 && !memcmp(b, "\177ELF", 4) && b[4] == 2 && (b[18] == 183 || b[18] == 243) &&
           b[19] == 0;
}

/* Where the firmware would put it: e_entry of an ELF, the uImage load address, else 0. */
static uint64_t form_address(const uint8_t *b, size_t size)
{
    uint64_t a = 0;
    if (is_uimage(b, size)) {
        a = (uint64_t)b[16] << 24 | (uint64_t)b[17] << 16 | (uint64_t)b[18] << 8 | b[19];
    } else if (is_aarch64_elf(b, size)) {
        memcpy(&a, b + 24, sizeof(a));
    }
    return a;
}

bool qemu_is_loader_image(const uint8_t *buf, size_t size)
{
    if (is_uimage(buf, size) || is_aarch64_elf(buf, size)) {
        return true;
    }
    struct diag quiet;
    diag_init(&quiet, NULL);
    struct image_view v;
    bool ok = image_parse("image", buf, size, IMAGE_FIND_HEADER, &v, &quiet) == 0;
    if (ok) {
        image_view_free(&v);
    }
    diag_free(&quiet);
    return ok;
}

/* Stage 1: the header, with every CRC checked. */
static int check_image(struct qemu_run *q, const uint8_t *file, size_t size, struct diag *d)
{
    bool uimage = is_uimage(file, size);
    q->form = uimage                       ? QEMU_FORM_UIMAGE
              : is_aarch64_elf(file, size) ? QEMU_FORM_ELF
                                           : QEMU_FORM_RAW;
    q->address = form_address(file, size);
    const uint8_t *raw = uimage ? file + UIMAGE_HEADER : file;
    size_t raw_size = uimage ? size - UIMAGE_HEADER : size;
    struct image_view v;
    if (image_parse(q->o->image, raw, raw_size, IMAGE_FIND_HEADER, &v, d)) {
        return -1;
    }
    /* The loader's own check, so QEMU never starts on an image the loader refuses. */
    uint64_t link = q->address ? q->address : IMAGE_NO_ADDRESS;
    unsigned bad = image_check(q->o->image, raw, raw_size, &v, link, d);
    q->header = v.header;
    image_view_free(&v);
    return bad ? -1 : 0;
}

/* Why the image cannot be for board `b`, or NULL when it can. */
static const char *mismatch(const struct qemu_run *q, const struct board *b)
{
    const struct sdk_image_header *h = &q->header;
    if (h->uart_base && h->uart_base != b->uart_base) {
        return "its debug UART is elsewhere";
    }
    if (!board_is_ram(b, h->ui_p_reg_start, h->ui_p_reg_end - h->ui_p_reg_start)) {
        return "its user image lies outside the board's RAM";
    }
    if (q->address && q->address != b->loader_link_address) {
        return "it is loaded at another address than the board's loader link address";
    }
    /* A hypervisor kernel needs EL2; an EL1 kernel's board starts QEMU without it. */
    if (!(h->flags & SDK_IMAGE_FLAG_HYP) != !board_kernel_hyp(b)) {
        return (h->flags & SDK_IMAGE_FLAG_HYP)
                   ? "its kernel is a hypervisor build, the board's is not"
                   : "its kernel runs at EL1, the board's at EL2";
    }
    return NULL;
}

/* Stage 2 without --board: the one board that fits (or the one of them QEMU can run). */
static int derive_board(struct qemu_run *q, struct diag *d)
{
    char **names = board_names(NULL);
    char fits[512] = "";
    int found = 0, emulated = 0;
    struct diag quiet;
    diag_init(&quiet, NULL);
    for (size_t i = 0; names[i]; i++) {
        struct board b = {0};
        if (board_load(names[i], NULL, &b, &quiet) == 0 && !mismatch(q, &b)) {
            size_t n = strlen(fits);
            snprintf(fits + n, sizeof(fits) - n, "%s'%s'", n ? ", " : "", b.name);
            found++;
            emulated += b.qemu_args != NULL;
            if (!q->have_board || (b.qemu_args && !q->board.qemu_args)) {
                board_free(&q->board);
                q->board = b;
                q->have_board = true;
                b = (struct board){0};
            }
        }
        board_free(&b);
    }
    diag_free(&quiet);
    board_names_free(names);
    if (found == 1 || emulated == 1) {
        return 0;
    }
    diag_error(d, NULL, "run-image-board", "give --board BOARD",
               found ? "cannot tell which board loader image '%s' was built for: %s fit"
                     : "loader image '%s' fits no installed board%s",
               q->o->image, fits);
    return -1;
}

/* Stage 2. */
static int pick_board(struct qemu_run *q, struct diag *d)
{
    if (!q->o->board) {
        if (derive_board(q, d)) {
            return -1;
        }
    } else if (board_load(q->o->board, NULL, &q->board, d)) {
        return -1;
    }
    q->have_board = true;
    /* A raw image through -device loader runs in M-mode before OpenSBI: seL4 needs S-mode. */
    if (q->form == QEMU_FORM_RAW && q->board.arch == BOARD_ARCH_RISCV64) {
        diag_error(d, NULL, "run-image-board",
                   "build it with --image-type elf (QEMU -kernel; OpenSBI enters it in S-mode)",
                   "raw loader image '%s' cannot boot on RISC-V board '%s': QEMU's -device loader "
                   "bypasses OpenSBI",
                   q->o->image, q->board.name);
        return -1;
    }
    const char *why = mismatch(q, &q->board);
    if (why) {
        diag_error(d, NULL, "run-image-board", "give the board the image was built for",
                   "loader image '%s' was not built for board '%s': %s", q->o->image, q->board.name,
                   why);
        return -1;
    }
    if (!q->board.qemu_args) {
        diag_error(d, NULL, "run-qemu-board", "boot the image on the board itself",
                   "board '%s' cannot be emulated: its board file has no <qemu args>",
                   q->board.name);
        return -1;
    }
    return 0;
}

/* The board's architecture, as its kernel options name it (aarch64 when they do not). */
static const char *board_arch(const struct board *b)
{
    for (size_t i = 0; i < b->kernel_options.count; i++) {
        if (!strcmp(b->kernel_options.items[i].key, "SEL4_ARCH")) {
            return b->kernel_options.items[i].value;
        }
    }
    return "aarch64";
}

static char *find_in_path(const char *prog)
{
    if (strchr(prog, '/')) {
        return access(prog, X_OK) ? NULL : xstrdup(prog);
    }
    const char *path = getenv("PATH");
    char *copy = xstrdup(path ? path : "/usr/bin:/bin");
    char *found = NULL, *save = NULL;
    for (char *dir = strtok_r(copy, ":", &save); dir && !found; dir = strtok_r(NULL, ":", &save)) {
        char *p = xasprintf("%s/%s", dir[0] ? dir : ".", prog);
        if (!access(p, X_OK)) {
            found = p;
        } else {
            free(p);
        }
    }
    free(copy);
    return found;
}

/* Stage 3. */
static int find_qemu(struct qemu_run *q, struct diag *d)
{
    const char *env = getenv("MICROKIT_QEMU");
    const char *arch = board_arch(&q->board);
    char *name = env && env[0] ? xstrdup(env) : xasprintf("qemu-system-%s", arch);
    q->qemu = find_in_path(name);
    if (!q->qemu) {
        const char *pkg = !strcmp(arch, "aarch64") ? "qemu-system-arm" : "qemu-system-misc";
        char *hint = env && env[0] ? xstrdup("MICROKIT_QEMU must name an executable program")
                                   : xasprintf("install it (Debian: apt-get install %s), or name "
                                               "the program in MICROKIT_QEMU",
                                               pkg);
        diag_error(d, NULL, "run-qemu-missing", hint, "cannot run QEMU: '%s' %s", name,
                   env && env[0] ? "(MICROKIT_QEMU) is not an executable file" : "is not in PATH");
        free(hint);
    }
    free(name);
    return q->qemu ? 0 : -1;
}

/* -device loader needs commas in the file name doubled. */
static char *loader_device(const char *path, uint64_t addr)
{
    size_t n = strlen(path);
    char *esc = xmalloc(2 * n + 1), *o = esc;
    for (const char *s = path; *s; s++) {
        *o++ = *s;
        if (*s == ',') {
            *o++ = ',';
        }
    }
    *o = 0;
    char *dev = xasprintf("loader,file=%s,addr=0x%llx,cpu-num=0", esc, (unsigned long long)addr);
    free(esc);
    return dev;
}

/* The board's <qemu args> split at blanks, then the image. */
static void build_argv(struct qemu_run *q)
{
    char *args = xstrdup(q->board.qemu_args), *save = NULL;
    *VEC_PUSH(q->argv) = xstrdup(q->qemu);
    for (char *w = strtok_r(args, " \t\n", &save); w; w = strtok_r(NULL, " \t\n", &save)) {
        *VEC_PUSH(q->argv) = xstrdup(w);
    }
    free(args);
    if (q->form == QEMU_FORM_RAW) {
        *VEC_PUSH(q->argv) = xstrdup("-device");
        *VEC_PUSH(q->argv) = loader_device(q->o->image, q->board.loader_link_address);
    } else {
        *VEC_PUSH(q->argv) = xstrdup("-kernel");
        *VEC_PUSH(q->argv) = xstrdup(q->o->image);
    }
    for (const char *const *a = q->o->extra_args; a && *a; a++) {
        *VEC_PUSH(q->argv) = xstrdup(*a);
    }
    *VEC_PUSH(q->argv) = NULL;
}

static void qemu_run_free(struct qemu_run *q)
{
    for (size_t i = 0; i < q->argv.count; i++) {
        free(q->argv.items[i]);
    }
    free(q->argv.items);
    if (q->have_board) {
        board_free(&q->board);
    }
    free(q->qemu);
}

int qemu_run(const struct qemu_run_options *o, struct diag *d)
{
    struct qemu_run q = {.o = o};
    size_t size = 0;
    struct file_error fe;
    uint8_t *file = read_input(o->image, INPUT_IMAGE, &size, &fe);
    int rc = EXIT_INVALID;
    if (!file) {
        diag_error(d, NULL, "io", NULL, "cannot read '%s': %s", o->image, fe.text);
        rc = EXIT_IO;
    } else if (!check_image(&q, file, size, d) && !pick_board(&q, d)) {
        rc = find_qemu(&q, d) ? EXIT_IO : 0;
    }
    free(file);
    if (!rc) {
        build_argv(&q);
        rc = qemu_loop(&q, d);
    }
    qemu_run_free(&q);
    return rc;
}
