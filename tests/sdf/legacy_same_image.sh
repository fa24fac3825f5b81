#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# A system in Microkit 1.4 syntax builds the same image as its 2.0 form:
# example/passive_server (pp="true" on the client's channel end) and
# tests/sdf/legacy/passive_server (pp="true" on the server PD), each built by
# tests/golden/run_golden.sh, must give byte-identical loader images.
#
#   legacy_same_image.sh RUN_GOLDEN MICROKIT SDK EXAMPLE_DIR LEGACY_DIR ELF_DIR TEST_KERNEL WORK_DIR
#
# Exit 77 (skipped) when run_golden.sh skips (no target build).
set -u
run=$1 microkit=$2 sdk=$3 example=$4 legacy=$5 elfdir=$6 kernel=$7 work=$8

rm -rf "$work"
for form in 2.0 1.4; do
    dir=$example
    [ "$form" = 1.4 ] && dir=$legacy
    sh "$run" update "$microkit" "$sdk" "$dir" "$elfdir" "$kernel" "$work/out-$form" "$work/$form"
    status=$?
    [ $status -eq 0 ] || exit $status
done
for f in loader.img image.txt; do
    if ! cmp "$work/2.0/$f" "$work/1.4/$f"; then
        echo "FAIL: $f of the Microkit 1.4 form differs from the 2.0 form's"
        exit 1
    fi
done
echo "PASS: the Microkit 1.4 and 2.0 forms of passive_server build the same image"
