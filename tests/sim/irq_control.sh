#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# irq_control.sh MICROKIT PDS_DIR: IRQs injected by a script through
# --control - reach notified(), one delivery per IRQ raised after the ack.
set -u
microkit=$1 dir=$2
run() {
    "$microkit" run "$dir/irq.system" --board host --search-path "$dir" --control - "$@" 2>&1
}
out=$( (for i in 1 2 3; do echo "irq dev 33"; sleep 0.3; done) | run --until "count 3")
status=$?
echo "$out"
[ "$status" -eq 0 ] || { echo "spaced: exit status $status"; exit 1; }
n=$(echo "$out" | grep -c "dev: irq on channel 4")
[ "$n" -eq 3 ] || { echo "spaced: expected 3 deliveries, got $n"; exit 1; }
echo "ok"
