/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Configuration for the host unit tests of the ABI layer. The debug build
 * of the tests defines TEST_CONFIG_DEBUG to get the debug kernel's options.
 */
#ifndef SEL4_CONFIG_H
#define SEL4_CONFIG_H

#define CONFIG_KERNEL_MCS 1
#ifdef TEST_CONFIG_RISCV64 /* the RISC-V 64 build of test_abi_riscv64.c */
#define CONFIG_ARCH_RISCV   1
#define CONFIG_ARCH_RISCV64 1
#else
#define CONFIG_ARM_HYPERVISOR_SUPPORT 1
#define CONFIG_ALLOW_SMC_CALLS        1
#define CONFIG_ARM_PA_SIZE_BITS_40    1
#endif
#define CONFIG_WORD_SIZE                     64
#define CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS 230
#define CONFIG_ROOT_CNODE_SIZE_BITS          17
#ifdef TEST_CONFIG_DEBUG
#define CONFIG_DEBUG_BUILD        1
#define CONFIG_PRINTING           1
#define CONFIG_HARDWARE_DEBUG_API 1
#endif

#endif /* SEL4_CONFIG_H */
