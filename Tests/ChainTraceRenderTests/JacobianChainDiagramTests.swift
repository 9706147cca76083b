import ChainTrace
import ChainTraceGraphviz
@testable import ChainTraceRender
import ChainTraceTensor
import ChainTraceTestSupport
import Foundation
import Testing

/// The layer chain as pictures: one card per local Jacobian with its symbol, shape, structure and
/// entries (a heatmap, or a shape box when too large), one row per path, the products, their sum and
/// the backward pass's gradient.
struct JacobianChainDiagramTests {
    /// z = W·x, h = σ(z), J = sum(h): one path from W with three factors (1ᵀ, diag(σ′(z)), I ⊗ xᵀ).
    static func layer(name: String = "W", wide: Int = 2) throws -> (TensorTape, TensorBackward, TensorNodeID) {
        var tape = TensorTape()
        let x = tape.appendInput(Tensor(vector: (0 ..< wide).map { Double($0) / 2 - 0.5 }), name: "x")
        let w = tape.appendInput(Tensor(shape: Shape([3, wide]), elements: (0 ..< 3 * wide).map { Double($0 % 5) / 10 - 0.2 }), name: name)
        let z = try tape.append(.matmul, [w, x], name: "z")
        let h = try tape.append(.unary(.sigmoid), [z], name: "h")
        let loss = try tape.append(.sum(axis: nil), [h], name: "J")
        return (tape, try TensorBackward(tape: tape, from: loss), w)
    }

    /// The lines of `dot` that declare a node whose id starts `ct-<what>`.
    static func declarations(_ dot: String, _ what: String) -> [Substring] {
        dot.split(separator: "\n").filter { $0.contains("[id=\"ct-\(what)") }
    }

    @Test func eachFactorIsACardWithItsSymbolShapeAndEntries() throws {
        let (tape, backward, w) = try Self.layer()
        let chain = TensorChain(tape: tape, backward: backward, wrt: w)
        let dot = JacobianChainDiagram(chain: chain, tape: tape).dot
        #expect(Self.declarations(dot, "p0-f").count == 3)
        // From the output down: ∂J/∂h = 1ᵀ, ∂h/∂z = diag(σ′(z)), ∂z/∂W = I ⊗ xᵀ, as explain writes them.
        let factors = chain.factors(ofPath: 0, on: tape)
        #expect(factors.map(\.derivative) == ["∂J/∂h", "∂h/∂z", "∂z/∂W"])
        for (position, factor) in factors.enumerated() {
            let line = try #require(Self.declarations(dot, "p0-f\(position)\"").first)
            #expect(line.contains("<b>\(factor.derivative)</b>") && line.contains(factor.symbol.replacingOccurrences(of: "&", with: "&amp;")))
            #expect(line.contains("[\(factor.rows)×\(factor.columns)] · \(factor.kind.rawValue)") && line.contains("class=\"factor \(factor.kind.rawValue)\""))
            // Its entries: one cell per entry, coloured as the Heatmap colours the explicit Jacobian.
            let jacobian = try #require(tape.localJacobian(of: factor.edge))
            let colors = Heatmap(Tensor(shape: Shape([jacobian.rows, jacobian.columns]), elements: jacobian.entries)).colors
            #expect(line.components(separatedBy: "<td bgcolor=\"").count - 1 == jacobian.entries.count)
            for color in Set(colors) { #expect(line.contains("<td bgcolor=\"\(color)\" align=\"right\">")) }
        }
        // ∂z/∂W's first row is x's values then zeros: 0.5·(0 − 1) = −0.5 and 0.
        #expect(try #require(Self.declarations(dot, "p0-f2\"").first).contains("<font color=\"#FFFFFF\">−0.5</font>"))
        #expect(JacobianChainDiagram(chain: chain, tape: tape).dot == dot)
    }

    @Test func theProductEqualsTheBackwardPassGradient() throws {
        let (tape, backward, w) = try Self.layer()
        let chain = TensorChain(tape: tape, backward: backward, wrt: w)
        let dot = JacobianChainDiagram(chain: chain, tape: tape).dot
        let product = try #require(Self.declarations(dot, "p0-product").first)
        let gradient = try #require(Self.declarations(dot, "gradient").first)
        for value in backward.gradient(of: w).elements {
            let text = ">" + NumberText.significant(value, digits: 4) + "</font>"
            #expect(product.contains(text) && gradient.contains(text))
        }
        #expect(gradient.contains("class=\"gradient equal\"") && gradient.contains(">the backward pass&#39;s gradient</b>"))
        #expect(dot.contains("p0f2 -> p0product [label=\"=\"]") && dot.contains("p0product -> gradient [label=\"=\"]"))
        #expect(Self.declarations(dot, "sum").isEmpty)
    }

    @Test func identitiesAreDrawnWithoutEntries() throws {
        var tape = TensorTape()
        let x = tape.appendInput(Tensor(vector: [1, 2]), name: "x")
        let b = tape.appendInput(Tensor(vector: [0.5, -0.5]), name: "b")
        let sum = try tape.append(.binary(.add), [x, b], name: "s")
        let loss = try tape.append(.dot, [sum, sum], name: "J")
        let chain = TensorChain(tape: tape, backward: try TensorBackward(tape: tape, from: loss), wrt: x)
        let dot = JacobianChainDiagram(chain: chain, tape: tape).dot
        let identity = try #require(Self.declarations(dot, "p0-f1\"").first)
        #expect(identity.contains(">I</td>") && !identity.contains("<td bgcolor="))
    }

    /// W reaches J along three paths: one row each, their products summed into the gradient.
    @Test func severalPathsAreRowsAndTheirSum() throws {
        var tape = TensorTape()
        let x = tape.appendInput(Tensor(vector: [1, 2]), name: "x")
        let w = tape.appendInput(Tensor(rows: [[0.5, -0.3], [0.2, 0.4]]), name: "W")
        let h = try tape.append(.unary(.tanh), [try tape.append(.matmul, [w, x])], name: "h")
        let loss = try tape.append(.sum(axis: nil), [try tape.append(.binary(.mul), [h, try tape.append(.matmul, [w, h])])], name: "J")
        let backward = try TensorBackward(tape: tape, from: loss)
        let chain = TensorChain(tape: tape, backward: backward, wrt: w)
        #expect(chain.paths.count == 3 && chain.isComplete)
        let dot = JacobianChainDiagram(chain: chain, tape: tape).dot
        #expect(dot.split(separator: "\n").filter { $0.hasPrefix("  subgraph cluster_p") }.count == 3)
        for index in 0 ..< 3 {
            #expect(Self.declarations(dot, "p\(index)-product").count == 1)
            #expect(dot.contains("  p\(index)product -> sum [label=\"+\"]"))
        }
        // Each row below the one before.
        #expect(dot.contains("-> p1f0 [style=\"invis\"]") && dot.contains("-> p2f0 [style=\"invis\"]"))
        let sum = try #require(Self.declarations(dot, "sum").first)
        #expect(sum.contains("sum over the 3 paths"))
        for value in backward.gradient(of: w).elements { #expect(sum.contains(">" + NumberText.significant(value, digits: 4) + "</font>")) }
        #expect(dot.contains("sum -> gradient [label=\"=\"]"))
        // Two of the three paths listed: their sum is not the gradient, and the picture says so.
        let partial = JacobianChainDiagram(chain: TensorChain(tape: tape, backward: backward, wrt: w, limit: 2), tape: tape).dot
        #expect(partial.contains("the 2 paths listed") && partial.contains("the backward pass&#39;s gradient (3 paths; 2 drawn)"))
        #expect(partial.contains("sum -> gradient [label=\"vs\"]") && partial.contains("class=\"gradient unequal\""))
    }

    /// x through eight sines, then J = sum: one path of nine factors.
    static func longPath() throws -> (TensorChain, TensorTape) {
        var tape = TensorTape()
        var node = tape.appendInput(Tensor(vector: [0.1, 0.2]), name: "x")
        for _ in 0 ..< 8 { node = try tape.append(.unary(.sin), [node]) }
        let loss = try tape.append(.sum(axis: nil), [node], name: "J")
        return (TensorChain(tape: tape, backward: try TensorBackward(tape: tape, from: loss), wrt: 0), tape)
    }

    @Test func aLongPathWrapsAfterSixFactors() throws {
        let (chain, tape) = try Self.longPath()
        let dot = JacobianChainDiagram(chain: chain, tape: tape).dot
        #expect(dot.contains("    { rank=same; p0f0; p0f1; p0f2; p0f3; p0f4; p0f5 }"))
        #expect(dot.contains("    { rank=same; p0f6; p0f7; p0f8; p0product; gradient }"))
        #expect(dot.contains("p0f5 -> p0f6 [label=\"·\"]"))
    }

    /// Top to bottom a line of factors is a row read left to right, the next line below it; left to
    /// right a column read top to bottom, the next line to its right.
    @Test func theDirectionMakesLinesRowsOrColumns() throws {
        let (chain, tape) = try Self.longPath()
        for direction in RankDirection.allCases {
            let dot = JacobianChainDiagram(chain: chain, tape: tape, direction: direction).dot
            #expect(dot.contains("rankdir=\"\(direction.rawValue)\""))
            let svg = String(decoding: try Graphviz.render(dot, format: .svg), as: UTF8.self)
            // The centre of a card's first text (Graphviz centres it): where the card is.
            func place(_ id: String) throws -> (x: Double, y: Double) {
                let card = try #require(svg.range(of: "<g id=\"ct&#45;\(id)\""))
                let text = try #require(svg.range(of: "<text ", range: card.upperBound ..< svg.endIndex))
                let numbers = svg[text.upperBound...].prefix(80).split(separator: "\"").compactMap { Double($0) }
                try #require(numbers.count >= 2)
                return (numbers[0], numbers[1])
            }
            let first = try place("p0&#45;f0"), second = try place("p0&#45;f1"), nextLine = try place("p0&#45;f6")
            let product = try place("p0&#45;product"), gradient = try place("gradient")
            switch direction {
            case .topToBottom:
                #expect(second.x > first.x && nextLine.y > first.y + 40 && gradient.x > product.x, "\(direction)")
            case .leftToRight:
                #expect(second.y > first.y && nextLine.x > first.x + 40 && gradient.y > product.y, "\(direction)")
            }
        }
    }

    /// A Jacobian past 4,096 entries is a box of its shape, not written out; the product still is a heatmap.
    @Test func aLargeJacobianIsAShapeBox() throws {
        let (tape, backward, w) = try Self.layer(wide: 1400)
        let chain = TensorChain(tape: tape, backward: backward, wrt: w)
        let dot = JacobianChainDiagram(chain: chain, tape: tape).dot
        let factor = try #require(Self.declarations(dot, "p0-f2\"").first)
        #expect(factor.contains("[3×4200] · dense") && factor.contains("more than 4096 entries: not written out"))
        // The product, 3×1400, as 3×16 block-mean squares without numbers.
        let product = try #require(Self.declarations(dot, "p0-product").first)
        #expect(product.components(separatedBy: "fixedsize=\"true\"></td>").count - 1 == 3 * 16)
    }

    @Test func aNodeTheOutputDoesNotDependOnSaysSo() throws {
        var tape = TensorTape()
        let x = tape.appendInput(Tensor(vector: [1, 2]), name: "x")
        let unused = tape.appendInput(Tensor(vector: [3]), name: "u")
        let loss = try tape.append(.sum(axis: nil), [x], name: "J")
        let chain = TensorChain(tape: tape, backward: try TensorBackward(tape: tape, from: loss), wrt: unused)
        let dot = JacobianChainDiagram(chain: chain, tape: tape).dot
        #expect(dot.contains("label=<J does not depend on u: the gradient is 0>"))
        #expect(!dot.contains("cluster_p") && !dot.contains("ct-gradient"))
        _ = try svgItems(try Graphviz.render(dot, format: .svg))
    }

    @Test func hostileNamesStayTextAndGraphvizDrawsIt() throws {
        for hostile in HostileText.names {
            let (tape, backward, w) = try Self.layer(name: hostile)
            let dot = JacobianChainDiagram(chain: TensorChain(tape: tape, backward: backward, wrt: w), tape: tape).dot
            let svg = try Graphviz.render(dot, format: .svg)
            let items = try svgItems(svg)  // throws if the XML is not well-formed
            let ids = Set(items.filter { $0.classes.first == "node" }.map(\.id))
            #expect(ids == ["ct-p0-f0", "ct-p0-f1", "ct-p0-f2", "ct-p0-product", "ct-gradient"], "\(hostile.debugDescription)")
            #expect(!String(decoding: svg, as: UTF8.self).contains("<script"))
        }
    }
}
