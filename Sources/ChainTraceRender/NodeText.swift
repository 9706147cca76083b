import ChainTrace
import ChainTraceAnalysis
import ChainTraceText

/// The words and numbers a diagram prints for nodes and edges (HTML-label text, already escaped),
/// and the full-precision tooltips.
struct NodeText {
    let tape: Tape
    let output: NodeID
    /// The backward record shown, or nil in the forward view.
    let backward: Backward?
    let style: DiagramStyle
    let hidesConstants: Bool
    /// Names for the local partials' formulas (the same as `explain` and the report use).
    let names: NodeNames

    /// The longest formula an edge label shows beside its local partial; longer ones stay in the tooltip.
    static let formulaWidth = 16

    /// How a node is named in formulas: its name, or `#id`.
    func shortName(_ node: NodeID) -> String {
        tape.name(of: node) ?? "#\(node)"
    }

    /// `∂y/∂u` for a node, with the output's name on top; an unnamed node's id is bracketed,
    /// `∂y/∂(#1)`, so the `#` does not read as a footnote mark.
    func gradientSymbol(_ node: NodeID) -> String {
        NodeNames.partialSymbol(output, node, on: tape)
    }

    /// The node's header: `<b>u</b> = #1 + 1`, `<b>x</b>`, or a constant's value.
    func header(_ node: NodeID) -> String {
        let name = "<b>\(Escape.dotLabel(shortName(node)))</b>"
        switch tape.op(of: node) {
        case .input: return name
        case .constant:
            let value = Escape.dotLabel(style.number(tape.value(of: node)))
            return tape.name(of: node) == nil ? value : "\(name) = \(value)"
        default: return "\(name) = \(expression(node))"
        }
    }

    /// The operation applied to its operands: `#1 + 1`, `u³`, `sin(t)`.
    func expression(_ node: NodeID) -> String {
        let operands = tape.inputs(of: node).map(reference)
        let op = tape.op(of: node)
        if let symbol = op.symbol, operands.count == 2, op != .pow { return "\(operands[0]) \(symbol) \(operands[1])" }
        if op == .neg, operands.count == 1 { return "−" + operands[0] }
        if op == .powConstant, operands.count == 1 { return operands[0] + Self.superscript(NumberText.exact(tape.parameter(of: node))) }
        return "\(op.rawValue)(\(operands.joined(separator: ", ")))"
    }

    /// Rows of the node's table after the header, as `(left, right)` cells.
    func rows(_ node: NodeID, arrivals: [Int]) -> [(String, String)] {
        var rows = [("value", Escape.dotLabel(style.number(tape.value(of: node))))]
        guard let backward else { return rows }
        let symbol = Escape.dotLabel(gradientSymbol(node))
        let gradient = Escape.dotLabel(style.number(backward.gradients[node]))
        if arrivals.count > 1 {
            rows.append((symbol, sum(arrivals, backward: backward) + " =<b> \(gradient)</b>"))
        } else {
            rows.append((symbol, "<b>\(gradient)</b>"))
        }
        return rows
    }

    /// A branch point's sum of contributions; long sums show their first terms and a count.
    private func sum(_ arrivals: [Int], backward: Backward) -> String {
        let terms = arrivals.map { backward.contribution(of: $0, on: tape) }
        guard terms.count > 6 else { return Escape.dotLabel(NumberText.sum(terms, digits: style.digits)) }
        return Escape.dotLabel(NumberText.sum(Array(terms.prefix(4)), digits: style.digits)) + " + … (\(terms.count) terms)"
    }

    /// The edge's label: in the forward view the local partial with its formula when it is short
    /// (`2x = 4`), in the backward view `upstream × local = contribution`.
    ///
    /// The space before a bold run leads that run: Graphviz places each run's start itself, while
    /// where a run ends depends on the viewer's fonts, so a trailing space can vanish.
    func edgeLabel(_ edge: Int, stepped: Bool) -> String {
        let local = Escape.dotLabel(style.number(tape.partial(of: edge)))
        guard let backward else {
            guard let formula = shortFormula(edge) else { return local }
            return "\(Escape.dotLabel(formula)) = \(local)"
        }
        guard stepped else { return local }
        let upstream = Escape.dotLabel(style.number(backward.upstream(of: edge, on: tape)))
        let contribution = Escape.dotLabel(style.number(backward.contribution(of: edge, on: tape)))
        return "\(upstream) × \(local) =<b> \(contribution)</b>"
    }

    /// The local partial's formula (`2x`, `h(1 − h)`), unless it is a bare number or too long to fit.
    private func shortFormula(_ edge: Int) -> String? {
        let formula = names.partialFormula(of: edge)
        if case .number = formula { return nil }
        let text = formula.text(digits: style.digits)
        return text.count <= Self.formulaWidth ? text : nil
    }

    /// Everything about a node at full precision.
    /// The most contributions a node's tooltip lists one by one.
    static let tooltipTerms = 24

    func nodeTooltip(_ node: NodeID, arrivals: [Int]) -> String {
        var lines = ["\(shortName(node)) (node #\(node), \(opName(node)))"]
        if !tape.op(of: node).isLeaf {
            lines.append("\(shortName(node)) = \(plainExpression(node))")
        }
        lines.append("value = \(DiagramStyle.exact(tape.value(of: node)))")
        if let backward {
            // Every term at full precision, up to a limit that keeps a hub's tooltip (and the SVG) small.
            var terms = NumberText.sum(arrivals.prefix(Self.tooltipTerms).map { backward.contribution(of: $0, on: tape) })
            if arrivals.count > Self.tooltipTerms { terms += " + … (\(arrivals.count) terms)" }
            let total = DiagramStyle.exact(backward.gradients[node])
            lines.append("gradient \(gradientSymbol(node)) = " + (arrivals.count > 1 ? terms + " = " + total : total))
            if arrivals.count > 1 { lines.append("branch point: used \(arrivals.count) times; its gradient is the sum of the contributions") }
        }
        let scope = tape.scope(of: node)
        if !scope.isEmpty { lines.append("scope " + scope.joined(separator: "/")) }
        if tape.line(of: node) > 0 { lines.append("line \(tape.line(of: node))") }
        return lines.joined(separator: "\n")
    }

    /// Everything about an edge at full precision.
    func edgeTooltip(_ edge: Int, stepped: Bool) -> String {
        let input = tape.operand(of: edge)
        let consumer = tape.consumer(of: edge)
        var lines = ["edge \(edge): \(shortName(input)) → \(shortName(consumer))",
                     "local partial ∂\(shortName(consumer))/∂\(shortName(input)) = \(names.partialFormula(of: edge).text(digits: style.digits)) = \(DiagramStyle.exact(tape.partial(of: edge)))"]
        if let backward, stepped {
            lines.append("upstream \(gradientSymbol(consumer)) = \(DiagramStyle.exact(backward.upstream(of: edge, on: tape)))")
            lines.append("contribution to \(gradientSymbol(input)) = \(DiagramStyle.exact(backward.contribution(of: edge, on: tape)))")
        }
        return lines.joined(separator: "\n")
    }

    private func opName(_ node: NodeID) -> String {
        tape.op(of: node) == .powConstant ? "powc " + NumberText.full(tape.parameter(of: node)) : tape.op(of: node).rawValue
    }

    private func plainExpression(_ node: NodeID) -> String {
        let operands = tape.inputs(of: node).map { tape.name(of: $0) ?? (tape.op(of: $0) == .constant ? DiagramStyle.exact(tape.value(of: $0)) : "#\($0)") }
        let op = tape.op(of: node)
        if let symbol = op.symbol, operands.count == 2, op != .pow { return "\(operands[0]) \(symbol) \(operands[1])" }
        if op == .neg, operands.count == 1 { return "−" + operands[0] }
        if op == .powConstant, operands.count == 1 { return operands[0] + "^" + NumberText.full(tape.parameter(of: node)) }
        return "\(op.rawValue)(\(operands.joined(separator: ", ")))"
    }

    /// An operand as written in a formula: its name, a constant's value, or `#id`.
    private func reference(_ node: NodeID) -> String {
        if tape.op(of: node) == .constant, hidesConstants || tape.name(of: node) == nil {
            let value = style.number(tape.value(of: node))
            return Escape.dotLabel(tape.value(of: node) < 0 ? "(\(value))" : value)
        }
        return Escape.dotLabel(shortName(node))
    }

    /// `²`, `⁻¹`; exponents with other characters stay `^2.5`.
    private static func superscript(_ text: String) -> String {
        let digits: [Character: Character] = ["0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵",
                                              "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻"]
        let mapped = text.compactMap { digits[$0] }
        return mapped.count == text.count ? String(mapped) : "^" + Escape.dotLabel(text)
    }
}
