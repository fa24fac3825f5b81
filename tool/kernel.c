/* SPDX-License-Identifier: BSD-2-Clause */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kconfig.h"
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

static bool is_dir(const char *path)
{
    struct stat st;
    return !stat(path, &st) && S_ISDIR(st.st_mode);
}

static void report_missing_in_dir(const char *dir, const struct kernel *k, struct diag *d)
{
    diag_error(d, NULL, "kernel-missing",
               "--kernel names a seL4 build or install folder: it must hold kernel.elf (or "
               "bin/kernel.elf) and gen_config/kernel/gen_config.json (or "
               "libsel4/include/kernel/gen_config.json or include/kernel/gen_config.json)",
               "no seL4 %s in '%s'",
               !k->elf_path && !k->config_path ? "kernel.elf and gen_config.json"
               : !k->elf_path                  ? "kernel.elf"
                                               : "gen_config.json",
               dir);
}

/* A seL4 build or install folder (--kernel DIR). */
static int locate_dir(const char *dir, struct kernel *k, struct diag *d)
{
    k->elf_path = first_existing(dir, elf_names);
    k->config_path = first_existing(dir, config_names);
    if (!k->elf_path || !k->config_path) {
        report_missing_in_dir(dir, k, d);
        return -1;
    }
    return 0;
}

/*
 * The configuration of the kernel the SDK holds for a board and config: the
 * kernel's own (elf/sel4.json, written by `microkit sdk add-kernel`), else
 * the one the SDK ships (include/kernel/gen_config.json).
 */
static char *sdk_config_path(const char *base)
{
    static const char *const names[] = {"elf/sel4.json", "include/kernel/gen_config.json", NULL};
    return first_existing(base, names);
}

/* --override-kernel FILE: that ELF; its configuration beside it, else the SDK's. */
static int locate_override(const char *elf, const char *base, bool own_config, struct kernel *k,
                           struct diag *d)
{
    if (is_dir(elf)) {
        return locate_dir(elf, k, d);
    }
    if (access(elf, R_OK)) {
        diag_error(d, NULL, "kernel-missing",
                   "--override-kernel takes the path of a seL4 kernel.elf",
                   "cannot read kernel '%s': %s", elf, strerror(errno));
        return -1;
    }
    k->elf_path = xstrdup(elf);
    char *dir = dirname_of(elf);
    k->config_path = first_existing(dir, config_names);
    free(dir);
    if (!k->config_path && !own_config) {
        k->config_path = sdk_config_path(base);
    }
    if (!k->config_path && own_config) {
        diag_error(d, NULL, "kernel-missing",
                   "name the seL4 build folder (it holds kernel.elf and "
                   "gen_config/kernel/gen_config.json)",
                   "no gen_config.json beside kernel '%s': its configuration cannot be checked",
                   elf);
        return -1;
    }
    if (!k->config_path) {
        diag_error(d, NULL, "kernel-missing",
                   "put the kernel's gen_config/kernel/gen_config.json beside it, or use an SDK "
                   "built for this board and configuration",
                   "no configuration for kernel '%s': nothing beside it and no "
                   "'%s/include/kernel/gen_config.json'",
                   elf, base);
        return -1;
    }
    return 0;
}

static int locate_sdk(const char *base, const char *board, const char *config, struct kernel *k,
                      struct diag *d)
{
    k->elf_path = xasprintf("%s/elf/sel4.elf", base);
    k->config_path = sdk_config_path(base);
    if (!access(k->elf_path, R_OK) && k->config_path) {
        return 0;
    }
    char *hint = xasprintf("build seL4 for this board and configuration (docs/build.md), then "
                           "install it once with 'microkit sdk add-kernel --board %s --config %s "
                           "DIR', or pass its build folder with --kernel DIR",
                           board, config);
    diag_error(d, NULL, "kernel-missing", hint,
               "no seL4 kernel for board '%s' config '%s' in the SDK: '%s' does not exist", board,
               config, k->elf_path);
    free(hint);
    return -1;
}

static int locate(const struct kernel_source *src, struct kernel *k, struct diag *d)
{
    char *base = xasprintf("%s/board/%s/%s", src->sdk_root, src->board, src->config);
    int rc = src->dir        ? locate_dir(src->dir, k, d)
             : src->override ? locate_override(src->override, base, src->own_config, k, d)
                             : locate_sdk(base, src->board, src->config, k, d);
    free(base);
    return rc;
}

static int read_config(struct kernel *k, struct diag *d)
{
    size_t len;
    struct file_error e;
    char *text = read_input(k->config_path, INPUT_CONFIG, &len, &e);
    if (!text) {
        diag_error(d, NULL, "kernel-config", NULL, "cannot read '%s': %s", k->config_path, e.text);
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
    v = json_flat_value(&k->config, "SEL4_ARCH");
    k->riscv = v && !strcmp(v, "riscv64");
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

static int load(const struct kernel_source *src, struct kernel *k, struct diag *d)
{
    memset(k, 0, sizeof(*k));
    if (locate(src, k, d) || read_config(k, d)) {
        return -1;
    }
    if (elf_load_read_only(k->elf_path, ELF_ACCEPT_AARCH64 | ELF_ACCEPT_RISCV64, "kernel", NULL,
                           &k->elf, d)) {
        return -1;
    }
    const struct elf_segment *s = &k->elf.segments.items[0];
    k->paddr = s->paddr;
    k->vaddr = s->vaddr;
    k->pptr_offset = k->riscv ? 0xffffffc000000000ull : k->vaddr - k->paddr;
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

int kernel_load(const struct kernel_source *src, struct kernel *k, struct diag *d)
{
    if (load(src, k, d)) {
        kernel_free(k);
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

/* The seL4 CMake option behind a gen_config.json key, where there is one to name. */
static const char *cmake_option(const char *key)
{
    static const char *const names[][2] = {
        {"PRINTING", "KernelPrinting"},
        {"DEBUG_BUILD", "KernelDebugBuild"},
        {"HARDWARE_DEBUG_API", "HardwareDebugAPI"},
        {"KERNEL_MCS", "KernelIsMCS"},
        {"ARM_HYPERVISOR_SUPPORT", "KernelArmHypervisorSupport"},
        {"EXPORT_PCNT_USER", "KernelArmExportPCNTUser"},
        {"EXPORT_PTMR_USER", "KernelArmExportPTMRUser"},
        {"EXPORT_PMU_USER", "KernelArmExportPMUUser"},
        {"VTIMER_UPDATE_VOFFSET", "KernelArmVtimerUpdateVOffset"},
        {"ALLOW_SMC_CALLS", "KernelAllowSMCCalls"},
        {"ROOT_CNODE_SIZE_BITS", "KernelRootCNodeSizeBits"},
        {"NUM_DOMAINS", "KernelNumDomains"},
        {"NUM_DOMAIN_SCHEDULES", "KernelNumDomainSchedules"},
        {"MAX_NUM_NODES", "KernelMaxNumNodes"},
        {"KERNEL_BENCHMARK", "KernelBenchmarks"},
        {"PLAT", "KernelPlatform"},
        {"SEL4_ARCH", "KernelSel4Arch"},
        {"VERIFICATION_BUILD", "KernelVerificationBuild"},
        {"FASTPATH", "KernelFastpath"},
    };
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (!strcmp(key, names[i][0])) {
            return names[i][1];
        }
    }
    return NULL;
}

static char *fix_hint(const struct kconfig_option *o, const char *want_for)
{
    const char *opt = cmake_option(o->key);
    if (!opt) {
        return xasprintf("rebuild seL4 with the options docs/build.md gives for %s", want_for);
    }
    const char *v = !strcmp(o->value, "true")    ? "ON"
                    : !strcmp(o->value, "false") ? "OFF"
                                                 : o->value;
    return xasprintf("rebuild seL4 with -D%s=%s (docs/build.md lists every option)", opt, v);
}

/* Whether the option's value depends on the configuration (debug, release, ...). */
static bool per_config(const struct board *b, const char *key)
{
    struct kconfig a, c;
    kconfig_kernel(b, "debug", &a);
    kconfig_kernel(b, "benchmark", &c);
    const struct kconfig_option *x = kconfig_get(&a, key), *y = kconfig_get(&c, key);
    bool differ = x && y && strcmp(x->value, y->value);
    kconfig_free(&a);
    kconfig_free(&c);
    return differ;
}

/* One option; a key the kernel does not record counts as "false". */
static int compare_option(const struct kernel *k, const struct board *b, const char *config,
                          const struct kconfig_option *o, struct diag *d)
{
    const char *have = json_flat_value(&k->config, o->key);
    if ((!have && !strcmp(o->value, "false")) || (have && !strcmp(have, o->value))) {
        return 0;
    }
    char *why = o->kind == KC_BOARD     ? xasprintf("board '%s'", b->name)
                : per_config(b, o->key) ? xasprintf("config '%s'", config)
                                        : xasprintf("the SDK (board '%s')", b->name);
    char *hint = fix_hint(o, why);
    if (o->kind == KC_BUILD) {
        diag_warning(d, NULL, "kernel-config-build", hint,
                     "kernel option '%s' is %s%s%s where %s has '%s' (how the kernel was built; "
                     "PDs do not depend on it)",
                     o->key, have ? "'" : "", have ? have : "missing", have ? "'" : "", why,
                     o->value);
    } else {
        diag_error(d, NULL, "kernel-config", hint, "kernel option '%s' is %s%s%s, %s needs '%s'",
                   o->key, have ? "'" : "", have ? have : "missing", have ? "'" : "", why,
                   o->value);
    }
    free(hint);
    free(why);
    return o->kind == KC_BUILD ? 0 : 1;
}

/* Options that only restate PLAT: not repeated when PLAT itself differs. */
static bool follows_platform(const char *key)
{
    return !strncmp(key, "PLAT_", 5) || !strcmp(key, "ARM_PLAT");
}

int kernel_check(const struct kernel *k, const struct board *b, const char *config, struct diag *d)
{
    struct kconfig want;
    kconfig_kernel(b, config, &want);
    const char *plat = json_flat_value(&k->config, "PLAT");
    bool other_platform = plat && strcmp(plat, b->kernel_platform);
    int bad = 0;
    for (size_t i = 0; i < want.options.count; i++) {
        const struct kconfig_option *o = &want.options.items[i];
        if (!(other_platform && follows_platform(o->key))) {
            bad += compare_option(k, b, config, o, d);
        }
    }
    kconfig_free(&want);
    if (bad) {
        diag_report(d, SEV_NOTE, NULL, NULL, NULL,
                    "the kernel at '%s' (configuration '%s') was built with different options "
                    "than the SDK's board '%s' config '%s' (see docs/build.md)",
                    k->elf_path, k->config_path, b->name, config);
    }
    return bad;
}
