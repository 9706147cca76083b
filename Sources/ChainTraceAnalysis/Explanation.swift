import ChainTrace
import ChainTraceText

/// The chain rule spelled out for one input: the derivative as a chain of named steps, each step's
/// local-derivative formula, the same with values substituted, and the numbers.
///
/// ```
/// dy/dx = dy/du · du/dx
///       = 3u² · 2x
///       = 3·(5)² · 2·(2)
///       = 75 · 4 = 300
/// ```
/// The steps run between the named nodes that every path from the input to the output passes
/// (the nodes where the path sum factors). Unnamed nodes are read through: a step's formula is the
/// product of the local partials of the edges it spans, with partials of exactly 1 (from `+`)
/// left out, so `u = x^2 + 1` gives `du/dx = 2x`. Where paths part, a step is a sum, grouped at
/// branch points (see ``PathSum``); when there are several paths they are listed first, each with
/// its product, then their sum.
public struct Explanation: Sendable {
    /// The tape explained.
    public let tape: Tape
    /// The backward record whose output is differentiated.
    public let backward: Backward
    /// The input the derivative is taken with respect to.
    public let input: NodeID
    /// The paths from the input to the output.
    public let paths: PathAnalysis
    /// The nodes the chain of steps runs through, from the input to the output.
    public let stations: [NodeID]
    /// Names used in formulas.
    public let names: NodeNames
    /// Significant digits of the numbers shown.
    public let digits: Int
    /// The chain of steps between consecutive stations, from the output's end (dy/du before du/dx).
    public let steps: [Step]

    /// One link of the chain: the path sum between two stations, symbolically and in numbers.
    public struct Step: Sendable {
        /// The station nearer the input.
        public let from: NodeID
        /// The station nearer the output.
        public let to: NodeID
        /// The paths between them, factored; nil when too many to write out.
        public let pathSum: PathSum?
        /// The step's local derivatives with the operands' names (nil with ``pathSum``).
        public let symbolic: Formula?
        /// The same with the operands' values (nil with ``pathSum``).
        public let substituted: Formula?
        /// d(to)/d(from): the sum over the paths between them of the products of their partials.
        public let value: Double
    }

    /// An explanation of ∂(backward.output)/∂input.
    public init(tape: Tape, backward: Backward, wrt input: NodeID, digits: Int = 6) {
        precondition(digits >= 1, "Explanation needs at least one significant digit")
        self.tape = tape
        self.backward = backward
        self.input = input
        self.digits = digits
        // Names as the tables show them: a 100,000-letter name would otherwise fill every line.
        self.names = NodeNames(tape: tape, digits: digits, width: TapePrinter.nameWidth)
        self.paths = backward.paths(from: input, on: tape)
        let cuts = paths.cutNodes
        let stations = cuts.filter { $0 == input || $0 == backward.output || tape.name(of: $0) != nil }
        self.stations = stations
        let names = self.names, paths = self.paths
        self.steps = zip(stations, stations.dropFirst()).reversed().map { from, to in
            let sum = paths.factored(from: from, to: to)
            return Step(from: from, to: to, pathSum: sum,
                        symbolic: sum.map { Self.formula($0, edge: names.partialFormula) },
                        substituted: sum.map { Self.formula($0, edge: names.substitutedPartial) },
                        value: sum?.value(on: tape) ?? PathAnalysis(tape: tape, from: from, to: to).pathSum)
        }
    }

    /// The derivative as text: the path list when there are several paths, then the chain of steps.
    ///
    /// At most `pathLimit` paths are listed (those with the largest |product|).
    public func text(pathLimit: Int = 20) -> String {
        let output = backward.output
        let lhs = "d\(names.distinctLabels[output])/d\(names.distinctLabels[input])"
        let gradient = backward.gradients[input]
        guard !paths.count.isZero else {
            return "\(lhs) = 0: \(names.distinctLabels[output]) does not depend on \(names.distinctLabels[input]) (no path joins them)\n"
        }
        var text = ""
        if paths.count > .one {
            text += pathList(limit: pathLimit)
        }
        var lines: [String] = []
        let many = steps.count > 1
        if many {
            lines.append(steps.map { "d\(names.distinctLabels[$0.to])/d\(names.distinctLabels[$0.from])" }.joined(separator: " · "))
        }
        let unwritten = "(sum over paths)"
        lines.append(steps.map { $0.symbolic.map { rendered($0, bracketSums: many) } ?? unwritten }.joined(separator: " · "))
        lines.append(steps.map { $0.substituted.map { rendered($0, bracketSums: many) } ?? unwritten }.joined(separator: " · "))
        let values = steps.map { $0.value < 0 && many ? "(\(number($0.value)))" : number($0.value) }
        let result = number(gradient)
        lines.append(many ? values.joined(separator: " · ") + " = " + result : result)
        var shown: [String] = []
        for line in lines where shown.last != line {
            shown.append(line)
        }
        let indent = String(repeating: " ", count: lhs.count + 1)
        for (index, line) in shown.enumerated() {
            text += (index == 0 ? lhs + " " : indent) + "= " + line + "\n"
        }
        if !gradient.isFinite {
            let origins = [NonFiniteOrigin.forward(on: tape), NonFiniteOrigin.backward(backward, on: tape)].compactMap { $0 }
            text += origins.map { $0.description(on: tape, names: names, digits: digits) + "\n" }.joined()
        }
        return text
    }

    /// The chain of steps as one block of presentation MathML, a row per line of the equation in ``text(pathLimit:)``.
    public func mathML() -> String {
        func leibniz(_ top: NodeID, _ bottom: NodeID) -> String {
            "<mfrac><mrow><mi>d</mi><mi>\(Escape.xmlText(names.distinctLabels[top]))</mi></mrow>"
                + "<mrow><mi>d</mi><mi>\(Escape.xmlText(names.distinctLabels[bottom]))</mi></mrow></mfrac>"
        }
        func bracketed(_ content: String, _ formula: Formula) -> String {
            switch formula {
            case .sum, .difference: "<mrow><mo>(</mo>\(content)<mo>)</mo></mrow>"
            default: content
            }
        }
        func number(_ x: Double) -> String { "<mn>\(self.number(x))</mn>" }
        let dot = "<mo>·</mo>"
        let many = steps.count > 1
        var rows: [String] = []
        guard !paths.count.isZero else {
            rows.append(number(0))
            return table(leibniz(backward.output, input), rows)
        }
        if many { rows.append(steps.map { leibniz($0.to, $0.from) }.joined(separator: dot)) }
        let unwritten = "<mtext>(sum over paths)</mtext>"
        rows.append(steps.map { step in step.symbolic.map { bracketed($0.mathMLContent(digits: digits), $0) } ?? unwritten }.joined(separator: dot))
        rows.append(steps.map { step in step.substituted.map { bracketed($0.mathMLContent(digits: digits), $0) } ?? unwritten }.joined(separator: dot))
        let result = number(backward.gradients[input])
        rows.append(many ? steps.map { number($0.value) }.joined(separator: dot) + "<mo>=</mo>" + result : result)
        return table(leibniz(backward.output, input), rows)
    }

    private func table(_ lhs: String, _ rows: [String]) -> String {
        let body = rows.enumerated().map { index, row in
            "<mtr><mtd>\(index == 0 ? lhs : "")</mtd><mtd><mo>=</mo>\(row)</mtd></mtr>"
        }.joined()
        return "<math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"block\"><mtable columnalign=\"right left\">\(body)</mtable></math>"
    }

    /// Forward and reverse mode along the chain of steps: the same product, accumulated from opposite ends.
    public func modes(tangents: Tangents) -> String {
        let output = backward.output
        let inputName = names.distinctLabels[input], outputName = names.distinctLabels[output]
        let forward = stations.map { "d\(names.distinctLabels[$0])/d\(inputName) = \(number(tangents.tangents[$0]))" }
        let reverse = stations.reversed().map { "d\(outputName)/d\(names.distinctLabels[$0]) = \(number(backward.gradients[$0]))" }
        return "forward mode (tangents from \(inputName)):  " + forward.joined(separator: " → ") + "\n"
            + "reverse mode (gradients from \(outputName)): " + reverse.joined(separator: " → ") + "\n"
    }

    private func pathList(limit: Int) -> String {
        let listing = paths.count <= ExactCount(UInt64(limit)) ? paths.paths(limit: limit) : PathListing(paths.top(limit), of: paths)
        let listed = listing.paths, complete = listing.complete
        var text = complete
            ? "\(paths.count) paths from \(names.distinctLabels[input]) to \(names.distinctLabels[backward.output]), each the product of its local partials:\n"
            : "\(paths.count) paths from \(names.distinctLabels[input]) to \(names.distinctLabels[backward.output]); the \(listed.count) with the largest |product| (--limit lists more):\n"
        for path in listed {
            let route = path.route(on: tape) { names.distinctLabels[$0] }
            let symbolic = Self.chain(path.edges.reversed().map(names.partialFormula)).text(digits: digits)
            let substituted = Self.chain(path.edges.reversed().map(names.substitutedPartial)).text(digits: digits)
            text += "  \(route):  \(symbolic)" + (substituted == symbolic ? "" : " = \(substituted)") + " = \(number(path.product))\n"
        }
        let sum = listed.reduce(0) { $0 + $1.product }
        let terms = NumberText.sum(listed.map(\.product), digits: digits)
        text += "  sum of \(complete ? "all" : "these") products: \(terms) = \(number(sum))\n"
        if !complete {
            text += "  sum of all \(paths.count) products (one forward sweep, without listing them): \(number(paths.pathSum))\n"
        }
        return text
    }

    /// A path sum as a formula, each edge written by `edge`; steps read from the output's end.
    private static func formula(_ sum: PathSum, edge: (Int) -> Formula) -> Formula {
        switch sum {
        case .edge(let index): edge(index)
        case .product(let factors): chain(factors.reversed().map { formula($0, edge: edge) })
        case .sum(let terms): .sum(terms.map { formula($0, edge: edge) })
        case .one: .number(1)
        }
    }

    /// A product of local partials as written: 1s left out, −1s folded into the sign, each partial kept whole.
    private static func chain(_ factors: [Formula]) -> Formula {
        var negate = false
        var kept: [Formula] = []
        for factor in factors {
            switch factor {
            case .number(1): continue
            case .number(-1): negate.toggle()
            default: kept.append(factor)
            }
        }
        let product: Formula = kept.isEmpty ? .number(1) : (kept.count == 1 ? kept[0] : .chain(kept))
        return negate ? .negation(product) : product
    }

    private func rendered(_ formula: Formula, bracketSums: Bool) -> String {
        let text = formula.text(digits: digits)
        if bracketSums, case .sum = formula { return "(" + text + ")" }
        if bracketSums, case .difference = formula { return "(" + text + ")" }
        return text
    }

    private func number(_ x: Double) -> String { NumberText.significant(x, digits: digits) }
}
