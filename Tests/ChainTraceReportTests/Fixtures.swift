import ChainTrace
import ChainTraceAnalysis
import ChainTraceLanguage
import ChainTraceReport
import Foundation

/// Report content built independently of the renderer and the analysis: a plain DOT drawing
/// laid out by the `dot` program when it is installed, paths enumerated by brute force, and
/// formulas written as simple MathML.
enum Fixtures {
    static func document(_ source: String) throws -> TraceDocument {
        let run = try Program(source: source, file: "fixture.ct").run(inputs: [:])
        return TraceDocument(tape: run.tape, differentiating: run.output)
    }

    static func content(_ source: String, title: String = "fixture.ct", svg: Bool = true) throws -> ReportContent {
        let document = try document(source)
        let tape = document.tape
        let diagrams = svg ? ["forward": "f", "backward": "b"].sorted { $0.key < $1.key }.compactMap { view, prefix in
            Self.svg(tape, prefix: prefix).map { ReportDiagram(view: view, idPrefix: prefix, svg: $0) }
        } : []
        let formulas: [ReportFormula?] = (0 ..< tape.edgeCount).map { edge in
            let consumer = tape.consumer(of: edge), operand = tape.operand(of: edge)
            let text = "∂\(name(consumer, tape))/∂\(name(operand, tape))"
            return ReportFormula(text: text, mathML: "<math><mi>\(xml(text))</mi></math>")
        }
        let inputs = (0 ..< tape.count).filter { tape.op(of: $0) == .input }
        let output = document.outputs[0]
        let paths = inputs.map { input in
            let all = allPaths(from: input, to: output, tape)
            return PathListing(from: input, to: output, paths: all, count: ExactCount(UInt64(all.count)))
        }
        return ReportContent(title: title, document: document, diagrams: diagrams, partialFormulas: formulas, paths: paths)
    }

    static func name(_ node: NodeID, _ tape: Tape) -> String { tape.name(of: node) ?? "#\(node)" }

    static func xml(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// Every path from `start` to `end`, as edge lists, largest |product| first.
    static func allPaths(from start: NodeID, to end: NodeID, _ tape: Tape) -> [Path] {
        var consumers = [[Int]](repeating: [], count: tape.count)
        for edge in 0 ..< tape.edgeCount { consumers[tape.operand(of: edge)].append(edge) }
        var found: [Path] = []
        func walk(_ node: NodeID, _ edges: [Int]) {
            if node == end { found.append(Path(edges: edges, from: start, on: tape)); return }
            for edge in consumers[node] { walk(tape.consumer(of: edge), edges + [edge]) }
        }
        walk(start, [])
        return found.sorted { abs($0.product) > abs($1.product) }
    }

    /// A plain drawing with the renderer's id scheme, laid out by `dot`, or nil without it.
    static func svg(_ tape: Tape, prefix: String) -> String? {
        var dot = "digraph \(prefix) {\nrankdir=LR; node [shape=box, fontname=\"Helvetica\"];\n"
        for node in 0 ..< tape.count {
            let label = "\(name(node, tape))\\n\(tape.op(of: node).rawValue) = \(NumberText.significant(tape.value(of: node), digits: 4))"
            dot += "n\(node) [id=\"\(prefix)-n\(node)\", class=\"node \(tape.op(of: node).rawValue)\", label=\"\(label.replacingOccurrences(of: "\"", with: "'"))\"];\n"
        }
        for edge in 0 ..< tape.edgeCount {
            dot += "n\(tape.operand(of: edge)) -> n\(tape.consumer(of: edge)) [id=\"\(prefix)-e\(edge)\", xlabel=\"\(NumberText.significant(tape.partial(of: edge), digits: 4))\"];\n"
        }
        dot += "}\n"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/dot")
        process.arguments = ["-Tsvg"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        do { try process.run() } catch { return nil }
        input.fileHandleForWriting.write(Data(dot.utf8))
        try? input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? String(data: data, encoding: .utf8) : nil
    }
}
