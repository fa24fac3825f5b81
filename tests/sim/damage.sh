#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# damage.sh MICROKIT PDS_DIR: a PD that writes garbage over the shared kernel
# state stops the run with exit status 9 and a message, well before
# --timeout; the runner neither crashes nor hangs.
set -u
microkit=$1 dir=$2
out=$("$microkit" run "$dir/scribble.system" --board host --search-path "$dir" --timeout 20 2>&1)
status=$?
echo "$out"
[ "$status" -eq 9 ] || { echo "exit status $status, expected 9"; exit 1; }
case "$out" in
*"kernel state is damaged"*) ;;
*) echo "missing: the damage message"; exit 1 ;;
esac
echo "ok"
