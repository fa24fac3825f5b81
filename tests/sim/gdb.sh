#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# gdb.sh MICROKIT SYSTEM SEARCH_DIR: `microkit run --gdb ping` holds ping
# before init and prints the GDB command; that command, in batch mode with a
# breakpoint in ping's notified(), stops there with one `continue` (the
# simulator's SIGSTOP and SIGURG pass silently), reads `rounds` (0 on the
# first hit, 1 on the second), and the run ends normally once GDB detaches.
set -u
microkit=$1 system=$2 dir=$3
command -v gdb >/dev/null || { echo "SKIPPED: gdb is not installed"; exit 77; }
tmp=$(mktemp -d)
trap 'kill $pid 2>/dev/null; rm -rf "$tmp"' EXIT
"$microkit" run "$system" --board host --search-path "$dir" --gdb ping --timeout 60 \
    >"$tmp/out" 2>"$tmp/err" &
pid=$!
n=0
until grep -q '^  gdb ' "$tmp/err"; do
    n=$((n + 1))
    [ $n -lt 100 ] || { echo "no gdb command printed"; cat "$tmp/err"; exit 1; }
    sleep 0.1
done
cmd=$(sed -n 's/^  \(gdb .*\)/\1/p' "$tmp/err")
echo "$cmd"
eval "$cmd -batch -ex 'break notified' -ex continue -ex 'print rounds' -ex continue \
    -ex 'print rounds' -ex 'delete' -ex detach" >"$tmp/gdb" 2>&1
cat "$tmp/gdb"
wait $pid
status=$?
cat "$tmp/out"
[ $status -eq 0 ] || { echo "exit status $status"; cat "$tmp/err"; exit 1; }
grep -q '^Breakpoint 1, notified (ch=0)' "$tmp/gdb" || { echo "no stop in notified"; exit 1; }
grep -q '^\$1 = 0$' "$tmp/gdb" && grep -q '^\$2 = 1$' "$tmp/gdb" || { echo "rounds not 0 then 1"; exit 1; }
grep -q '^ping: done$' "$tmp/out" || { echo "the run did not finish after detach"; exit 1; }
echo ok
