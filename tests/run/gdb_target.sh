#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# gdb_target.sh MICROKIT SDK WORK: `microkit gdb` on real seL4 under QEMU.
# Builds example/pingpong for qemu_virt_aarch64 with the kernel in
# MICROKIT_TEST_KERNEL_DIR, then drives GDB in batch mode: `pd-break
# notified` with --pd ping stops in ping's notified() (rounds 0, then 1 on
# the next hit), and `pd-break microkit_dbg_puts` (a function both PDs run,
# at different addresses) stops first in ping although pong prints first.
# Skipped without a kernel, QEMU, the cross compiler or gdb-multiarch.
set -u
microkit=$1 sdk=$2 work=$3
src=$(cd "$(dirname "$0")/../.." && pwd)
skip() { echo "SKIPPED: $*"; exit 77; }
kdir=${MICROKIT_TEST_KERNEL_DIR:-}
[ -n "$kdir" ] && [ -f "$kdir/kernel.elf" ] || skip "MICROKIT_TEST_KERNEL_DIR names no seL4 kernel build"
command -v qemu-system-aarch64 >/dev/null || skip "no qemu-system-aarch64"
command -v aarch64-linux-gnu-gcc >/dev/null || skip "no aarch64-linux-gnu-gcc"
command -v "${MICROKIT_GDB:-gdb-multiarch}" >/dev/null || skip "no gdb-multiarch (Debian: gdb-multiarch)"
[ -f "$sdk/board/qemu_virt_aarch64/debug/elf/monitor.elf" ] || skip "the SDK has no qemu_virt_aarch64 debug build"
rm -rf "$work"
mkdir -p "$work"
make -s -C "$src/example/pingpong" MICROKIT_SDK="$sdk" MICROKIT_BOARD=qemu_virt_aarch64 \
    BUILD_DIR="$work" MICROKIT_FLAGS="--kernel $kdir" >"$work/make.log" 2>&1 ||
    { cat "$work/make.log"; exit 1; }
gdb_run() { # $1: output file, then GDB arguments
    out=$1
    shift
    timeout 300 "$microkit" gdb "$work/loader.img" --system "$src/example/pingpong/pingpong.system" \
        --search-path "$work" --kernel "$kdir" --pd ping -- -batch "$@" >"$out" 2>&1
}
gdb_run "$work/notified.txt" -ex 'pd-break notified' -ex continue -ex 'print rounds' \
    -ex continue -ex 'print rounds'
cat "$work/notified.txt"
grep -q '^Breakpoint 1, notified (ch=.*) at .*ping\.c:' "$work/notified.txt" || { echo "no stop in notified"; exit 1; }
grep -q '^\$1 = 0$' "$work/notified.txt" && grep -q '^\$2 = 1$' "$work/notified.txt" ||
    { echo "rounds not 0 then 1"; exit 1; }
gdb_run "$work/puts.txt" -ex 'pd-break microkit_dbg_puts' -ex continue -ex 'print microkit_name' \
    -ex 'print s'
cat "$work/puts.txt"
grep -q '^pong: init' "$work/puts.txt" || { echo "pong did not print before the stop"; exit 1; }
grep -q '^\$1 = "ping"' "$work/puts.txt" && grep -q '^\$2 = .* "ping: init\\n"$' "$work/puts.txt" ||
    { echo "did not stop in ping's first microkit_dbg_puts"; exit 1; }
echo ok
