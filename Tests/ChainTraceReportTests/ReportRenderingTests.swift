import ChainTrace
import ChainTraceAnalysis
import ChainTraceLanguage
import ChainTraceTestSupport
@testable import ChainTraceReport
import Foundation
import Testing

/// Report content from the real renderer, Graphviz and the path analysis.
struct ReportRenderingTests {
    static func document(_ source: String) throws -> TraceDocument {
        let run = try Program(source: source, file: "test.ct").run(inputs: [:])
        return TraceDocument(tape: run.tape, differentiating: run.output)
    }

    @Test func chainHasBothViewsFormulasAndPaths() throws {
        let content = try ReportContent(rendering: Self.document("x = 2\nu = x^2 + 1\ny = u^3\n"), title: "chain.ct")
        #expect(content.diagrams.map(\.view) == ["backward", "forward"])
        #expect(content.diagrams.allSatisfy { $0.svg.contains("\($0.idPrefix)&#45;n4") || $0.svg.contains("\($0.idPrefix)-n4") })
        #expect(content.partialFormulas.map { $0?.text } == ["∂(#1)/∂x = 2x = 2·(2)", "∂u/∂(#1) = 1", "∂u/∂(#2) = 1", "∂y/∂u = 3u² = 3·(5)²"])
        #expect(content.valueFormulas[3]?.text == "#1 + 1")
        #expect(content.valueFormulas[0] == nil)
        let paths = try #require(content.paths.first)
        #expect(paths.start == 0 && paths.count.description == "1" && paths.complete)
        #expect(paths.paths.map(\.edges) == [[0, 1, 3]])
        #expect(abs(paths.paths[0].product - 300) < 1e-9)
    }

    @Test("the report draws its diagrams with the DiagramOptions it holds: font, digits, node budget")
    func diagramOptionsReachTheDiagrams() throws {
        let document = try Self.document("x = 2.123456\nu = x^2 + 1\ny = u^3\n")
        var options = ReportOptions()
        options.diagram.fontName = "Courier"
        options.diagram.digits = 2
        options.diagram.maxNodes = 2
        let content = try ReportContent(rendering: document, title: "t", options: options)
        #expect(content.diagrams.allSatisfy { $0.svg.contains("font-family=\"Courier") && !$0.svg.contains("Helvetica") })
        #expect(content.diagrams.allSatisfy { $0.digits == 2 })
        #expect(content.notes.contains { $0.hasPrefix("5 nodes exceed the budget of 2") && $0.contains("--max-nodes") }, "\(content.notes)")
        let defaults = try ReportContent(rendering: document, title: "t")
        #expect(defaults.diagrams.allSatisfy { $0.svg.contains("font-family=\"Helvetica") && $0.digits == 4 })
        #expect(defaults.notes.isEmpty)
    }

    @Test("compact views share one layout: the forward view draws every node and edge where the backward view does")
    func compactViewsShareOneLayout() throws {
        // `x * x` draws two edges between the same nodes.
        let document = try Self.document("x = 3\ny = sin(x * x) * x + x\n")
        var options = ReportOptions()
        options.diagram.detail = .compact
        let content = try ReportContent(rendering: document, title: "t", options: options)
        let (backward, forward) = (Array(content.diagrams[0].svg.utf8), Array(content.diagrams[1].svg.utf8))
        let ids = content.diagrams[0].svg.matches(of: #/<g id="b&#45;([a-z]\d+)" class="(node|edge)/#).map { String($0.1) }
        #expect(ids.count == document.tape.count + document.tape.edgeCount, "\(ids)")
        for id in ids {
            // A node's text differs between the views (its box is the backward view's, wider): its shape counts.
            let text = id.hasPrefix("e")
            let laidOut = SVGPlacement.of(backward, "b&#45;\(id)", text: text), pinned = SVGPlacement.of(forward, "f&#45;\(id)", text: text)
            #expect(!laidOut.isEmpty && SVGPlacement.same(laidOut, pinned), "\(id): \(laidOut) \(pinned)")
        }
    }

    @Test("views of table nodes are laid out each on its own: a forward table is not stretched to the backward one's size")
    func tableViewsAreLaidOutApart() throws {
        let content = try ReportContent(rendering: Self.document("x = 3\ny = x * x + sin(x)\n"), title: "t")
        let widths = content.diagrams.map { $0.svg.firstMatch(of: #/<svg width="(\d+)pt"/#).flatMap { Int($0.1) } ?? 0 }
        #expect(widths[1] > 0 && widths[1] < widths[0], "\(widths)")
    }

    @Test func pathListsSumToTheGradientAndStopAtTheLimit() throws {
        // 2^6 paths from x: each line doubles them.
        var source = "x = 0.9\na0 = x\n"
        for k in 1 ... 6 { source += "a\(k) = a\(k - 1) * sin(a\(k - 1))\n" }
        let document = try Self.document(source)
        var options = ReportOptions()
        options.pathLimit = 5
        let content = try ReportContent(rendering: document, title: "t", options: options)
        let listing = try #require(content.paths.first)
        #expect(listing.count.description == "64" && !listing.complete && listing.paths.count == 5)
        let magnitudes = listing.paths.map { abs($0.product) }
        #expect(magnitudes == magnitudes.sorted(by: >))
        let all = ReportContent.pathLists(on: document.tape, to: document.outputs[0], limit: 100)[0]
        #expect(all.complete)
        let gradient = try #require(document.backward).gradients[0]
        #expect(abs(all.paths.reduce(0) { $0 + $1.product } - gradient) <= 1e-9 * max(1, abs(gradient)))
    }

    @Test func hostileNameStaysTextInFormulasAndPage() throws {
        let hostile = "</script><img src=x onerror=alert(1)>"
        var document = try Self.document("x = 3\ny = x * x + x\n")
        var tape = document.tape
        tape.setName(hostile, of: 0)
        document.tape = tape
        let content = try ReportContent(rendering: document, title: hostile)
        let page = ReportPage.html(content)
        #expect(!page.contains("<img"))
        #expect(!page.contains("<script><img") && !page.contains("</script><img"))
        #expect(content.partialFormulas.compactMap { $0?.mathML }.allSatisfy { !$0.contains("<img") && !$0.contains("</script") })
        #expect(page.contains("&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"))
    }

    @Test func emptyTraceIsAnError() {
        #expect(throws: ReportError.self) {
            try ReportContent(rendering: TraceDocument(tape: Tape(), outputs: [], backward: nil), title: "empty")
        }
    }
}
