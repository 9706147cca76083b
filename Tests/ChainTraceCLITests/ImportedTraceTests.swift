import ChainTrace
import ChainTraceFormat
import Foundation
import Testing

/// A trace JSON from another tool may hold the forward pass alone: every command runs the backward pass.
@Suite("imported traces, end to end")
struct ImportedTraceTests {
    /// `samples/chain.ct` (x = 2, u = x² + 1, y = u³) as a full trace and as a forward-only one.
    static func traces(in folder: URL) throws -> (full: String, forward: String) {
        let full = folder.appendingPathComponent("full.json").path
        #expect(try CLI.run(["trace", "samples/chain.ct", "--json", full]).status == 0)
        let document = try TraceJSONReader.read(Data(contentsOf: URL(fileURLWithPath: full)))
        let forward = folder.appendingPathComponent("forward.json")
        try Data(TraceJSONWriter.json(TraceDocument(tape: document.tape, outputs: document.outputs, backward: nil)).utf8).write(to: forward)
        return (full, forward.path)
    }

    /// The trace JSON a command writes to standard output, read back.
    static func document(_ result: CLI.Result) throws -> TraceDocument {
        #expect(result.status == 0, "\(result.stderr)")
        return try TraceJSONReader.read(Data(result.stdout.utf8))
    }

    @Test("trace, render, report and bundle show gradients for a forward-only trace")
    func everyCommandRunsTheBackwardPass() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let forward = try Self.traces(in: folder).forward

        let trace = try CLI.run(["trace", forward])
        #expect(trace.status == 0)
        #expect(trace.stdout.contains("backward from y #4: ∂y/∂y = 1"), "\(trace.stdout)")
        let written = try Self.document(try CLI.run(["trace", forward, "--json", "-"]))
        #expect(written.backward?.gradients[0] == 300)

        let dot = folder.appendingPathComponent("d.dot")
        let render = try CLI.run(["render", forward, "-o", dot.path])
        #expect(render.status == 0 && !render.stderr.contains("no backward record"), "\(render.stderr)")
        #expect(try String(contentsOf: dot, encoding: .utf8).contains("class=\"chaintrace backward\""))

        let html = folder.appendingPathComponent("r.html")
        let report = try CLI.run(["report", forward, "-o", html.path])
        #expect(report.status == 0 && !report.stderr.contains("no backward record"), "\(report.stderr)")
        #expect(try String(contentsOf: html, encoding: .utf8).contains("\"contribution\": 300"))

        let bundle = folder.appendingPathComponent("bundle")
        #expect(try CLI.run(["bundle", forward, "--to", bundle.path]).status == 0)
        let bundled = try TraceJSONReader.read(Data(contentsOf: bundle.appendingPathComponent("trace.json")))
        #expect(bundled.backward?.gradients[0] == 300)
    }

    @Test("--output chooses the node a trace JSON is differentiated from")
    func outputNamesANodeOfATraceJSON() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (full, forward) = try Self.traces(in: folder)
        for (file, term) in [(forward, "u"), (full, "u"), (full, "#3")] {
            let document = try Self.document(try CLI.run(["trace", file, "--output", term, "--json", "-"]))
            #expect(document.outputs == [3, 4], "\(file) --output \(term)")
            #expect(document.backward?.output == 3)
            #expect(document.backward?.gradients[0] == 4, "∂u/∂x = 2x")
        }
        let explain = try CLI.run(["explain", full, "--output", "u", "--wrt", "x"])
        #expect(explain.status == 0 && explain.stdout.contains("du/dx"), "\(explain.stdout)\(explain.stderr)")
    }

    @Test("--at on a trace JSON is refused with the subcommand's usage")
    func inputValuesNeedAProgram() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let full = try Self.traces(in: folder).full
        let result = try CLI.run(["paths", full, "--from", "x", "--at", "x=1"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("Error: --at applies to programs; a trace JSON is already evaluated"))
        #expect(result.stderr.contains("Usage: chaintrace paths "), "\(result.stderr)")
    }
}
