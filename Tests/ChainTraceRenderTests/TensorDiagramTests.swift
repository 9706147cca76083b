import ChainTrace
import ChainTraceGraphviz
@testable import ChainTraceRender
import ChainTraceTensor
import ChainTraceTestSupport
import Foundation
import Testing

/// The first tensor diagram: one node per tensor op with its shape and numbers, one edge per operand
/// labelled with its rule and shapes; hostile names stay text; Graphviz draws it.
struct TensorDiagramTests {
    /// h = σ(W·x), J = sum(h) with a 3×2 weight and, optionally, a large input shown by its statistics.
    static func tape(name: String = "W", wide: Int = 2) throws -> (TensorTape, TensorNodeID) {
        var tape = TensorTape()
        let x = tape.appendInput(Tensor(vector: (0 ..< wide).map { Double($0) / 2 - 0.5 }), name: "x")
        let w = tape.appendInput(Tensor(shape: Shape([3, wide]), elements: (0 ..< 3 * wide).map { Double($0 % 5) / 10 - 0.2 }), name: name)
        let h = try tape.append(.unary(.sigmoid), [try tape.append(.matmul, [w, x])], name: "h")
        let loss = try tape.append(.sum(axis: nil), [h], name: "J")
        return (tape, loss)
    }

    @Test func nodesShowShapesAndNumbersAndEdgesTheirRules() throws {
        let (tape, loss) = try Self.tape()
        let backward = try TensorBackward(tape: tape, from: loss)
        let dot = TensorDiagram(tape: tape, backward: backward).dot
        for node in 0 ..< tape.count { #expect(dot.contains("n\(node) [id=\"ct-n\(node)\"")) }
        #expect(dot.contains("<b>W</b> = input <font color=\"#5A6478\">[3×2]</font>"))
        #expect(dot.contains("<b>t2</b> = matmul <font color=\"#5A6478\">[3]</font>"))
        // W's value as a little matrix: its first row is −0.2, −0.1.
        #expect(dot.contains("<tr><td align=\"right\">−0.2</td><td align=\"right\">−0.1</td></tr>"))
        // The gradient row, bold, named ∂J/∂W.
        #expect(dot.contains("∂J/∂W</font>") && dot.contains("<b>" + NumberText.significant(backward.gradient(of: 1).elements[0], digits: 4) + "</b>"))
        let matmulLeft = try #require(tape.edges(of: 2).first)
        #expect(dot.contains("n1 -> n2 [id=\"ct-e\(matmulLeft)\", class=\"dense\", label=<matmul, left operand: Ḡ ⊗ b<br/>Ḡ [3&#93; → [3×2&#93; · dense>"))
        #expect(dot.contains("class=\"reduction\", label=<sum: Ḡ repeated to every element<br/>Ḡ [&#93; → [3&#93; · reduction>"))
        #expect(TensorDiagram(tape: tape, backward: backward).dot == dot)
    }

    @Test func aLargeTensorShowsItsMinimumMeanAndMaximum() throws {
        let (tape, loss) = try Self.tape(wide: 10)
        let dot = TensorDiagram(tape: tape, backward: try TensorBackward(tape: tape, from: loss)).dot
        #expect(dot.contains("<td align=\"right\">min −0.2 · mean ") && dot.contains(" · max 0.2</td>"))
    }

    @Test func hostileNamesStayTextAndGraphvizDrawsIt() throws {
        for hostile in HostileText.names {
            let (tape, loss) = try Self.tape(name: hostile)
            let dot = TensorDiagram(tape: tape, backward: try TensorBackward(tape: tape, from: loss)).dot
            // One statement a line: the hostile name adds none and splits none.
            let statements = dot.split(separator: "\n").filter { $0.hasPrefix("  n") && $0.dropFirst(3).first?.isNumber == true }
            #expect(statements.count == tape.count + tape.edgeCount, "\(hostile.debugDescription) changed the statements")
            let svg = try Graphviz.render(dot, format: .svg)
            let nodes = try svgItems(svg).filter { $0.classes.first == "node" }  // throws if the XML is not well-formed
            #expect(nodes.map(\.id).sorted() == (0 ..< tape.count).map { "ct-n\($0)" }.sorted())
            #expect(!String(decoding: svg, as: UTF8.self).contains("<script"))
        }
    }
}
