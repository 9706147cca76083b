import ChainTrace
import ChainTraceTensor
import ChainTraceText
import RealModule

extension TensorLabels {
    /// Each Jacobian kind's colour: its edges, its glyph, its row of the legend.
    static func color(of kind: JacobianKind) -> String {
        switch kind {
        case .elementwise: "#2F855A"
        case .dense: "#2B6CB0"
        case .broadcastSum: "#B7791F"
        case .reduction: "#6B46C1"
        case .permutation: "#0F766E"
        case .selection: "#C05621"
        }
    }

    /// A picture of each kind's Jacobian (rows: result elements, columns: operand elements; `#` a
    /// non-zero entry): the diagonal of an elementwise op, the stacked identities of a broadcast, the
    /// full row of a sum, one entry per row and column of a transpose, the one entry of an index.
    static func pattern(of kind: JacobianKind) -> [String] {
        switch kind {
        case .elementwise: ["#..", ".#.", "..#"]
        case .dense: ["###", "###", "###"]
        case .broadcastSum: ["#.", ".#", "#.", ".#"]
        case .reduction: ["###"]
        case .permutation: [".#.", "..#", "#.."]
        case .selection: ["..#."]
        }
    }

    /// The kind's pattern as a tiny table of coloured cells, of fixed size (a point of slack on each
    /// side) so that a taller or wider cell around it does not stretch it.
    static func glyph(_ kind: JacobianKind) -> String {
        let color = self.color(of: kind), pattern = pattern(of: kind)
        var table = "<table border=\"1\" color=\"\(color)\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"0\" fixedsize=\"true\""
        table += " width=\"\((pattern.first?.count ?? 0) * 4 + 4)\" height=\"\(pattern.count * 4 + 4)\">"
        for line in pattern {
            table += "<tr>" + line.map { "<td width=\"4\" height=\"4\" fixedsize=\"true\" bgcolor=\"\($0 == "#" ? color : "#FFFFFF")\"></td>" }.joined() + "</tr>"
        }
        return table + "</table>"
    }

    /// The local Jacobian's symbol, bracketed when it is more than one term outside brackets: `W1`,
    /// `(I ⊗ xᵀ)`, `diag(X)·(1₄ ⊗ I₃)`, `(softmax(z) − y)ᵀ`.
    func jacobian(_ edge: Int) -> String {
        let symbol = DisplayText.diagramName(tape.jacobianSymbol(of: edge))
        var depth = 0
        let spaced = symbol.contains { character in
            if character == "(" { depth += 1 } else if character == ")" { depth -= 1 }
            return character == " " && depth == 0
        }
        return spaced ? "(" + symbol + ")" : symbol
    }

    /// The glyph beside the chain rule of the whole tensor: `Ḡ[3] · (I ⊗ xᵀ) = ∂J/∂W1 [3×2]` (or, at a
    /// branch point, `= contribution [3] to ∂J/∂h`), then the numbers `upstream ↦ contribution` when
    /// both have at most ``inlineLimit`` elements. Without a backward pass: `∂t6/∂W1 = I ⊗ xᵀ [3×6]`.
    func edgeLabel(_ edge: Int) -> String {
        let rule = tape.rule(of: edge)
        let operand = tape.operand(of: edge), consumer = tape.consumer(of: edge)
        var lines: [String]
        if let backward, let symbol = gradientSymbol(operand) {
            let target = arrivals[operand].count > 1
                ? "contribution \(rule.operandShape) to \(symbol)" : "\(symbol) \(rule.operandShape)"
            lines = [Escape.dotLabel("Ḡ\(rule.upstreamShape) · \(jacobian(edge)) =") + "<b> " + Escape.dotLabel(target) + "</b>"]
            if let contribution = backward.contribution(of: edge), contribution.elements.count <= Self.inlineLimit,
               rule.upstreamShape.count <= Self.inlineLimit {
                let upstream = backward.upstream(of: edge, on: tape).text(digits: style.digits)
                lines.append(Escape.dotLabel(upstream + " ↦") + "<b> " + Escape.dotLabel(contribution.text(digits: style.digits)) + "</b>")
            }
        } else {
            let size = "[\(rule.upstreamShape.count)×\(rule.operandShape.count)]"
            lines = [Escape.dotLabel("∂\(name(consumer))/∂\(name(operand)) = \(DisplayText.diagramName(tape.jacobianSymbol(of: edge))) \(size)")]
        }
        return "<table border=\"0\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"1\"><tr><td valign=\"middle\">" + Self.glyph(rule.kind)
            + "</td><td align=\"left\" balign=\"left\">&nbsp;" + lines.joined(separator: "<br/>") + "</td></tr></table>"
    }

    /// The rule in words with its shapes and the contribution's norm.
    func edgeTooltip(_ edge: Int) -> String {
        let rule = tape.rule(of: edge)
        var text = rule.description + "; Jacobian: \(rule.kind.rawValue), \(tape.jacobianSymbol(of: edge))"
        if let norm = norms[edge] { text += "; ‖contribution‖ = \(DiagramStyle.exact(norm))" }
        return text
    }

    /// The edge's width: ‖contribution‖ on a log scale from the trace's smallest (0.8) to its largest (4.5).
    func penWidth(of edge: Int) -> Double {
        guard let norm = norms[edge], norm.isFinite, norm > 0, let range = normRange else { return 0.8 }
        guard range.upperBound > range.lowerBound else { return 2.5 }
        let t = Double.log10(norm / range.lowerBound) / Double.log10(range.upperBound / range.lowerBound)
        return ((0.8 + 3.7 * t) * 100).rounded() / 100
    }
}
