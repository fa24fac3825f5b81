#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# run_unordered.sh MICROKIT SYSTEM SEARCH_DIR EXPECTED RUNS [ARGS...]
# Like run_expect.sh, but compares the lines regardless of their order: for
# PDs of equal priority that never block, the simulator slices time by the
# host's clock, so which one prints first depends on the host's load. What
# must hold is that every expected line appears (each PD got the CPU).
set -u
microkit=$1 system=$2 dir=$3 expected=$4 runs=$5
shift 5
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sort "$expected" >"$tmp/want"
i=1
while [ "$i" -le "$runs" ]; do
    if ! "$microkit" run "$system" --board host --search-path "$dir" "$@" >"$tmp/out" 2>"$tmp/err"; then
        echo "run $i: microkit run failed"; cat "$tmp/err"; cat "$tmp/out"; exit 1
    fi
    grep -v '^MON|' "$tmp/out" | sort >"$tmp/got" || true
    if ! diff -u "$tmp/want" "$tmp/got"; then
        echo "run $i: lines differ from $expected (order ignored)"; exit 1
    fi
    i=$((i + 1))
done
echo "$runs runs, same lines"
