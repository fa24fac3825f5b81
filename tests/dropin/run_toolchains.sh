#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# run_toolchains.sh MODE COMPILER CMAKE BUILD WORK EXAMPLES MAKEFILE TEST_KERNEL CROSS_PREFIX NAME...
#
# Every example NAME (EXAMPLES/NAME: its .c, .h, .system and expected.txt files)
# built as a user of an installed SDK builds a Microkit project: the SDK of
# BUILD is installed with `CMAKE --install BUILD --prefix WORK/sdk`, a kernel
# is put into it with `microkit sdk add-kernel`, and MAKEFILE (one Makefile
# in Microkit 2.3's conventions, tests/dropin/microkit-2.3/Makefile) is
# copied next to the example's sources and run with make; its own rule
# writes the image with no kernel argument. MODE:
#   qemu  qemu_virt_aarch64 with the boot-protocol test kernel TEST_KERNEL
#         installed (gen_config.json from `microkit board-info
#         qemu_virt_aarch64 --config debug --format gen-config-json`); each
#         PD is an AArch64 executable made by COMPILER, its source also
#         compiles as ISO C (-std=c99 and c11, -Wpedantic), relinking it in the
#         driver frameworks' `--start-group -lmicrokit -Tmicrokit.ld
#         --end-group` form gives the same file, and `microkit run IMAGE`
#         boots it in QEMU: the loader checks the image and starts the test
#         kernel (which then reports that a tool-built image carries no
#         test manifest: "BOOT-PROTOCOL: FAIL: manifest magic"). Also: a PD
#         compiled with -fstack-protector-strong links.
#   sel4  qemu_virt_aarch64 with the debug seL4 build in
#         $MICROKIT_TEST_KERNEL_DIR installed into the SDK; `microkit run
#         IMAGE --until <last expected line>` boots it in QEMU and the PD
#         output must equal expected.txt (tests/boot/examples/run_example.sh
#         compare).
#   host  the host board with the SDK's host drivers; `microkit run IMAGE
#         --until <last expected line>` on the simulator must print
#         expected.txt.
# COMPILER: `llvm` (make LLVM=True: clang -target aarch64-none-elf, ld.lld;
# on the host CC=, LD=, AS= naming the drivers, with MICROKIT_HOST_CC=clang)
# or, for qemu and sel4, a GNU TOOLCHAIN prefix (make TOOLCHAIN=PREFIX:
# PREFIX-gcc, PREFIX-ld), for host `gcc` (make TOOLCHAIN=<sdk>/bin/host).
# CROSS_PREFIX is the compiler prefix that builds TEST_KERNEL (for the
# message when it is missing).
# Exit 0 pass, 1 fail, 77 skipped (the compiler or QEMU missing; sel4: no
# kernel in MICROKIT_TEST_KERNEL_DIR).
set -u
SKIP=77
CONFIG=debug
mode=$1 compiler=$2 cmake=$3 build=$4 work=$5 examples=$6 makefile=$7 test_kernel=$8
cross_prefix=$9
shift 9
here=$(cd "$(dirname "$0")" && pwd)
compare=$here/../boot/examples/run_example.sh

skip() {
    echo "SKIPPED: $*"
    exit $SKIP
}
fail() {
    echo "FAIL: $*"
    exit 1
}
need_tool() {
    command -v "$1" >/dev/null 2>&1 || skip "$1 not found ($2)"
}

# The user's environment, not the outer build's, decides what make uses.
unset CC AS LD CFLAGS LDFLAGS LLVM TOOLCHAIN SYSTEM IMAGES MICROKIT_TOOL MICROKIT_SDK \
    MICROKIT_BOARD MICROKIT_CONFIG BUILD_DIR MAKEFLAGS MFLAGS 2>/dev/null || true

if [ "$mode" = host ]; then
    board=host
else
    board=qemu_virt_aarch64
    qemu=${MICROKIT_QEMU:-qemu-system-aarch64}
    need_tool "$qemu" "apt-get install qemu-system-arm"
fi
case $compiler in
llvm)
    need_tool clang "apt-get install clang"
    [ "$mode" = host ] || need_tool ld.lld "apt-get install lld"
    ;;
gcc)
    [ "$mode" = host ] || fail "COMPILER gcc is for the host mode; give a TOOLCHAIN prefix"
    ;;
aarch64-linux-gnu)
    need_tool "$compiler-gcc" "apt-get install gcc-aarch64-linux-gnu"
    need_tool "$compiler-ld" "apt-get install binutils-aarch64-linux-gnu"
    ;;
*)
    need_tool "$compiler-gcc" "put the $compiler toolchain (e.g. the Arm GNU Toolchain) on PATH"
    need_tool "$compiler-ld" "put the $compiler toolchain's binutils on PATH"
    ;;
esac
case $mode in
qemu)
    if [ ! -e "$test_kernel" ]; then
        need_tool "${cross_prefix}gcc" "apt-get install gcc-aarch64-linux-gnu; it builds the boot-protocol test kernel"
        fail "the boot-protocol test kernel '$test_kernel' is not built (tests/boot/protocol)"
    fi
    ;;
sel4)
    kdir=${MICROKIT_TEST_KERNEL_DIR:-}
    [ -n "$kdir" ] || skip "MICROKIT_TEST_KERNEL_DIR not set: no seL4 kernel to install and boot"
    json=$kdir/gen_config/kernel/gen_config.json
    [ -f "$json" ] || json=$kdir/include/kernel/gen_config.json
    grep -Eqs '"PRINTING": *true' "$json" ||
        skip "the kernel in '$kdir' does not print (not a debug build): PD output cannot be checked"
    ;;
host) ;;
*) fail "unknown mode '$mode' (see the top of $0)" ;;
esac

rm -rf "$work"
mkdir -p "$work/tmp"
sdk=$work/sdk
microkit=$sdk/bin/microkit
"$cmake" --install "$build" --prefix "$sdk" >"$work/install.log" 2>&1 ||
    { cat "$work/install.log"; fail "cmake --install $build --prefix $sdk"; }
[ -x "$microkit" ] || fail "the installed SDK has no bin/microkit"
board_dir=$sdk/board/$board/$CONFIG
[ -e "$board_dir/lib/libmicrokit.a" ] || fail "the installed SDK has no $board_dir/lib/libmicrokit.a"
echo "ok: SDK installed in $sdk"

# The kernel, installed as a Microkit SDK ships it.
add_kernel() {
    "$microkit" sdk add-kernel --board $board --config $CONFIG "$1" ||
        fail "microkit sdk add-kernel --board $board --config $CONFIG $1"
    "$microkit" sdk list | grep -Eq "^$board +$CONFIG +kernel installed" ||
        { "$microkit" sdk list; fail "sdk list does not show the kernel for $board $CONFIG"; }
}
case $mode in
qemu)
    mkdir -p "$work/kernel/gen_config/kernel"
    cp "$test_kernel" "$work/kernel/kernel.elf" || fail "copying '$test_kernel'"
    "$microkit" board-info $board --config $CONFIG --format gen-config-json \
        >"$work/kernel/gen_config/kernel/gen_config.json" || fail "board-info --format gen-config-json"
    add_kernel "$work/kernel"
    ;;
sel4) add_kernel "$kdir" ;;
esac

# make's variables for COMPILER; the linker for the --start-group check.
case $compiler in
llvm)
    if [ "$mode" = host ]; then
        set -- "$@" -- LLVM=True CC="$sdk/bin/host-clang" LD="$sdk/bin/host-ld" AS="$sdk/bin/host-as"
        export MICROKIT_HOST_CC=clang
    else
        set -- "$@" -- LLVM=True
    fi
    ld=ld.lld producer="clang version" target_cc="clang --target=aarch64-none-elf"
    ;;
gcc)
    set -- "$@" -- TOOLCHAIN="$sdk/bin/host"
    producer="GCC: "
    ;;
*)
    set -- "$@" -- TOOLCHAIN="$compiler"
    ld=$compiler-ld producer="GCC: " target_cc=$compiler-gcc
    ;;
esac

# The last line of FILE as an extended regular expression matching itself.
last_line_re() {
    tail -n 1 "$1" | sed 's/[][\\.*^$+?(){}|/]/\\&/g'
}

# example NAME MAKE-VARIABLES...: build and run one example; 1 on failure.
example() {
    name=$1
    shift
    src=$examples/$name dir=$work/$name
    out=$dir/build
    mkdir -p "$dir/src" "$out"
    cp "$src"/*.c "$src"/*.system "$dir/src/" || { echo "FAIL: copying '$src'"; return 1; }
    for h in "$src"/*.h; do # the example's own headers (timer_client.h, serial_queue.h)
        [ ! -e "$h" ] || cp "$h" "$dir/src/" || { echo "FAIL: copying '$h'"; return 1; }
    done
    cp "$makefile" "$dir/src/Makefile" || { echo "FAIL: copying '$makefile'"; return 1; }
    if ! (cd "$dir/src" && make MICROKIT_SDK="$sdk" MICROKIT_BOARD=$board MICROKIT_CONFIG=$CONFIG \
        BUILD_DIR="$out" "$@") >"$dir/make.log" 2>&1; then
        cat "$dir/make.log"
        echo "FAIL: $name: make failed"
        return 1
    fi
    img=$out/loader.img
    for c in "$dir"/src/*.c; do
        pd=$(basename "$c" .c)
        [ -s "$out/$pd.elf" ] || { echo "FAIL: $name: $pd.elf not built"; return 1; }
        grep -aq "$producer" "$out/$pd.o" ||
            { echo "FAIL: $name: $pd.o was not compiled by '$producer'"; return 1; }
        [ "$mode" = host ] && continue
        # e_machine (offset 18, little-endian) 0xb7: AArch64; e_type 2: executable.
        [ "$(od -An -tx1 -j16 -N4 "$out/$pd.elf" | tr -d ' \n')" = 0200b700 ] ||
            { echo "FAIL: $name: $pd.elf is not an AArch64 executable"; return 1; }
        [ "$mode" = qemu ] || continue
        # The SDK's headers are ISO C as well as GNU C.
        for std in c99 c11; do
            $target_cc -std=$std -Wpedantic -Wall -Werror -ffreestanding -mcpu=cortex-a53 \
                -mstrict-align -I"$board_dir/include" -fsyntax-only "$c" ||
                { echo "FAIL: $name: $pd.c with -std=$std -Wpedantic"; return 1; }
        done
        "$ld" -L"$board_dir/lib" "$out/$pd.o" --start-group -lmicrokit -Tmicrokit.ld --end-group \
            -o "$out/$pd.group.elf" || { echo "FAIL: $name: $ld --start-group"; return 1; }
        cmp "$out/$pd.elf" "$out/$pd.group.elf" ||
            { echo "FAIL: $name: the --start-group link of $pd differs"; return 1; }
    done
    grep -q "^board: *$board" "$out/report.txt" ||
        { echo "FAIL: $name: report.txt does not name board $board"; return 1; }

    console=$dir/console.txt
    case $mode in
    qemu)
        "$microkit" run "$img" --until 'BOOT-PROTOCOL: FAIL: see above|LDR\|ERROR' --timeout 120 \
            </dev/null >"$console" 2>"$console.err"
        rc=$?
        bad=""
        [ $rc -eq 0 ] || bad="microkit run exit $rc"
        for want in "LDR|INFO: region 1: monitor" "LDR|INFO: jumping to kernel" \
            "BOOT-PROTOCOL: test kernel running" "BOOT-PROTOCOL: FAIL: manifest magic"; do
            grep -qF "$want" "$console" || bad=${bad:-"no '$want' on the console"}
        done
        ! grep -q "LDR|ERROR" "$console" || bad=${bad:-"the loader refused the image"}
        if [ -n "$bad" ]; then
            tr -d '\r' <"$console"
            cat "$console.err"
            echo "FAIL: $name: $bad"
            return 1
        fi
        tr -d '\r' <"$console" | grep -E "jumping to kernel|BOOT-PROTOCOL" | sed "s/^/    $name: /"
        ;;
    sel4 | host)
        if [ "$mode" = host ]; then
            [ "$(head -c 8 "$img")" = MKHOSTIM ] || { echo "FAIL: $name: not a host image"; return 1; }
        fi
        TMPDIR=$work/tmp "$microkit" run "$img" --until "$(last_line_re "$src/expected.txt")" \
            --timeout 120 </dev/null >"$console" 2>"$console.err"
        rc=$?
        [ $rc -eq 0 ] || {
            tr -d '\r' <"$console"
            cat "$console.err"
            echo "FAIL: $name: microkit run exit $rc"
            return 1
        }
        sh "$compare" compare "$src/expected.txt" "$console" || {
            echo "FAIL: $name: output differs"
            return 1
        }
        sh "$compare" filter "$console" | sed "s/^/    $name: /"
        ;;
    esac
    echo "ok: $name built with $compiler and run ($mode)"
    return 0
}

# A PD compiled with -fstack-protector-strong (some distributions' default)
# links: libmicrokit has __stack_chk_guard and __stack_chk_fail.
stack_protector() {
    d=$work/stack_protector
    mkdir -p "$d"
    cat >"$d/ssp.c" <<'EOF'
#include <microkit.h>
void init(void)
{
    char line[32];
    for (int i = 0; i < 30; i++) {
        line[i] = (char)('a' + i % 26);
    }
    line[30] = '\n';
    line[31] = 0;
    microkit_dbg_puts(line);
}
void notified(microkit_channel ch)
{
    (void)ch;
}
EOF
    $target_cc -fstack-protector-strong -ffreestanding -nostdlib -O2 -Wall -Werror -mcpu=cortex-a53 \
        -mstrict-align -I"$board_dir/include" -c "$d/ssp.c" -o "$d/ssp.o" ||
        fail "compiling with -fstack-protector-strong"
    grep -aq __stack_chk_guard "$d/ssp.o" || fail "the compiler added no stack protector to ssp.c"
    "$ld" -L"$board_dir/lib" "$d/ssp.o" -lmicrokit -Tmicrokit.ld -o "$d/ssp.elf" ||
        fail "a PD built with -fstack-protector-strong does not link with libmicrokit"
    echo "ok: a PD built with -fstack-protector-strong links"
}
[ "$mode" != qemu ] || stack_protector

# The example names come before "--", make's variables after it.
names=""
while [ $# -gt 0 ] && [ "$1" != -- ]; do
    names="$names $1"
    shift
done
shift
failed=0 count=0
for name in $names; do
    count=$((count + 1))
    example "$name" "$@" || failed=$((failed + 1))
done
[ $failed -eq 0 ] || fail "$failed of $count examples"
echo "PASS: $count examples, $compiler, $mode"
