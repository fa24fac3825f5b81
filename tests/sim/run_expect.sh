#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# run_expect.sh MICROKIT SYSTEM SEARCH_DIR EXPECTED RUNS [ARGS...]
# Runs SYSTEM on the host simulator RUNS times. Each run must succeed, its
# output without the monitor's lines (MON|...) must equal EXPECTED, and every
# run's whole output must be identical to the first's (determinism).
set -u
microkit=$1 system=$2 dir=$3 expected=$4 runs=$5
shift 5
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
i=1
while [ "$i" -le "$runs" ]; do
    # Not a terminal on standard input: a system with the host board's UART
    # would read it and wait for input (docs/simulator.md, Device models).
    if ! "$microkit" run "$system" --board host --search-path "$dir" "$@" </dev/null >"$tmp/out" 2>"$tmp/err"; then
        echo "run $i: microkit run failed"; cat "$tmp/err"; cat "$tmp/out"; exit 1
    fi
    grep -v '^MON|' "$tmp/out" >"$tmp/filtered" || true
    if ! diff -u "$expected" "$tmp/filtered"; then
        echo "run $i: output differs from $expected"; exit 1
    fi
    if [ "$i" -eq 1 ]; then
        cp "$tmp/out" "$tmp/first"
    elif ! cmp -s "$tmp/first" "$tmp/out"; then
        echo "run $i: output differs from run 1"; diff -u "$tmp/first" "$tmp/out"; exit 1
    fi
    i=$((i + 1))
done
echo "$runs runs, identical output"
