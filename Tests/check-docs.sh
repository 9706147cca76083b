#!/usr/bin/env bash
# Builds the DocC documentation of every library target with warnings as errors (broken links fail).
set -uo pipefail
cd "$(dirname "$0")/.."
targets=$(sed -n 's/^ *\.library(name: "[^"]*", targets: \[\(.*\)\]),$/\1/p' Package.swift | tr -d '" ' | tr ',' '\n' | sort -u)
passed=0 failed=0
for target in $targets; do
    if swift package generate-documentation --target "$target" --warnings-as-errors > ".build/docs-$target.log" 2>&1; then
        passed=$((passed + 1)); echo "ok   docs: $target"
    else
        failed=$((failed + 1)); echo "FAIL docs: $target"; grep -A6 -E "warning|error" ".build/docs-$target.log" | head -40
    fi
done
echo "docs: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
