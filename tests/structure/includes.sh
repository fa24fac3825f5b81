#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# includes.sh SOURCE_DIR: only the tool includes the tool's headers, and the
# shared code (include/sdk, common/) includes nothing but itself and the
# freestanding C headers (docs/architecture.md, "Who may include what").
set -u
src=$1
status=0
tool_headers=$(cd "$src/tool" && ls ./*.h | sed 's|^\./||')
for dir in sim monitor loader libmicrokit common include; do
    for h in $tool_headers; do
        hits=$(grep -rn --include='*.c' --include='*.h' --include='*.S' \
            "#include \"$h\"" "$src/$dir" 2>/dev/null)
        if [ -n "$hits" ]; then
            echo "FAIL: $dir/ includes the tool's $h:"
            echo "$hits"
            status=1
        fi
    done
done
# gen_crc32_table.c is a host program that prints a table; crc32.c's x86-64
# fast path (guarded by the compiler's target macros) uses the intrinsics.
bad=$(grep -rn '#include <' "$src/common" "$src/include/sdk" |
    grep -v '<std\(int\|def\|bool\|arg\)\.h>' | grep -v '^[^:]*/gen_[a-z0-9_]*\.c:' |
    grep -v '^[^:]*/common/crc32\.c:[0-9]*:#include <immintrin\.h>')
if [ -n "$bad" ]; then
    echo "FAIL: shared code includes more than the freestanding headers:"
    echo "$bad"
    status=1
fi
bad=$(grep -rn '#include "\.\./' "$src/tool" "$src/sim" "$src/monitor" "$src/loader" "$src/common")
if [ -n "$bad" ]; then
    echo "FAIL: an include by relative path into another part:"
    echo "$bad"
    status=1
fi
[ $status -eq 0 ] && echo "includes: every part includes only what it may"
exit $status
