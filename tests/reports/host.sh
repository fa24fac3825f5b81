#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# host.sh MICROKIT HOST_ELFS WORK SYSTEM...: the host board ('--board host',
# the simulator's) is a board to every command, not only to the build:
# `check --board host` accepts every example; `gen-header --board host`
# writes the headers; a host build's --gen-headers writes the same ones next
# to the host image, and nothing at all when the build fails.
set -eu
microkit=$1 elfs=$2 work=$3
shift 3
rm -rf "$work"
mkdir -p "$work"
for sys in "$@"; do
    name=$(basename "$sys" .system)
    "$microkit" check "$sys" --board host >/dev/null ||
        { echo "FAIL: check --board host: $sys"; exit 1; }
    "$microkit" gen-header "$sys" --board host --dir "$work/$name.gh"
done
sys=$(for s in "$@"; do case $s in */pingpong.system) echo "$s" ;; esac; done)
[ -n "$sys" ] || { echo "FAIL: no pingpong example given"; exit 1; }
"$microkit" "$sys" --board host --search-path "$elfs/pingpong" -o "$work/p.img" \
    --gen-headers "$work/p.h"
for pd in ping pong; do
    cmp "$work/p.h/$pd.h" "$work/pingpong.gh/$pd.h"
done
# A failed host build writes no header (and no image).
set +e
"$microkit" "$sys" --board host --search-path "$work/none" -o "$work/q.img" \
    --gen-headers "$work/q.h" 2>"$work/err.txt"
rc=$?
set -e
[ $rc -ne 0 ] && [ ! -e "$work/q.img" ] && [ ! -e "$work/q.h/ping.h" ] ||
    { echo "FAIL: a failed host build wrote outputs (exit $rc)"; exit 1; }
echo "PASS"
