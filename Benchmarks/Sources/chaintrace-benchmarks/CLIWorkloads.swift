import ChainTrace
import ChainTraceFormat
import ChainTraceLanguage
import Foundation

/// Workload 6: `chaintrace trace moons.ct --json out.json` end to end, and the phases it runs
/// timed one by one in this process through the same library calls.
func cliWorkload(_ settings: Settings) throws {
    let directory = settings.directory
    let source = try String(contentsOfFile: directory + "/moons.ct", encoding: .utf8)
    var program: Program?
    var run: ProgramRun?
    var document: TraceDocument?
    var json: [UInt8] = []
    var tables = ""
    let parse = try Stopwatch.best(settings.cliRepeats) { program = try Program(source: source, file: "moons.ct") }
    guard let program else { return }
    let evaluate = try Stopwatch.best(settings.cliRepeats) { run = try program.run() }
    guard let run else { return }
    let backward = Stopwatch.best(settings.cliRepeats) { document = TraceDocument(tape: run.tape, differentiating: run.output) }
    guard let document else { return }
    let export = Stopwatch.best(settings.cliRepeats) { json = TraceJSONWriter.utf8(document) }
    let printing = Stopwatch.best(settings.cliRepeats) {
        let printer = TapePrinter()
        tables = printer.nodes(document.tape, backward: document.backward)
        if let backward = document.backward { tables += "\n" + printer.steps(document.tape, backward: backward) }
    }
    let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/moons.json"))) as? [String: Any]
    let loss = run.tape.value(of: run.output)
    Report.check("cli.program.loss", largestRelativeDifference([loss], [(expected?["loss"] as? Double) ?? .nan]) <= 1e-12,
                 "the .ct program's loss \(loss) equals the library step's")
    Report.figure("cli.nodes", Double(run.tape.count), "nodes", "nodes the demo program records")
    Report.figure("cli.phase.parse", parse * 1e3, "ms", "phase: parse the program (\(source.utf8.count / 1000) kB)")
    Report.figure("cli.phase.run", evaluate * 1e3, "ms", "phase: evaluate (record the tape)")
    Report.figure("cli.phase.backward", backward * 1e3, "ms", "phase: backward pass")
    Report.figure("cli.phase.json", export * 1e3, "ms", "phase: trace JSON text (\(json.count / 1000) kB)")
    Report.figure("cli.phase.tables", printing * 1e3, "ms", "phase: the node and step tables (\(tables.utf8.count / 1000) kB)")

    let endToEnd = Subprocess.best(settings.cliRepeats, [(settings.chaintrace, ["trace", directory + "/moons.ct", "--json", directory + "/moons-trace.json"])])
    Report.figure("cli.trace", endToEnd.seconds * 1e3, "ms", "chaintrace trace moons.ct --json out.json, end to end (tables to /dev/null)")
    Report.check("cli.trace.runs", endToEnd.succeeded, "chaintrace trace exits 0")
}

/// Workloads 7 and 9: a small graph rendered by the CLI in-process vs DOT plus the `dot` program,
/// and `chaintrace report` of a layered program of about 2,000 nodes.
func renderWorkloads(_ settings: Settings, dot: String) throws {
    let directory = settings.directory
    let sample = directory + "/small.ct"
    try Network(sizes: [2, 2, 1]).program(on: Moons(count: 1)).write(toFile: sample, atomically: true, encoding: .utf8)
    let svg = Subprocess.best(settings.smallRepeats, [(settings.chaintrace, ["render", sample, "-o", directory + "/small.svg"])])
    let viaDot = Subprocess.best(settings.smallRepeats, [
        (settings.chaintrace, ["render", sample, "-o", directory + "/small.dot"]),
        (dot, ["-Tsvg", directory + "/small.dot", "-o", directory + "/small-dot.svg"]),
    ])
    Report.figure("render.small.cli", svg.seconds * 1e3, "ms", "chaintrace render small.ct -o small.svg (in-process Graphviz)")
    Report.figure("render.small.dot", viaDot.seconds * 1e3, "ms", "chaintrace render small.ct -o small.dot, then dot -Tsvg")
    Report.check("render.small.runs", svg.succeeded && viaDot.succeeded, "both ways exit 0")

    let report = directory + "/report.ct"
    try layeredProgram(layers: settings.reportLayers, width: 20).write(toFile: report, atomically: true, encoding: .utf8)
    let cpu = CPUTime.used(by: RUSAGE_CHILDREN)
    let page = Subprocess.best(settings.layoutRepeats, [(settings.chaintrace, ["report", report, "-o", directory + "/report.html"])])
    let pageCPU = (CPUTime.used(by: RUSAGE_CHILDREN) - cpu) / Double(max(settings.layoutRepeats, 1))
    let nodes = try Program(source: String(contentsOfFile: report, encoding: .utf8), file: "report.ct").run().tape.count
    let bytes = (try? FileManager.default.attributesOfItem(atPath: directory + "/report.html")[.size] as? Int) ?? 0
    Report.figure("report.nodes", Double(nodes), "nodes", "nodes of the report's program")
    Report.figure("report.cli", page.seconds * 1e3, "ms", "chaintrace report of that program, end to end")
    Report.figure("report.size", Double(bytes) / 1e6, "MB", "the report page")
    Report.figure("report.cli.cpu", pageCPU * 1e3, "ms", "CPU time of one report run (the mean of the runs)")
    Report.check("report.runs", page.succeeded && bytes > 0, "chaintrace report exits 0 and writes the page")
}
