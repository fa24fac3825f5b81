#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# trace.sh MICROKIT SYSTEM SEARCH_DIR GOLDEN: `microkit run --trace` prints
# the same output, trace lines included, as GOLDEN, three runs in a row (the
# simulator is deterministic); --trace-json writes one JSON object per trace
# line; --trace=PD keeps only that PD's events. The pc of a fault (the first
# MR of fault events) depends on the host compiler: the golden has PC there.
set -u
microkit=$1 system=$2 dir=$3 golden=$4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for i in 1 2 3; do
    "$microkit" run "$system" --board host --search-path "$dir" --trace \
        --trace-json "$tmp/trace.json" >"$tmp/raw" 2>"$tmp/err"
    status=$?
    sed -E 's/^(trace: #[0-9]+ [^ ]+ fault(-in)? .*mr=)0x[0-9a-f]+/\1PC/' "$tmp/raw" >"$tmp/out"
    case $status in 0 | 8) ;; *) echo "run $i: exit status $status"; cat "$tmp/err"; exit 1 ;; esac
    if ! diff -u "$golden" "$tmp/out"; then
        echo "run $i: the trace differs from $golden"; exit 1
    fi
done
lines=$(grep -c '^trace: ' "$tmp/out")
json=$(grep -c '^{"t":[0-9]*,"pd":"[^"]*","op":"[a-z-]*","ch":-\{0,1\}[0-9]*,"peer":.*"mr":\[[0-9,]*\]}$' "$tmp/trace.json")
[ "$lines" -gt 0 ] && [ "$lines" -eq "$json" ] || { echo "$lines trace lines, $json JSON lines"; exit 1; }
# One PD: only lines of that PD remain.
pd=$(sed -n 's/^trace: #[0-9]* \([^ ]*\) .*/\1/p' "$golden" | head -1)
"$microkit" run "$system" --board host --search-path "$dir" --trace="$pd" >"$tmp/one" 2>/dev/null
if grep '^trace: ' "$tmp/one" | grep -v "^trace: #[0-9]* $pd "; then
    echo "--trace=$pd printed events of other PDs"; exit 1
fi
grep -q "^trace: #[0-9]* $pd " "$tmp/one" || { echo "--trace=$pd printed nothing"; exit 1; }
echo "ok: $lines events, as in $golden"
