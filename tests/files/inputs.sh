#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# inputs.sh MICROKIT SDK ELF_DIR HOST_ELF_DIR TEST_KERNEL WORK: every input must
# be a regular file within its size bound (docs/cli.md, "Files the tool
# reads and writes"). A FIFO, a directory or a device as SDF, program image,
# prefill file or image is refused at once with what it is (a FIFO used to
# hang the tool; /dev/zero grew it until killed); a file over its bound is
# refused from its size without being read.
microkit=$1 sdk=$2 elfdir=$3 hostdir=$4 kernel=$5 work=$6
. "$(dirname "$0")/common.sh"

mkfifo fifo
mkdir folder
FIFO="is a FIFO, not a regular file"
CHR="is a character device, not a regular file"

# The system description: check, build, host build, run.
for f in fifo /dev/zero folder; do
    what=$FIFO
    [ "$f" = /dev/zero ] && what=$CHR
    [ "$f" = folder ] && what="is a directory"
    run check "$f"
    expect 3 "cannot read '$f': $what" "[sdf-read]"
    build "$f" -o a.img
    expect 3 "cannot read '$f': $what" "[sdf-read]"
    run "$f" --board host -o a.img
    expect 3 "cannot read '$f': $what" "[sdf-read]"
    run run "$f" --timeout 30
    expect 3 "cannot read '$f': $what" "[io]"
    run dump-image "$f"
    expect 3 "cannot read '$f': $what"
done
[ ! -e a.img ] || fail "an output was written"

# A program image that is a FIFO, /dev/zero or a folder: build and run.
mkdir -p pfifo pzero pdir/hello.elf
mkfifo pfifo/hello.elf
ln -s /dev/zero pzero/hello.elf
for d in pfifo pzero pdir; do
    what=$FIFO
    [ $d = pzero ] && what=$CHR
    [ $d = pdir ] && what="is a directory"
    run hello.system --board qemu_virt_aarch64 --config debug --search-path $d \
        --kernel kernel -o a.img
    expect 1 "program image of PD 'hello' '$d/hello.elf': cannot read: $what" "[elf-invalid]"
    run hello.system --board host --search-path $d -o a.img
    expect 1 "'$d/hello.elf': cannot read: $what"
    run run hello.system --search-path $d --timeout 30
    expect 1 "'$d/hello.elf': cannot read: $what"
done

# The kernel given as a FIFO (--override-kernel), the board file as a FIFO.
run hello.system --board qemu_virt_aarch64 --config debug --search-path elf \
    --override-kernel fifo -o a.img
[ "$status" -ne 0 ] && [ "$status" -ne 124 ] || fail "a FIFO as kernel: status $status"
case "$out" in *"$FIFO"*) ;; *) fail "a FIFO as kernel: no message saying so" ;; esac
run board-info --file fifo
expect 3 "cannot read board file 'fifo': $FIFO" "[board-io]"

# Prefill files: a FIFO, /dev/zero, a folder; 6 GB for a 4 KiB region.
for kind in fifo zero dir big; do
    rm -rf data.bin
    rule=prefill-read
    case $kind in
    fifo) mkfifo data.bin; what="cannot read prefill file 'data.bin': $FIFO" ;;
    zero) ln -s /dev/zero data.bin; what="cannot read prefill file 'data.bin': $CHR" ;;
    dir) mkdir data.bin; what="cannot read prefill file 'data.bin': is a directory" ;;
    big) truncate -s 6G data.bin; rule=prefill-too-large
        what="prefill file 'data.bin' (6442450944 bytes) is larger than memory region 'buf'" ;;
    esac
    build prefill.system -o a.img
    expect 1 "$what" "[$rule]"
    run prefill.system --board host --search-path host -o a.img
    expect 1 "$what"
done
rm -rf data.bin

# microkit run with a FIFO prefill in its search path (the host simulator).
mkdir -p runpf
cp host/hello.elf runpf/
mkfifo runpf/data.bin
run run prefill.system --search-path runpf --timeout 30
expect 1 "cannot read prefill file 'runpf/data.bin': $FIFO" "[prefill-read]"

# Size bounds, from the size alone: sparse files, never read.
truncate -s 65M huge.system
run check huge.system
expect 3 "cannot read 'huge.system': is 68157440 bytes; a system description may have at most 64 MiB"
truncate -s 5G huge.img
run dump-image huge.img
expect 3 "is 5368709120 bytes; an image may have at most 4 GiB"
mkdir -p bigelf
truncate -s 1025M bigelf/hello.elf
run hello.system --board qemu_virt_aarch64 --config debug --search-path bigelf --kernel kernel \
    -o a.img
expect 1 "is 1074790400 bytes; an ELF file may have at most 1 GiB"
rm -f huge.img bigelf/hello.elf

# A regular file through a symbolic link is an input like any other.
ln -s hello.system link.system
run check link.system
expect 0 "valid"
[ ! -e a.img ] || fail "an output was written"
echo "ok"
