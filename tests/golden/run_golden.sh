#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Golden outputs of `microkit` (build report and `microkit dump-image`) for
# one example, built against the boot-protocol test kernel with a
# gen_config.json generated here by `microkit board-info --format
# gen-config-json` (the configuration the SDK is built for), so no real seL4
# kernel is needed.
#
#   run_golden.sh check|update MICROKIT SDK EXAMPLE_DIR ELF_DIR TEST_KERNEL GOLDEN_DIR WORK_DIR
#
# check: build, then compare with GOLDEN_DIR/{report.txt,image.txt} (exit 1 on
# any difference); update: write them. Exit 77 (skipped) when an input is missing.
set -eu
. "$(dirname "$0")/../lib/target.sh"
mode=$1 microkit=$2 sdk=$3 example=$4 elfdir=$5 kernel=$6 golden=$7 work=$8
name=$(basename "$example")

need_target "$microkit" "$kernel" "$sdk/board/qemu_virt_aarch64/debug/elf/monitor.elf" \
    "$sdk/board/qemu_virt_aarch64/debug/elf/loader.elf"
if ! ls "$elfdir"/*.elf >/dev/null 2>&1; then
    echo "SKIPPED: no PD ELFs in '$elfdir' (the examples are built with -DMICROKIT_TARGET=ON)"
    exit 77
fi

rm -rf "$work"
test_kernel_dir "$kernel" "$work"

cd "$work"
MICROKIT_SDK=$sdk "$microkit" "$example/$name.system" --board qemu_virt_aarch64 --config debug \
    --search-path "$elfdir" "$example" --kernel "$work/kernel" -o loader.img -r report.txt
MICROKIT_SDK=$sdk "$microkit" dump-image loader.img >image.txt

if [ "$mode" = update ]; then
    mkdir -p "$golden"
    cp report.txt image.txt "$golden/"
    echo "updated $golden"
    exit 0
fi
status=0
for f in report.txt image.txt; do
    if ! diff -u "$golden/$f" "$f"; then
        echo "FAIL: $name/$f differs from the golden copy (regenerate: see tests/golden/README.md)"
        status=1
    fi
done
[ $status -eq 0 ] && echo "PASS: $name"
exit $status
