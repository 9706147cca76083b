import ChainTrace
import ChainTraceBundle
import ChainTraceFormat
import Foundation
import Testing

/// `TraceBundle`: every file made, readable by its own reader, the same bytes every time.
struct BundleTests {
    static let chain = "x = 2\nu = x^2 + 1\ny = u^3\n"

    @Test func writesEveryFileAndEachParses() throws {
        let trace = try document(Self.chain)
        let folder = try temporaryFolder().appendingPathComponent("chain/nested")
        let written = try TraceBundle(trace, title: "chain.ct").write(to: folder.path)
        #expect(written.count == TraceBundle.fileNames.count)
        func bytes(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: folder.appendingPathComponent(name))) }

        let json = try bytes("trace.json")
        let read = try TraceJSONReader.read(Data(json))
        #expect(read == trace)
        #expect(read.backward?.gradients[0] == 300)

        for (name, prefix) in [("backward.svg", "ct-n"), ("forward.svg", "ct-n")] {
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
        #expect(first.files.map(\.name) == TraceBundle.fileNames)
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
