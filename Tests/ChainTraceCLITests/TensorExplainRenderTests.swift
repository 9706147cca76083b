import Foundation
import Testing

/// `explain` and `render` on a tensor program (samples/layers.ct): the chain of Jacobians, the scalar
/// fallback for one element, and a diagram with one node per tensor operation.
struct TensorExplainRenderTests {
    @Test func explainPrintsTheLayerChainAndItsResult() throws {
        let result = try CLI.run(["explain", "samples/layers.ct", "--wrt", "W1"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("∂J/∂W1: W1 [3×2], J []; 1 path") == true)
        #expect(lines.contains { $0.contains("∂o/∂t10   = diag(σ′(t10))  [1×1]  elementwise") })
        #expect(lines.contains { $0.contains("∂t9/∂h    = W2             [1×3]  dense") })
        #expect(lines.contains { $0.contains("∂t6/∂W1   = I ⊗ xᵀ         [3×6]  dense") })
        // The result is the backward pass's gradient, which `trace` prints as W1's gradient.
        #expect(lines.last?.hasSuffix("= [[−0.00285746, 0.0068579], [0.00878869, −0.0210929], [−0.00376533, 0.00903678]], the backward pass's gradient") == true)
        #expect(result.stderr.isEmpty)
    }

    @Test func oneElementIsExplainedOnTheScalarExpansion() throws {
        let result = try CLI.run(["explain", "samples/layers.ct", "--wrt", "W1[1,0]"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("dJ/dW1[1,0] = dJ/do[0] · do[0]/dh[1] · dh[1]/dW1[1,0]\n"))
        // The same number as the tensor chain's element [1, 0].
        #expect(result.stdout.hasSuffix("= 0.00878869\n"))
        // explain has a tensor view, so an element's scalar explanation is what was asked for: no note.
        #expect(result.stderr.isEmpty)
        let scalar = try CLI.run(["explain", "samples/layers.ct", "--wrt", "W1[1,0]", "--scalar"])
        #expect(scalar.stdout == result.stdout)
        // As a scalar explanation, it writes the trace JSON of the expansion with its sections.
        let json = try CLI.run(["explain", "samples/layers.ct", "--wrt", "W1[1,0]", "--json", "-"])
        #expect(json.status == 0, "\(json.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(document["paths"] != nil && document["nodes"] != nil)
    }

    @Test func scalarOnlyOptionsAndUnknownNamesAreUsageErrors() throws {
        let json = try CLI.run(["explain", "samples/layers.ct", "--wrt", "W1", "--json", "-"])
        #expect(json.status == 64)
        #expect(json.stderr.hasPrefix("Error: --json is for scalar explanations; add --scalar, or name one element with --wrt 'W1[1,0]'\n"))
        let unknown = try CLI.run(["explain", "samples/layers.ct", "--wrt", "W3"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.hasPrefix("Error: --wrt: no node named 'W3'"), "\(unknown.stderr)")
    }

    @Test func renderDrawsOneNodePerTensorOperation() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let dotFile = folder.appendingPathComponent("layers.dot"), svgFile = folder.appendingPathComponent("layers.svg")
        #expect(try CLI.run(["render", "samples/layers.ct", "-o", dotFile.path]).status == 0)
        let dot = try String(contentsOf: dotFile, encoding: .utf8)
        // x, W1, b1, W2, b2, y, W1@x, +b1, h, W2@h, +b2, o, o−y, ^2, sum, ½, J: 17 tensor nodes and 16 edges.
        #expect(dot.split(separator: "\n").filter { $0.hasPrefix("  n") && $0.contains(" [id=\"ct-n") }.count == 17)
        #expect(dot.split(separator: "\n").filter { $0.contains(" -> ") && !$0.contains(" -> legend [") }.count == 16)
        #expect(dot.contains("<b>W1</b> = input <font color=\"#5A6478\">[3×2]</font>"))
        #expect(dot.contains("Ḡ[3&#93; · (I ⊗ xᵀ) =<b> ∂J/∂W1 [3×2&#93;</b>"))
        let render = try CLI.run(["render", "samples/layers.ct", "-o", svgFile.path])
        #expect(render.status == 0, "\(render.stderr)")
        let svg = try String(contentsOf: svgFile, encoding: .utf8)
        // Graphviz writes the `-` of an id as a character reference.
        #expect(svg.contains("<g id=\"ct&#45;n0\" class=\"node input\">"))
        let highlight = try CLI.run(["render", "samples/layers.ct", "--highlight", "W1", "-o", svgFile.path])
        #expect(highlight.status == 64 && highlight.stderr.contains("add --scalar to highlight"))
    }
}

/// `report` on a tensor program: the tensor page, without the expansion's note; `--scalar` the scalar page.
struct TensorReportCommandTests {
    /// Whether the page's tensor diagram (its first `<svg width="…pt" height="…pt"`) is taller than it is wide.
    static func diagramIsTallerThanWide(_ page: String) throws -> Bool {
        let svg = try #require(page.range(of: "<svg width=\"")).upperBound
        let numbers = page[svg...].prefix(60).split(whereSeparator: { !"0123456789.".contains($0) }).prefix(2).compactMap { Double($0) }
        try #require(numbers.count == 2, "\(page[svg...].prefix(60))")
        return numbers[1] > numbers[0]
    }

    @Test func reportOfATensorProgramIsTheTensorPage() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let tensor = folder.appendingPathComponent("layers.html").path, scalar = folder.appendingPathComponent("scalar.html").path
        let result = try CLI.run(["report", "samples/layers.ct", "-o", tensor])
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result.stderr)")
        let page = try String(contentsOfFile: tensor, encoding: .utf8)
        #expect(page.contains("\"format\": \"chaintrace-tensor-report\"") && page.contains("id=\"t&#45;n0\"") && page.contains("id=\"ct-zoom-"))
        #expect(!page.contains("id=\"ct-trace\""))
        // Drawn top to bottom unless --rankdir says otherwise: the chain of layers fits the page's column.
        #expect(try Self.diagramIsTallerThanWide(page))
        let across = folder.appendingPathComponent("across.html").path
        #expect(try CLI.run(["report", "samples/layers.ct", "--rankdir", "LR", "-o", across]).status == 0)
        #expect(try !Self.diagramIsTallerThanWide(String(contentsOfFile: across, encoding: .utf8)))
        let asked = try CLI.run(["report", "samples/layers.ct", "--scalar", "-o", scalar])
        #expect(asked.status == 0 && asked.stderr.isEmpty, "\(asked.stderr)")
        let scalarPage = try String(contentsOfFile: scalar, encoding: .utf8)
        #expect(scalarPage.contains("id=\"ct-trace\"") && scalarPage.contains("W1[1,0]") && !scalarPage.contains("chaintrace-tensor-report"))
    }
}
