#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# no_leak.sh MICROKIT PDS_DIR: after a run ends by --timeout, by SIGINT, and
# when the runner itself is killed (SIGKILL), no PD process is left, so no
# memfd (shared memory exists only while a process maps or holds it); nor
# is a process a PD started, even after the runner was killed.
set -u
microkit=$1 dir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

pids_of() {
    sed -n "s/^microkit run: PD '.*' is process \([0-9]*\)$/\1/p" "$1"
}

check_gone() {
    for p in $(pids_of "$tmp/err"); do
        i=0
        while kill -0 "$p" 2>/dev/null && [ "$i" -lt 50 ]; do
            sleep 0.1; i=$((i + 1))
        done
        if kill -0 "$p" 2>/dev/null; then
            echo "$1: PD process $p is still running"; exit 1
        fi
    done
    [ -n "$(pids_of "$tmp/err")" ] || { echo "$1: no PD processes seen"; exit 1; }
}

start() {
    # Emptied here, before the background job opens them: otherwise the wait
    # below can see the previous run's "spin: start" and kill too early.
    : >"$tmp/out"
    : >"$tmp/err"
    "$microkit" run "$dir/spin.system" --board host --search-path "$dir" -v "$@" \
        >"$tmp/out" 2>"$tmp/err" &
    runner=$!
    i=0
    while ! grep -q "spin: start" "$tmp/out" && [ "$i" -lt 100 ]; do
        sleep 0.1; i=$((i + 1))
    done
}

"$microkit" run "$dir/spin.system" --board host --search-path "$dir" -v --timeout 0.5 \
    >"$tmp/out" 2>"$tmp/err"
check_gone "timeout"

start
kill -INT "$runner"; wait "$runner"
[ $? -eq 130 ] || { echo "SIGINT: exit status is not 130"; exit 1; }
check_gone "SIGINT"

start
kill -KILL "$runner"; wait "$runner"
check_gone "runner killed"

: >"$tmp/out"
"$microkit" run "$dir/forker.system" --board host --search-path "$dir" >"$tmp/out" 2>&1 &
runner=$!
i=0
while ! grep -q "forker: start" "$tmp/out" && [ "$i" -lt 100 ]; do
    sleep 0.1; i=$((i + 1))
done
child=$(sed -n 's/^forker: child \([0-9]*\)$/\1/p' "$tmp/out")
[ -n "$child" ] || { cat "$tmp/out"; echo "forker: no child seen"; exit 1; }
kill -KILL "$runner"; wait "$runner"
i=0
while kill -0 "$child" 2>/dev/null && [ "$i" -lt 50 ]; do
    sleep 0.1; i=$((i + 1))
done
if kill -0 "$child" 2>/dev/null; then
    echo "runner killed: process $child, started by a PD, is still running"
    kill -KILL "$child"
    exit 1
fi
echo "ok"
