#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# outputs.sh MICROKIT SDK TEST_KERNEL ELF_DIR WORK: the build's outputs (image,
# text and JSON report, generated headers) are written all or none. When the
# report, the JSON report or a header cannot be written, the build exits 3
# and writes nothing: no image, no report, no header, no temporary file; an
# old image stays as it was (never a stale new one beside an old report).
set -eu
. "$(dirname "$0")/../lib/target.sh"
microkit=$1 sdk=$2 kernel=$3 elfdir=$4 work=$5
need_target "$microkit" "$kernel" "$sdk/board/qemu_virt_aarch64/debug/elf/monitor.elf" \
    "$elfdir/ping.elf"
src=$(cd "$(dirname "$0")/../.." && pwd)
rm -rf "$work"
mkdir -p "$work"
test_kernel_dir "$kernel" "$work"
cd "$work"
fail() {
    echo "FAIL: $*"
    exit 1
}
build() {
    set +e
    MICROKIT_SDK=$sdk "$microkit" "$src/example/pingpong/pingpong.system" --board qemu_virt_aarch64 \
        --config debug --search-path "$elfdir" --kernel kernel "$@" >out.txt 2>&1
    rc=$?
    set -e
}
nothing_new() {
    for f in "$@"; do
        [ ! -e "$f" ] || fail "$f was written although the build failed"
    done
    ! ls ./*.tmp.* notadir.tmp.* >/dev/null 2>&1 || fail "temporary files left"
}
echo "not a folder" >notadir
# The report cannot be written (its folder is a file): no image, no JSON, no headers.
build -o a.img -r notadir/r.txt --report-json r.json --gen-headers hdr
[ $rc -eq 3 ] || fail "exit $rc, not 3, when -r cannot be written: $(cat out.txt)"
grep -q "cannot write 'notadir/r.txt'" out.txt || fail "no message for -r: $(cat out.txt)"
nothing_new a.img r.json hdr/ping.h hdr/pong.h
# The JSON report cannot be written.
build -o a.img -r r.txt --report-json notadir/r.json
[ $rc -eq 3 ] || fail "exit $rc when --report-json cannot be written"
nothing_new a.img r.txt
# The headers' folder cannot be made.
build -o a.img -r r.txt --gen-headers notadir/hdr
[ $rc -eq 3 ] || fail "exit $rc when --gen-headers cannot be made"
nothing_new a.img r.txt
# An old image and report stay as they were when the report fails.
echo old-image >a.img
echo old-report >r.txt
build -o a.img -r notadir/r.txt
[ $rc -eq 3 ] || fail "exit $rc with an old image"
[ "$(cat a.img)" = old-image ] || fail "the old image was replaced although -r failed"
[ "$(cat r.txt)" = old-report ] || fail "the old report was changed"
# All outputs at once.
build -o a.img -r r.txt --report-json r.json --gen-headers hdr
[ $rc -eq 0 ] || fail "the build failed: $(cat out.txt)"
for f in a.img r.txt r.json hdr/ping.h hdr/pong.h; do
    [ -s "$f" ] || fail "$f missing"
done
[ "$(cat a.img)" != old-image ] || fail "the image was not replaced"
echo "PASS"
