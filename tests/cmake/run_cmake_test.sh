#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# The SDK's CMake package used as a user uses it: the SDK of this build is
# installed into a prefix, then tests/cmake/project is configured and built
# against it with find_package(Microkit).
#
#   run_cmake_test.sh install CMAKE BUILD PREFIX
#   run_cmake_test.sh qemu    CMAKE GENERATOR MAKE_PROGRAM PREFIX PROJECT WORK CONFIG
#                             gcc|clang CROSS_PREFIX TEST_KERNEL|sel4
#   run_cmake_test.sh host    CMAKE GENERATOR MAKE_PROGRAM PREFIX PROJECT WORK CONFIG
#
# install: `cmake --install BUILD --prefix PREFIX` into an emptied PREFIX.
# qemu: the project for qemu_virt_aarch64 with the SDK's toolchain file (which
# also makes the SDK findable) and gcc or clang, its image built with the
# boot-protocol test kernel standing in for seL4; checks the PD is AArch64 and
# the image and reports are written. With `sel4` for TEST_KERNEL the image is
# built with the seL4 build in $MICROKIT_TEST_KERNEL_DIR (read when the test
# runs, as the boot tests do) and booted in QEMU by the hello_system-run
# target, which must print "hello, world". host: the project for the host board
# found through CMAKE_PREFIX_PATH, run with its hello_system-run target, which
# must print "hello, world"; an unknown board must be refused by name.
# Exit 77 (skipped) when the compiler for the target, or a part the build
# does not make, is missing.
set -eu
mode=$1
shift

skip() {
    echo "SKIPPED: $*"
    exit 77
}
fail() {
    echo "FAIL: $*"
    exit 1
}

if [ "$mode" = install ]; then
    cmake=$1 build=$2 prefix=$3
    rm -rf "$prefix"
    "$cmake" --install "$build" --prefix "$prefix"
    for f in bin/microkit lib/cmake/Microkit/MicrokitConfig.cmake \
             lib/cmake/Microkit/MicrokitConfigVersion.cmake lib/cmake/Microkit/toolchain.cmake; do
        [ -e "$prefix/$f" ] || fail "the installed SDK has no $f"
    done
    echo "PASS: SDK installed in $prefix"
    exit 0
fi

cmake=$1 generator=$2 make_program=$3 prefix=$4 project=$5 work=$6 config=$7
shift 7
# The user's environment, not the outer build's, decides the compilers.
unset CC CFLAGS LDFLAGS MICROKIT_SDK MICROKIT_BOARD MICROKIT_CONFIG 2>/dev/null || true
rm -rf "$work"
mkdir -p "$work"
build=$work/build
configure() {
    "$cmake" -S "$project" -B "$build" -G "$generator" -DCMAKE_MAKE_PROGRAM="$make_program" \
        -DMICROKIT_CONFIG="$config" "$@"
}

case $mode in
qemu)
    toolchain=$1 cross_prefix=$2 test_kernel=$3
    board=qemu_virt_aarch64
    if [ "$toolchain" = gcc ]; then
        command -v "${cross_prefix}gcc" >/dev/null ||
            skip "${cross_prefix}gcc not found (apt-get install gcc-aarch64-linux-gnu)"
        toolchain_args="-DMICROKIT_CROSS_PREFIX=$cross_prefix"
    else
        for t in clang ld.lld llvm-ar; do
            command -v $t >/dev/null || skip "$t not found (apt-get install clang lld llvm)"
        done
        toolchain_args=""
    fi
    [ -e "$prefix/board/$board/$config/lib/libmicrokit.a" ] ||
        skip "the SDK has no $board/$config (build with -DMICROKIT_TARGET=ON and $board in MICROKIT_BOARDS)"

    run_args=""
    if [ "$test_kernel" = sel4 ]; then
        kernel=${MICROKIT_TEST_KERNEL_DIR:-}
        if [ -z "$kernel" ] || [ ! -e "$kernel/kernel.elf" ]; then
            skip "no seL4 kernel build (set MICROKIT_TEST_KERNEL_DIR to a $config seL4 build)"
        fi
        grep -Eqs '"PRINTING": *true' "$kernel/gen_config/kernel/gen_config.json" ||
            skip "the seL4 kernel in $kernel does not print (not a debug build)"
        command -v qemu-system-aarch64 >/dev/null ||
            skip "qemu-system-aarch64 not found (apt-get install qemu-system-arm)"
        "$prefix/bin/microkit" run --help | grep -q IMAGE ||
            skip "this microkit cannot run loader images (microkit run IMAGE)"
        run_args="-DHELLO_RUN_ARGS=--timeout;60;--until;hello, world"
    else
        [ -e "$test_kernel" ] ||
            skip "the boot-protocol test kernel '$test_kernel' is not built (it needs qemu-system-aarch64)"
        # The test kernel as a seL4 build folder: kernel.elf and the
        # configuration the SDK is built for.
        kernel=$work/kernel
        mkdir -p "$kernel/gen_config/kernel"
        cp "$test_kernel" "$kernel/kernel.elf"
        json=$kernel/gen_config/kernel/gen_config.json
        if ! "$prefix/bin/microkit" board-info $board --config "$config" \
                --format gen-config-json >"$json" 2>/dev/null; then
            # A tool without gen-config-json checks only the board's options
            # and the debug ones.
            [ "$config" = debug ] || skip "this microkit cannot describe a $config kernel"
            {
                echo "{"
                "$prefix/bin/microkit" board-info $board | sed -n 's/^kernel option *//p' |
                    awk -F= '{ v = ($2 == "true" || $2 == "false") ? $2 : "\"" $2 "\"";
                               printf "    \"%s\": %s,\n", $1, v }'
                echo '    "PRINTING": true, "DEBUG_BUILD": true, "HARDWARE_DEBUG_API": true'
                echo "}"
            } >"$json"
        fi
    fi

    # No CMAKE_PREFIX_PATH: the toolchain file makes its SDK findable.
    # shellcheck disable=SC2086 # toolchain_args is empty or one word
    configure -DCMAKE_TOOLCHAIN_FILE="$prefix/lib/cmake/Microkit/toolchain.cmake" \
        -DMICROKIT_BOARD=$board -DMICROKIT_TOOLCHAIN="$toolchain" $toolchain_args \
        -DMICROKIT_KERNEL="$kernel" "-DHELLO_TOOL_ARGS=--report-json;$work/report.json" \
        ${run_args:+"$run_args"}
    "$cmake" --build "$build"

    for f in hello.elf loader.img report.txt; do
        [ -s "$build/$f" ] || fail "$build/$f was not built"
    done
    [ -s "$work/report.json" ] || fail "EXTRA_ARGS --report-json wrote no $work/report.json"
    # e_machine (offset 18, little-endian) 0xb7 is AArch64.
    machine=$(od -An -tx1 -j18 -N2 "$build/hello.elf" | tr -d ' \n')
    [ "$machine" = b700 ] || fail "hello.elf is not an AArch64 ELF (e_machine bytes $machine)"
    grep -q "^board: *$board" "$build/report.txt" || fail "report.txt does not name board $board"
    grep -q "hello" "$build/report.txt" || fail "report.txt does not list PD hello"
    "$prefix/bin/microkit" dump-image "$build/loader.img" >"$work/image.txt" ||
        fail "microkit dump-image cannot read loader.img"
    if [ "$test_kernel" = sel4 ]; then
        "$cmake" --build "$build" --target hello_system-run >"$work/run.txt" 2>&1 ||
            { cat "$work/run.txt"; fail "the hello_system-run target failed"; }
        grep -q "hello, world" "$work/run.txt" ||
            { cat "$work/run.txt"; fail "seL4 in QEMU did not print 'hello, world'"; }
        echo "PASS: the $toolchain image booted on seL4 in QEMU and printed hello, world"
        exit 0
    fi
    echo "PASS: $board image built with $toolchain through find_package(Microkit)"
    ;;
host)
    # A board the SDK lacks is refused, naming what it has.
    if configure -DCMAKE_PREFIX_PATH="$prefix" -DMICROKIT_BOARD=no_such_board \
            >"$work/refused.txt" 2>&1; then
        fail "MICROKIT_BOARD=no_such_board was accepted"
    fi
    # CMake wraps the message's lines: compare it as one line.
    refusal=$(tr -s ' \n' '  ' <"$work/refused.txt")
    case $refusal in
    *"has no board 'no_such_board'"*"host/$config"*) ;;
    *)
        cat "$work/refused.txt"
        fail "the refusal does not name the board and what exists"
        ;;
    esac
    rm -rf "$build"

    configure -DCMAKE_PREFIX_PATH="$prefix" -DMICROKIT_BOARD=host \
        "-DHELLO_RUN_ARGS=--timeout;30"
    "$cmake" --build "$build"
    [ -s "$build/hello.elf" ] || fail "$build/hello.elf was not built"
    "$cmake" --build "$build" --target hello_system-run >"$work/run.txt" 2>&1 ||
        { cat "$work/run.txt"; fail "the hello_system-run target failed"; }
    cat "$work/run.txt"
    grep -q "^hello, world$" "$work/run.txt" || fail "the run did not print 'hello, world'"
    echo "PASS: host build through find_package(Microkit) prints hello, world"
    ;;
*)
    fail "unknown mode '$mode'"
    ;;
esac
