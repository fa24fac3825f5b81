#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# trace_overhead.sh MICROKIT SEARCH_DIR [RUNS]: the cost of the simulator's
# trace (docs/debugging.md) on IPC round trips. Runs the sim_ipc benchmark
# RUNS times (default 5) each way, interleaved, and prints the median of the
# runs' medians:
#   off      --no-flight: every hook is one test of two words, nothing recorded
#   flight   the default: each event goes into its PD's flight recorder
#   trace    --trace-json /dev/null: each event also goes through the console
#            ring and the runner writes a JSON line
set -u
microkit=$1 dir=$2 runs=${3:-5}
sys=$(dirname "$0")/sim_ipc.system
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
i=1
while [ "$i" -le "$runs" ]; do
    for mode in off flight trace; do
        case $mode in
        off) opt=--no-flight ;;
        flight) opt= ;;
        trace) opt="--trace-json /dev/null" ;;
        esac
        # shellcheck disable=SC2086
        "$microkit" run "$sys" --board host --search-path "$dir" $opt >"$tmp/out" 2>&1 ||
            { cat "$tmp/out"; exit 1; }
        awk -F'|' '/protected call round trip/ {print $3 > "'"$tmp/$mode.ppc"'"}
                   /notification ping-pong/ {print $3 > "'"$tmp/$mode.ntfn"'"}' "$tmp/out"
        cat "$tmp/$mode.ppc" >>"$tmp/$mode.ppc.all"
        cat "$tmp/$mode.ntfn" >>"$tmp/$mode.ntfn.all"
    done
    i=$((i + 1))
done
median() { sort -n "$1" | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
echo "| mode   | protected call round trip, median us | notification ping-pong, median us |"
echo "|--------|--------------------------------------|-----------------------------------|"
for mode in off flight trace; do
    printf '| %-6s | %36s | %33s |\n' "$mode" "$(median "$tmp/$mode.ppc.all")" \
        "$(median "$tmp/$mode.ntfn.all")"
done
