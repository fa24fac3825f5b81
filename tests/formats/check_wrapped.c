/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Checks a wrapped loader image against the raw one, independently of
 * tool/image.c:
 *
 *     check_wrapped uimage FILE RAW ADDR   U-Boot legacy header: magic, header
 *                                          and data CRC32, size, load = entry =
 *                                          ADDR, AArch64 kernel, uncompressed
 *     check_wrapped elf FILE RAW ADDR      64-bit AArch64 executable, entry =
 *                                          ADDR, one PT_LOAD at ADDR holding RAW
 *
 * Prints what it checked; exit 0 when everything holds, 1 otherwise.
 */
#include <elf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static int failures;

static void expect(const char *what, unsigned long long got, unsigned long long want)
{
    if (got != want) {
        printf("FAIL: %s: got 0x%llx, expected 0x%llx\n", what, got, want);
        failures++;
    } else {
        printf("ok: %s = 0x%llx\n", what, got);
    }
}

static uint8_t *slurp(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(1);
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *buf = malloc(n > 0 ? (size_t)n : 1);
    if (!buf || n < 0 || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        fprintf(stderr, "%s: cannot read\n", path);
        exit(1);
    }
    fclose(f);
    *size = (size_t)n;
    return buf;
}

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void check_uimage(uint8_t *u, size_t n, const uint8_t *raw, size_t rn, uint64_t addr)
{
    if (n < 64) {
        printf("FAIL: %zu bytes is too short for a uImage\n", n);
        failures++;
        return;
    }
    expect("magic", be32(u), 0x27051956u);
    uint32_t hcrc = be32(u + 4);
    memset(u + 4, 0, 4);
    expect("header CRC", hcrc, crc32(0L, u, 64));
    expect("data size", be32(u + 12), rn);
    expect("file size", n, 64 + rn);
    expect("load address", be32(u + 16), addr);
    expect("entry point", be32(u + 20), addr);
    expect("data CRC", be32(u + 24), crc32(0L, u + 64, (uInt)(n - 64)));
    expect("architecture (AArch64)", u[29], 22);
    expect("image type (kernel)", u[30], 2);
    expect("compression (none)", u[31], 0);
    expect("payload is the raw image", n - 64 == rn && !memcmp(u + 64, raw, rn), 1);
}

static void check_elf(const uint8_t *e, size_t n, const uint8_t *raw, size_t rn, uint64_t addr)
{
    Elf64_Ehdr h;
    if (n < sizeof(h) || memcmp(e, ELFMAG, SELFMAG)) {
        printf("FAIL: not an ELF file\n");
        failures++;
        return;
    }
    memcpy(&h, e, sizeof(h));
    expect("class (64-bit)", e[EI_CLASS], ELFCLASS64);
    expect("machine (AArch64)", h.e_machine, EM_AARCH64);
    expect("type (executable)", h.e_type, ET_EXEC);
    expect("entry", h.e_entry, addr);
    int loads = 0;
    for (unsigned i = 0; i < h.e_phnum; i++) {
        Elf64_Phdr p;
        size_t off = h.e_phoff + (size_t)i * sizeof(p);
        if (off + sizeof(p) > n) {
            printf("FAIL: program header %u past the end\n", i);
            failures++;
            return;
        }
        memcpy(&p, e + off, sizeof(p));
        if (p.p_type != PT_LOAD) {
            continue;
        }
        loads++;
        expect("PT_LOAD vaddr", p.p_vaddr, addr);
        expect("PT_LOAD paddr", p.p_paddr, addr);
        expect("PT_LOAD file size", p.p_filesz, rn);
        expect("PT_LOAD holds the raw image",
               p.p_offset + rn <= n && !memcmp(e + p.p_offset, raw, rn), 1);
    }
    expect("PT_LOAD count", loads, 1);
}

int main(int argc, char **argv)
{
    if (argc != 5 || (strcmp(argv[1], "uimage") && strcmp(argv[1], "elf"))) {
        fprintf(stderr, "usage: check_wrapped uimage|elf FILE RAW ADDR\n");
        return 2;
    }
    size_t n, rn;
    uint8_t *file = slurp(argv[2], &n);
    uint8_t *raw = slurp(argv[3], &rn);
    uint64_t addr = strtoull(argv[4], NULL, 0);
    if (!strcmp(argv[1], "uimage")) {
        check_uimage(file, n, raw, rn, addr);
    } else {
        check_elf(file, n, raw, rn, addr);
    }
    free(file);
    free(raw);
    printf("%s: %s\n", argv[2], failures ? "FAIL" : "PASS");
    return failures ? 1 : 0;
}
