#!/usr/bin/env bash
# Installs the system packages chaintrace needs, only those missing, with one 'apt-get update'.
# Usage: bash Tests/install-dependencies.sh [--tests]   (--tests adds what the test suite needs:
# the dot program to compare against, Chromium and its driver, node, jsonschema, selenium, micrograd and numpy,
# and pdflatex with TikZ and the standalone class to compile the TikZ output: measured 4 min on Debian 12)
set -euo pipefail
packages=(libgraphviz-dev pkg-config)
if [[ "${1:-}" == "--tests" ]]; then
    packages+=(graphviz chromium chromium-driver)
    packages+=(texlive-latex-base texlive-latex-extra texlive-pictures texlive-fonts-recommended poppler-utils)
    # node checks and unit-tests the report page's script; any node on PATH will do.
    command -v node >/dev/null || packages+=(nodejs)
fi
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
    echo "installing: ${missing[*]}" >&2
    sudo=""
    [[ $(id -u) -eq 0 ]] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if [[ "${1:-}" == "--tests" ]]; then
    python3 -c "import jsonschema" 2>/dev/null || python3 -m pip install -q jsonschema
    python3 -c "import selenium" 2>/dev/null || python3 -m pip install -q selenium
    python3 -c "import micrograd" 2>/dev/null || python3 -m pip install -q micrograd==0.1.0
    python3 -c "import numpy" 2>/dev/null || python3 -m pip install -q numpy
fi
