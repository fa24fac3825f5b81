/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The one generator of random systems for the tests that check a property
 * on many SDFs (tests/sim/caps_equal.c, tests/viper/viper_spec.c,
 * tests/reports/audit_spec.c). Each test switches on the features its
 * subject handles.
 *
 * Every system has 1..7 PDs p0..p6 with random priorities (10..209), some
 * passive, some children of p0 (ids 50 + p); regions m (12 KiB), m0, code
 * (4 KiB each) and big (2 MiB, 2 MiB pages); p0 maps m0 and m, others map m
 * at times; 0..11 channels between distinct PDs, ids c at the first end and
 * 20 + c at the second, pp only towards a higher priority; irqs numbered
 * 40 + 3p + i. Every PD's program image is "x.elf".
 */
#ifndef TESTS_SYSGEN_H
#define TESTS_SYSGEN_H

#include <stdbool.h>
#include <stddef.h>

struct sysgen_opts {
    bool cspace;     /* Microkit 2.3 <cspace> caps of random PDs on some PDs */
    bool smc;        /* smc="true" on some PDs */
    bool vm;         /* a virtual machine with one or two vCPUs on some root PDs */
    bool notify_off; /* channel ends with notify="false" */
    bool irqs;       /* up to two irqs per PD (otherwise at most one) */
    bool maps;       /* more maps: m twice, code rx, big with 2 MiB pages */
};

/* The SDF text of system `seed` (malloc'd), its length in *len. */
char *sysgen_generate(unsigned seed, const struct sysgen_opts *o, size_t *len);

#endif /* TESTS_SYSGEN_H */
