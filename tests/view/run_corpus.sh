#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# `microkit graph` and `microkit view` on every file of the SDF corpus
# (tests/sdf: one bad file per rule, the good ones, the legacy ones): each
# must end with an exit status of at most 3 (never a crash, which is 128 and
# more, or an internal error, 4), and write its output whenever the file is
# a system description.
#
#   run_corpus.sh MICROKIT SDF_DIR WORK_DIR
set -eu
microkit=$1 sdf=$2 work=$3
mkdir -p "$work"
status=0 count=0
for f in $(find "$sdf" -name '*.system' | sort); do
    for cmd in graph view; do
        count=$((count + 1))
        rc=0
        "$microkit" $cmd "$f" --board qemu_virt_aarch64 -o "$work/out" >/dev/null 2>"$work/stderr" ||
            rc=$?
        if [ $rc -gt 3 ]; then
            echo "FAIL: microkit $cmd $f exited with $rc"
            cat "$work/stderr"
            status=1
        fi
        rm -f "$work/out"
    done
done
[ $status -eq 0 ] && echo "PASS: $count runs"
exit $status
