#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# damaged.sh MICROKIT IMAGE_TOOL EXAMPLE_DIR ELF_DIR SIM_PDS WORK
#
# A host image of EXAMPLE_DIR (PDs built for the host in ELF_DIR) runs; the
# same image with one byte flipped (in a payload, in the header, in the
# last byte), truncated, of another format version or of another SDK
# version is refused by `microkit run` with exit 1 and one message naming
# the file. A run of a PD that never stops (SIM_PDS/spin.system), ended by
# SIGINT or SIGTERM, exits 130 and leaves no temporary folder.
# Exit 0 pass, 1 fail, 77 skipped.
set -u
microkit=$1 tool=$2 example=$3 elfdir=$4 pds=$5 work=$6

fail() {
    echo "FAIL: $*"
    exit 1
}

ls "$elfdir"/*.elf >/dev/null 2>&1 ||
    { echo "SKIPPED: no host PD ELFs in '$elfdir' (built by the sim_examples target)"; exit 77; }
rm -rf "$work"
mkdir -p "$work/tmp"
export TMPDIR="$work/tmp"
name=$(basename "$example")
ok=$work/ok.img
"$microkit" "$example/$name.system" --board host --config debug --search-path "$elfdir" \
    -o "$ok" -r "$work/report.txt" || fail "building the host image"
"$microkit" run "$ok" --timeout 30 >"$work/ok.out" 2>&1 || { cat "$work/ok.out"; fail "the image does not run"; }
echo "ok: the undamaged image runs"

# refused NAME EXPECTED-MESSAGE: run WORK/NAME.img, which must be refused.
refused() {
    "$microkit" run "$work/$1.img" >"$work/$1.out" 2>&1
    rc=$?
    cat "$work/$1.out"
    [ $rc -eq 1 ] || fail "$1: exit $rc, expected 1"
    [ "$(grep -c 'error:' "$work/$1.out")" -eq 1 ] || fail "$1: not exactly one error"
    grep -q "host image '$work/$1.img'" "$work/$1.out" || fail "$1: the message does not name the file"
    grep -q "$2" "$work/$1.out" || fail "$1: no '$2' in the message"
    grep -q "^hint: " "$work/$1.out" || fail "$1: no hint"
    echo "ok: $1 refused"
}

# variant NAME OP ARG: a copy of the image changed by image_tool OP ARG.
variant() {
    cp "$ok" "$work/$1.img"
    "$tool" "$2" "$work/$1.img" "$3" || fail "image_tool $2 $3"
}

payload=$("$tool" host-entry "$ok")
variant payload flip $((payload + 100))
refused payload "is damaged: entry [0-9]*: CRC mismatch \[host-image-damaged\]"
variant header flip 70
refused header "is damaged: header CRC mismatch \[host-image-damaged\]"
variant last flip -1
refused last "is damaged: .*CRC mismatch \[host-image-damaged\]"
size=$(wc -c <"$ok")
variant truncated truncate $((size - 10))
refused truncated "is damaged: the file is truncated \[host-image-damaged\]"
variant short truncate 50
refused short "is damaged: the file is shorter than the header (truncated)"
variant version host-version 2
refused version "has format version 2; this microkit reads version 1 \[host-image-version\]"
variant sdk host-sdk 0.0.1-other
refused sdk "was written by SDK version '0.0.1-other'; this is version '.*' \[host-image-sdk\]"
[ -z "$(ls -A "$work/tmp")" ] || fail "a refused image left files in TMPDIR"

# Interrupted runs clean up.
"$microkit" "$pds/spin.system" --board host --search-path "$pds" -o "$work/spin.img" \
    -r "$work/spin.txt" || fail "building the spin image"
for sig in INT TERM; do
    "$microkit" run "$work/spin.img" >"$work/spin.out" 2>&1 &
    pid=$!
    sleep 1
    ls "$work/tmp" | grep -q microkit-run || fail "no unpacked folder while the image runs"
    kill -$sig $pid
    wait $pid
    rc=$?
    [ $rc -eq 130 ] || { cat "$work/spin.out"; fail "SIG$sig: exit $rc, expected 130"; }
    [ -z "$(ls -A "$work/tmp")" ] || fail "SIG$sig: the run left files in TMPDIR"
    echo "ok: SIG$sig: exit 130, temporary folder removed"
done
echo "PASS"
