#!/usr/bin/env bash
# Regenerates the README's pictures, samples/gallery/*.svg, and the audited report, with the built tools; the output is
# byte-identical from run to run (Tests/determinism.py checks every format across processes).
# Usage: samples/gallery.sh   (CONFIG=release for a release build)
set -euo pipefail
cd "$(dirname "$0")/.."
config=${CONFIG:-debug}
swift build -c "$config" --product chaintrace
swift build -c "$config" --product chaintrace-examples
bin=$(swift build -c "$config" --show-bin-path)
out=samples/gallery
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

render() { "$bin/chaintrace" render "$@"; }

render samples/chain.ct -o "$out/chain.svg"
render samples/total-derivative.ct -o "$out/total-derivative.svg"
render samples/branch.ct -o "$out/branch.svg"
render samples/layered-chain.ct --rankdir TB -o "$out/layered-chain.svg"
render samples/softmax.ct --rankdir TB --hide-constants -o "$out/softmax.svg"
render samples/shared-weights.ct --rankdir TB --hide-constants -o "$out/shared-weights.svg"
render samples/vanishing.ct --rankdir TB -o "$out/vanishing.svg"
render samples/branch.ct --animate -o "$out/branch-backward.svg"
# Tensors: the seed's layered network by layer, as its scalar expansion, and ∂J/∂W1 as a chain of Jacobians;
# softmax cross-entropy as one op.
render samples/layered-tensor.ct --rankdir TB -o "$out/layered-tensor.svg"
render samples/layered-tensor.ct --scalar --rankdir TB --hide-constants --detail compact -o "$out/layered-tensor-scalar.svg"
render samples/layered-tensor.ct --chain W1 -o "$out/layered-tensor-chain.svg"
render samples/softmax-tensor.ct --rankdir TB -o "$out/softmax-tensor.svg"
render samples/softmax-tensor.ct --chain W -o "$out/softmax-tensor-chain.svg"

# Tensor programs at tensor level: one node per tensor operation, heatmaps and summaries for large tensors.
render samples/layers.ct --rankdir TB -o "$out/layers-tensor.svg"
render samples/article-backprop-matrix.ct --rankdir TB -o "$out/article-backprop-matrix.svg"
render samples/micrograd-tensor.ct --rankdir TB -o "$out/micrograd-tensor.svg"

# The TikZ picture, compiled; SOURCE_DATE_EPOCH keeps pdflatex's dates and ids the same from run to run.
render samples/chain.ct -o "$work/chain-tikz.tex"
(cd "$work" && SOURCE_DATE_EPOCH=0 FORCE_SOURCE_DATE=1 pdflatex -interaction=nonstopmode -halt-on-error chain-tikz.tex > /dev/null)
cp "$work/chain-tikz.pdf" "$out/chain-tikz.pdf"

# The Swift-built samples: the article's network traced neuron by neuron (scopes per layer and
# neuron), and micrograd's tanh neuron.
"$bin/chaintrace-examples" --out "$work" --only backprop-from-scratch,micrograd-neuron > /dev/null
render "$work/backprop-from-scratch/trace.json" --rankdir TB --hide-constants -o "$out/article-first-row.svg"
render "$work/micrograd-neuron/trace.json" -o "$out/micrograd-neuron.svg"

# The audited report: the article's hand-written backward pass beside the diagram (report --audit).
"$bin/chaintrace" report samples/article-backprop.ct --audit -o "$out/article-backprop-audit.html"
# The same with matrices: the tensor page, each hand-written line beside the tensor diagram.
"$bin/chaintrace" report samples/article-backprop-matrix-audit.ct --audit -o "$out/article-backprop-matrix-audit.html"

ls -l "$out"
