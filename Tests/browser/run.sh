#!/usr/bin/env bash
# The report's real-browser test: installs what is missing (Debian's chromium and chromium-driver,
# PyPI's selenium), builds chaintrace if needed, and drives the generated pages in headless Chromium.
# Usage: bash Tests/browser/run.sh [--screenshots DIR]   (prints "N passed, N failed"; non-zero on failure)
set -euo pipefail
cd "$(dirname "$0")/../.."
missing=()
for package in chromium chromium-driver; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
    echo "installing: ${missing[*]}" >&2
    sudo=""
    [[ $(id -u) -eq 0 ]] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
python3 -c "import selenium" 2>/dev/null || python3 -m pip install -q selenium
[[ -x .build/debug/chaintrace ]] || swift build --product chaintrace
exec python3 Tests/browser/test_report.py --binary .build/debug/chaintrace "$@"
