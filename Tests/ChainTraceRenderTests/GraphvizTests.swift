import ChainTraceGraphviz
import ChainTraceTestSupport
import Testing

@Suite("the Graphviz wrapper")
struct GraphvizTests {
    @Test("a syntax error becomes a Swift error with Graphviz's message, and the next render works")
    func syntaxError() throws {
        do {
            _ = try Graphviz.render("digraph broken { a -> ; }", format: .svg)
            Issue.record("expected a GraphvizError")
        } catch {
            #expect(error.stage == "reading the DOT text")
            #expect(error.messages.joined().contains("syntax error"))
        }
        let svg = try Graphviz.render("digraph ok { a -> b }", format: .svg)
        #expect(String(decoding: svg, as: UTF8.self).contains("<title>a&#45;&gt;b</title>"))
    }

    @Test("text after the first graph is drained, never read as the next graph")
    func leftoverDrained() throws {
        _ = try Graphviz.render("digraph first { a } digraph second { leftover }", format: .svg)
        let svg = String(decoding: try Graphviz.render("digraph third { b }", format: .svg), as: UTF8.self)
        #expect(svg.contains("<title>third</title>"))
        #expect(!svg.contains("leftover"))
    }

    @Test("the same DOT text gives the same bytes however many graphs this process rendered before")
    func clustersLayOutTheSameEveryTime() throws {
        var dot = "digraph g {\n"
        for cluster in 0 ..< 6 {
            dot += "  subgraph cluster_\(cluster) { label=\"s\(cluster)\"; "
            for node in 0 ..< 4 { dot += "c\(cluster)n\(node); " }
            dot += "}\n"
        }
        for cluster in 0 ..< 5 { dot += "  c\(cluster)n3 -> c\(cluster + 1)n0; c\(cluster)n1 -> c\(5 - cluster)n2;\n" }
        dot += "}\n"
        let first = try Graphviz.render(dot, format: .svg)
        for size in 1 ... 20 {
            _ = try Graphviz.render("digraph other { " + (0 ..< size).map { "a\($0) -> b\($0 % 3);" }.joined() + " }", format: .svg)
            #expect(try Graphviz.render(dot, format: .svg) == first)
        }
    }

    @Test("a bad HTML label is an error even though Graphviz still lays it out")
    func badHTMLLabel() {
        #expect(throws: GraphvizError.self) {
            try Graphviz.render("digraph g { a [label=<<b>unclosed>] }", format: .svg)
        }
    }

    @Test("renders from many tasks at once are serialised by the lock")
    func concurrentRenders() async throws {
        let sizes = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0 ..< 8 {
                group.addTask {
                    var total = 0
                    for format in [GraphvizFormat.svg, .png, .pdf, .svg] {
                        total += try Graphviz.render("digraph g\(index) { a -> b -> c; a -> c }", format: format).count
                    }
                    return total
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(sizes.count == 8 && sizes.allSatisfy { $0 > 1000 })
    }

    /// Two views of one graph, the first with wider labels; `x -> y` twice, as `x * x` draws it.
    static func view(_ prefix: String, width: Int) -> String {
        let wide = String(repeating: "w", count: width)
        return "digraph \(prefix) { rankdir=LR; node [shape=box]; x [id=\"\(prefix)-x\", label=\"x \(wide)\"]; "
            + "y [id=\"\(prefix)-y\", label=\"y \(wide)\"]; z [id=\"\(prefix)-z\", label=\"z\"]; "
            + "x -> y [id=\"\(prefix)-e0\", label=\"a \(wide)\"]; x -> y [id=\"\(prefix)-e1\", label=\"b\"]; "
            + "y -> z [id=\"\(prefix)-e2\", label=\"c\"] }"
    }

    @Test("views drawn pinned to one layout keep every node, edge and label where that layout put them")
    func pinnedViews() throws {
        let svgs = try Graphviz.renderSVG(Self.view("b", width: 30), pinning: [Self.view("f", width: 2)])
        #expect(svgs.count == 2)
        #expect(svgs.first == (try Graphviz.render(Self.view("b", width: 30), format: .svg)))
        for element in ["x", "y", "z", "e0", "e1", "e2"] {
            let laidOut = SVGPlacement.of(svgs[0], "b&#45;\(element)"), pinned = SVGPlacement.of(svgs[1], "f&#45;\(element)")
            #expect(!laidOut.isEmpty && SVGPlacement.same(laidOut, pinned), "\(element): \(laidOut) \(pinned)")
        }
        // Laid out alone, the narrow view packs tighter: pinning is what moved it.
        let alone = try Graphviz.render(Self.view("f", width: 2), format: .svg)
        #expect(!SVGPlacement.same(SVGPlacement.of(alone, "f&#45;e0"), SVGPlacement.of(svgs[1], "f&#45;e0")))
    }

    @Test("the library reports its version")
    func version() {
        #expect(Graphviz.version.first?.isNumber == true)
    }
}
