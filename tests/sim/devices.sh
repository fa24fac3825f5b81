#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# devices.sh MICROKIT EXAMPLE_DIR BUILD_DIR: the device options of
# `microkit run` on the host board. --clock=real: the timer example's ticks
# come a second apart in wall-clock time (three ticks take at least 3 s);
# the virtual clock runs all ten at once. --input TEXT with --input-after:
# held back until the line matches, then typed. A bad --clock is a usage
# error. Typed into a terminal, input reaches the UART as it comes.
set -u
microkit=$1 ex=$2 build=$3
fail() { echo "$*"; exit 1; }
timer() { "$microkit" run "$ex/timer/host/timer.system" --board host --search-path "$build/timer" "$@"; }

start=$(date +%s)
out=$(timer --timeout 20) || fail "virtual clock: run failed"
[ $(( $(date +%s) - start )) -le 2 ] || fail "virtual clock: the run took seconds"
case "$out" in *"client: tick 10, a second after the last"*) ;; *) fail "virtual clock: $out" ;; esac

start=$(date +%s%N)
out=$(timer --clock=real --until 'tick 3' --timeout 20) || fail "real clock: run failed: $out"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "$out"
echo "real clock: three ticks in $ms ms"
[ "$ms" -ge 2900 ] || fail "real clock: three ticks in $ms ms"
case "$out" in *EARLY*) fail "real clock: a tick came early" ;; esac

out=$("$microkit" run "$ex/serial/serial.system" --board host --search-path "$build/serial" \
    --input 'one\ntwo\n' --input-after 'client1: ready' --timeout 20) || fail "serial: run failed"
echo "$out"
want=$(printf 'client0: ready\nclient1: ready\nclient0: ONE\nclient1: TWO')
[ "$(echo "$out" | grep -v '^MON|')" = "$want" ] || fail "serial: unexpected output"

out=$("$microkit" run "$ex/serial/serial.system" --board host --search-path "$build/serial" \
    --input 'x\n' --input-after 'never printed' --until 'client0: X' --timeout 20)
[ $? -eq 6 ] || fail "serial: input typed before --input-after matched: $out"

# A terminal on standard input (script(1) gives the run a pseudo-terminal).
if command -v script >/dev/null 2>&1; then
    out=$( (sleep 1; printf 'abc\n'; sleep 2) | script -qfec "'$microkit' run \
        '$ex/serial/serial.system' --board host --search-path '$build/serial' \
        --until 'client0: ABC' --timeout 20" /dev/null | tr -d '\r')
    echo "$out"
    case "$out" in *"client0: ABC"*) ;; *) fail "terminal input: not echoed" ;; esac
else
    echo "no script(1): terminal input not tested"
fi

timer --clock=sometimes >/dev/null 2>&1
[ $? -eq 2 ] || fail "--clock=sometimes: not a usage error"
echo ok
