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
$bin report samples/chain.ct -o out/chain.html
echo
$bin explain samples/chain.ct --wrt x | tee out/chain-explain.txt
echo
echo "wrote into out/: chain.txt (tables), chain.json (trace JSON), chain.svg, chain.png, chain-forward.svg"
echo "(diagrams), chain.html (interactive report: open it in a browser) and chain-explain.txt"
