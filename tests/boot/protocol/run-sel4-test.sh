#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# The boot-protocol run on the real seL4 kernel named by
# MICROKIT_TEST_KERNEL_DIR, read when the test runs (as the example boot
# tests do), so one build can be tested with and without a kernel.
# Skips (exit SKIP) with the reason when there is no suitable kernel.
#
# usage: run-sel4-test.sh SKIP QEMU MACHINE MKIMAGE LOADER IMG
set -u
skip=$1
shift
k=${MICROKIT_TEST_KERNEL_DIR:-}
json=$k/gen_config/kernel/gen_config.json
if [ -z "$k" ] || [ ! -f "$k/kernel.elf" ] || [ ! -f "$json" ]; then
    echo "SKIPPED: no seL4 kernel build (set MICROKIT_TEST_KERNEL_DIR to a directory" \
        "with kernel.elf and gen_config/kernel/gen_config.json)"
    exit "$skip"
fi
if ! grep -Eq '"PRINTING": *true' "$json" || ! grep -Eq '"ARM_HYPERVISOR_SUPPORT": *true' "$json"; then
    echo "SKIPPED: the seL4 kernel in $k is not a debug (PRINTING) hypervisor build"
    exit "$skip"
fi
qemu=$1 machine=$2 mkimage=$3 loader=$4 img=$5
exec sh "$(dirname "$0")/run-boot-test.sh" "$qemu" "$machine" "$mkimage" "$loader" \
    "$k/kernel.elf" "$img" '"rootserver" at address 0x8000000040' \
    'LDR.ERROR|seL4 called fail' --no-dtb
