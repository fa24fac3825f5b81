#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# run_golden.sh check|update MICROKIT SDK SEED_DIR TEST_KERNEL GOLDEN WORK
#
# Builds GOLDEN/small.system for qemu_virt_aarch64 (debug) with every PD
# running SEED_DIR/seed.elf, the boot-protocol test kernel and its
# configuration from `microkit board-info`, and --viper-output WORK/viper
# (a folder that does not exist yet: the tool makes it). check: the folder
# must hold exactly the files of GOLDEN/expected, byte for byte (exit 1
# otherwise); update: copy them there. Exit 77 when a target part is missing.
set -eu
. "$(dirname "$0")/../lib/target.sh"
mode=$1 microkit=$2 sdk=$3 seed=$4 kernel=$5 golden=$6 work=$7
need_target "$microkit" "$kernel" "$seed/seed.elf" "$sdk/board/qemu_virt_aarch64/debug/elf/monitor.elf" \
    "$sdk/board/qemu_virt_aarch64/debug/elf/loader.elf"
rm -rf "$work"
test_kernel_dir "$kernel" "$work"
cp "$golden/small.system" "$work/"
cd "$work"
# The SDF path as given is in each file's first line: keep it relative.
MICROKIT_SDK=$sdk "$microkit" small.system --board qemu_virt_aarch64 --config debug \
    --search-path "$seed" --kernel kernel -o loader.img -r report.txt --viper-output viper/out
if [ "$mode" = update ]; then
    rm -rf "$golden/expected"
    cp -r viper/out "$golden/expected"
    echo "updated $golden/expected"
    exit 0
fi
if ! diff -ru "$golden/expected" viper/out; then
    echo "FAIL: the viper files differ from $golden/expected (update: run_golden.sh update ...)"
    exit 1
fi
echo "PASS: $(ls viper/out | wc -l) viper files as expected"
