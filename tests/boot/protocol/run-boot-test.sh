#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# One boot-protocol run: build the image with mkimage_test, boot it in QEMU
# (virt, Cortex-A53, 2 GiB, raw image at 0x70000000 or an ELF-wrapped one) and look for EXPECT in the
# serial output; REJECT must not appear. QEMU is stopped as soon as either
# shows up. BOOT_TEST_GUARD (seconds, default 300) only stops a hung QEMU;
# it is no timing assertion.
#
# usage: run-boot-test.sh QEMU MACHINE MKIMAGE LOADER KERNEL IMG EXPECT REJECT [MKIMAGE-OPTIONS...]
#
# MACHINE riscv64: qemu-system-riscv64's virt machine, where QEMU's OpenSBI
# enters the uImage (mkimage_test --riscv64) that -kernel loads.
set -u
qemu=$1 machine=$2 mkimage=$3 loader=$4 kernel=$5 img=$6 expect=$7 reject=$8
shift 8
log=$img.log

"$mkimage" "$loader" "$kernel" "$img" "$@" || { echo "FAIL: mkimage_test failed"; exit 1; }

# A raw image goes in at the link address; an ELF-wrapped one (*.elf) through
# -kernel. With BOOT_TEST_FIRMWARE (an ELF), QEMU starts that instead and it
# enters the loader, like U-Boot's `go`.
case "$img" in
*.elf) load="-kernel $img" ;;
*) load="-device loader,file=$img,addr=0x70000000,cpu-num=0" ;;
esac
if [ -n "${BOOT_TEST_FIRMWARE:-}" ]; then
    load="-device loader,file=$BOOT_TEST_FIRMWARE,cpu-num=0"
    load="$load -device loader,file=$img,addr=0x70000000,force-raw=on"
fi
# Empty the log first: the loop below must not read the previous run's output.
: >"$log"
cpu="-machine $machine -cpu cortex-a53"
if [ "$machine" = riscv64 ]; then
    cpu="-machine virt"
    load="-kernel $img"
fi
# shellcheck disable=SC2086
"$qemu" $cpu -m 2G -nographic $load </dev/null >"$log" 2>&1 &
pid=$!

ticks=$(( ${BOOT_TEST_GUARD:-300} * 10 ))
while kill -0 "$pid" 2>/dev/null; do
    if grep -Eq "$expect|$reject" "$log"; then
        sleep 0.2   # let the rest of the line arrive
        break
    fi
    ticks=$((ticks - 1))
    if [ "$ticks" -le 0 ]; then
        echo "FAIL: QEMU still running after the ${BOOT_TEST_GUARD:-300} s hang guard"
        break
    fi
    sleep 0.1
done
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
status=$?

tr -d '\r' <"$log"
if grep -Eq "$reject" "$log"; then
    echo "FAIL: output matches '$reject'"
    exit 1
fi
if ! grep -Eq "$expect" "$log"; then
    echo "FAIL: output never matched '$expect' (QEMU exit status $status)"
    exit 1
fi
echo "ok: saw '$expect'"
