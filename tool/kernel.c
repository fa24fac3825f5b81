/* SPDX-License-Identifier: BSD-2-Clause */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kernel.h"
#include "util.h"

static char *first_existing(const char *dir, const char *const *names)
{
    for (size_t i = 0; names[i]; i++) {
        char *p = xasprintf("%s/%s", dir, names[i]);
        if (!access(p, R_OK)) {
            return p;
        }
        free(p);
    }
    return NULL;
}

static const char *const elf_names[] = {"kernel.elf", "bin/kernel.elf", "elf/sel4.elf", NULL};
static const char *const config_names[] = {"gen_config/kernel/gen_config.json",
                                           "libsel4/include/kernel/gen_config.json",
                                           "include/kernel/gen_config.json", NULL};

static int locate(const char *dir, const char *sdk_root, const char *board, const char *config,
                  struct kernel *k, struct diag *d)
{
    if (dir) {
        k->elf_path = first_existing(dir, elf_names);
        k->config_path = first_existing(dir, config_names);
        if (!k->elf_path || !k->config_path) {
            diag_error(d, NULL, "kernel-missing",
                       "--kernel names a seL4 build or install folder: it must hold kernel.elf (or "
                       "bin/kernel.elf) and gen_config/kernel/gen_config.json (or "
                       "libsel4/include/kernel/gen_config.json or include/kernel/gen_config.json)",
                       "no seL4 %s in '%s'",
                       !k->elf_path && !k->config_path ? "kernel.elf and gen_config.json"
                       : !k->elf_path                  ? "kernel.elf"
                                                       : "gen_config.json",
                       dir);
            return -1;
        }
        return 0;
    }
    char *base = xasprintf("%s/board/%s/%s", sdk_root, board, config);
    k->elf_path = xasprintf("%s/elf/sel4.elf", base);
    k->config_path = xasprintf("%s/include/kernel/gen_config.json", base);
    int rc = 0;
    if (access(k->elf_path, R_OK) || access(k->config_path, R_OK)) {
        diag_error(d, NULL, "kernel-missing",
                   "build seL4 for this board and configuration and pass its build folder with "
                   "--kernel DIR, or copy kernel.elf to the first path and gen_config.json to the "
                   "second (see docs/build.md)",
                   "no seL4 kernel for board '%s' config '%s': expected '%s' and '%s'", board,
                   config, k->elf_path, k->config_path);
        rc = -1;
    }
    free(base);
    return rc;
}

static int read_config(struct kernel *k, struct diag *d)
{
    size_t len;
    char *text = read_file(k->config_path, &len);
    if (!text) {
        diag_error(d, NULL, "kernel-config", NULL, "cannot read '%s': %s", k->config_path,
                   strerror(errno));
        return -1;
    }
    char err[160];
    int rc = json_flat_parse(text, len, &k->config, err, sizeof(err));
    free(text);
    if (rc) {
        diag_error(d, NULL, "kernel-config", NULL, "'%s' is not valid JSON: %s", k->config_path,
                   err);
        return -1;
    }
    const char *v = json_flat_value(&k->config, "ARM_HYPERVISOR_SUPPORT");
    k->hyp = v && !strcmp(v, "true");
    v = json_flat_value(&k->config, "PRINTING");
    k->printing = v && !strcmp(v, "true");
    v = json_flat_value(&k->config, "HARDWARE_DEBUG_API");
    k->hw_debug_api = v && !strcmp(v, "true");
    v = json_flat_value(&k->config, "ROOT_CNODE_SIZE_BITS");
    k->root_cnode_bits = v ? (unsigned)strtoul(v, NULL, 10) : 17;
    v = json_flat_value(&k->config, "PADDR_USER_DEVICE_TOP");
    k->paddr_user_device_top = v ? strtoull(v, NULL, 10) : 1ull << 40;
    return 0;
}

/* The paddr of symbol `name`, or `fallback` when the kernel has no such symbol. */
static uint64_t symbol_paddr(const struct kernel *k, const char *name, uint64_t fallback)
{
    const struct elf_symbol *s;
    if (elf_find_symbol(&k->elf, name, &s) != ELF_SYM_FOUND) {
        return fallback;
    }
    return s->value - k->vaddr + k->paddr;
}

int kernel_load(const char *dir, const char *sdk_root, const char *board, const char *config,
                struct kernel *k, struct diag *d)
{
    memset(k, 0, sizeof(*k));
    if (locate(dir, sdk_root, board, config, k, d) || read_config(k, d)) {
        return -1;
    }
    if (elf_load(k->elf_path, ELF_ACCEPT_AARCH64, "kernel", NULL, &k->elf, d)) {
        return -1;
    }
    const struct elf_segment *s = &k->elf.segments.items[0];
    k->paddr = s->paddr;
    k->vaddr = s->vaddr;
    for (size_t i = 1; i < k->elf.segments.count; i++) {
        const struct elf_segment *t = &k->elf.segments.items[i];
        if (t->vaddr - t->paddr != k->vaddr - k->paddr) {
            diag_error(d, NULL, "kernel-elf", NULL,
                       "kernel '%s': segments have different virtual-to-physical offsets",
                       k->elf_path);
            return -1;
        }
    }
    uint64_t lo, hi;
    elf_vaddr_range(&k->elf, &lo, &hi);
    k->ki_end = symbol_paddr(k, "ki_end", align_up(hi - k->vaddr + k->paddr, 0x1000));
    k->ki_boot_end = symbol_paddr(k, "ki_boot_end", k->paddr);
    if (k->ki_end < k->paddr || k->ki_boot_end < k->paddr || k->ki_boot_end > k->ki_end) {
        diag_error(d, NULL, "kernel-elf", NULL,
                   "kernel '%s': ki_end or ki_boot_end lies outside the kernel image", k->elf_path);
        return -1;
    }
    return 0;
}

void kernel_free(struct kernel *k)
{
    free(k->elf_path);
    free(k->config_path);
    json_flat_free(&k->config);
    elf_free(&k->elf);
    memset(k, 0, sizeof(*k));
}

unsigned kernel_tcb_bits(const struct kernel *k)
{
    return k->hw_debug_api ? 12 : 11;
}

/* One required option; a missing key counts as "false". */
static int want(const struct kernel *k, const char *key, const char *value, const char *why,
                struct diag *d)
{
    const char *have = json_flat_value(&k->config, key);
    if (!have && !strcmp(value, "false")) {
        return 0;
    }
    if (have && !strcmp(have, value)) {
        return 0;
    }
    diag_error(d, NULL, "kernel-config", NULL, "kernel option '%s' is %s%s%s, %s needs '%s'", key,
               have ? "'" : "", have ? have : "missing", have ? "'" : "", why, value);
    return 1;
}

int kernel_check(const struct kernel *k, const struct board *b, const char *config, struct diag *d)
{
    int bad = 0;
    char *why = xasprintf("board '%s'", b->name);
    for (size_t i = 0; i < b->kernel_options.count; i++) {
        const struct kernel_option *o = &b->kernel_options.items[i];
        bad += want(k, o->key, o->value, why, d);
    }
    free(why);
    why = xasprintf("config '%s'", config);
    bool debug = !strcmp(config, "debug");
    bad += want(k, "PRINTING", debug ? "true" : "false", why, d);
    bad += want(k, "DEBUG_BUILD", debug ? "true" : "false", why, d);
    bad += want(k, "HARDWARE_DEBUG_API", debug ? "true" : "false", why, d);
    if (!strcmp(config, "benchmark")) {
        bad += want(k, "KERNEL_BENCHMARK", "track_utilisation", why, d);
        /* Microkit's benchmark kernels let PDs read the performance counters. */
        bad += want(k, "EXPORT_PMU_USER", "true", why, d);
    }
    free(why);
    if (bad) {
        diag_report(d, SEV_NOTE, NULL, NULL, NULL,
                    "the kernel at '%s' (configuration '%s') was built with different options: "
                    "rebuild seL4 with the options above (see docs/build.md)",
                    k->elf_path, k->config_path);
    }
    return bad;
}
