#!/usr/bin/env bash
# The report page's script under node: every .js file of the page parses (node --check), and the
# pure part's unit tests pass (node --test). Prints "page: N passed, M failed"; non-zero on failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p .build
checked=0
for file in Sources/ChainTraceReport/page/*.js; do
    node --check "$file"
    checked=$((checked + 1))
done
node --test --test-reporter=tap Tests/page/ | tee .build/page-tests.tap
passed=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' .build/page-tests.tap)
failed=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' .build/page-tests.tap)
echo "page: $((checked + passed)) passed, $failed failed"
