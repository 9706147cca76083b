#!/usr/bin/env bash
# Runs one libFuzzer target for a given time on a copy of its seed corpus; crashes, timeouts and
# out-of-memory inputs are written to Fuzz/findings/TARGET/ (kept out of git until turned into tests).
# Usage: bash Fuzz/run.sh TARGET SECONDS [extra libFuzzer options]
#   TARGET: language (parse and run programs), json (the trace JSON reader), analysis (paths, top-k,
#   explain, gradient check on small traces).
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: Fuzz/run.sh TARGET SECONDS}
seconds=${2:?usage: Fuzz/run.sh TARGET SECONDS}
shift 2
[ -f "Fuzz/Targets/$target.swift" ] || { echo "fuzz: no target '$target' (have: $(ls Fuzz/Targets | sed 's/\.swift$//' | tr '\n' ' '))" >&2; exit 2; }
bash Fuzz/build.sh "$target"
out=${FUZZ_BUILD:-.build-fuzz}
work=$out/corpus/$target findings=Fuzz/findings/$target
mkdir -p "$work" "$findings"
cp -n Fuzz/corpus/"$target"/* "$work"/
# 64 KB inputs reach the nesting depths that once crashed (7,100 brackets, 27,500 chained ^);
# 10 s per input and 2 GB flag a hang or runaway memory as a finding.
"$out/$target" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -dict=Fuzz/chaintrace.dict -artifact_prefix="$findings/" -print_final_stats=1 "$@" "$work"
