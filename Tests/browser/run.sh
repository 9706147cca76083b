#!/usr/bin/env bash
# The report's real-browser test: installs what is missing (Debian's chromium and chromium-driver,
# PyPI's selenium), builds chaintrace if needed, and drives the generated pages in headless Chromium.
# Usage: bash Tests/browser/run.sh [--screenshots DIR]   (prints "N passed, N failed"; non-zero on failure)
set -euo pipefail
cd "$(dirname "$0")/../.."
bash Tests/install-dependencies.sh --tests
[[ -x .build/debug/chaintrace ]] || swift build --product chaintrace
exec python3 Tests/browser/test_report.py --binary .build/debug/chaintrace "$@"
