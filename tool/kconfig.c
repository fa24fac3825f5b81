/* SPDX-License-Identifier: BSD-2-Clause */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "json.h"
#include "kconfig.h"
#include "util.h"

#define KV_TRUE  "true"
#define KV_FALSE "false"

struct kopt_row {
    const char *key;
    enum kconfig_kind kind;
    const char *value[3]; /* debug, release, benchmark */
};

static const struct kopt_row kernel_rows[] = {
#define KOPT(key, kind, d, r, b) {key, kind, {d, r, b}},
#include "kconfig.def"
#undef KOPT
};

static const struct kopt_row riscv64_rows[] = {
#define KOPT(key, kind, d, r, b) {key, kind, {d, r, b}},
#include "kconfig_riscv64.def"
#undef KOPT
};

static const struct kopt_row libsel4_rows[] = {
#define KOPT(key, kind, d, r, b) {key, kind, {d, r, b}},
#include "kconfig_libsel4.def"
#undef KOPT
};

/* The smp- variants after the three columns of the tables, in the same order. */
const char *const kconfig_configs[] = {"debug",       "release",       "benchmark", "smp-debug",
                                       "smp-release", "smp-benchmark", NULL};

#define SMP_PREFIX "smp-"

bool kconfig_config_smp(const char *config)
{
    return config && !strncmp(config, SMP_PREFIX, strlen(SMP_PREFIX));
}

/* The table column of `config`: an smp- configuration takes its base's. */
static int config_index(const char *config)
{
    const char *base = kconfig_config_smp(config) ? config + strlen(SMP_PREFIX) : config;
    for (int i = 0; i < 3; i++) {
        if (!strcmp(base, kconfig_configs[i])) {
            return i;
        }
    }
    return -1;
}

bool kconfig_config_known(const char *config)
{
    return config_index(config) >= 0;
}

static bool is_bool(const char *v)
{
    return !strcmp(v, KV_TRUE) || !strcmp(v, KV_FALSE);
}

static struct kconfig_option *find(struct kconfig *kc, const char *key)
{
    for (size_t i = 0; i < kc->options.count; i++) {
        if (!strcmp(kc->options.items[i].key, key)) {
            return &kc->options.items[i];
        }
    }
    return NULL;
}

const struct kconfig_option *kconfig_get(const struct kconfig *kc, const char *key)
{
    return find((struct kconfig *)kc, key);
}

/* Set `key` to `value`, adding it at the end when the table has no such key. */
static void set(struct kconfig *kc, const char *key, const char *value, enum kconfig_kind kind)
{
    struct kconfig_option *o = find(kc, key);
    if (!o) {
        o = VEC_PUSH(kc->options);
        o->key = xstrdup(key);
    } else {
        free(o->value);
    }
    o->kind = kind;
    o->value = xstrdup(value);
    o->boolean = is_bool(value);
}

static void load_rows(struct kconfig *kc, const struct kopt_row *rows, size_t n, int ci)
{
    /*
     * Into an empty table, and a table's keys are unique (one KOPT line
     * each; tests/unit/tool/test_lookup.c checks it), so no lookups: set() on each row
     * compared ~14,000 key pairs per build.
     */
    for (size_t i = 0; i < n; i++) {
        struct kconfig_option *o = VEC_PUSH(kc->options);
        o->key = xstrdup(rows[i].key);
        o->kind = rows[i].kind;
        o->value = xstrdup(rows[i].value[ci]);
        o->boolean = is_bool(o->value);
    }
}

/* "PLAT_" + "imx8mm-evk" -> "PLAT_IMX8MM_EVK" (malloc'd). */
static char *macro_name(const char *prefix, const char *name)
{
    char *s = xasprintf("%s%s", prefix, name);
    for (char *p = s; *p; p++) {
        *p = *p == '-' ? '_' : (char)toupper((unsigned char)*p);
    }
    return s;
}

/* Every option starting with `prefix` false, then `prefix`+`name` true. */
static void select_one(struct kconfig *kc, const char *prefix, const char *name)
{
    size_t n = strlen(prefix);
    for (size_t i = 0; i < kc->options.count; i++) {
        struct kconfig_option *o = &kc->options.items[i];
        if (!strncmp(o->key, prefix, n) && o->boolean) {
            free(o->value);
            o->value = xstrdup(KV_FALSE);
        }
    }
    char *key = macro_name(prefix, name);
    set(kc, key, KV_TRUE, KC_BOARD);
    free(key);
}

static void set_number(struct kconfig *kc, const char *key, unsigned long long v)
{
    char buf[32];
    snprintf(buf, sizeof(buf), "%llu", v);
    set(kc, key, buf, KC_BOARD);
}

/* RISC-V: platform, timer and address space; the PLIC and the harts are the kernel's. */
static void apply_board_riscv(struct kconfig *kc, const struct board *b)
{
    select_one(kc, "PLAT_", b->kernel_platform);
    set(kc, "PLAT", b->kernel_platform, KC_BOARD);
    set_number(kc, "TIMER_FREQUENCY", b->timer_frequency);
    set_number(kc, "PADDR_USER_DEVICE_TOP", 1ull << b->pa_bits);
    for (size_t i = 0; i < b->kernel_options.count; i++) {
        const struct kernel_option *o = &b->kernel_options.items[i];
        set(kc, o->key, o->value, KC_BOARD);
    }
}

/* What the board's facts say about the kernel it runs. */
static void apply_board(struct kconfig *kc, const struct board *b)
{
    if (b->arch == BOARD_ARCH_RISCV64) {
        apply_board_riscv(kc, b);
        return;
    }
    const char *cpu = b->cpu && !strncmp(b->cpu, "cortex-", 7) ? b->cpu + 7 : b->cpu;
    select_one(kc, "PLAT_", b->kernel_platform);
    set(kc, "PLAT", b->kernel_platform, KC_BOARD);
    set(kc, "ARM_PLAT", b->kernel_platform, KC_BOARD);
    if (cpu) {
        select_one(kc, "ARM_CORTEX_", cpu);
    }
    set_number(kc, "TIMER_FREQUENCY", b->timer_frequency);
    set(kc, "ARM_GIC_V3_SUPPORT", b->gic_version == 3 ? KV_TRUE : KV_FALSE, KC_BOARD);
    set(kc, "ARM_PA_SIZE_BITS_40", b->pa_bits == 40 ? KV_TRUE : KV_FALSE, KC_BOARD);
    set(kc, "ARM_PA_SIZE_BITS_44", b->pa_bits == 44 ? KV_TRUE : KV_FALSE, KC_BOARD);
    set_number(kc, "PADDR_USER_DEVICE_TOP", 1ull << b->pa_bits);
    for (size_t i = 0; i < b->kernel_options.count; i++) {
        const struct kernel_option *o = &b->kernel_options.items[i];
        set(kc, o->key, o->value, KC_BOARD);
    }
}

/*
 * The host board stands for AArch64 (so Makefiles that pick their toolchain
 * from CONFIG_SEL4_ARCH take their AArch64 branch) without AArch64 hardware:
 * no architecture, platform or CPU macro is defined, so driver code that
 * tests them for inline assembly takes its portable path.
 */
static void apply_host(struct kconfig *kc)
{
    static const char *const prefixes[] = {"ARCH_", "PLAT_", "ARM_CORTEX_", "EXPORT_", NULL};
    for (size_t i = 0; i < kc->options.count; i++) {
        struct kconfig_option *o = &kc->options.items[i];
        for (size_t p = 0; prefixes[p]; p++) {
            if (o->boolean && !strncmp(o->key, prefixes[p], strlen(prefixes[p]))) {
                free(o->value);
                o->value = xstrdup(KV_FALSE);
            }
        }
    }
    set(kc, "AARCH64_USER_CACHE_ENABLE", KV_FALSE, KC_BOARD);
    set(kc, "PLAT", "host", KC_BOARD);
    set(kc, "ARM_PLAT", "host", KC_BOARD);
    set(kc, "PLAT_MICROKIT_HOST", KV_TRUE, KC_BOARD);
}

/*
 * Microkit's smp- configurations: KernelMaxNumNodes = the board's cores and
 * one domain (seL4 has no domain scheduler on several cores), which also
 * leaves the kernel its smallest domain schedule.
 */
static void apply_smp(struct kconfig *kc, const struct board *b)
{
    set_number(kc, "MAX_NUM_NODES", b && b->num_cpus ? b->num_cpus : 1);
    set(kc, "ENABLE_SMP_SUPPORT", KV_TRUE, KC_ABI);
    set(kc, "NUM_DOMAINS", "1", KC_ABI);
    set(kc, "NUM_DOMAIN_SCHEDULES", "2", KC_ABI);
}

void kconfig_kernel(const struct board *b, const char *config, struct kconfig *kc)
{
    memset(kc, 0, sizeof(*kc));
    int ci = config_index(config);
    if (b && b->arch == BOARD_ARCH_RISCV64) {
        load_rows(kc, riscv64_rows, sizeof(riscv64_rows) / sizeof(riscv64_rows[0]),
                  ci < 0 ? 0 : ci);
    } else {
        load_rows(kc, kernel_rows, sizeof(kernel_rows) / sizeof(kernel_rows[0]), ci < 0 ? 0 : ci);
    }
    if (b && !b->host) {
        apply_board(kc, b);
    } else {
        apply_host(kc);
    }
    if (kconfig_config_smp(config)) {
        apply_smp(kc, b);
    }
}

void kconfig_libsel4(const char *config, struct kconfig *kc)
{
    memset(kc, 0, sizeof(*kc));
    int ci = config_index(config);
    load_rows(kc, libsel4_rows, sizeof(libsel4_rows) / sizeof(libsel4_rows[0]), ci < 0 ? 0 : ci);
}

void kconfig_free(struct kconfig *kc)
{
    for (size_t i = 0; i < kc->options.count; i++) {
        free(kc->options.items[i].key);
        free(kc->options.items[i].value);
    }
    free(kc->options.items);
    memset(kc, 0, sizeof(*kc));
}

void kconfig_write_header(const struct kconfig *kc, FILE *out)
{
    fputs("#pragma once\n\n", out);
    for (size_t i = 0; i < kc->options.count; i++) {
        const struct kconfig_option *o = &kc->options.items[i];
        if (o->boolean && !strcmp(o->value, KV_FALSE)) {
            fprintf(out, "/* disabled: CONFIG_%s */\n", o->key);
        } else if (o->boolean) {
            fprintf(out, "#define CONFIG_%s  1\n", o->key);
        } else {
            fprintf(out, "#define CONFIG_%s  %s\n", o->key, o->value[0] ? o->value : "/* empty */");
        }
    }
}

void kconfig_write_json(const struct kconfig *kc, FILE *out)
{
    fputs("{\n", out);
    for (size_t i = 0; i < kc->options.count; i++) {
        const struct kconfig_option *o = &kc->options.items[i];
        const char *sep = i + 1 < kc->options.count ? "," : "";
        fputs("    ", out);
        json_write_string(out, o->key);
        fputs(": ", out);
        if (o->boolean) {
            fputs(o->value, out);
        } else {
            json_write_string(out, o->value);
        }
        fprintf(out, "%s\n", sep);
    }
    fputs("}\n", out);
}
