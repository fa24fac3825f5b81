#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# device.sh MICROKIT SDK ELF_DIR HOST_ELF_DIR TEST_KERNEL WORK: an output that is a
# character device is written in place, never replaced: '-o /dev/null' run
# as root keeps /dev/null a device. Uses private device nodes (mknod, so
# root only; skipped otherwise) and never touches the real /dev/null.
microkit=$1 sdk=$2 elfdir=$3 hostdir=$4 kernel=$5 work=$6
. "$(dirname "$0")/common.sh"

if ! mknod null c 1 3 2>/dev/null || ! mknod null2 c 1 3 2>/dev/null; then
    echo "SKIPPED: mknod failed (not root, or no device nodes in this file system)"
    exit 77
fi
build hello.system -o null -r null2 --report-json null2
expect 0
for n in null null2; do
    [ "$(stat -c %F $n)" = "character special file" ] || fail "'$n' is now a $(stat -c %F $n)"
done
# Both outputs to one device, and the host image too.
build hello.system -o null -r null
expect 0
run hello.system --board host --search-path host -o null -r null2
expect 0
[ "$(stat -c %F null)" = "character special file" ] || fail "'null' replaced by the host build"
no_temps
echo "ok"
