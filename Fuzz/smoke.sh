#!/usr/bin/env bash
# CI's smoke run: each libFuzzer target for a few seconds on its seed corpus (which holds the inputs
# that once crashed), so that a target that no longer builds, or a seed that crashes again, fails CI.
# Usage: bash Fuzz/smoke.sh [SECONDS]   (default 5 per target)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-5}
passed=0
mkdir -p .build-fuzz  # the logs go beside the build, which Fuzz/run.sh makes on first use
for target in $(ls Fuzz/Targets | sed 's/\.swift$//'); do
    if bash Fuzz/run.sh "$target" "$seconds" > ".build-fuzz/smoke-$target.log" 2>&1; then
        passed=$((passed + 1))
        echo "fuzz $target: $(sed -n 's/^stat::number_of_executed_units: *//p' ".build-fuzz/smoke-$target.log") runs in ${seconds} s, no crash"
    else
        tail -40 ".build-fuzz/smoke-$target.log"
        echo "fuzz: $target failed (log: .build-fuzz/smoke-$target.log)"
        exit 1
    fi
done
echo "fuzz: $passed passed, 0 failed"
