#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# The build command's --image-type, on an example built for qemu_virt_aarch64
# against the boot-protocol test kernel (with a gen_config.json generated
# by `microkit board-info --format gen-config-json`, as tests/golden does), so no seL4 kernel
# is needed.
#
#   run_formats.sh images  MICROKIT SDK EXAMPLE_DIR ELF_DIR TEST_KERNEL WORK CHECK_WRAPPED
#       build binary, elf and uimage; check both wrappers against the raw
#       image (check_wrapped: CRCs, load address = the board's loader link
#       address, payload), `mkimage -l` when u-boot-tools is installed,
#       `microkit dump-image` of all three; refusals (bad --image-type, a
#       uImage above 4 GiB)
#   run_formats.sh configs MICROKIT SDK EXAMPLE_DIR ELF_DIR TEST_KERNEL WORK
#       the example in release and benchmark (ELF_DIR names the debug PDs;
#       the others are next to it): no print flag in either, the PD's own TCB
#       at slot 6 in benchmark only; a kernel of the wrong kind is refused
#   run_formats.sh boot-elf MICROKIT SDK EXAMPLE_DIR ELF_DIR TEST_KERNEL WORK QEMU
#       boot the ELF form with QEMU's -kernel: the loader must check the
#       image and start the test kernel
#   run_formats.sh sel4-elf MICROKIT SDK EXAMPLE_DIR ELF_DIR WORK QEMU COMPARE
#       with MICROKIT_TEST_KERNEL_DIR (a debug seL4 build): the example's ELF
#       form on real seL4 with -kernel, output compared with expected.txt
#
# Exit 0 pass, 1 fail, 77 skipped (with the reason).
set -u
SKIP=77
BOARD=qemu_virt_aarch64
QEMU_MACHINE="-machine virt,virtualization=on -cpu cortex-a53 -m 2G -nographic"

fail() {
    echo "FAIL: $*"
    exit 1
}

need() {
    for f in "$@"; do
        if [ ! -e "$f" ]; then
            echo "SKIPPED: '$f' is missing (build with -DMICROKIT_TARGET=ON and the AArch64 cross compiler)"
            exit $SKIP
        fi
    done
}

# fake_kernel DIR KERNEL [CONFIG]: KERNEL with the gen_config.json of the
# seL4 configuration the SDK is built for (board $BOARD, CONFIG or debug).
fake_kernel() {
    dir=$1 kernel=$2
    mkdir -p "$dir/gen_config/kernel"
    cp "$kernel" "$dir/kernel.elf"
    MICROKIT_SDK=$sdk "$microkit" board-info $BOARD --config "${3:-debug}" \
        --format gen-config-json >"$dir/gen_config/kernel/gen_config.json"
}

# build TYPE OUTPUT [extra arguments]: exit status in $rc, stderr in OUTPUT.err
build() {
    type=$1 out=$2
    shift 2
    MICROKIT_SDK=$sdk "$microkit" "$example/$name.system" --board $BOARD --config debug \
        --search-path "$elfdir" "$example" --kernel "$work/kernel" --image-type "$type" \
        -o "$out" -r "$out.report" "$@" 2>"$out.err"
    rc=$?
}

link_address() {
    MICROKIT_SDK=$sdk "$microkit" board-info "$1" --format cmake |
        sed -n 's/.*BOARD_LINK_ADDRESS "*\(0x[0-9a-fA-F]*\)"*.*/\1/p'
}

check_mkimage() {
    if ! command -v mkimage >/dev/null 2>&1; then
        echo "note: mkimage not found (apt-get install u-boot-tools): 'mkimage -l' not run"
        return 0
    fi
    mkimage -l "$1" >"$1.mkimage" 2>&1 || { cat "$1.mkimage"; fail "mkimage -l refused '$1'"; }
    cat "$1.mkimage"
    hex=$(printf '%08x' "$2")
    grep -Eq "Load Address: *$hex" "$1.mkimage" || fail "mkimage: load address is not $hex"
    grep -Eq "Entry Point: *$hex" "$1.mkimage" || fail "mkimage: entry point is not $hex"
    grep -q "AArch64 Linux Kernel Image (uncompressed)" "$1.mkimage" ||
        fail "mkimage: not an uncompressed AArch64 kernel image"
    echo "ok: mkimage -l: load = entry = 0x$hex"
}

refusals() {
    build bogus "$work/bogus.img"
    [ $rc -eq 2 ] || fail "--image-type bogus: exit $rc, expected 2 (usage error)"
    grep -q "invalid choice 'bogus' (choose from: binary, elf, uimage)" "$work/bogus.img.err" ||
        { cat "$work/bogus.img.err"; fail "--image-type bogus: choices not listed"; }
    [ ! -e "$work/bogus.img" ] || fail "--image-type bogus wrote an image"
    echo "ok: --image-type bogus: exit 2, choices listed"

    # A board whose loader sits at 4 GiB (RAM extended past it): no uImage.
    mkdir -p "$work/boards"
    sed -e 's/link_address="[^"]*"/link_address="0x100000000"/' \
        -e 's/<ram start="0x60000000" end="0xc0000000"/<ram start="0x60000000" end="0x100200000"/' \
        -e 's/<device start="0xc0000000"/<device start="0x100200000"/' \
        "$sdk/board/$BOARD/board.xml" >"$work/boards/$BOARD.xml"
    build uimage "$work/high.img" --boards-dir "$work/boards"
    cat "$work/high.img.err"
    [ $rc -eq 1 ] || fail "uImage above 4 GiB: exit $rc, expected 1"
    grep -q "a uImage needs a load address and size below 4 GiB, not 0x100000000" \
        "$work/high.img.err" || fail "uImage above 4 GiB: no clear error"
    [ ! -e "$work/high.img" ] || fail "uImage above 4 GiB: an image was written"
    echo "ok: uImage at 0x100000000 refused"
}

images() {
    checker=$1
    link=$(link_address $BOARD)
    [ -n "$link" ] || fail "no BOARD_LINK_ADDRESS from 'microkit board-info $BOARD --format cmake'"
    for t in binary elf uimage; do
        build $t "$work/$name.$t"
        [ $rc -eq 0 ] || { cat "$work/$name.$t.err"; fail "--image-type $t: exit $rc"; }
        MICROKIT_SDK=$sdk "$microkit" dump-image "$work/$name.$t" >"$work/$name.$t.dump" ||
            fail "dump-image refused the $t image"
        echo "ok: --image-type $t: $(wc -c <"$work/$name.$t") bytes"
    done
    # Without --image-type: binary.
    MICROKIT_SDK=$sdk "$microkit" "$example/$name.system" --board $BOARD --config debug \
        --search-path "$elfdir" "$example" --kernel "$work/kernel" -o "$work/default.img" \
        -r "$work/default.report" || fail "build without --image-type failed"
    cmp "$work/default.img" "$work/$name.binary" || fail "the default is not --image-type binary"
    "$checker" elf "$work/$name.elf" "$work/$name.binary" "$link" || fail "ELF wrapper"
    "$checker" uimage "$work/$name.uimage" "$work/$name.binary" "$link" || fail "uImage wrapper"
    check_mkimage "$work/$name.uimage" "$link"
    for t in elf uimage; do
        # Only where the header sits in the file and the wrapper's own line may differ.
        grep -Ev "^(header at offset|uImage:|ELF)" "$work/$name.$t.dump" >"$work/a" || true
        grep -Ev "^(header at offset|uImage:|ELF)" "$work/$name.binary.dump" >"$work/b" || true
        diff -u "$work/b" "$work/a" || fail "dump-image of the $t form differs from the raw one"
    done
    echo "ok: dump-image reads the same image in all three forms"
    refusals
    echo "PASS: image types"
}

# One configuration: CONFIG's kernel, CONFIG's PDs; report and dump in WORK/CONFIG.*
build_config() {
    config=$1
    fake_kernel "$work/kernel-$config" "$kernel" "$config"
    MICROKIT_SDK=$sdk "$microkit" "$example/$name.system" --board $BOARD --config "$config" \
        --search-path "$elfdir/../../$config/$name" "$example" --kernel "$work/kernel-$config" \
        -o "$work/$config.img" -r "$work/$config.report" || fail "--config $config: build failed"
    MICROKIT_SDK=$sdk "$microkit" dump-image "$work/$config.img" >"$work/$config.dump" ||
        fail "--config $config: dump-image"
    grep -q "^  flags .* print" "$work/$config.dump" && fail "--config $config: image flag print set"
    echo "ok: --config $config: built, loader output off"
}

configs() {
    for c in release benchmark; do
        need "$sdk/board/$BOARD/$c/elf/loader.elf"
        ls "$elfdir/../../$c/$name"/*.elf >/dev/null 2>&1 ||
            { echo "SKIPPED: no $c PD ELFs (MICROKIT_CONFIGS)"; exit $SKIP; }
        build_config $c
    done
    grep -q "^    slot   6  tcb of pd '$name'" "$work/benchmark.report" ||
        fail "benchmark: no own TCB cap at slot 6 in the report"
    ! grep -q "^    slot   6 " "$work/release.report" || fail "release: a cap at slot 6"
    echo "ok: slot 6 holds the PD's own TCB in benchmark only"
    # A release kernel for a benchmark build, and a debug one: refused.
    for k in release debug; do
        [ -d "$work/kernel-$k" ] || fake_kernel "$work/kernel-$k" "$kernel" $k
        MICROKIT_SDK=$sdk "$microkit" "$example/$name.system" --board $BOARD --config benchmark \
            --search-path "$elfdir/../../benchmark/$name" --kernel "$work/kernel-$k" \
            -o "$work/wrong.img" -r "$work/wrong.report" 2>"$work/wrong.err"
        rc=$?
        cat "$work/wrong.err"
        [ $rc -eq 1 ] || fail "a $k kernel for benchmark: exit $rc, expected 1"
        [ ! -e "$work/wrong.img" ] || fail "a $k kernel for benchmark: an image was written"
    done
    grep -q "kernel option 'KERNEL_BENCHMARK' is 'none', config 'benchmark' needs" \
        "$work/wrong.err" || fail "no KERNEL_BENCHMARK mismatch reported"
    grep -q "kernel option 'PRINTING' is 'true', config 'benchmark' needs 'false'" \
        "$work/wrong.err" || fail "no PRINTING mismatch reported"
    echo "PASS: configurations"
}

# boot IMAGE LOG EXPECT REJECT: QEMU -kernel until EXPECT or REJECT shows.
boot() {
    : >"$2"
    # shellcheck disable=SC2086
    "$qemu" $QEMU_MACHINE -kernel "$1" </dev/null >"$2" 2>&1 &
    pid=$!
    ticks=$((${BOOT_TEST_GUARD:-300} * 10))
    while kill -0 "$pid" 2>/dev/null && [ $ticks -gt 0 ]; do
        if grep -Eq "$3|$4" "$2"; then
            sleep 0.2
            break
        fi
        ticks=$((ticks - 1))
        sleep 0.1
    done
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    tr -d '\r' <"$2"
    ! grep -Eq "$4" "$2" || fail "output matches '$4'"
    grep -Eq "$3" "$2" || fail "output never matched '$3'"
    echo "ok: saw '$3'"
}

boot_elf() {
    command -v "$qemu" >/dev/null 2>&1 || { echo "SKIPPED: $qemu not found"; exit $SKIP; }
    build elf "$work/$name.elf"
    [ $rc -eq 0 ] || { cat "$work/$name.elf.err"; fail "--image-type elf: exit $rc"; }
    # The test kernel finds no manifest in a tool-built image, so its verdict
    # is FAIL on "manifest magic"; reaching it proves the loader took the ELF
    # form, checked every region and entered the kernel.
    boot "$work/$name.elf" "$work/console.txt" "BOOT-PROTOCOL: FAIL: see above" "LDR.ERROR"
    grep -q "BOOT-PROTOCOL: test kernel running" "$work/console.txt" ||
        fail "the test kernel did not start"
    echo "PASS: ELF form booted with -kernel"
}

# boot_until_lines IMAGE LOG N: QEMU -kernel until N PD lines have appeared.
boot_until_lines() {
    : >"$2"
    # shellcheck disable=SC2086
    "$qemu" $QEMU_MACHINE -kernel "$1" </dev/null >"$2" 2>"$2.stderr" &
    pid=$!
    ticks=$((${BOOT_TEST_GUARD:-600} * 10))
    while kill -0 "$pid" 2>/dev/null && [ $ticks -gt 0 ]; do
        if [ "$(sh "$compare" filter "$2" | wc -l)" -ge "$3" ]; then
            sleep 1
            break
        fi
        ticks=$((ticks - 1))
        sleep 0.1
    done
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
}

sel4_elf() {
    compare=$1
    if [ -z "${MICROKIT_TEST_KERNEL_DIR:-}" ]; then
        echo "SKIPPED: MICROKIT_TEST_KERNEL_DIR not set: no seL4 kernel to boot"
        exit $SKIP
    fi
    kdir=$MICROKIT_TEST_KERNEL_DIR
    json=$kdir/gen_config/kernel/gen_config.json
    [ -f "$json" ] || json=$kdir/include/kernel/gen_config.json
    if ! grep -Eq '"PRINTING": *true' "$json" 2>/dev/null; then
        echo "SKIPPED: the kernel in '$kdir' does not print (not a debug build)"
        exit $SKIP
    fi
    command -v "$qemu" >/dev/null 2>&1 || { echo "SKIPPED: $qemu not found"; exit $SKIP; }
    MICROKIT_SDK=$sdk "$microkit" "$example/$name.system" --board $BOARD --config debug \
        --search-path "$elfdir" "$example" --kernel "$kdir" --image-type elf \
        -o "$work/$name.elf" -r "$work/report.txt" || fail "build with the seL4 kernel"
    boot_until_lines "$work/$name.elf" "$work/console.txt" "$(wc -l <"$example/expected.txt")"
    sh "$compare" compare "$example/expected.txt" "$work/console.txt" || fail "output differs"
    echo "PASS: $name on seL4 from the ELF form"
}

mode=$1 microkit=$2 sdk=$3 example=$4 elfdir=$5
name=$(basename "$example")
need "$microkit" "$sdk/board/$BOARD/debug/elf/monitor.elf" "$sdk/board/$BOARD/debug/elf/loader.elf"
ls "$elfdir"/*.elf >/dev/null 2>&1 ||
    { echo "SKIPPED: no PD ELFs in '$elfdir' (built by 'ninja examples')"; exit $SKIP; }
case $mode in
images | boot-elf | configs)
    kernel=$6 work=$7
    need "$kernel"
    rm -rf "$work"
    mkdir -p "$work"
    fake_kernel "$work/kernel" "$kernel"
    if [ "$mode" = images ]; then
        images "$8"
    elif [ "$mode" = configs ]; then
        configs
    else
        qemu=$8
        boot_elf
    fi
    ;;
sel4-elf)
    work=$6 qemu=$7
    rm -rf "$work"
    mkdir -p "$work"
    sel4_elf "$8"
    ;;
*)
    echo "usage: see the top of $0" >&2
    exit 2
    ;;
esac
