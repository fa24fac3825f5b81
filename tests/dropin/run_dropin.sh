#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# run_dropin.sh MICROKIT SDK MAKEFILE_DIR EXAMPLE_DIR WORK UNTIL [MAKE VARIABLES...]
#
# A Microkit-convention Makefile (MAKEFILE_DIR) next to an example's sources
# (its .c and .system files) built for the host board with only documented
# variables: MICROKIT_SDK, MICROKIT_BOARD=host, MICROKIT_CONFIG=debug,
# BUILD_DIR and the MAKE VARIABLES given (TOOLCHAIN=<sdk>/bin/host, or CC=,
# LD=, AS= naming the SDK's host drivers, LLVM=True). The Makefile's own
# rule writes the host image; `microkit run IMAGE --until UNTIL` must print
# the example's expected output. Then the plain build command in the build
# folder (`microkit SYSTEM --board host -o loader2.img -r report2.txt`) and
# a run without --until. No temporary folder may be left behind.
# Exit 0 pass, 1 fail, 77 skipped (with the reason).
set -u
microkit=$1 sdk=$2 mkdir=$3 example=$4 work=$5 until=$6
shift 6

fail() {
    echo "FAIL: $*"
    exit 1
}

gen=$sdk/board/host/debug/include/kernel/gen_config.h
if [ ! -f "$gen" ]; then
    echo "SKIPPED: '$gen' is missing: the host board has no seL4 configuration to read ARCH from"
    exit 77
fi
rm -rf "$work"
mkdir -p "$work/src" "$work/build" "$work/tmp"
cp "$example"/*.c "$example"/*.system "$example/expected.txt" "$work/src/" || fail "copying '$example'"
cp "$mkdir"/* "$work/src/" || fail "copying '$mkdir'"
system=$(cd "$work/src" && ls ./*.system | head -n 1)
system=${system#./}

# 1. The Makefile, as its project wrote it.
(cd "$work/src" && make MICROKIT_SDK="$sdk" MICROKIT_BOARD=host MICROKIT_CONFIG=debug \
    BUILD_DIR="$work/build" "$@") >"$work/make.log" 2>&1
rc=$?
cat "$work/make.log"
[ $rc -eq 0 ] || fail "make exited with $rc"
img=$work/build/loader.img
[ "$(head -c 8 "$img")" = "MKHOSTIM" ] || fail "'$img' is not a host image"
grep -q "board:   host" "$work/build/report.txt" || fail "no host report in '$work/build/report.txt'"
echo "ok: make built '$img' and its report"

# 2. Run the image until UNTIL.
export TMPDIR="$work/tmp"
"$microkit" run "$img" --until "$until" --timeout 60 >"$work/run.out" 2>"$work/run.err"
rc=$?
cat "$work/run.out" "$work/run.err"
[ $rc -eq 0 ] || fail "microkit run '$img' --until '$until': exit $rc"
grep -v '^MON|' "$work/run.out" >"$work/run.filtered" || true
diff -u "$work/src/expected.txt" "$work/run.filtered" || fail "output differs from expected.txt"
echo "ok: run --until '$until' printed the expected output"

# 3. The plain build command in the build folder, then a run to the end.
(cd "$work/build" && "$microkit" "$work/src/$system" --board host -o loader2.img -r report2.txt) ||
    fail "microkit $system --board host -o loader2.img -r report2.txt"
"$microkit" run "$work/build/loader2.img" >"$work/run2.out" 2>&1 || fail "run without --until"
grep -v '^MON|' "$work/run2.out" | diff -u "$work/src/expected.txt" - || fail "run to idle differs"
echo "ok: built from the build folder without --search-path; ran to idle"

[ -z "$(ls -A "$work/tmp")" ] || { ls -la "$work/tmp"; fail "the run left files in TMPDIR"; }
echo "PASS"
