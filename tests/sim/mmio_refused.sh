#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# mmio_refused.sh MICROKIT PDS_DIR: device accesses the simulator cannot
# emulate (an instruction the decoder refuses, an offset without a register,
# a width the register has not) are reported with the PD, the device, the
# address and the instruction's bytes, then fault like any other access:
# the monitor-style fault report, exit status 8. A cached or executable map
# of a device page is refused at build time (exit status 1).
set -u
microkit=$1 dir=$2
fail=0
check() { # PD WHY BYTES
    out=$("$microkit" run "$dir/mmio_$1.system" --board host --search-path "$dir" 2>&1 </dev/null)
    status=$?
    echo "$out"
    [ "$status" -eq 8 ] || { echo "$1: unexpected exit status $status"; fail=1; }
    for want in "MON|ERROR: PD '$1': device access the simulator cannot emulate: pl011 at address" \
        "(mr 'uart_regs', offset " "$2" "MON|ERROR:   instruction" "$3" \
        "MON|ERROR: PD '$1' faulted: VM fault: data abort at address 0x00000000020"; do
        case "$out" in
        *"$want"*) ;;
        *) echo "$1: missing: $want"; fail=1 ;;
        esac
    done
    case "$out" in
    *"did not fault"*) echo "$1: the access was emulated"; fail=1 ;;
    esac
}
check rep "rep or repne prefix" ": f3 a4"
check noreg "offset 0x800): no register at this offset" ":"
check wide "the PL011's registers are 32 bits wide" ": 48 8b"
# The host board's device pages are device memory: a cached or executable
# map of one is refused before anything runs, by `run` and by the host image
# build, as for a target board.
out=$("$microkit" run "$dir/mmio_cached.system" --board host --search-path "$dir" 2>&1)
status=$?
echo "$out"
[ "$status" -eq 1 ] || { echo "cached: unexpected exit status $status"; fail=1; }
case "$out" in
*"is device memory of board 'host' [map-device-cached]"*) ;;
*) echo "cached: no map-device-cached"; fail=1 ;;
esac
tmp=$(mktemp -d)
out=$("$microkit" "$dir/mmio_exec.system" --board host --search-path "$dir" -o "$tmp/img" 2>&1)
status=$?
echo "$out"
[ "$status" -eq 1 ] || { echo "exec: unexpected exit status $status"; fail=1; }
[ ! -e "$tmp/img" ] || { echo "exec: an image was written"; fail=1; }
rm -rf "$tmp"
case "$out" in
*"[map-device-exec]"*) ;;
*) echo "exec: no map-device-exec"; fail=1 ;;
esac
[ "$fail" -eq 0 ] && echo ok
exit "$fail"
