#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# One board and configuration of the SDK as CI builds it:
#   * elf/loader.elf's entry and its PT_LOAD (virtual and physical address)
#     equal the board's loader link address (`microkit board-info BOARD
#     --format cmake`, BOARD_LINK_ADDRESS), read with READELF;
#   * monitor.elf, libmicrokit.a and microkit.ld are staged;
#   * every example's PD programs were built (AArch64 executables, RISC-V ones
#     for a board whose BOARD_ARCH is riscv64) and every
#     example's .system passes `microkit check --board BOARD`.
#
#   check_board.sh MICROKIT SDK BOARD CONFIG READELF EXAMPLES_SRC EXAMPLES_BUILD EXAMPLE...
#
# Exit 0 pass, 1 fail, 77 skipped when the target parts were not built.
set -u
microkit=$1 sdk=$2 board=$3 config=$4 readelf=$5 src=$6 built=$7
shift 7
set -- "$@" -- # the examples, then an end marker
dir=$sdk/board/$board/$config
status=0

fail() {
    echo "FAIL: $*"
    status=1
}

if [ ! -e "$dir/elf/loader.elf" ]; then
    echo "SKIPPED: '$dir/elf/loader.elf' is missing (build with -DMICROKIT_TARGET=ON)"
    exit 77
fi
command -v "$readelf" >/dev/null 2>&1 || { echo "SKIPPED: $readelf not found"; exit 77; }

link=$(MICROKIT_SDK=$sdk "$microkit" board-info "$board" --format cmake |
    sed -n 's/.*BOARD_LINK_ADDRESS "*\(0x[0-9a-fA-F]*\)"*.*/\1/p')
[ -n "$link" ] || { echo "FAIL: no BOARD_LINK_ADDRESS for '$board'"; exit 1; }
hex=$link
link=$(printf '%d' "$link")
machine=AArch64
if MICROKIT_SDK=$sdk "$microkit" board-info "$board" --format cmake | grep -q 'BOARD_ARCH "riscv64"'; then
    machine=RISC-V
fi

entry=$("$readelf" -h "$dir/elf/loader.elf" | sed -n 's/.*Entry point address: *//p')
[ "$(printf '%d' "$entry")" = "$link" ] || fail "loader.elf entry $entry, board link address $hex"
loads=$("$readelf" -lW "$dir/elf/loader.elf" | awk '$1 == "LOAD" { print $3, $4 }')
[ "$(echo "$loads" | wc -l)" -eq 1 ] || fail "loader.elf has $(echo "$loads" | wc -l) PT_LOADs"
for a in $loads; do
    [ "$(printf '%d' "$a")" = "$link" ] || fail "loader.elf PT_LOAD address $a, board link address $hex"
done
echo "loader.elf: entry $entry, PT_LOAD $(echo $loads) (board link address $hex)"

for f in elf/monitor.elf lib/libmicrokit.a lib/microkit.ld; do
    [ -e "$dir/$f" ] || fail "'$dir/$f' is missing"
done

while [ "$1" != -- ]; do
    ex=$1
    shift
    out=$(MICROKIT_SDK=$sdk "$microkit" check "$src/$ex/$ex.system" --board "$board" 2>&1) ||
        fail "microkit check --board $board $ex.system: $out"
    echo "$out"
    n=0
    for elf in "$built/$ex"/*.elf; do
        [ -e "$elf" ] || continue
        n=$((n + 1))
        "$readelf" -h "$elf" | grep -q "Machine: *$machine" || fail "$elf is not an $machine ELF"
    done
    [ $n -gt 0 ] || fail "no PD programs built for example '$ex' in '$built/$ex'"
    echo "$ex: $n PD programs"
done
[ $status -eq 0 ] && echo "PASS: $board $config"
exit $status
