import ChainTrace
import ChainTraceFormat
import ChainTraceGraphviz
import ChainTraceRender
import Testing

/// Leaves used all along a deep graph are drawn again beside each use, so layout stays fast.
struct ProxyTests {
    /// A recurrence that reads `x` and `w` at every step: each has `steps + 1` or `steps` uses.
    static func recurrence(steps: Int) -> String {
        var source = "x = 0.5\nw = 0.9\na0 = x\n"
        for k in 1 ... steps { source += "a\(k) = tanh(a\(k - 1)*w + x)\n" }
        return source
    }

    @Test func heavilyUsedLeavesGetOneCopyPerUse() throws {
        let doc = try document(Self.recurrence(steps: 30))
        let diagram = try Diagram(doc, options: DiagramOptions())
        let items = try svgItems(Graphviz.render(diagram.dot, format: .svg))
        let proxies = items.filter { $0.classes.contains("proxy") }
        #expect(proxies.count == 31 + 30, "one copy per use of x (31) and of w (30)")
        #expect(proxies.allSatisfy { $0.id.hasPrefix("ct-n0-p") || $0.id.hasPrefix("ct-n1-p") })
        // The leaves themselves are still drawn once each, with their branch sums.
        #expect(items.filter { $0.id == "ct-n0" || $0.id == "ct-n1" }.count == 2)
        // Every tape edge is still one edge element.
        let edges = items.filter { $0.classes.first == "edge" && $0.id.hasPrefix("ct-e") }
        #expect(edges.count == doc.tape.edgeCount)
        #expect(edges.filter { $0.classes.contains("proxied") }.count == 61)
    }

    @Test func lightlyUsedLeavesAreNotCopied() throws {
        let diagram = try Diagram(try document(Self.recurrence(steps: 3)), options: DiagramOptions())
        #expect(!diagram.dot.contains("class=\"proxy\""))
    }
}
