#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# irq_control.sh MICROKIT PDS_DIR: IRQs injected by a script through
# --control - reach notified(). An IRQ raised again before the PD acked it
# stays pending once (a burst of four gives two deliveries); IRQs raised
# after each ack are all delivered.
set -u
microkit=$1 dir=$2
run() {
    "$microkit" run "$dir/irq.system" --board host --search-path "$dir" --control - "$@" 2>&1
}
out=$(printf 'irq dev 33\nirq dev 33\nirq dev 33\nirq dev 33\n' | run)
status=$?
echo "$out"
[ "$status" -eq 0 ] || { echo "burst: exit status $status"; exit 1; }
n=$(echo "$out" | grep -c "dev: irq on channel 4")
[ "$n" -eq 2 ] || { echo "burst: expected 2 deliveries, got $n"; exit 1; }

out=$( (for i in 1 2 3; do echo "irq dev 33"; sleep 0.3; done) | run --until "count 3")
status=$?
echo "$out"
[ "$status" -eq 0 ] || { echo "spaced: exit status $status"; exit 1; }
n=$(echo "$out" | grep -c "dev: irq on channel 4")
[ "$n" -eq 3 ] || { echo "spaced: expected 3 deliveries, got $n"; exit 1; }
echo "ok"
