/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * microkit SYSTEM --board host [--config C] [--search-path DIR...] [-o IMAGE]
 *                 [-r REPORT] [--report-json FILE] [--gen-headers DIR]
 *
 * The build command for the host simulator. Stages, in order:
 *   1. front    read and parse the SDF, size regions from their prefill
 *               files, run the checks (no board file)
 *   2. files    find every PD's program image (an x86-64 ELF) and every
 *               prefill file: each --search-path folder, then the current one
 *   3. pack     the host image (include/sdk/host_image.h)
 *   4. report   a short text report (and JSON): PDs, programs, regions;
 *               the PDs' headers (--gen-headers, gen_header.c)
 *   5. write    outputs, atomically; nothing is written after any error
 * `microkit run IMAGE` runs the result (cmd_run.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "checks.h"
#include "elfload.h"
#include "gen_header.h"
#include "host_image.h"
#include "inputs.h"
#include "json.h"
#include "run_host.h"
#include "sdf_parse.h"
#include "util.h"

struct hbuild {
    const struct host_build_args *a;
    struct diag d;
    struct system sys;
    char *sdf;
    size_t sdf_size;
    struct inputs in; /* programs and prefill files (inputs.c) */
    uint8_t *image;
    size_t image_size;
    char *report, *report_json;
    struct gen_header_set headers; /* --gen-headers */
};

static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

/* Stage 1. */
static int stage_front(struct hbuild *b)
{
    struct file_error e;
    b->sdf = read_input(b->a->system, INPUT_SDF, &b->sdf_size, &e);
    if (!b->sdf) {
        diag_error(&b->d, NULL, "sdf-read", NULL, "cannot read '%s': %s", b->a->system, e.text);
        return EXIT_IO;
    }
    int st = sdf_parse_buffer(b->a->system, b->sdf, b->sdf_size, &b->sys, &b->d);
    if (st != SDF_NOT_XML) {
        inputs_size_regions(&b->sys, b->a->search, b->a->nsearch, &b->d);
        if (checks_run(&b->sys, NULL, &b->d) == 0) {
            run_host_check_board(&b->sys, &b->d); /* the host board's device pages */
        }
    }
    return diag_errors(&b->d) || st != SDF_OK ? EXIT_INVALID : 0;
}

/* Stage 2. */
static int stage_files(struct hbuild *b)
{
    inputs_load(&b->sys, b->a->search, b->a->nsearch, INPUTS_HOST, &b->in, &b->d);
    return diag_errors(&b->d) ? EXIT_INVALID : 0;
}

/* The bytes of PD p's program: shared with an earlier PD that runs the same file. */
static const uint8_t *program_data(const struct hbuild *b, size_t p)
{
    for (size_t q = 0; q < p; q++) {
        if (!strcmp(b->in.paths[q], b->in.paths[p])) {
            return b->in.elfs[q]->file;
        }
    }
    return b->in.elfs[p]->file;
}

/* PD p's path_for_symbols file, read again for the image (inputs.c kept only its symbols). */
static void pack_symbols(struct hbuild *b, size_t p, struct host_image_file *f, uint8_t **data)
{
    struct file_error e;
    size_t len = 0;
    const char *path = b->in.symbol_paths[p];
    *data = read_input(path, INPUT_ELF, &len, &e);
    if (!*data) {
        diag_error(&b->d, &b->sys.pds.items[p].program_pos, "elf-invalid", NULL,
                   "program image for symbols of PD '%s' '%s': cannot read: %s",
                   b->sys.pds.items[p].name, path, e.text);
        return;
    }
    *f = (struct host_image_file){SDK_HOST_ENTRY_SYMBOLS, (uint32_t)p, base_name(path), *data, len};
}

/* Stage 3. */
static int stage_pack(struct hbuild *b)
{
    size_t np = b->sys.pds.count, nm = b->sys.mrs.count, n = 0;
    struct host_image_file *f = xcalloc(2 * np + nm + 1, sizeof(*f));
    uint8_t **symbols = xcalloc(np + 1, sizeof(*symbols));
    f[n++] = (struct host_image_file){SDK_HOST_ENTRY_SYSTEM, 0, base_name(b->a->system),
                                      (const uint8_t *)b->sdf, b->sdf_size};
    for (size_t p = 0; p < np; p++) {
        f[n++] =
            (struct host_image_file){SDK_HOST_ENTRY_PROGRAM, (uint32_t)p, base_name(b->in.paths[p]),
                                     program_data(b, p), b->in.elfs[p]->file_size};
    }
    for (size_t i = 0; i < nm; i++) {
        if (b->in.prefill[i]) {
            f[n++] = (struct host_image_file){SDK_HOST_ENTRY_PREFILL, (uint32_t)i,
                                              base_name(b->in.prefill_paths[i]), b->in.prefill[i],
                                              b->in.prefill_len[i]};
        }
    }
    for (size_t p = 0; p < np; p++) {
        if (b->in.symbol_paths[p]) {
            pack_symbols(b, p, &f[n], &symbols[p]);
            n += symbols[p] != NULL;
        }
    }
    if (!diag_errors(&b->d)) {
        b->image = host_image_pack(f, n, b->a->config, &b->image_size);
    }
    for (size_t p = 0; p < np; p++) {
        free(symbols[p]);
    }
    free(symbols);
    free(f);
    return diag_errors(&b->d) ? EXIT_INVALID : 0;
}

static void report_pds(FILE *f, const struct hbuild *b)
{
    fprintf(f, "\nProtection domains (%zu)\n", b->sys.pds.count);
    for (size_t p = 0; p < b->sys.pds.count; p++) {
        const struct pd *pd = &b->sys.pds.items[p];
        fprintf(f, "  %-24s priority %3llu%s  program '%s' from '%s', %zu bytes, entry 0x%llx\n",
                pd->name, (unsigned long long)pd->priority, pd->passive ? " passive" : "",
                pd->program_image, b->in.paths[p], b->in.elfs[p]->file_size,
                (unsigned long long)b->in.elfs[p]->entry);
    }
    fprintf(f, "\nMemory regions (%zu)\n", b->sys.mrs.count);
    for (size_t i = 0; i < b->sys.mrs.count; i++) {
        const struct mr *mr = &b->sys.mrs.items[i];
        fprintf(f, "  %-24s 0x%llx bytes", mr->name, (unsigned long long)mr->size);
        if (b->in.prefill[i]) {
            fprintf(f, ", prefill '%s' (%zu bytes)", mr->prefill_path, b->in.prefill_len[i]);
        }
        fputc('\n', f);
    }
}

static char *report_json(const struct hbuild *b)
{
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    fprintf(f, "{\n  \"board\": \"host\",\n  \"config\": ");
    json_write_string(f, b->a->config ? b->a->config : "");
    fprintf(f, ",\n  \"sdk_version\": \"%s\",\n  \"image_size\": %zu,\n  \"pds\": [",
            MICROKIT_VERSION, b->image_size);
    for (size_t p = 0; p < b->sys.pds.count; p++) {
        fprintf(f, "%s\n    {\"name\": ", p ? "," : "");
        json_write_string(f, b->sys.pds.items[p].name);
        fprintf(f, ", \"program\": ");
        json_write_string(f, b->in.paths[p]);
        fprintf(f, ", \"size\": %zu}", b->in.elfs[p]->file_size);
    }
    fprintf(f, "\n  ],\n  \"memory_regions\": [");
    for (size_t i = 0; i < b->sys.mrs.count; i++) {
        fprintf(f, "%s\n    {\"name\": ", i ? "," : "");
        json_write_string(f, b->sys.mrs.items[i].name);
        fprintf(f, ", \"size\": %llu}", (unsigned long long)b->sys.mrs.items[i].size);
    }
    fprintf(f, "\n  ]\n}\n");
    fclose(f);
    return out;
}

/* Stage 4. */
static int stage_report(struct hbuild *b)
{
    size_t len = 0;
    FILE *f = open_memstream(&b->report, &len);
    fprintf(f, "microkit host image report\n\n");
    fprintf(f, "system:  %s\nboard:   host (the host simulator)\nconfig:  %s\n", b->a->system,
            b->a->config ? b->a->config : "(none given)");
    fprintf(f, "SDK:     %s\nimage:   %s, %zu bytes, host image format %d\n", MICROKIT_VERSION,
            b->a->output, b->image_size, SDK_HOST_IMAGE_VERSION);
    report_pds(f, b);
    fprintf(f, "\nRun it with: microkit run %s\n", b->a->output);
    fclose(f);
    b->report_json = b->a->report_json ? report_json(b) : NULL;
    if (b->a->gen_headers) {
        struct sysinfo si;
        sysinfo_build(&b->sys, &si);
        gen_headers_build(&si, b->a->gen_headers, &b->headers);
        sysinfo_free(&si);
    }
    return 0;
}

/* Stage 5: all outputs or none (files.h). */
static int stage_write(struct hbuild *b)
{
    struct output_set s = {0};
    if (b->a->output) {
        output_add(&s, "-o", b->a->output, b->image, b->image_size, 0666);
    }
    if (b->a->report) {
        output_add(&s, "-r", b->a->report, b->report, strlen(b->report), 0666);
    }
    if (b->report_json) {
        output_add(&s, "--report-json", b->a->report_json, b->report_json, strlen(b->report_json),
                   0666);
    }
    struct file_error e;
    if (b->a->gen_headers && gen_headers_add_outputs(&b->headers, b->a->gen_headers, &s, &e)) {
        diag_error(&b->d, NULL, "io", NULL, "cannot make the folder '%s': %s", b->a->gen_headers,
                   e.text);
        output_set_free(&s);
        return EXIT_IO;
    }
    int rc = output_set_report(&s, output_set_write(&s), &b->d);
    output_set_free(&s);
    return rc;
}

static void hbuild_free(struct hbuild *b)
{
    inputs_free(&b->in);
    free(b->image);
    free(b->report);
    free(b->report_json);
    gen_headers_free(&b->headers);
    free(b->sdf);
    system_free(&b->sys);
    diag_free(&b->d);
}

int build_host(const struct host_build_args *a)
{
    struct hbuild b = {.a = a};
    diag_init(&b.d, stderr);
    if (a->flags) {
        diag_apply_flags(&b.d, a->flags);
    }
    int rc = stage_front(&b);
    rc = rc ? rc : stage_files(&b);
    rc = rc ? rc : stage_pack(&b);
    rc = rc ? rc : stage_report(&b);
    rc = rc ? rc : stage_write(&b);
    hbuild_free(&b);
    return rc;
}
