import ChainTrace
import ChainTraceGraphviz
import ChainTraceLanguage
import ChainTraceRender
import Foundation

/// Workload 7's library half and workload 8: in-process layout against the `dot` program on the
/// same DOT text, for a small graph (per graph, many in one process) and for a graph of about
/// 3,000 nodes drawn whole.
func layoutWorkloads(_ settings: Settings, dot: String) throws {
    let directory = settings.directory
    let small = try diagram(Network(sizes: [2, 2, 1]).program(on: Moons(count: 1)), maxNodes: 1500)
    try small.dot.write(toFile: directory + "/small-library.dot", atomically: true, encoding: .utf8)
    _ = try Graphviz.render(small.dot, format: .svg)  // Graphviz loads its plugins on first use
    let library = try Stopwatch.best(settings.smallRepeats) { _ = try Graphviz.render(small.dot, format: .svg) }
    let spawned = Subprocess.best(settings.smallRepeats, [(dot, ["-Tsvg", directory + "/small-library.dot", "-o", "/dev/null"])])
    Report.figure("render.small.library", library * 1e3, "ms", "library: in-process layout + SVG of the small graph, per graph")
    Report.figure("render.small.spawn", spawned.seconds * 1e3, "ms", "spawning dot -Tsvg on the same DOT, per graph")
    Report.check("render.small.spawn.runs", spawned.succeeded, "dot exits 0")

    let large = try diagram(layeredProgram(layers: settings.layoutLayers, width: 20), maxNodes: 100_000)
    try large.dot.write(toFile: directory + "/layout.dot", atomically: true, encoding: .utf8)
    var svg: [UInt8] = []
    let inProcess = try Stopwatch.seconds { svg = try Graphviz.render(large.dot, format: .svg) }
    let program = Subprocess.best(1, [(dot, ["-Tsvg", directory + "/layout.dot", "-o", directory + "/layout-dot.svg"])])
    Report.figure("layout.nodes", Double(large.drawnNodes.count), "nodes", "nodes drawn in the layout workload")
    Report.figure("layout.library", inProcess * 1e3, "ms", "in-process layout + SVG of that graph")
    Report.figure("layout.dot", program.seconds * 1e3, "ms", "dot -Tsvg on the same DOT")
    Report.check("layout.runs", program.succeeded && !svg.isEmpty, "both lay the graph out")
}

/// The backward diagram of a program, every node drawn up to `maxNodes`.
private func diagram(_ source: String, maxNodes: Int) throws -> Diagram {
    let run = try Program(source: source, file: "layout.ct").run()
    var options = DiagramOptions()
    options.maxNodes = maxNodes
    return try Diagram(TraceDocument(tape: run.tape, differentiating: run.output), options: options)
}
