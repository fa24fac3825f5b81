/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the boot-protocol test kernel is told to expect. mkimage_test puts
 * this struct in an SDK_REGION_TEST region at TEST_MANIFEST_PADDR (inside
 * the kernel window, so the test kernel reads it through the loader's
 * mapping); the test kernel compares it with what it was handed.
 */
#ifndef BOOT_TEST_MANIFEST_H
#define BOOT_TEST_MANIFEST_H

#include <stdint.h>

#define TEST_MANIFEST_MAGIC         0x54534554544f4f42ull /* "BOOTTEST" */
#define TEST_MANIFEST_PADDR         0x62000000ull
#define TEST_MANIFEST_PADDR_RISCV64 0x82200000ull /* mkimage_test --riscv64 */
#define TEST_MAX_CHECKS             8

/* A region the test kernel re-checks at its load address. */
struct test_check {
    uint64_t paddr;
    uint64_t file_size; /* CRC32 over these bytes */
    uint64_t mem_size;  /* [file_size, mem_size) must be zero */
    uint32_t crc32;
    uint32_t kind;
};

struct test_manifest {
    uint64_t magic;
    uint64_t expected_el;  /* 2: hypervisor kernel, 1: EL1 kernel */
    uint64_t args[6];      /* x0..x5 as the kernel must receive them */
    uint64_t kernel_vbase; /* the window the loader must have mapped */
    uint64_t kernel_pbase;
    uint64_t kernel_vsize;
    uint64_t tcr_el2;   /* exact TCR_EL2 seL4 insists on (EL2 only) */
    uint64_t power_off; /* 1: PSCI SYSTEM_OFF by smc at the end; 0: wait forever */
    uint64_t num_checks;
    struct test_check checks[TEST_MAX_CHECKS];
};

#endif /* BOOT_TEST_MANIFEST_H */
