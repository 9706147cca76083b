"""Prints the benchmark's table from the figure and check lines of one run (read from the file given).

Each row sets a chaintrace figure beside its anchor, measured in the same run, and their ratio.
Ends with `bench: N passed, M failed`, counting the checks, and exits 1 if any failed.
"""
import sys

# (what, chaintrace figure, anchor figure, how the ratio reads: "faster" when lower is better,
# "higher" when higher is better, "recording" for what the library's step costs over this figure,
# "faster-anchor" for how much faster the library's step (the anchor here) is, "times" for this
# figure as a multiple of the anchor)
ROWS = [
    ("micrograd's demo step, library, full record", "step.library", "peer.micrograd.step", "faster"),
    ("  per node", "step.library.node", "peer.micrograd.step.node", "faster"),
    ("  recording per node", "step.library.recording.node", None, None),
    ("  backward per node", "step.library.backward.node", None, None),
    ("  nodes (chaintrace / micrograd)", "step.nodes", "peer.micrograd.nodes", None),
    ("the same step, each neuron's sum by weightedSum", "step.library.weightedSum", "peer.micrograd.step", "faster"),
    ("  recording per node", "step.library.weightedSum.recording.node", None, None),
    ("  backward per node", "step.library.weightedSum.backward.node", None, None),
    ("untraced hand-written Swift step", "step.untraced", "step.library", "recording"),
    ("recording (operators) vs the untraced hand-written step", "step.library.recording", "step.untraced", "times"),
    ("recording (weightedSum) vs the untraced hand-written step", "step.library.weightedSum.recording", "step.untraced", "times"),
    ("compiler autodiff (_Differentiation) step", "step.autodiff", "step.library", "faster-anchor"),
    ("784-128-10 MLP at tensor level, batch 64, sigmoid, full record", "tensor.mlp.sigmoid", "tensor.mlp.sigmoid.untraced", "faster"),
    ("  recording, backward", "tensor.mlp.sigmoid.recording", "tensor.mlp.sigmoid.backward", None),
    ("784-128-10 MLP at tensor level, batch 64, relu, full record", "tensor.mlp.relu", "tensor.mlp.relu.untraced", "faster"),
    ("  recording, backward", "tensor.mlp.relu.recording", "tensor.mlp.relu.backward", None),
    ("  tensor nodes recorded", "tensor.mlp.relu.nodes", None, None),
    ("memory per recorded node, backward included", "memory.peak.node", "peer.micrograd.memory.node", "faster"),
    ("  the arrays alone: used, allocated", "memory.arrays.node", "memory.allocated.node", None),
    ("trace JSON document", "json.size", None, None),
    ("trace JSON export vs Python json.dumps", "json.export", "peer.json.dump", "higher"),
    ("trace JSON export vs orjson.dumps", "json.export", "peer.orjson.dump", "higher"),
    ("trace JSON export streamed to a file vs orjson.dumps", "json.export.stream", "peer.orjson.dump", "higher"),
    ("trace JSON import vs Python json.loads", "json.import", "peer.json.load", "higher"),
    ("trace JSON import vs orjson.loads", "json.import", "peer.orjson.load", "higher"),
    ("trace JSON import vs orjson.loads, GC off", "json.import", "peer.orjson.load.nogc", "higher"),
    ("CLI trace moons.ct --json, end to end, vs micrograd's step", "cli.trace", "peer.micrograd.step", "faster"),
    ("  phase: parse", "cli.phase.parse", None, None),
    ("  phase: evaluate", "cli.phase.run", None, None),
    ("  phase: backward", "cli.phase.backward", None, None),
    ("  phase: JSON text", "cli.phase.json", None, None),
    ("  phase: tables", "cli.phase.tables", None, None),
    ("CLI render -o svg, small graph, vs -o dot + dot -Tsvg", "render.small.cli", "render.small.dot", "faster"),
    ("library render of a small graph vs spawning dot", "render.small.library", "render.small.spawn", "faster"),
    ("in-process layout of the large graph vs dot", "layout.library", "layout.dot", "faster"),
    ("  CPU time (user + system)", "layout.library.cpu", "layout.dot.cpu", "faster"),
    ("  nodes drawn", "layout.nodes", None, None),
    ("CLI report", "report.cli", None, None),
    ("  CPU time (user + system)", "report.cli.cpu", None, None),
    ("  nodes, page size", "report.nodes", "report.size", None),
]


def number(value):
    if value == 0:
        return "0"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}"


def main():
    figures, units, checks = {}, {}, []
    with open(sys.argv[1]) as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if fields[0] == "figure" and len(fields) >= 4:
                figures[fields[1]] = float(fields[2])
                units[fields[1]] = fields[3]
            elif fields[0] == "check" and len(fields) >= 3:
                checks.append((fields[1], fields[2] == "ok", fields[3] if len(fields) > 3 else ""))

    def cell(key):
        return f"{number(figures[key])} {units[key]}" if key in figures else "—"

    print("| what | chaintrace | anchor | ratio |")
    print("| --- | --- | --- | --- |")
    for what, ours, anchor, reading in ROWS:
        ratio = ""
        if reading and ours in figures and anchor in figures and figures[ours] and figures[anchor]:
            mine, theirs = figures[ours], figures[anchor]
            if reading == "faster":
                ratio = f"{theirs / mine:.3g}× {'faster' if theirs >= mine else 'slower'}" if units[ours] != "B/node" \
                    else f"{theirs / mine:.3g}× smaller"
            elif reading == "higher":
                ratio = f"{mine / theirs:.3g}×"
            elif reading == "recording":
                ratio = f"the library's step costs {theirs / mine:.3g}× this"
            elif reading == "times":
                ratio = f"{mine / theirs:.3g}× the anchor"
            elif reading == "faster-anchor":
                ratio = f"the library's step is {mine / theirs:.3g}× faster"
        print(f"| {what} | {cell(ours)} | {cell(anchor) if anchor else ''} | {ratio} |")
    failed = [c for c in checks if not c[1]]
    for key, _, detail in failed:
        print(f"FAILED {key}: {detail}")
    print(f"bench: {len(checks) - len(failed)} passed, {len(failed)} failed")
    sys.exit(1 if failed else 0)


main()
