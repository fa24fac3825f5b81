#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# run_faults.sh SRC_DIR WORK_DIR [BOARD KERNEL_VAR EXPECTED]
#
# Builds the `faults` system (SRC_DIR/faults.system) for BOARD
# (qemu_virt_aarch64; a RISC-V board boots with qemu-system-riscv64 -kernel) with the SDK in MICROKIT_SDK and the seL4 kernel in
# the folder the variable KERNEL_VAR (MICROKIT_TEST_KERNEL_DIR) names, boots it
# under QEMU until the monitor has reported all four faults, and checks the
# console against SRC_DIR/EXPECTED (expected.txt; one regular expression per
# line).
# Exits 77 (skipped) when no kernel, QEMU or cross compiler is available.
# MICROKIT_TEST_HANG_GUARD (seconds, default 600) stops a boot that hangs.
set -u
SKIP=77
src=$(cd "$1" && pwd)
work=$2
board_name=${3:-qemu_virt_aarch64}
var=${4:-MICROKIT_TEST_KERNEL_DIR}
expected=${5:-expected.txt}

skip() {
    echo "skipped: $*"
    exit $SKIP
}

kdir=$(eval "echo \"\${$var:-}\"")
[ -n "$kdir" ] || skip "$var not set: no seL4 kernel to boot"
json=$kdir/gen_config/kernel/gen_config.json
[ -f "$json" ] || skip "no gen_config.json in '$kdir'"
grep -Eq '"PRINTING": *true' "$json" || skip "kernel in '$kdir' does not print: not a debug build"
qemu=${QEMU:-qemu-system-aarch64}
tc=${TOOLCHAIN:-aarch64-linux-gnu-}
arch_flags="-mcpu=cortex-a53 -mstrict-align"
load="-device loader,file=$work/loader.img,addr=0x70000000,cpu-num=0"
# RISC-V: QEMU's OpenSBI enters the uImage QEMU loads with -kernel.
if grep -q 'arch="riscv64"' "$src/../../../../boards/$board_name.xml" 2> /dev/null; then
    qemu=${QEMU:-qemu-system-riscv64}
    tc=${TOOLCHAIN:-riscv64-linux-gnu-}
    arch_flags="-march=rv64imafdc_zicsr_zifencei -mabi=lp64d -mcmodel=medany"
    load="-kernel $work/loader.img"
fi
command -v "$qemu" > /dev/null 2>&1 || skip "$qemu not found"
command -v "${tc}gcc" > /dev/null 2>&1 || skip "${tc}gcc not found"
: "${MICROKIT_SDK:?MICROKIT_SDK must name the staged SDK}"
board=$MICROKIT_SDK/board/$board_name/debug
[ -f "$board/elf/monitor.elf" ] || skip "the SDK has no $board_name debug build"
qemu_args=$("$MICROKIT_SDK/bin/microkit" board-info "$board_name" | sed -n 's/^qemu  *//p')

rm -rf "$work"
mkdir -p "$work"
printf 'pinned prefill ok\n\0' > "$work/pinned.bin"
# The large page's text lies 1 MiB in, behind zeros that compress well.
head -c 1048576 /dev/zero > "$work/large.bin"
printf 'large prefill ok\n\0' >> "$work/large.bin"

set -e
"${tc}gcc" -std=gnu11 -O2 -g -ffreestanding -nostdlib -fno-pic -fno-stack-protector \
    -fno-omit-frame-pointer $arch_flags -I"$board/include" -c "$src/faults.c" -o "$work/faults.o"
"${tc}ld" -z max-page-size=0x1000 -o "$work/faults.elf" "$work/faults.o" -L"$board/lib" \
    -lmicrokit -Tmicrokit.ld
cp "$src/faults.system" "$work/"
"$MICROKIT_SDK/bin/microkit" "$work/faults.system" --search-path "$work" \
    --board "$board_name" --config debug --kernel "$kdir" \
    -o "$work/loader.img" -r "$work/report.txt"
set +e

log=$work/console.txt
: > "$log"
# shellcheck disable=SC2086 # the board's arguments and $load are words
"$qemu" $qemu_args $load \
    < /dev/null > "$log" 2> "$work/qemu.stderr" &
pid=$!
guard=${MICROKIT_TEST_HANG_GUARD:-600}
start=$(date +%s)
while kill -0 "$pid" 2> /dev/null; do
    # Each report ends with its register dump: four faults, four dumps.
    if [ "$(grep -c 'MON|ERROR:   registers:' "$log")" -ge 4 ]; then
        sleep 1
        break
    fi
    if [ $(($(date +%s) - start)) -ge "$guard" ]; then
        echo "hang guard: the faults were not all reported after ${guard}s" >&2
        break
    fi
    sleep 0.2
done
kill "$pid" 2> /dev/null
wait "$pid" 2> /dev/null

# Register rows are left out; backtrace frames ("    #N ...") too, unless the
# expected file lists them.
drop='^MON|ERROR:     '
grep -q '^MON\\|ERROR:     #' "$src/$expected" && drop='^MON|ERROR:     [^#]'
tr -d '\r' < "$log" | grep -E '^(MON\||pinned:|server:)' | grep -v "$drop" > "$work/got.txt"
grep -v '^#' "$src/$expected" > "$work/want.txt"
n_want=$(wc -l < "$work/want.txt")
n_got=$(wc -l < "$work/got.txt")
status=0
i=1
while [ "$i" -le "$n_want" ] || [ "$i" -le "$n_got" ]; do
    want=$(sed -n "${i}p" "$work/want.txt")
    got=$(sed -n "${i}p" "$work/got.txt")
    if ! printf '%s\n' "$got" | grep -Eqx -- "$want"; then
        echo "line $i: got      '$got'"
        echo "line $i: expected '$want'"
        status=1
    fi
    i=$((i + 1))
done
if [ $status -ne 0 ]; then
    echo "console differs from $src/$expected; full log: $log" >&2
    exit 1
fi
echo "console matches $src/$expected ($n_want lines)"
