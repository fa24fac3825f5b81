#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# The HTML view of a build (`microkit SYSTEM ... --view FILE`) for one
# example, built against the boot-protocol test kernel as tests/golden
# does, then checked by check_view.py (MODE static or chromium):
#
#   run_built.sh MODE PYTHON MICROKIT SDK EXAMPLE_DIR ELF_DIR TEST_KERNEL WORK_DIR [CHROMIUM]
#
# Exit 77 (skipped) without the target parts, or (chromium) without Chromium.
set -eu
. "$(dirname "$0")/../lib/target.sh"
mode=$1 python=$2 microkit=$3 sdk=$4 example=$5 elfdir=$6 kernel=$7 work=$8
browser=${9:-chromium}
name=$(basename "$example")

need_target "$microkit" "$kernel" "$sdk/board/qemu_virt_aarch64/debug/elf/monitor.elf" \
    "$sdk/board/qemu_virt_aarch64/debug/elf/loader.elf"
if ! ls "$elfdir"/*.elf >/dev/null 2>&1; then
    echo "SKIPPED: no PD ELFs in '$elfdir' (the examples are built with -DMICROKIT_TARGET=ON)"
    exit 77
fi
rm -rf "$work"
test_kernel_dir "$kernel" "$work"
MICROKIT_SDK=$sdk "$microkit" "$example/$name.system" --board qemu_virt_aarch64 --config debug \
    --search-path "$elfdir" "$example" --kernel "$work/kernel" -o "$work/loader.img" \
    --view "$work/$name.html"
exec "$python" "$(dirname "$0")/check_view.py" "$mode" - "$example/$name.system" "$work" "$browser"
