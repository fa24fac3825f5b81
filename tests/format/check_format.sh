#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Fail when any tracked C file differs from what clang-format would write.
clang_format=$1
files=$(git ls-files '*.c' '*.h' 2>/dev/null)
[ -n "$files" ] || files=$(find . -path ./build\* -prune -o \( -name '*.c' -o -name '*.h' \) -print)
bad=0
for f in $files; do
    if ! "$clang_format" --dry-run --Werror "$f" >/dev/null 2>&1; then
        echo "not formatted: $f (run: clang-format -i $f)"
        bad=1
    fi
done
[ $bad -eq 0 ] && echo "all C files formatted"
exit $bad
