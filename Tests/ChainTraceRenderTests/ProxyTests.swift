import ChainTrace
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

/// Large diagrams print less per node and edge, so they lay out and load faster.
struct DetailTests {
    /// The DOT lines that draw tape edges and carry `attribute`.
    static func edgeLines(_ dot: String, with attribute: String) -> Int {
        dot.split(separator: "\n").count { $0.contains(" -> ") && $0.contains("id=\"ct-e") && $0.contains(attribute) }
    }

    @Test func compactDrawingLeavesEdgesUnlabelledButKeepsEveryElement() throws {
        let doc = try document(ProxyTests.recurrence(steps: 3))
        var options = DiagramOptions()
        options.detail = .compact
        let compact = try Diagram(doc, options: options)
        options.detail = .full
        let full = try Diagram(doc, options: options)
        #expect(Self.edgeLines(compact.dot, with: "label=<") == 0)
        #expect(Self.edgeLines(full.dot, with: "label=<") == doc.tape.edgeCount)
        #expect(compact.drawnNodes == full.drawnNodes && compact.drawnEdges == full.drawnEdges)
        let items = try svgItems(Graphviz.render(compact.dot, format: .svg))
        #expect(items.filter { $0.id.hasPrefix("ct-e") }.count == doc.tape.edgeCount)
    }

    @Test func automaticDetailTurnsCompactAboveTheThreshold() throws {
        let doc = try document(ProxyTests.recurrence(steps: 3))
        var options = DiagramOptions()
        options.compactAbove = doc.tape.count - 1
        #expect(Self.edgeLines(try Diagram(doc, options: options).dot, with: "label=<") == 0)
        options.compactAbove = doc.tape.count
        #expect(Self.edgeLines(try Diagram(doc, options: options).dot, with: "label=<") == doc.tape.edgeCount)
    }

    @Test func tooltipsCanBeLeftOut() throws {
        let doc = try document(ProxyTests.recurrence(steps: 3))
        var options = DiagramOptions()
        #expect(Self.edgeLines(try Diagram(doc, options: options).dot, with: "tooltip=") == doc.tape.edgeCount)
        options.tooltips = false
        #expect(Self.edgeLines(try Diagram(doc, options: options).dot, with: "tooltip=") == 0)
    }
}

/// Collapsed scopes say which nodes each summary stands for, so a page can list them.
struct CollapsedScopeTests {
    @Test func everyCollapsedNodeBelongsToExactlyOneSummary() throws {
        let trace = Trace()
        let x = trace.input("x", 0.3)
        let a = trace.scope("layer") { trace.scope("n0") { tanh(x * 2) } }
        let b = trace.scope("layer") { trace.scope("n1") { sin(x) + 1 } }
        let y = (a * b).named("y")
        let doc = TraceDocument(tape: trace.tape, differentiating: y.id ?? -1)
        var options = DiagramOptions()
        options.collapseDepth = 1
        let diagram = try Diagram(doc, options: options)
        #expect(diagram.collapsedScopes.map(\.path) == [["layer", "n0"], ["layer", "n1"]])
        let folded = diagram.collapsedScopes.flatMap(\.nodes)
        #expect(Set(folded).count == folded.count)
        #expect(Set(folded) == Set((0 ..< doc.tape.count).filter { doc.tape.scope(of: $0).count == 2 }))
        #expect(Set(folded).isDisjoint(with: diagram.drawnNodes))
        let items = try svgItems(Graphviz.render(diagram.dot, format: .svg))
        #expect(items.filter { $0.id.hasPrefix("ct-g") }.map(\.id).sorted() == ["ct-g0", "ct-g1"])
    }
}
