#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
#   run_sdk.sh TEST MICROKIT SDK TEST_KERNEL SOURCE_DIR WORK
#
# TEST is one of gen_config, config_macros, add_kernel, pd_config (see
# CMakeLists.txt). SDK is the staged SDK; add_kernel works on a copy of it.
# Exit 0 pass, 1 fail, 77 skipped (what is missing is printed).
set -u
test=$1 microkit=$2 sdk=$3 test_kernel=$4 src=$5 work=$6
SKIP=77
cross=${MICROKIT_CROSS_PREFIX:-aarch64-linux-gnu-}
board=qemu_virt_aarch64

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

need() {
    for f in "$@"; do
        [ -e "$f" ] || { echo "SKIPPED: '$f' is missing"; exit $SKIP; }
    done
}

need_cross() {
    command -v "${cross}gcc" >/dev/null 2>&1 ||
        { echo "SKIPPED: ${cross}gcc not found (apt-get install gcc-aarch64-linux-gnu)"; exit $SKIP; }
}

# expect STATUS CMD...: run CMD, output in $work/out, its status must be STATUS.
expect() {
    want=$1
    shift
    "$@" >"$work/out" 2>&1
    got=$?
    [ "$got" -eq "$want" ] || { cat "$work/out"; fail "'$*' exited $got, expected $want"; }
}

contains() {
    grep -q -- "$1" "$work/out" || { cat "$work/out"; fail "output lacks '$1'"; }
}

# The test kernel in a seL4-like build folder with the configuration of
# BOARD CONFIG: fake_kernel DIR BOARD CONFIG
fake_kernel() {
    mkdir -p "$1/gen_config/kernel"
    cp "$test_kernel" "$1/kernel.elf"
    "$microkit" board-info "$2" --config "$3" --format gen-config-json \
        >"$1/gen_config/kernel/gen_config.json" || fail "board-info $2 --config $3"
}

gen_config() {
    n=0
    for dir in "$sdk"/board/*/*/; do
        [ -d "$dir/lib" ] || continue
        h=$dir/include/kernel/gen_config.h
        [ -f "$h" ] || fail "'$h' is missing"
        for f in kernel/gen_config.json sel4/gen_config.h sel4/gen_config.json autoconf.h \
            sel4/config.h; do
            [ -f "$dir/include/$f" ] || fail "'$dir/include/$f' is missing"
        done
        # The idiom every Microkit Makefile uses to pick its toolchain.
        arch=$(grep 'CONFIG_SEL4_ARCH  ' "$h" | cut -d' ' -f4)
        # The board file's <cpu arch> (aarch64 unless it says riscv64).
        want=aarch64
        bname=$(basename "$(dirname "$dir")")
        if grep -q 'arch="riscv64"' "$src/boards/$bname.xml" 2>/dev/null; then
            want=riscv64
        fi
        [ "$arch" = "$want" ] || fail "'$h': CONFIG_SEL4_ARCH is '$arch', not '$want'"
        grep -q '^#define CONFIG_KERNEL_MCS  1$' "$h" || fail "'$h' lacks CONFIG_KERNEL_MCS"
        grep -q '^#define CONFIG_WORD_SIZE  64$' "$h" || fail "'$h' lacks CONFIG_WORD_SIZE"
        n=$((n + 1))
    done
    [ "$n" -gt 0 ] || fail "no board in '$sdk/board'"
    host=$sdk/board/host/debug/include/kernel/gen_config.h
    need "$host"
    ! grep -q '^#define CONFIG_ARCH_AARCH64' "$host" || fail "host defines CONFIG_ARCH_AARCH64"
    grep -q '^#define CONFIG_PLAT_MICROKIT_HOST  1$' "$host" || fail "host lacks its platform"
    qemu=$sdk/board/$board/debug/include/kernel/gen_config.h
    need "$qemu"
    for m in ARCH_AARCH64 PLAT_QEMU_ARM_VIRT ARM_CORTEX_A53 EXPORT_PCNT_USER EXPORT_PTMR_USER \
        AARCH64_USER_CACHE_ENABLE HARDWARE_DEBUG_API PRINTING; do
        grep -q "^#define CONFIG_$m  1$" "$qemu" || fail "'$qemu' lacks CONFIG_$m"
    done
    grep -q '^#define CONFIG_L1_CACHE_LINE_SIZE_BITS  6$' "$qemu" || fail "cache line size"
    grep -q '^#define CONFIG_MAX_NUM_NODES  1$' "$qemu" || fail "MAX_NUM_NODES"
    echo "gen_config.h in $n board/config folders; ARCH aarch64 in each"
}

config_macros() {
    need_cross
    mkdir -p "$work"
    bd=$sdk/board/$board/debug
    hd=$sdk/board/host/debug
    need "$bd/lib/libmicrokit.a" "$hd/lib/libmicrokit.a"
    "${cross}gcc" -DEXPECT_TIMER -mcpu=cortex-a53 -mstrict-align -ffreestanding -nostdlib -O2 \
        -Wall -Werror -I"$bd/include" -c "$src/tests/sdk/timer/timer.c" -o "$work/timer.o" ||
        fail "the timer path does not compile for $board"
    "${cross}ld" -L"$bd/lib" "$work/timer.o" -lmicrokit -Tmicrokit.ld -o "$work/timer.elf" ||
        fail "link for $board"
    mkdir -p "$work/host"
    "$sdk/bin/host-gcc" -mcpu=cortex-a53 -O2 -Wall -Werror -I"$hd/include" \
        -c "$src/tests/sdk/timer/timer.c" -o "$work/host/timer.o" ||
        fail "the portable path does not compile for host"
    "$sdk/bin/host-ld" -L"$hd/lib" "$work/host/timer.o" -lmicrokit -Tmicrokit.ld \
        -o "$work/host/timer.elf" || fail "link for host"
    expect 0 "$microkit" run "$src/tests/sdk/timer/timer.system" --board host \
        --search-path "$work/host" --until 'timer: no exported timer on host' --timeout 30
    echo "timer PD: exported-timer path on $board, portable path on host"
    # On real seL4 the exported counter ticks (MICROKIT_TEST_KERNEL_DIR).
    k=${MICROKIT_TEST_KERNEL_DIR:-}
    if [ -z "$k" ] || ! grep -Eq '"PRINTING": *true' "$k/gen_config/kernel/gen_config.json" 2>/dev/null; then
        echo "MICROKIT_TEST_KERNEL_DIR not set (or not a debug build): not booted on seL4"
        return 0
    fi
    command -v qemu-system-aarch64 >/dev/null 2>&1 || { echo "no qemu-system-aarch64: not booted"; return 0; }
    expect 0 "$microkit" "$src/tests/sdk/timer/timer.system" --search-path "$work" --board $board \
        --config debug --kernel "$k" -o "$work/timer.img" -r "$work/timer.txt"
    expect 0 "$microkit" run "$work/timer.img" --until 'timer: generic timer on' --timeout 120
    [ "$(grep -c '^timer: tick' "$work/out")" -eq 3 ] || { cat "$work/out"; fail "three ticks"; }
    tr -d '\r' <"$work/out" | grep '^timer:'
}

# build_hello SDK OUT [args]: hello's PD and image with no kernel argument.
build_hello() {
    s=$1 out=$2
    shift 2
    make -s -C "$src/example/hello" MICROKIT_SDK="$s" MICROKIT_BOARD=$board \
        MICROKIT_CONFIG=debug BUILD_DIR="$out" TOOLCHAIN="$cross" elfs >"$work/make.out" 2>&1 ||
        { cat "$work/make.out"; fail "building hello.elf"; }
    "$s/bin/microkit" "$src/example/hello/hello.system" --search-path "$out" --board $board \
        --config debug -o "$out/loader.img" -r "$out/report.txt" "$@"
}

add_kernel() {
    need_cross
    need "$test_kernel" "$sdk/board/$board/debug/elf/monitor.elf"
    rm -rf "$work"
    mkdir -p "$work"
    cp -a "$sdk" "$work/sdk"
    s=$work/sdk
    m=$s/bin/microkit
    elfdir=$s/board/$board/debug/elf
    fake_kernel "$work/good" $board debug
    fake_kernel "$work/release" $board release
    fake_kernel "$work/imx" imx8mm_evk debug
    mkdir -p "$work/empty"

    # Refused, and nothing installed.
    expect 1 "$m" sdk add-kernel --board $board --config debug "$work/release"
    contains "kernel option 'PRINTING' is 'false', config 'debug' needs 'true' \[kernel-config\]"
    contains "hint: rebuild seL4 with -DKernelPrinting=ON"
    expect 1 "$m" sdk add-kernel --board $board --config debug "$work/imx"
    contains "kernel option 'PLAT' is 'imx8mm-evk', board '$board' needs 'qemu-arm-virt'"
    expect 1 "$m" sdk add-kernel --board $board --config debug "$work/empty"
    contains "\[kernel-missing\]"
    expect 1 "$m" sdk add-kernel --board $board --config debug --sdk "$work/empty" "$work/good"
    contains "is not a microkit SDK"
    expect 1 "$m" sdk add-kernel --board nosuch --config debug "$work/good"
    contains "\[sdk-missing\]"
    expect 2 "$m" sdk add-kernel --board $board --config fast "$work/good"
    if [ -e "$elfdir/sel4.elf" ] || [ -e "$elfdir/sel4.json" ]; then
        fail "a refused add-kernel left files in '$elfdir'"
    fi
    # A build without a kernel says how to install one.
    expect 1 build_hello "$s" "$work/nokernel"
    contains "microkit sdk add-kernel --board $board --config debug"
    [ ! -e "$work/nokernel/loader.img" ] || fail "an image was written without a kernel"
    # An SDK that cannot be written stays as it was (not as root: root writes anyway).
    if [ "$(id -u)" -ne 0 ]; then
        chmod a-w "$elfdir"
        expect 3 "$m" sdk add-kernel --board $board --config debug "$work/good"
        chmod u+w "$elfdir"
        [ ! -e "$elfdir/sel4.elf" ] || fail "a failed install left sel4.elf"
    fi
    for f in "$elfdir"/*.new* "$elfdir"/*.tmp.*; do
        [ ! -e "$f" ] || fail "temporary file '$f' left behind"
    done

    # Installed; then builds need no kernel argument.
    expect 0 "$m" sdk add-kernel --board $board --config debug "$work/good"
    contains "installed seL4 kernel"
    cmp -s "$elfdir/sel4.elf" "$test_kernel" || fail "sel4.elf is not the kernel"
    cmp -s "$elfdir/sel4.json" "$work/good/gen_config/kernel/gen_config.json" ||
        fail "sel4.json is not the kernel's configuration"
    expect 0 "$m" sdk list
    contains "$board  *debug  *kernel installed"
    contains "$board  *release  *no kernel"
    expect 0 build_hello "$s" "$work/hello"
    expect 0 "$m" dump-image "$work/hello/loader.img"
    # --override-kernel: an ELF in a seL4 build folder brings its configuration.
    expect 1 build_hello "$s" "$work/override" --override-kernel "$work/release/kernel.elf"
    contains "kernel option 'PRINTING' is 'false'"
    expect 0 build_hello "$s" "$work/override" --override-kernel "$work/good/kernel.elf"
    cmp -s "$work/override/loader.img" "$work/hello/loader.img" ||
        fail "--override-kernel with the same kernel gave another image"
    expect 2 build_hello "$s" "$work/both" --kernel "$work/good" --override-kernel "$test_kernel"
    echo "add-kernel: refusals leave the SDK unchanged; installed kernel used without --kernel"
}

pd_config() {
    need_cross
    need "$test_kernel"
    rm -rf "$work"
    mkdir -p "$work"
    fake_kernel "$work/kernel" $board debug
    make -s -C "$src/example/hello" MICROKIT_SDK="$sdk" MICROKIT_BOARD=$board \
        MICROKIT_CONFIG=release BUILD_DIR="$work/release" TOOLCHAIN="$cross" elfs ||
        fail "building hello.elf for release"
    expect 1 "$microkit" "$src/example/hello/hello.system" --search-path "$work/release" \
        --board $board --config debug --kernel "$work/kernel" -o "$work/loader.img" \
        -r "$work/report.txt"
    contains "hello.system:5:9: error: program image '$work/release/hello.elf' of PD 'hello' was built for board '$board' config 'release', not for the image's board '$board' config 'debug' \[pd-sdk-config\]"
    [ ! -e "$work/loader.img" ] || fail "an image was written"
    echo "a PD built for release is refused by a debug build"
}

case $test in
gen_config | config_macros | add_kernel | pd_config) "$test" ;;
*)
    echo "usage: run_sdk.sh gen_config|config_macros|add_kernel|pd_config ..." >&2
    exit 2
    ;;
esac
