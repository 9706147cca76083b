import ChainTrace
import ChainTraceGraphviz
@testable import ChainTraceRender
import ChainTraceTensor
import ChainTraceTestSupport
import ChainTraceText
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
        // The edge into W·x from W: upstream Ḡ [3] times the local Jacobian I ⊗ xᵀ is ∂J/∂W [3×2], with its glyph.
        let matmulLeft = try #require(tape.edges(of: 2).first)
        #expect(dot.contains("n1 -> n2 [id=\"ct-e\(matmulLeft)\", class=\"dense\""))
        #expect(dot.contains("Ḡ[3&#93; · (I ⊗ xᵀ) =<b> ∂J/∂W [3×2&#93;</b>"))
        // Few numbers: the upstream ↦ the contribution, written out.
        let upstream = backward.upstream(of: matmulLeft, on: tape).text(digits: 4)
        #expect(dot.contains(Escape.dotLabel(upstream + " ↦") + "<b> "))
        #expect(dot.contains("class=\"reduction\"") && dot.contains("Ḡ[&#93; · 1ᵀ =<b> ∂J/∂h [3&#93;</b>"))
        #expect(TensorDiagram(tape: tape, backward: backward).dot == dot)
    }

    @Test func aLargeTensorShowsItsSummaryAndHeatmapsWithItsNaNCount() throws {
        // X is 40×30 with one NaN and 30 zeros: 14×15 heatmap cells (blocks of 3×2) for its value and its gradient.
        var elements = (0 ..< 1200).map { Double($0 % 40) / 10 - 2 }
        elements[7] = .nan
        var tape = TensorTape()
        let x = tape.appendInput(Tensor(shape: Shape([40, 30]), elements: elements), name: "X")
        let loss = try tape.append(.sum(axis: nil), [try tape.append(.unary(.sigmoid), [x], name: "h")], name: "J")
        let dot = TensorDiagram(tape: tape, backward: try TensorBackward(tape: tape, from: loss)).dot
        let line = try #require(dot.split(separator: "\n").first { $0.hasPrefix("  n0 [") })
        #expect(line.components(separatedBy: "fixedsize=\"true\" bgcolor=").count - 1 == 2 * 14 * 15)
        #expect(line.contains(Heatmap.nonFinite))
        let mean = try #require(TensorSummary(tape.value(of: x)).mean)
        #expect(line.contains("min −2 · max 1.9<br/>mean \(NumberText.significant(mean, digits: 4)) · ‖·‖ NaN<br/>30 zeros of 1200<br/><font color=\"#C53030\">1 NaN</font>"))
        // No numbers written out for a large tensor, and no matrix of them.
        #expect(!line.contains("<td align=\"right\">−2</td>"))
    }

    /// x ⊙ W broadcast over a batch, transposed, indexed and summed: every Jacobian kind, and x a branch point.
    static func allKinds(batch: Int = 2) throws -> (TensorTape, TensorNodeID) {
        var tape = TensorTape()
        let x = tape.appendInput(Tensor(vector: [0.5, -1, 2]), name: "x")
        let w = tape.appendInput(Tensor(shape: Shape([batch, 3]), elements: (0 ..< 3 * batch).map { Double($0) / 4 - 0.6 }), name: "W")
        let scaled = try tape.append(.binary(.mul), [w, x], name: "s")                        // broadcastSum for x, elementwise for W
        let turned = try tape.append(.transpose, [scaled], name: "t")                         // permutation
        let mixed = try tape.append(.matmul, [try tape.append(.unary(.tanh), [x]), turned])   // dense; x used twice
        let picked = try tape.append(.index([1]), [mixed], name: "p")                         // selection
        let loss = try tape.append(.sum(axis: nil), [try tape.append(.binary(.mul), [picked, picked])], name: "J")
        return (tape, loss)
    }

    @Test func everyJacobianKindHasItsGlyphAndTheLegendExplainsIt() throws {
        let (tape, loss) = try Self.allKinds()
        let dot = TensorDiagram(tape: tape, backward: try TensorBackward(tape: tape, from: loss)).dot
        let edges = dot.split(separator: "\n").filter { $0.contains(" -> n") && !$0.contains("legend") }
        #expect(edges.count == tape.edgeCount)
        for kind in JacobianKind.allCases {
            #expect(edges.contains { $0.contains("class=\"\(kind.rawValue)\"") && $0.contains(TensorLabels.glyph(kind)) }, "no \(kind) edge with its glyph")
            #expect(dot.contains(TensorLabels.glyph(kind) + "</td><td align=\"left\"><font color=\"\(TensorLabels.color(of: kind))\">"), "legend lacks \(kind)")
        }
        // The six glyphs differ.
        #expect(Set(JacobianKind.allCases.map(TensorLabels.glyph)).count == JacobianKind.allCases.count)
        var options = DiagramOptions()
        options.showsLegend = false
        #expect(!TensorDiagram(tape: tape, backward: nil, options: options).dot.contains("legend"))
    }

    /// x broadcast over W's rows: its edge multiplies Ḡ by diag(W) times the copy 1₂ ⊗ I₃, written
    /// without brackets around a product; a sum of terms (I ⊗ …) stays bracketed.
    @Test func aBroadcastEdgeWritesItsJacobianAsAKroneckerCopy() throws {
        let (tape, loss) = try Self.allKinds()
        let dot = TensorDiagram(tape: tape, backward: try TensorBackward(tape: tape, from: loss)).dot
        let scaled = try tape.node(named: "s"), broadcast = tape.edges(of: scaled).lowerBound + 1
        let line = try #require(dot.split(separator: "\n").first { $0.contains("[id=\"ct-e\(broadcast)\"") })
        #expect(line.contains(Escape.dotLabel("Ḡ[2×3] · diag(W)·(1₂ ⊗ I₃) =")), "\(line)")
        #expect(line.contains("Jacobian: broadcastSum, diag(W)·(1₂ ⊗ I₃)") && !line.contains("broadcast over"))
        let turned = try tape.node(named: "t"), right = try #require((0 ..< tape.edgeCount).first { tape.operand(of: $0) == turned })
        let symbol = tape.jacobianSymbol(of: right)
        #expect(symbol.hasSuffix("ᵀ ⊗ I"))
        let matmul = try #require(dot.split(separator: "\n").first { $0.contains("[id=\"ct-e\(right)\"") })
        #expect(matmul.contains(Escape.dotLabel(" · (\(symbol)) =")), "\(matmul)")
    }

    @Test func edgeWidthsFollowTheContributionsNormsOnALogScale() throws {
        let (tape, loss) = try Self.allKinds()
        let backward = try TensorBackward(tape: tape, from: loss)
        let dot = TensorDiagram(tape: tape, backward: backward).dot
        let widths = try (0 ..< tape.edgeCount).map { edge in
            let line = try #require(dot.split(separator: "\n").first { $0.contains("[id=\"ct-e\(edge)\"") })
            let value = try #require(line.components(separatedBy: "penwidth=\"").dropFirst().first?.prefix { $0 != "\"" })
            return try #require(Double(value))
        }
        let norms = (0 ..< tape.edgeCount).compactMap { backward.contribution(of: $0).map { TensorSummary($0).norm } }
        #expect(norms.count == tape.edgeCount)
        for a in 0 ..< norms.count {
            for b in 0 ..< norms.count where norms[a] < norms[b] * 0.99 {
                #expect(widths[a] <= widths[b], "edge \(a) (‖·‖ \(norms[a])) is wider than edge \(b) (‖·‖ \(norms[b]))")
            }
        }
        #expect(widths.max() == 4.5 && widths.min() == 0.8)
    }

    @Test func aBranchPointShowsTheSumOfItsContributions() throws {
        let (tape, loss) = try Self.allKinds()
        let backward = try TensorBackward(tape: tape, from: loss)
        let dot = TensorDiagram(tape: tape, backward: backward).dot
        let line = try #require(dot.split(separator: "\n").first { $0.hasPrefix("  n0 [") })
        #expect(line.contains("class=\"input branch\""))
        let terms = backward.arrivals(on: tape)[0].compactMap { backward.contribution(of: $0)?.text(digits: 4) }
        #expect(terms.count == 2)
        #expect(line.contains("sum of 2 contributions</font></td><td colspan=\"2\" align=\"right\">" + Escape.dotLabel(terms.joined(separator: " + ")) + "</td>"))
        // The terms add up to the gradient shown below them.
        let sum = try #require(backward.branchSum(of: 0, on: tape))
        #expect(zip(sum.elements, backward.gradient(of: 0).elements).allSatisfy { abs($0 - $1) < 1e-12 })
        // Terms of more than four elements: their norms. A ⊙ A sends A two contributions.
        var square = TensorTape()
        let a = square.appendInput(Tensor(shape: Shape([3, 3]), elements: (0 ..< 9).map { Double($0) - 4 }), name: "A")
        let total = try square.append(.sum(axis: nil), [try square.append(.binary(.mul), [a, a])], name: "J")
        let squareBackward = try TensorBackward(tape: square, from: total)
        let squareLine = try #require(TensorDiagram(tape: square, backward: squareBackward).dot.split(separator: "\n").first { $0.hasPrefix("  n0 [") })
        // Each contribution is A itself (Ḡ = 1 times the other factor), ‖A‖ = √60.
        let norm = NumberText.significant(60.0.squareRoot(), digits: 4)
        #expect(squareLine.contains("sum of 2 contributions</font></td><td colspan=\"2\" align=\"right\">‖·‖ \(norm), \(norm)</td>"))
    }

    @Test func hostileNamesStayTextAndGraphvizDrawsIt() throws {
        for hostile in HostileText.names {
            let (tape, loss) = try Self.tape(name: hostile)
            let dot = TensorDiagram(tape: tape, backward: try TensorBackward(tape: tape, from: loss)).dot
            // One statement a line: the hostile name adds none and splits none.
            let statements = dot.split(separator: "\n").filter { $0.hasPrefix("  n") && $0.dropFirst(3).first?.isNumber == true && !$0.contains(" -> legend [") }
            #expect(statements.count == tape.count + tape.edgeCount, "\(hostile.debugDescription) changed the statements")
            let svg = try Graphviz.render(dot, format: .svg)
            let nodes = try svgItems(svg).filter { $0.classes.first == "node" && $0.id != "ct-legend" }  // throws if the XML is not well-formed
            #expect(nodes.map(\.id).sorted() == (0 ..< tape.count).map { "ct-n\($0)" }.sorted())
            #expect(!String(decoding: svg, as: UTF8.self).contains("<script"))
        }
    }
}
