#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# The monitor's utilisation report (microkit build --profile, docs/profiling.md)
# on a real seL4 benchmark kernel under QEMU:
#
#   run_profile.sh WORK_DIR
#
# builds this folder's system (busy computes, then notifies idle) with the SDK
# in $MICROKIT_SDK, --config benchmark, --profile and the kernel build in
# $MICROKIT_TEST_KERNEL_DIR_BENCHMARK (KernelBenchmarks=track_utilisation),
# boots it until the report's last line (PROF|monitor:) and checks that
# every line is there and 'busy' has most of the cycles. Exit status 0
# passed, 1 failed, 77 skipped (no such kernel, SDK configuration or QEMU).
set -u
SKIP=77
here=$(cd "$(dirname "$0")" && pwd)
work=${1:?usage: run_profile.sh WORK_DIR}
kdir=${MICROKIT_TEST_KERNEL_DIR_BENCHMARK:-}
board=qemu_virt_aarch64
if [ -z "$kdir" ]; then
    echo "MICROKIT_TEST_KERNEL_DIR_BENCHMARK not set: no seL4 benchmark kernel to boot"
    exit $SKIP
fi
json=$kdir/gen_config/kernel/gen_config.json
[ -f "$json" ] || json=$kdir/include/kernel/gen_config.json
if ! grep -Eq '"BENCHMARK_TRACK_UTILISATION": *true' "$json" 2> /dev/null; then
    echo "kernel in '$kdir' was not built with KernelBenchmarks=track_utilisation"
    exit $SKIP
fi
: "${MICROKIT_SDK:?MICROKIT_SDK must name the SDK}"
if [ ! -d "$MICROKIT_SDK/board/$board/benchmark" ]; then
    echo "the SDK in '$MICROKIT_SDK' has no $board benchmark configuration: add benchmark to MICROKIT_CONFIGS"
    exit $SKIP
fi
for tool in qemu-system-aarch64 aarch64-linux-gnu-gcc; do
    if ! command -v $tool > /dev/null 2>&1; then
        echo "$tool not found"
        exit $SKIP
    fi
done
rm -rf "$work"
mkdir -p "$work"
make -s -C "$here" MICROKIT_SDK="$MICROKIT_SDK" MICROKIT_BOARD=$board MICROKIT_CONFIG=benchmark \
    BUILD_DIR="$work" MICROKIT_FLAGS="--kernel $kdir --profile" all || exit 1
info=$("$MICROKIT_SDK/bin/microkit" board-info $board) || exit 1
qemu_args=$(echo "$info" | sed -n 's/^qemu  *//p')
addr=$(echo "$info" | sed -n 's/^loader address  *//p')
log=$work/console.txt
# shellcheck disable=SC2086 # the board's arguments are words
qemu-system-aarch64 $qemu_args -device loader,file="$work/loader.img",addr="$addr",cpu-num=0 \
    < /dev/null > "$log" 2>&1 &
pid=$!
guard=${MICROKIT_TEST_HANG_GUARD:-300}
start=$(date +%s)
while kill -0 $pid 2> /dev/null && ! grep -q '^PROF|monitor:' "$log" &&
    [ $(($(date +%s) - start)) -lt "$guard" ]; do
    sleep 0.5
done
kill $pid 2> /dev/null
wait $pid 2> /dev/null
tr -d '\r' < "$log" | grep '^PROF|'
status=0
check() {
    if ! tr -d '\r' < "$log" | grep -Eq "$1"; then
        echo "missing: $1" >&2
        status=1
    fi
}
check '^PROF\|the system is idle: per-PD utilisation since the PDs started$'
check '^PROF\|total: [0-9]+ cycles$'
check '^PROF\|pd busy: [0-9]+ cycles \((9[0-9]|100)\.[0-9]%\), [0-9]+ times scheduled$'
check '^PROF\|pd idle: [0-9]+ cycles \([0-9]\.[0-9]%\), [0-9]+ times scheduled$'
check '^PROF\|monitor: [0-9]+ cycles \([0-9]+\.[0-9]%\)$'
[ $status -eq 0 ] && echo "utilisation report as expected"
exit $status
