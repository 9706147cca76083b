import ChainTrace
import ChainTraceBundle
import ChainTraceFormat
import ChainTraceReport
import Foundation
import Testing

/// `TraceBundle`: every file made, readable by its own reader, the same bytes every time.
struct BundleTests {
    static let chain = "x = 2\nu = x^2 + 1\ny = u^3\n"

    @Test func writesEveryFileAndEachParses() throws {
        let trace = try document(Self.chain)
        let folder = try temporaryFolder().appendingPathComponent("chain/nested")
        let written = try TraceBundle(trace, title: "chain.ct").write(to: folder.path)
        #expect(written.count == bundleFileNames.count)
        func bytes(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: folder.appendingPathComponent(name))) }

        let json = try bytes("trace.json")
        let read = try TraceJSONReader.read(Data(json))
        #expect(read == trace)
        #expect(read.backward?.gradients[0] == 300)

        for (name, prefix) in [("backward.svg", "b-n"), ("forward.svg", "f-n")] {
            let elements = try xmlElements(try bytes(name))
            #expect(elements.first?.localName == "svg")
            let nodeIDs = elements.filter { $0.localName == "g" && attribute("class", of: $0)?.hasPrefix("node") == true }
                .compactMap { attribute("id", of: $0) }
            #expect(nodeIDs.contains(prefix + "0"), "\(name): \(nodeIDs)")
        }
        let backwardText = String(decoding: try bytes("backward.svg"), as: UTF8.self)
        #expect(backwardText.contains("300"))

        let html = String(decoding: try bytes("report.html"), as: UTF8.self)
        let embedded = try #require(between(html, "<script type=\"application/json\" id=\"ct-trace\">", "</script>"))
        #expect(try TraceJSONReader.read(Data(embedded.utf8)) == trace)
        #expect(html.contains("<title>chain.ct — chaintrace report</title>"))

        let explain = String(decoding: try bytes("explain.txt"), as: UTF8.self)
        #expect(explain.contains("dy/dx = dy/du · du/dx"))
        #expect(explain.contains("300"))
    }

    @Test func diagramFilesAreTheReportsDiagrams() throws {
        let trace = try document(Self.chain)
        var options = BundleOptions()
        options.report.diagram.digits = 3
        let bundle = try TraceBundle(trace, title: "chain.ct", options: options)
        let content = try ReportContent(rendering: trace, title: "chain.ct", options: options.report)
        #expect(content.diagrams.map(\.view) == ["backward", "forward"])
        #expect(bundle.files[1].bytes == Array(content.diagrams[0].svg.utf8))
        #expect(bundle.files[2].bytes == Array(content.diagrams[1].svg.utf8))
        #expect(bundle.files[3].bytes == Array(ReportPage.html(content).utf8))
    }

    @Test func collapseDepthReachesTheDiagrams() throws {
        let recorder = Trace()
        let x = recorder.input("x", 0.5)
        let hidden = recorder.scope("hidden") { (x * x).named("h") }
        let output = (hidden + Traced(1)).named("y")
        let trace = TraceDocument(tape: recorder.tape, differentiating: output.id ?? 0)
        var options = BundleOptions()
        options.report.diagram.collapseDepth = 0
        let collapsed = try TraceBundle(trace, title: "scoped", options: options)
        let full = try TraceBundle(trace, title: "scoped")
        for index in 1 ... 3 {
            let collapsedText = String(decoding: collapsed.files[index].bytes, as: UTF8.self)
            let fullText = String(decoding: full.files[index].bytes, as: UTF8.self)
            #expect(collapsedText.contains("collapsed scope: "), "\(collapsed.files[index].name)")
            #expect(!fullText.contains("collapsed scope: "), "\(full.files[index].name)")
        }
    }

    @Test func explainCoversEveryInput() throws {
        let trace = try document("a = 1.5\nb = 2\ne = (a + b) * (b + 1)\n")
        let explain = BundleArtifacts.explanations(trace)
        #expect(explain.contains("de/da = b + 1"))
        #expect(explain.contains("de/db = (b + 1) + (a + b)"))
    }

    @Test func sameTraceSameBytes() throws {
        let source = "t = 0.7\nx = cos(t)\ny = exp(t)\nz = x * y + x^2\n"
        let first = try TraceBundle(try document(source), title: "total")
        let second = try TraceBundle(try document(source), title: "total")
        #expect(first.files.map(\.name) == bundleFileNames)
        #expect(first.files == second.files)
    }

    @Test func traceWithoutBackwardGainsOne() throws {
        let full = try document(Self.chain)
        let bare = TraceDocument(tape: full.tape, outputs: full.outputs, backward: nil)
        let bundle = try TraceBundle(bare, title: "bare")
        #expect(bundle.document.backward == full.backward)
        let html = String(decoding: bundle.files[3].bytes, as: UTF8.self)
        #expect(html.contains("data-view=\"backward\""))
    }

    @Test func folderThatIsAFileIsAnErrorAndNothingIsWritten() throws {
        let parent = try temporaryFolder()
        let file = parent.appendingPathComponent("taken")
        try Data("x".utf8).write(to: file)
        let bundle = try TraceBundle(try document(Self.chain), title: "chain")
        #expect(throws: BundleError.self) { try bundle.write(to: file.path) }
        #expect(try Data(contentsOf: file) == Data("x".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["taken"])
    }

    @Test func emptyTraceIsAnError() {
        #expect(throws: BundleError.self) { try TraceBundle(TraceDocument(tape: Tape(), outputs: [], backward: nil), title: "empty") }
    }
}
