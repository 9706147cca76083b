#!/usr/bin/env bash
# The benchmark: builds the nested package (release), runs the Swift program and its peers on the
# same work in one run, and prints the table of figures and ratios (see BENCHMARKS.md).
# Usage: bash Benchmarks/run.sh            the full run (a few minutes)
#        bash Benchmarks/run.sh --smoke    everything tiny, built in debug: checks that every
#                                          workload runs and agrees with its peers, in seconds
# Figures and checks of the run are kept in Benchmarks/.build/bench/figures.tsv.
set -euo pipefail
cd "$(dirname "$0")"
smoke=() configuration=release repeats=3 memory_points=300
if [[ "${1:-}" == "--smoke" ]]; then
    smoke=(--smoke) configuration=debug repeats=1 memory_points=10
fi
bash ../Tests/install-dependencies.sh --tests >&2
python3 -c "import micrograd, orjson" 2>/dev/null || python3 -m pip install -q micrograd orjson >&2
swift build -c "$configuration" --product chaintrace >&2
swift build -c "$configuration" --product chaintrace-benchmarks >&2
bin=".build/$configuration"
out=.build/bench
mkdir -p "$out"
figures="$out/figures.tsv"
{
    "$bin/chaintrace-benchmarks" "${smoke[@]}" --memory --directory "$out"
    "$bin/chaintrace-benchmarks" "${smoke[@]}" --directory "$out" --chaintrace "$bin/chaintrace"
    python3 peers/micrograd_step.py "$out" "$repeats" "$memory_points"
    python3 peers/json_peer.py "$out" "$repeats"
} >"$figures" || { cat "$figures"; echo "bench: a workload failed (see above)" >&2; exit 1; }
echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo); load $(cut -d' ' -f1-3 /proc/loadavg)"
if ((${#smoke[@]})); then echo "smoke run: tiny sizes in a debug build; the figures only show that each workload ran"; fi
python3 table.py "$figures"
