#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
#   run_linux.sh SRC_DIR WORK_DIR
#
# Boot an arm64 Linux kernel as a virtual machine on real seL4 under QEMU:
# the VMM (linux_vmm.c), a device tree (linux.dts.in, compiled by dtc), an
# initrd whose /init prints one line and powers off, and the system file
# (linux.system.in) with the sizes of the files filled in. Needs
#   MICROKIT_SDK               the SDK (qemu_virt_aarch64, debug)
#   MICROKIT_TEST_KERNEL_DIR   a seL4 debug build with hypervisor support
#   MICROKIT_TEST_LINUX_IMAGE  an arm64 Linux Image (uncompressed; e.g. Debian's
#                              linux-image-*-arm64 package's /boot/vmlinuz-*,
#                              which is one for Debian 12; a gzip'd Image is
#                              unpacked here)
# and skips (77) without any of them. Passes when the initrd's line appears.
set -u
SKIP=77
src=$1
work=$2
vmm_src=$src/../../../example/vmm
for v in MICROKIT_SDK MICROKIT_TEST_KERNEL_DIR MICROKIT_TEST_LINUX_IMAGE; do
    if [ -z "$(eval "echo \"\${$v:-}\"")" ]; then
        echo "$v not set: no Linux guest to boot (see docs/virtual-machines.md)"
        exit $SKIP
    fi
done
for tool in dtc cpio qemu-system-aarch64 aarch64-linux-gnu-gcc; do
    if ! command -v $tool > /dev/null 2>&1; then
        echo "$tool not found"
        exit $SKIP
    fi
done
bd=$MICROKIT_SDK/board/qemu_virt_aarch64/debug
rm -rf "$work" && mkdir -p "$work/root" || exit 1
cd "$work" || exit 1

# The kernel: an Image ("ARM\x64" at offset 56), gunzipped if need be.
if gzip -t "$MICROKIT_TEST_LINUX_IMAGE" 2> /dev/null; then
    gzip -dc "$MICROKIT_TEST_LINUX_IMAGE" > Image
else
    cp "$MICROKIT_TEST_LINUX_IMAGE" Image
fi
if [ "$(dd if=Image bs=1 skip=56 count=4 2> /dev/null)" != "$(printf 'ARM\144')" ]; then
    echo "'$MICROKIT_TEST_LINUX_IMAGE' is not an arm64 Linux Image (no ARMd magic)" >&2
    exit 1
fi
mb2=$((0x200000))
up() { echo $((($1 + mb2 - 1) / mb2 * mb2)); }
# image_size, the kernel's size with its bss (le64 at offset 16)
isz=$(od -An -t u8 -j 16 -N 8 Image | tr -d ' ')
[ "$isz" -gt 0 ] || isz=$(stat -c %s Image)
ksize=$(up $((isz + mb2)))

# The initrd: a static /init.
aarch64-linux-gnu-gcc -static -O2 -o root/init "$src/init.c" || exit 1
(cd root && echo init | cpio -o -H newc > ../initrd.cpio 2> /dev/null) || exit 1
istart=$((0x40200000 + ksize))
isize=$(up "$(stat -c %s initrd.cpio)")
iend=$((istart + $(stat -c %s initrd.cpio)))
rstart=$((istart + isize))
rsize=$((0x48000000 - rstart))
hex() { printf '0x%x' "$1"; }

sed -e "s/@INITRD_START@/$(hex $istart)/" -e "s/@INITRD_END@/$(hex $iend)/" \
    "$src/linux.dts.in" > linux.dts
dtc -q -I dts -O dtb -o linux.dtb linux.dts || exit 1
sed -e "s/@KERNEL_SIZE@/$(hex $ksize)/" -e "s/@INITRD_SIZE@/$(hex $isize)/" \
    -e "s/@INITRD_START@/$(hex $istart)/" -e "s/@RAM_START@/$(hex $rstart)/" \
    -e "s/@RAM_SIZE@/$(hex $rsize)/" "$src/linux.system.in" > linux.system

cflags="-std=gnu11 -O2 -Wall -Werror -Wno-unused-parameter -ffreestanding -nostdlib -fno-pic
    -fno-stack-protector -mcpu=cortex-a53 -mstrict-align -I$bd/include -I$vmm_src -I$src"
for c in "$src/linux_vmm.c" "$src/gicd.c" "$vmm_src/vmm_dev.c"; do
    # shellcheck disable=SC2086
    aarch64-linux-gnu-gcc -c $cflags "$c" -o "$(basename "$c" .c).o" || exit 1
done
aarch64-linux-gnu-ld -z max-page-size=0x1000 -o linux_vmm.elf linux_vmm.o gicd.o vmm_dev.o \
    -L"$bd/lib" -lmicrokit -Tmicrokit.ld || exit 1
"$MICROKIT_SDK/bin/microkit" linux.system --search-path . --board qemu_virt_aarch64 \
    --config debug --kernel "$MICROKIT_TEST_KERNEL_DIR" -o loader.img -r report.txt || exit 1

guard=${MICROKIT_TEST_HANG_GUARD:-600}
: > console.txt
qemu-system-aarch64 -machine virt,virtualization=on -cpu cortex-a53 -m 2G -nographic \
    -device loader,file=loader.img,addr=0x70000000,cpu-num=0 < /dev/null > console.txt 2>&1 &
pid=$!
start=$(date +%s)
while kill -0 $pid 2> /dev/null; do
    if grep -q "init: hello from Linux user space\|vcpu stopped\|Kernel panic\|MON|ERROR" console.txt; then
        sleep 1
        break
    fi
    if [ $(($(date +%s) - start)) -ge "$guard" ]; then
        echo "hang guard: ${guard}s" >&2
        break
    fi
    sleep 1
done
kill $pid 2> /dev/null
wait $pid 2> /dev/null
tr -d '\r' < console.txt | sed -n '/linux_vmm: starting/,$p'
grep -q "init: hello from Linux user space" console.txt
