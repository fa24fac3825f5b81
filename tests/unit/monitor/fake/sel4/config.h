/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The configuration the monitor's host tests build with: the debug config
 * (kernel printing, HardwareDebugAPI labels and TCB size), as
 * cmake/target/config.h.in generates it for qemu_virt_aarch64.
 */
#ifndef SEL4_CONFIG_H
#define SEL4_CONFIG_H

#define CONFIG_KERNEL_MCS                    1
#define CONFIG_ARM_HYPERVISOR_SUPPORT        1
#define CONFIG_ALLOW_SMC_CALLS               1
#define CONFIG_ARM_PA_SIZE_BITS_40           1
#define CONFIG_WORD_SIZE                     64
#define CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS 230
#define CONFIG_ROOT_CNODE_SIZE_BITS          17
#define CONFIG_DEBUG_BUILD                   1
#define CONFIG_PRINTING                      1
#define CONFIG_HARDWARE_DEBUG_API            1

#define MICROKIT_BOARD  "qemu_virt_aarch64"
#define MICROKIT_CONFIG "debug"

#endif /* SEL4_CONFIG_H */
