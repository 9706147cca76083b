#!/usr/bin/env bash
# Builds chaintrace and writes the main outputs for the bundled chain-rule sample into out/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash Tests/install-dependencies.sh
swift build -c release
bin=.build/release/chaintrace
mkdir -p out
$bin trace samples/chain.ct --json out/chain.json | tee out/chain.txt
echo
echo "wrote out/chain.txt (tables) and out/chain.json (trace JSON)"
