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
echo
echo "chaintrace is $PWD/$bin. To run the README's commands as written, put it on PATH:"
echo "  export PATH=\"$PWD/.build/release:\$PATH\""
echo "or install it into a prefix of your choice, e.g.: install -D -m 755 $bin ~/.local/bin/chaintrace"
