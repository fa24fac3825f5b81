#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# cpus.sh MICROKIT PDS EXAMPLE_SYSTEM EXAMPLE_DIR EXPECTED
# microkit run --cpus N (docs/multicore.md, The simulator):
#  - example/multicore on 4 virtual CPUs, 5 times: each PD's lines equal its
#    lines of EXPECTED in their order (the order across PDs is not compared);
#  - a PD whose cpu is not below N is refused (run-cpus);
#  - 10000 notification round trips between PDs on cores 0 and 1 (no lost wake-ups);
#  - IRQs raised from CPU 0 preempt a PD that never blocks on CPU 1;
#  - two PDs on two cores run at once (one spins until the other, of lower
#    priority, writes a flag: on one virtual CPU that never happens).
set -u
mk=$1 pds=$2 system=$3 dir=$4 expected=$5
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; cat "$tmp/err" "$tmp/out" 2>/dev/null; exit 1; }
pds_of() { sed -n 's/^\([a-z_]*\): .*/\1/p' "$1" | sort -u; }

i=1
while [ "$i" -le 5 ]; do
    "$mk" run "$system" --board host --search-path "$dir" --cpus 4 --timeout 30 \
        </dev/null >"$tmp/out" 2>"$tmp/err" || fail "multicore run $i"
    for pd in $(pds_of "$expected"); do
        grep "^$pd: " "$expected" >"$tmp/want"
        grep "^$pd: " "$tmp/out" >"$tmp/got" || true
        diff -u "$tmp/want" "$tmp/got" || fail "multicore run $i: PD $pd's lines differ"
    done
    [ "$(grep -vc '^MON|' "$tmp/out")" -eq "$(wc -l <"$expected")" ] || fail "multicore run $i: extra lines"
    i=$((i + 1))
done
echo "multicore --cpus 4: 5 runs, each PD's lines in order"

"$mk" run "$system" --board host --search-path "$dir" --cpus 3 </dev/null >"$tmp/out" 2>"$tmp/err"
[ $? -ne 0 ] || fail "--cpus 3 accepted a PD on cpu 3"
grep -q "error: --cpus 3: PD 'server' is for cpu 3 \[run-cpus\]" "$tmp/err" || fail "--cpus 3: no run-cpus error"
"$mk" run "$system" --board host --search-path "$dir" --cpus 0 </dev/null >"$tmp/out" 2>"$tmp/err"
[ $? -ne 0 ] || fail "--cpus 0 accepted"
echo "--cpus 3 and --cpus 0 refused"

for n in 2 1; do
    "$mk" run "$pds/xcore.system" --board host --search-path "$pds" --cpus $n --timeout 120 \
        --until "round trips" </dev/null >"$tmp/out" 2>"$tmp/err" || fail "xcore --cpus $n"
    grep -q "^xping: 10000 round trips across cores$" "$tmp/out" || fail "xcore --cpus $n: output"
done
echo "10000 cross-core round trips on 2 virtual CPUs (and on 1)"

"$mk" run "$pds/xpreempt.system" --board host --search-path "$pds" --cpus 3 --timeout 30 \
    --irq 100:dev:33 --irq 300:dev:33 --irq 500:dev:33 --until "count 3" </dev/null \
    >"$tmp/out" 2>"$tmp/err" || fail "xpreempt --cpus 3"
grep '^dev: ' "$tmp/out" >"$tmp/got"
printf 'dev: waiting for IRQs\n' >"$tmp/want"
for n in 1 2 3; do printf 'dev: irq on channel 4, count %s\n' $n >>"$tmp/want"; done
diff -u "$tmp/want" "$tmp/got" || fail "xpreempt: dev's lines"
[ "$(grep -c '^spin: start$' "$tmp/out")" -eq 2 ] || fail "xpreempt: both spinners started"
echo "xpreempt: IRQs from CPU 0 preempt a spinning PD on CPU 1"

"$mk" run "$pds/par.system" --board host --search-path "$pds" --cpus 2 --timeout 30 \
    --until "while core 0 spun" </dev/null >"$tmp/out" 2>"$tmp/err" || fail "par --cpus 2"
"$mk" run "$pds/par.system" --board host --search-path "$pds" --timeout 1 \
    --until "while core 0 spun" </dev/null >"$tmp/out" 2>"$tmp/err" && fail "par on one CPU finished"
echo "par: PDs on two virtual CPUs ran at once (on one, they cannot)"
