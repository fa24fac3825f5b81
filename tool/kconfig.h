/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The seL4 kernel configuration the SDK is built for: every option of the
 * kernel's gen_config.json (and of libsel4's), for one board and one
 * configuration. The SDK ships it as board/<b>/<c>/include/kernel/
 * gen_config.{h,json} and sel4/gen_config.{h,json}, so PD code sees the
 * CONFIG_* macros libsel4 would give it; the build checks a user's kernel
 * against the same set (kernel_check in kernel.h).
 */
#ifndef TOOL_KCONFIG_H
#define TOOL_KCONFIG_H

#include <stdbool.h>
#include <stdio.h>

#include "board.h"
#include "model.h"

/* How much a kernel that differs from the SDK in this option matters. */
enum kconfig_kind {
    KC_ABI,   /* PDs, the monitor or the tool depend on it: an error */
    KC_BOARD, /* derived from the board file: an error */
    KC_BUILD, /* compiler flags, printing details: a warning */
};

struct kconfig_option {
    char *key;   /* as gen_config.json names it, without CONFIG_ */
    char *value; /* "true", "false", or the recorded string */
    bool boolean;
    enum kconfig_kind kind;
};

struct kconfig {
    VEC(struct kconfig_option) options;
};

/*
 * The configurations the SDK knows, NULL-terminated: debug, release,
 * benchmark, and Microkit 2.1's multicore variants smp-debug, smp-release,
 * smp-benchmark (the same kernel with KernelMaxNumNodes = the board's cores
 * and KernelNumDomains = 1).
 */
extern const char *const kconfig_configs[];
bool kconfig_config_known(const char *config);
/* True for an smp- configuration. */
bool kconfig_config_smp(const char *config);

/*
 * The kernel options for board `b` and `config` (one of kconfig_configs):
 * the AArch64 table, the values the board's facts imply, then the board
 * file's <kernel> options, which win. `b` NULL gives the host board's set
 * (see docs/simulator.md: it stands for AArch64 without its hardware).
 */
void kconfig_kernel(const struct board *b, const char *config, struct kconfig *kc);
/* The libsel4 options (the same for every board). */
void kconfig_libsel4(const char *config, struct kconfig *kc);
void kconfig_free(struct kconfig *kc);

/* The option called `key`, or NULL. */
const struct kconfig_option *kconfig_get(const struct kconfig *kc, const char *key);

/* gen_config.h as seL4 writes it (two spaces between name and value). */
void kconfig_write_header(const struct kconfig *kc, FILE *out);
/* gen_config.json as seL4 writes it (booleans as JSON, the rest as strings). */
void kconfig_write_json(const struct kconfig *kc, FILE *out);

#endif /* TOOL_KCONFIG_H */
