import ChainTrace
import ChainTraceGraphviz
import ChainTraceRender
import Testing

/// A small network whose loss is computed inside a scope, as the article's trace does.
private func scopedLoss() -> TraceDocument {
    let trace = Trace()
    let x = trace.input("x", 0.5)
    let w = trace.input("w", -1.5)
    let hidden = trace.scope("hidden") { sigmoid(x * w).named("h") }
    let loss = trace.scope("loss") {
        trace.scope("square") { ((hidden - Traced(1)) * (hidden - Traced(1))).named("L") }
    }
    return TraceDocument(tape: trace.tape, differentiating: loss.id ?? 0)
}

@Suite("every edge of a diagram joins things it draws")
struct CollapsedOutputTests {
    @Test("collapsing the scope that holds the output ties the legend to its summary, not to a missing node",
          arguments: [0, 1, nil] as [Int?])
    func legendFollowsTheOutput(depth: Int?) throws {
        for view in DiagramView.allCases {
            var options = DiagramOptions()
            options.collapseDepth = depth
            options.view = view
            let diagram = try Diagram(scopedLoss(), options: options)
            let items = try svgItems(Graphviz.render(diagram.dot, format: .svg))
            // Graphviz declares a node for an edge's unknown endpoint itself, with its default id `nodeN`.
            let nodes = items.filter { $0.classes.first == "node" }
            #expect(nodes.allSatisfy { $0.id.hasPrefix("ct-") }, "\(nodes.map(\.id))")
            #expect(nodes.count == diagram.drawnNodes.count + diagram.collapsedScopes.count + 1)
            if depth != nil {
                #expect(diagram.dot.contains("holds the output</font><b> L</b>"))
            }
        }
    }

    @Test("a summary that holds no output says nothing about it")
    func otherSummaries() throws {
        var options = DiagramOptions()
        options.collapseDepth = 0
        let diagram = try Diagram(scopedLoss(), options: options)
        #expect(diagram.collapsedScopes.map(\.path) == [["hidden"], ["loss"]])
        #expect(diagram.dot.split(separator: "\n").count { $0.contains("holds the output") } == 1)
    }
}
