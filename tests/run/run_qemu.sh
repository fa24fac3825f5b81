#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# run_qemu.sh MODE MICROKIT IMAGE_TOOL MKIMAGE LOADER KERNEL WORK QEMU BOARD_XML
#
# `microkit run IMAGE` for loader images, on images of the boot-protocol
# test kernel (tests/boot/protocol: mkimage_test LOADER KERNEL), which
# prints "BOOT-PROTOCOL: PASS" and powers the machine off (with --el3 it
# spins instead, as it must when EL3 owns PSCI).
#   boot     raw image with --board, ELF and uImage forms with the board
#            derived; --until matched (0); QEMU powering off before --until
#            (7) and without --until (0)
#   timeout  --timeout before --until (5), --timeout alone (0), SIGTERM
#            (130); QEMU is gone afterwards
#   missing  no QEMU in PATH, MICROKIT_QEMU naming no file (3, one message)
#   errors   a stand-in QEMU: the board's arguments and load address, its
#            early exit (7), a match in its output (0); a board without
#            QEMU data, a damaged image and a raw image on the RISC-V
#            board (1); a simulator option (2)
#   input    --input TEXT (escapes) and @FILE typed into a stand-in QEMU's
#            standard input once --input-after matched; --input-after alone
#            (2); --input with a system for the simulator is taken (the
#            empty system then fails, 1); a missing @FILE (3)
# Exit 0 pass, 1 fail, 77 skipped (QEMU or the cross-built loader missing).
set -u
mode=$1 microkit=$2 tool=$3 mkimage=$4 loader=$5 kernel=$6 work=$7 qemu=$8 board_xml=$9
SKIP=77

fail() {
    echo "FAIL: $*"
    exit 1
}

for f in "$loader" "$kernel"; do
    [ -e "$f" ] || { echo "SKIPPED: '$f' is missing (needs the AArch64 cross compiler and MICROKIT_TARGET=ON)"; exit $SKIP; }
done
need_qemu() {
    command -v "$qemu" >/dev/null 2>&1 ||
        { echo "SKIPPED: $qemu not found (apt-get install qemu-system-arm)"; exit $SKIP; }
}
rm -rf "$work"
mkdir -p "$work"
"$mkimage" "$loader" "$kernel" "$work/pass.img" >/dev/null || fail "mkimage_test"

# run NAME EXPECTED-STATUS ARGS...: microkit run ARGS, output in WORK/NAME.out
run() {
    name=$1 want=$2
    shift 2
    "$microkit" run "$@" </dev/null >"$work/$name.out" 2>&1
    rc=$?
    tr -d '\r' <"$work/$name.out"
    [ $rc -eq "$want" ] || fail "$name: exit $rc, expected $want"
}

expect() {
    grep -q -- "$2" "$work/$1.out" || fail "$1: no '$2' in the output"
}

no_qemu_left() {
    sleep 0.5
    if pgrep -f "$work/" >/dev/null 2>&1; then
        fail "a QEMU process of this test is still running"
    fi
}

boot() {
    need_qemu
    "$mkimage" "$loader" "$kernel" "$work/pass.elf" --elf >/dev/null || fail "mkimage_test --elf"
    "$tool" uimage "$work/pass.img" "$work/pass.uimg" 0x70000000 || fail "uImage wrapper"
    run raw 0 "$work/pass.img" --board qemu_virt_aarch64 --until 'BOOT-PROTOCOL: PASS' --timeout 60
    expect raw "BOOT-PROTOCOL: test kernel running"
    echo "ok: raw image, --board qemu_virt_aarch64: --until matched"
    run elf 0 "$work/pass.elf" --until 'BOOT-PROTOCOL: PASS' --timeout 60 -v
    expect elf "microkit run: board 'qemu_virt_aarch64':.* -kernel $work/pass.elf"
    echo "ok: ELF form, board derived: --until matched"
    run uimage 0 "$work/pass.uimg" --until 'BOOT-PROTOCOL: PASS' --timeout 60
    echo "ok: uImage form: --until matched"
    run early 7 "$work/pass.img" --until 'never printed' --timeout 60
    expect early "error: QEMU exited (exit status 0) before the output matched 'never printed' \[run-qemu-exit\]"
    echo "ok: QEMU powered off before --until: exit 7"
    run poweroff 0 "$work/pass.img" --timeout 60
    expect poweroff "BOOT-PROTOCOL: PASS"
    echo "ok: without --until, QEMU's own exit ends the run: exit 0"
    no_qemu_left
}

timeout() {
    need_qemu
    "$mkimage" "$loader" "$kernel" "$work/spin.img" --el3 >/dev/null || fail "mkimage_test --el3"
    run until 5 "$work/spin.img" --until 'never printed' --timeout 5
    expect until "BOOT-PROTOCOL: PASS"
    echo "ok: --timeout before --until: exit 5"
    run alone 0 "$work/spin.img" --timeout 3
    echo "ok: --timeout without --until: exit 0"
    no_qemu_left
    "$microkit" run "$work/spin.img" </dev/null >"$work/term.out" 2>&1 &
    pid=$!
    sleep 3
    kill -TERM $pid
    wait $pid
    rc=$?
    [ $rc -eq 130 ] || { cat "$work/term.out"; fail "SIGTERM: exit $rc, expected 130"; }
    echo "ok: SIGTERM: exit 130"
    no_qemu_left
}

missing() {
    MICROKIT_QEMU=$work/no-such-qemu run env 3 "$work/pass.img" --until x
    expect env "error: cannot run QEMU: '$work/no-such-qemu' (MICROKIT_QEMU) is not an executable file \[run-qemu-missing\]"
    [ "$(grep -c 'error:' "$work/env.out")" -eq 1 ] || fail "env: not exactly one error"
    echo "ok: MICROKIT_QEMU naming no file: exit 3"
    PATH=$work/empty-path run path 3 "$work/pass.img" --until x
    expect path "error: cannot run QEMU: 'qemu-system-aarch64' is not in PATH \[run-qemu-missing\]"
    expect path "hint: install it (Debian: apt-get install qemu-system-arm)"
    echo "ok: no qemu-system-aarch64 in PATH: exit 3"
}

errors() {
    fake=$work/fake-qemu
    printf '#!/bin/sh\necho "fake qemu: $*"\necho "fake: ready"\n[ -n "${FAKE_SLEEP:-}" ] && sleep 30\nexit 3\n' >"$fake"
    chmod +x "$fake"
    MICROKIT_QEMU=$fake run fake 7 "$work/pass.img" --until 'never printed'
    expect fake "fake qemu: -machine virt,virtualization=on -cpu cortex-a53 -m 2G -nographic -device loader,file=$work/pass.img,addr=0x70000000,cpu-num=0"
    expect fake "error: QEMU exited (exit status 3) before the output matched 'never printed' \[run-qemu-exit\]"
    echo "ok: the board's QEMU arguments and load address; early exit: exit 7"
    # A non-hypervisor image runs on the EL1 board (QEMU without virtualization=on).
    "$mkimage" "$loader" "$kernel" "$work/el1.img" --el1 >/dev/null || fail "mkimage_test --el1"
    MICROKIT_QEMU=$fake run el1 7 "$work/el1.img" --until 'never printed'
    expect el1 "fake qemu: -machine virt -cpu cortex-a53 -m 2G -nographic -device loader,file=$work/el1.img,addr=0x70000000,cpu-num=0"
    run hypel1 1 "$work/pass.img" --board qemu_virt_aarch64_el1 --until x
    expect hypel1 "was not built for board 'qemu_virt_aarch64_el1': its kernel is a hypervisor build, the board's is not \[run-image-board\]"
    echo "ok: an EL1 image picks qemu_virt_aarch64_el1; a hypervisor image is refused there"
    run rvraw 1 "$work/pass.img" --board qemu_virt_riscv64 --until x
    expect rvraw "raw loader image '$work/pass.img' cannot boot on RISC-V board 'qemu_virt_riscv64': QEMU's -device loader bypasses OpenSBI \\[run-image-board\\]"
    expect rvraw "hint: build it with --image-type elf"
    echo "ok: a raw image is refused on the RISC-V board"
    FAKE_SLEEP=1 MICROKIT_QEMU=$fake run match 0 "$work/pass.img" --until '^fake: ready$' --timeout 20
    echo "ok: --until matched in QEMU's output: exit 0"
    mkdir -p "$work/sdk/board/noqemu"
    sed -e 's/name="qemu_virt_aarch64"/name="noqemu"/' -e '/<qemu /d' "$board_xml" \
        >"$work/sdk/board/noqemu/board.xml"
    MICROKIT_SDK=$work/sdk run noqemu 1 "$work/pass.img" --board noqemu --until x
    expect noqemu "error: board 'noqemu' cannot be emulated: its board file has no <qemu args> \[run-qemu-board\]"
    echo "ok: a board without QEMU data: exit 1"
    cp "$work/pass.img" "$work/bad.img"
    size=$(wc -c <"$work/bad.img")
    "$tool" flip "$work/bad.img" $((size - 8)) || fail "image_tool flip"
    MICROKIT_QEMU=$fake run damaged 1 "$work/bad.img" --until x
    expect damaged "error: '$work/bad.img': region 3 (test) CRC mismatch"
    echo "ok: a damaged loader image: exit 1"
    run simopt 2 "$work/pass.img" --irq 10:pd:1
    expect simopt "option '--irq' is for the host simulator"
    echo "ok: --irq with a loader image: exit 2"
}

input() {
    fake=$work/echo-qemu
    printf '#!/bin/sh\necho "fake: ready"\nwhile read -r line; do echo "got: $line"; done\necho "fake: eof"\nsleep 30\n' >"$fake"
    chmod +x "$fake"
    MICROKIT_QEMU=$fake run text 0 "$work/pass.img" --input 'one\ntwo\tend\n' \
        --input-after '^fake: ready$' --until '^fake: eof$' --timeout 20
    expect text "^got: one$"
    expect text "^got: two	end$"
    echo "ok: --input TEXT with escapes, after --input-after matched; closed at the end: exit 0"
    printf 'from a file\n' >"$work/input.txt"
    MICROKIT_QEMU=$fake run file 0 "$work/pass.img" --input "@$work/input.txt" --until '^got: from a file$' \
        --timeout 20
    echo "ok: --input @FILE: exit 0"
    MICROKIT_QEMU=$fake run afteralone 2 "$work/pass.img" --input-after x
    expect afteralone "error: run: --input-after needs --input"
    MICROKIT_QEMU=$fake run nofile 3 "$work/pass.img" --input "@$work/no-such-file"
    expect nofile "error: --input: cannot read '$work/no-such-file'"
    echo '<system/>' >"$work/x.system"
    # The simulator takes --input too (its PL011 model): the option passes,
    # and the empty system is what fails.
    run sim 1 "$work/x.system" --input x
    expect sim "error: at least one protection domain must be defined \\[sys-no-pd\\]"
    echo "ok: --input-after alone, a missing @FILE, --input for the simulator: exit 2, 3, 1"
}

case $mode in
boot | timeout | missing | errors | input) $mode ;;
*) fail "unknown mode '$mode'" ;;
esac
echo "PASS: $mode"
