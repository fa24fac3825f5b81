#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# Notification round trips, same core against across cores (bench/smp_ipc),
# on real seL4 under QEMU (-smp 4) and on the host simulator; prints what
# the timing PD prints. Never part of ctest, never asserted.
#
#   bench/run_smp_ipc.sh BUILD_DIR [SMP_KERNEL_DIR]
#
# BUILD_DIR is a build with the target parts for qemu_virt_aarch64 smp-debug
# and the host board (sdk/); SMP_KERNEL_DIR a seL4 smp-debug build (default
# /work/sel4-build/smp-debug). QEMU_TIMEOUT (default 300) bounds the boot.
# QEMU is TCG: its figures are the emulator's on this host (a cross-core
# wake-up is a host thread wake-up), not a real CPU's.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "$1" && pwd)
kernel=${2:-/work/sel4-build/smp-debug}
timeout=${QEMU_TIMEOUT:-300}
sdk=$build/sdk
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== seL4 (QEMU virt, -smp 4, $kernel)"
make -s -C "$here/smp_ipc" MICROKIT_SDK="$sdk" BUILD_DIR="$work/sel4" \
    MICROKIT_FLAGS="--kernel $kernel" all
timeout "$timeout" qemu-system-aarch64 -machine virt,virtualization=on -cpu cortex-a53 -m 2G \
    -nographic -smp 4 -device loader,file="$work/sel4/loader.img",addr=0x70000000,cpu-num=0 \
    > "$work/console.txt" 2>&1 &
qemu=$!
while kill -0 "$qemu" 2> /dev/null; do
    if [ "$(grep -c 'round trips$\|round trips.$' "$work/console.txt")" -ge 2 ]; then
        kill "$qemu"
        break
    fi
    sleep 1
done
wait "$qemu" 2> /dev/null || true
tr -d '\r' < "$work/console.txt" | grep '^smp_ipc:' || echo "(no result within ${timeout}s)"

echo "== simulator (microkit run, one virtual CPU)"
make -s -C "$here/smp_ipc" MICROKIT_SDK="$sdk" MICROKIT_BOARD=host BUILD_DIR="$work/host" elfs
"$sdk/bin/microkit" run "$here/smp_ipc/smp_ipc.system" --search-path "$work/host" | grep '^smp_ipc:'
