#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# collision.sh MICROKIT PDS_DIR: a map whose vaddr collides with the PD
# program's own segments is a clear error naming the map (exit status 1).
set -u
microkit=$1 dir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/c.system" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<system>
    <memory_region name="low" size="0x1000" />
    <protection_domain name="p" priority="1">
        <program_image path="rofault.elf" />
        <map mr="low" vaddr="0x401000" perms="rw" setvar_vaddr="ro_vaddr" />
    </protection_domain>
</system>
XML
out=$("$microkit" run "$tmp/c.system" --board host --search-path "$dir" 2>&1)
status=$?
echo "$out"
[ "$status" -eq 1 ] || { echo "exit status $status, expected 1"; exit 1; }
case "$out" in
*"map of 'low' at 0x401000 in PD 'p' cannot be simulated"*"[sim-map-collision]"*) echo ok ;;
*) echo "no collision error"; exit 1 ;;
esac
