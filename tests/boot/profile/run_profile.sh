#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# The monitor's profile (microkit build --profile, docs/profiling.md): per-PD
# utilisation and per-PD, per-function samples, on a real seL4 benchmark
# kernel under QEMU:
#
#   run_profile.sh WORK_DIR
#
# builds this folder's system (busy computes, about 3:1 in crunch() and mix(),
# then notifies idle, which computes a quarter as much in tally() at a lower
# priority) with the SDK in $MICROKIT_SDK, --config benchmark,
# --profile and the kernel build in $MICROKIT_TEST_KERNEL_DIR_BENCHMARK
# (KernelBenchmarks=track_utilisation), boots it until the report's last
# line (PROF|end of profile) and checks that every line is there, 'busy' has
# most of the cycles and of the samples, crunch() comes first among its
# functions with more samples than mix(), and idle's samples are its own
# (tally() first): busy, of a higher priority, ran in the same intervals
# but waited in a system call. Exit status 0 passed, 1 failed, 77
# skipped (no such kernel, SDK configuration or QEMU).
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
while kill -0 $pid 2> /dev/null && ! grep -q '^PROF|end of profile' "$log" &&
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
check '^PROF\|pd busy: [0-9]+ cycles \([5-9][0-9]\.[0-9]%\), [0-9]+ times scheduled$'
check '^PROF\|pd idle: [0-9]+ cycles \([0-9]+\.[0-9]%\), [0-9]+ times scheduled$'
check '^PROF\|monitor: [0-9]+ cycles \([0-9]+\.[0-9]%\)$'
check '^PROF\|samples: [0-9]+, one every 1000 us; idle [0-9]+, unattributed [0-9]+$'
check '^PROF\|pd busy: [0-9]+ samples \([5-9][0-9]\.[0-9]%\)$'
check '^PROF\|pd idle: [0-9]+ samples \([0-9]+\.[0-9]%\)$'
check '^PROF\|end of profile$'
# busy's function lines: the first one after its samples line is crunch,
# with more samples than mix, and busy has enough samples to tell.
fns=$(tr -d '\r' < "$log" | sed -n '/^PROF|pd busy: [0-9]* samples/,/^PROF|pd idle/p')
busy=$(echo "$fns" | sed -n 's/^PROF|pd busy: \([0-9]*\) samples.*/\1/p')
first=$(echo "$fns" | sed -n '2s/^PROF|    \([^ ]*\) .*/\1/p')
crunch=$(echo "$fns" | sed -n 's/^PROF|    crunch \([0-9]*\) .*/\1/p')
mix=$(echo "$fns" | sed -n 's/^PROF|    mix \([0-9]*\) .*/\1/p')
if [ "${busy:-0}" -lt 50 ] || [ "$first" != crunch ] || [ -z "$mix" ] ||
    [ "${crunch:-0}" -le "$mix" ]; then
    echo "busy's samples: expected at least 50, crunch first and above mix; got $busy, first '$first', crunch ${crunch:-none}, mix ${mix:-none}" >&2
    status=1
fi
# idle's: tally first, and at least a tenth of busy's samples.
fns=$(tr -d '\r' < "$log" | sed -n '/^PROF|pd idle: [0-9]* samples/,/^PROF|end/p')
idle=$(echo "$fns" | sed -n 's/^PROF|pd idle: \([0-9]*\) samples.*/\1/p')
first=$(echo "$fns" | sed -n '2s/^PROF|    \([^ ]*\) .*/\1/p')
if [ "${idle:-0}" -lt $((${busy:-0} / 10)) ] || [ "$first" != tally ]; then
    echo "idle's samples: expected at least a tenth of busy's ($busy), tally first; got ${idle:-none}, first '$first'" >&2
    status=1
fi
[ $status -eq 0 ] && echo "profile as expected"
exit $status
