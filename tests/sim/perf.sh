#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# perf.sh MICROKIT PDS_DIR: `microkit run --perf=busy` prints busy's flat
# profile (crunch() first with most of the samples, mix() next; busy.c), and
# -v the CPU-time table (busy with user time, idle with next to none).
# Skipped where perf cannot record (not installed, perf_event_paranoid);
# there the run must stop with the clear message and exit status 3.
set -u
microkit=$1 dir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$microkit" run "$dir/busy.system" --board host --search-path "$dir" --perf=busy -v \
    >"$tmp/out" 2>"$tmp/err"
status=$?
cat "$tmp/out" "$tmp/err"
if grep -q "perf cannot record here" "$tmp/err"; then
    [ $status -eq 3 ] || { echo "exit status $status, not 3"; exit 1; }
    echo "SKIPPED: perf cannot record on this machine"
    exit 77
fi
[ $status -eq 0 ] || { echo "exit status $status"; exit 1; }
grep -q "^perf: PD 'busy': top functions (% of samples):$" "$tmp/out" || { echo "no profile"; exit 1; }
first=$(grep '^perf:  ' "$tmp/out" | head -1)
case "$first" in
*" crunch") ;;
*) echo "crunch is not the top function: $first"; exit 1 ;;
esac
pct=$(echo "$first" | sed 's/^perf: *\([0-9]*\)\..*/\1/')
[ "$pct" -ge 50 ] || { echo "crunch has only $pct%"; exit 1; }
grep -q '^perf: .*%  mix$' "$tmp/out" || { echo "mix is missing"; exit 1; }
grep -q "^perf: PD 'idle'" "$tmp/out" && { echo "idle was profiled"; exit 1; }
grep -q '^microkit run: CPU time per PD process (seconds):$' "$tmp/err" || { echo "no CPU table"; exit 1; }
grep -Eq '^  busy +0\.[1-9][0-9]*|^  busy +[1-9]' "$tmp/err" || { echo "busy has no user time"; exit 1; }
grep -Eq '^  idle +0\.0[0-9]* ' "$tmp/err" || { echo "idle has user time"; exit 1; }
echo ok
