#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# dump.sh MICROKIT SYSTEM SEARCH_DIR: `dump` on --control and SIGUSR1 print
# every PD's state (pingpong once it is done: ping waits for notifications, pong also for calls; with
# their priorities), and the run goes on until the control input closes.
set -u
microkit=$1 system=$2 dir=$3
tmp=$(mktemp -d)
trap 'kill $pid 2>/dev/null; rm -rf "$tmp"' EXIT
mkfifo "$tmp/ctl"
"$microkit" run "$system" --board host --search-path "$dir" --control "$tmp/ctl" \
    --timeout 20 >"$tmp/out" 2>"$tmp/err" &
pid=$!
exec 3>"$tmp/ctl"
wait_for() {
    n=0
    until grep -q "$1" "$tmp/out"; do
        n=$((n + 1))
        [ $n -lt 100 ] || { echo "timed out waiting for '$1'"; cat "$tmp/out" "$tmp/err"; exit 1; }
        sleep 0.1
    done
}
wait_for "ping: done"
echo dump >&3
wait_for "^dump: pong: "
kill -USR1 $pid
n=0
until [ "$(grep -c '^dump: 2 PDs' "$tmp/out")" -ge 2 ]; do
    n=$((n + 1))
    [ $n -lt 100 ] || { echo "no dump after SIGUSR1"; cat "$tmp/out"; exit 1; }
    sleep 0.1
done
exec 3>&-
wait $pid
status=$?
cat "$tmp/out"
[ $status -eq 0 ] || { echo "exit status $status"; cat "$tmp/err"; exit 1; }
for want in "^dump: 2 PDs, none current" \
    "^dump: ping: blocked in wait (notifications); pending 0x0; prio 100 " \
    "^dump: pong: blocked in recv (notifications, protected calls); pending 0x0; prio 200 " \
    "restarts 0 faults 0; pid [0-9]"; do
    [ "$(grep -c "$want" "$tmp/out")" -ge 2 ] || { echo "missing twice: $want"; exit 1; }
done
echo ok
