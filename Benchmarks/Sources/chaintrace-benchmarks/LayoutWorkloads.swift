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
    // The two ways run in turn, `layoutRepeats` times each, so both see the same load; the fastest
    // run of each counts, and the CPU time of that run (user + system, every thread of this process
    // for the library, the child for `dot`) is reported beside it, as the load inflates wall clocks.
    var svg: [UInt8] = []
    var inProcess = (seconds: Double.infinity, cpu: Double.infinity), program = (seconds: Double.infinity, cpu: Double.infinity)
    var programRuns = true
    for _ in 0 ..< max(settings.layoutRepeats, 1) {
        var cpu = CPUTime.used(by: RUSAGE_SELF)
        let seconds = try Stopwatch.seconds { svg = try Graphviz.render(large.dot, format: .svg) }
        if seconds < inProcess.seconds { inProcess = (seconds, CPUTime.used(by: RUSAGE_SELF) - cpu) }
        cpu = CPUTime.used(by: RUSAGE_CHILDREN)
        let run = Subprocess.best(1, [(dot, ["-Tsvg", directory + "/layout.dot", "-o", directory + "/layout-dot.svg"])])
        programRuns = programRuns && run.succeeded
        if run.seconds < program.seconds { program = (run.seconds, CPUTime.used(by: RUSAGE_CHILDREN) - cpu) }
    }
    Report.figure("layout.nodes", Double(large.drawnNodes.count), "nodes", "nodes drawn in the layout workload")
    Report.figure("layout.library", inProcess.seconds * 1e3, "ms", "in-process layout + SVG of that graph")
    Report.figure("layout.dot", program.seconds * 1e3, "ms", "dot -Tsvg on the same DOT")
    Report.figure("layout.library.cpu", inProcess.cpu * 1e3, "ms", "CPU time of that in-process run")
    Report.figure("layout.dot.cpu", program.cpu * 1e3, "ms", "CPU time of that dot run")
    Report.check("layout.runs", programRuns && !svg.isEmpty, "both lay the graph out")
}

/// The backward diagram of a program, every node drawn up to `maxNodes`.
private func diagram(_ source: String, maxNodes: Int) throws -> Diagram {
    let run = try Program(source: source, file: "layout.ct").run()
    var options = DiagramOptions()
    options.maxNodes = maxNodes
    return try Diagram(TraceDocument(tape: run.tape, differentiating: run.output), options: options)
}

/// CPU time (user + system) used so far.
enum CPUTime {
    /// By every thread of this process (`RUSAGE_SELF`) or by its children waited for (`RUSAGE_CHILDREN`), in seconds.
    static func used(by who: __rusage_who) -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(who.rawValue), &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6
    }
}
