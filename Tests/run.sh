#!/usr/bin/env bash
# The whole test suite: unit tests, then every sample's trace JSON validated against the schema.
set -euo pipefail
cd "$(dirname "$0")/.."
bash Tests/install-dependencies.sh --tests
swift build
swift test 2>&1 | tee .build/swift-test.log
python3 Tests/validate-traces.py .build/debug/chaintrace
