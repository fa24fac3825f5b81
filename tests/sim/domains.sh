#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# domains.sh MICROKIT SRC_DIR EXAMPLE_BUILD_DIR: the simulator's domain
# schedule. The domains example's program (two PDs that never block, each
# reporting when a slot of its domain begins) under tests/sim/domains.system:
# the schedule starts at start_index (blue first), counts ticks at 1 MHz,
# wraps at the end marker (never running entry 0), and the output alternates
# as expected; and fpu="false" is accepted with one warning per run.
set -u
microkit=$1 src=$2 dir=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! "$microkit" run "$src/domains.system" --board host --search-path "$dir" \
    > "$tmp/out" 2> "$tmp/err"; then
    echo "microkit run failed"; cat "$tmp/err" "$tmp/out"; exit 1
fi
grep -v '^MON|' "$tmp/out" > "$tmp/filtered" || true
diff -u "$src/domains.expected" "$tmp/filtered" || { echo "output differs"; exit 1; }
n=$(grep -c 'sim-fpu-not-enforced' "$tmp/err")
[ "$n" -eq 1 ] || { echo "expected one fpu warning, got $n:"; cat "$tmp/err"; exit 1; }
grep -q "fpu=\"false\" on PD 'red' (and 1 more) is not enforced" "$tmp/err" ||
    { echo "warning text:"; cat "$tmp/err"; exit 1; }
echo "ok"
