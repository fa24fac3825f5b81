#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# fault.sh MICROKIT PDS_DIR: a write to a read-only map faults, the fault is
# reported like the monitor does (PD, kind, address, function), with the map
# and its perms, a backtrace and the flight recorder's last events, and the run
# fails with exit status 8 (no PD handled the fault).
set -u
microkit=$1 dir=$2
out=$("$microkit" run "$dir/rofault.system" --board host --search-path "$dir" 2>&1)
status=$?
echo "$out"
[ "$status" -eq 8 ] || { echo "unexpected exit status $status"; exit 1; }
for want in "rofault: read 0" \
    "MON|ERROR: PD 'rofault' faulted: VM fault: data abort at address 0x0000000030000008" \
    "permission fault (the map does not allow this access), write" \
    "(in init+0x" \
    "MON|ERROR:   write to mr 'ro' at offset 0x8, mapped at 0x30000000 perms=\"r\"" \
    "MON|ERROR:   backtrace:" \
    "MON|ERROR:     #0 0x0000000000" \
    "MON|ERROR:     #1 0x0000000000" \
    "events of 'rofault' (flight recorder, oldest first):" \
    " rofault fault badge=0x1 label=0x6 len=4 mr="; do
    case "$out" in
    *"$want"*) ;;
    *) echo "missing: $want"; exit 1 ;;
    esac
done
case "$out" in
*"did not fault"*) echo "the write to a read-only map did not fault"; exit 1 ;;
esac
echo "ok"
