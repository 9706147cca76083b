#!/usr/bin/env bash
# The whole test suite: Swift unit tests, every sample's trace JSON against the schema, and the
# HTML report driven in headless Chromium. Installs what it misses first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash Tests/install-dependencies.sh --tests
swift build
mkdir -p .build
swift test 2>&1 | tee .build/swift-test.log
swift_passed=$(sed -n 's/.*Test run with \([0-9]*\) tests\{0,1\} in .* passed.*/\1/p' .build/swift-test.log | tail -1)
python3 Tests/validate-traces.py .build/debug/chaintrace | tee .build/schema.log
python3 Tests/validate-audits.py .build/debug/chaintrace | tee .build/audit-schema.log
bash Tests/browser/run.sh | tee .build/browser.log
schema_passed=$(sed -n 's/^schema: \([0-9]*\) passed.*/\1/p' .build/schema.log)
audit_passed=$(sed -n 's/^audit schema: \([0-9]*\) passed.*/\1/p' .build/audit-schema.log)
browser_passed=$(sed -n 's/^\([0-9]*\) passed, 0 failed$/\1/p' .build/browser.log)
echo "all: $((swift_passed + schema_passed + audit_passed + browser_passed)) passed, 0 failed"
