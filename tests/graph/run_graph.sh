#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
#
# `microkit graph` for one system description:
#
#   run_graph.sh check|update|render MICROKIT SYSTEM GOLDEN WORK_DIR
#
# check: the DOT text equals GOLDEN; update: write GOLDEN; render: Graphviz's
# `dot -Tsvg` reads it without an error or a warning (skipped, exit 77, when
# dot is not installed: Debian package graphviz). The command runs in
# SYSTEM's folder; the exit status must be 0, or 1 for a system with errors
# (the graph is written all the same).
set -eu
mode=$1 microkit=$2 system=$3 golden=$4 work=$5
name=$(basename "$system" .system)
mkdir -p "$work"
dot_file="$work/$name.dot"

if [ "$mode" = render ] && ! command -v dot >/dev/null 2>&1; then
    echo "SKIPPED: Graphviz 'dot' is not installed (Debian package graphviz)"
    exit 77
fi

status=0
(cd "$(dirname "$system")" && "$microkit" graph "$(basename "$system")" -o "$dot_file") \
    2>"$work/$name.stderr" || status=$?
if [ $status -gt 1 ] || [ ! -s "$dot_file" ]; then
    cat "$work/$name.stderr"
    echo "FAIL: microkit graph exited with $status"
    exit 1
fi

case $mode in
update)
    cp "$dot_file" "$golden"
    echo "updated $golden"
    ;;
check)
    if ! diff -u "$golden" "$dot_file"; then
        echo "FAIL: $name.dot differs from $golden (regenerate: ninja graph-update)"
        exit 1
    fi
    echo "PASS: $name"
    ;;
render)
    if ! dot -Tsvg "$dot_file" -o "$work/$name.svg" 2>"$work/$name.dot-stderr" ||
        [ -s "$work/$name.dot-stderr" ]; then
        cat "$work/$name.dot-stderr"
        echo "FAIL: dot -Tsvg could not render $name.dot"
        exit 1
    fi
    grep -q '<svg' "$work/$name.svg"
    echo "PASS: $name rendered"
    ;;
esac
