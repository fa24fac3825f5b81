#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# spin_same.sh MICROKIT SYSTEM SEARCH_DIR RUNS [ARGS...]
# Runs SYSTEM once in the default mode and RUNS times with --spin; every
# --spin run must succeed with the whole output (the monitor's lines too)
# byte for byte that of the default run: spinning changes how a PD process
# waits for the CPU, never which PD runs (docs/simulator.md).
set -u
microkit=$1 system=$2 dir=$3 runs=$4
shift 4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
run() {
    "$microkit" run "$system" --board host --search-path "$dir" "$@" </dev/null >"$tmp/out" 2>"$tmp/err" ||
        { echo "microkit run $* failed"; cat "$tmp/err" "$tmp/out"; exit 1; }
}
run "$@"
cp "$tmp/out" "$tmp/default"
i=1
while [ "$i" -le "$runs" ]; do
    run --spin "$@"
    if ! cmp -s "$tmp/default" "$tmp/out"; then
        echo "--spin run $i: output differs from the default mode's"
        diff -u "$tmp/default" "$tmp/out"
        exit 1
    fi
    i=$((i + 1))
done
echo "$runs --spin runs, output identical to the default mode's"
