#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# path_for_symbols and a region sized from its prefill file in the build
# command for the target (symbols/symbols.system on tests/elf's pd.elf):
# a stripped copy patched through pd.elf builds; through another program it
# is program-symbols-mismatch, through a missing file program-image-missing,
# stripped alone elf-patch; an empty prefill file is prefill-empty. Nothing
# is written after an error.
#
#   symbols_cli.sh MICROKIT SDK TEST_KERNEL ELF_DIR SRC_DIR WORK_DIR
set -eu
. "$(dirname "$0")/../lib/target.sh"
microkit=$1 sdk=$2 kernel=$3 elfdir=$4 src=$5 work=$6
strip=${MICROKIT_CROSS_PREFIX:-aarch64-linux-gnu-}strip
need_target "$microkit" "$kernel" "$elfdir/pd.elf" "$elfdir/bad/entry0.elf" \
    "$sdk/board/qemu_virt_aarch64/debug/elf/monitor.elf"
if ! command -v "$strip" >/dev/null 2>&1; then
    echo "SKIPPED: $strip not found"
    exit 77
fi

rm -rf "$work"
mkdir -p "$work/elf"
test_kernel_dir "$kernel" "$work"
cp "$elfdir/pd.elf" "$elfdir/bad/entry0.elf" "$work/elf/"
"$strip" -o "$work/elf/pd.stripped.elf" "$work/elf/pd.elf"
printf 'prefill data\n' >"$work/elf/data.bin"
cd "$work"
fails=0

# build NAME STATUS SED: symbols.system edited by SED, built; output in NAME.out
build() {
    sed "$3" "$src/symbols/symbols.system" >"$1.system"
    set +e
    MICROKIT_SDK=$sdk "$microkit" "$1.system" --board qemu_virt_aarch64 --config debug \
        --kernel "$work/kernel" --search-path "$work/elf" -o "$1.img" -r "$1.txt" >"$1.out" 2>&1
    status=$?
    set -e
    if [ $status -ne "$2" ]; then
        echo "FAIL: $1: exit status $status, expected $2"; sed 's/^/    /' "$1.out"
        fails=$((fails + 1))
    fi
    if [ "$2" -ne 0 ] && { [ -e "$1.img" ] || [ -e "$1.txt" ]; }; then
        echo "FAIL: $1: an output was written"; fails=$((fails + 1))
    fi
}

# expect NAME TEXT: NAME.out has a line containing TEXT
expect() {
    if ! grep -qF -- "$2" "$1.out"; then
        echo "FAIL: $1: expected '$2' in:"; sed 's/^/    /' "$1.out"
        fails=$((fails + 1))
    fi
}

build ok 0 's/x/x/'
# 13 bytes of prefill: one 4 KiB page.
grep -q "^  blob  *4 KiB  *1 x 4 KiB pages" ok.txt || {
    echo "FAIL: ok: region 'blob' is not one 4 KiB page in the report"; fails=$((fails + 1)); }

build mismatch 1 's/path_for_symbols="pd.elf"/path_for_symbols="entry0.elf"/'
expect mismatch "mismatch.system:8:9: error: program image for symbols '$work/elf/entry0.elf' does not match program image '$work/elf/pd.stripped.elf' of PD 'p': their entry points differ [program-symbols-mismatch]"

build missing 1 's/path_for_symbols="pd.elf"/path_for_symbols="nowhere.elf"/'
expect missing "missing.system:8:9: error: unable to find program image for symbols 'nowhere.elf' [program-image-missing]"

build alone 1 's/ path_for_symbols="pd.elf"//'
expect alone "cannot patch symbol 'microkit_name' in program image '$work/elf/pd.stripped.elf' of PD 'p': there is no such symbol [elf-patch]"

: >"$work/elf/empty.bin"
build empty 1 's/data.bin/empty.bin/'
expect empty "empty.system:6:5: error: prefill file '$work/elf/empty.bin' of memory region 'blob' is empty [prefill-empty]"

[ $fails -eq 0 ] && echo "symbols_cli: all passed"
[ $fails -eq 0 ]
