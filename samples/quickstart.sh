#!/usr/bin/env bash
# Builds chaintrace and writes the main outputs for the bundled chain-rule sample into out/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash Tests/install-dependencies.sh
swift build -c release
bin=.build/release/chaintrace
mkdir -p out
$bin trace samples/chain.ct --json out/chain.json | tee out/chain.txt
$bin render samples/chain.ct -o out/chain.svg
$bin render samples/chain.ct -o out/chain.png
$bin render samples/chain.ct --view forward -o out/chain-forward.svg
echo
echo "wrote out/chain.txt (tables), out/chain.json (trace JSON), out/chain.svg, out/chain.png and out/chain-forward.svg (diagrams)"
