import ChainTraceTensor
import ChainTraceText

/// The key to a tensor diagram: the chain rule an edge shows, the glyph and colour of each Jacobian
/// kind, edge widths, the heatmap's colour scale and branch points.
struct TensorLegend {
    let prefix: String
    let backward: Bool

    /// What each kind's glyph pictures, in the legend's words.
    static func meaning(of kind: JacobianKind) -> String {
        switch kind {
        case .elementwise: "elementwise: diagonal Jacobian"
        case .dense: "dense: every result element on every operand element"
        case .broadcastSum: "broadcast: identities stacked, 1ₙ ⊗ I (Ḡ summed over the repeated axes)"
        case .reduction: "reduction (sum, mean): a row of equal entries"
        case .permutation: "permutation (transpose)"
        case .selection: "selection (index): one-hot"
        }
    }

    /// The legend as a DOT node tied by an invisible edge to `anchor`, so it sits beyond it.
    func dot(after anchor: String?) -> String {
        var rows: [String] = []
        if backward {
            rows.append(row(Escape.dotLabel("Ḡ[3] · W =") + "<b> " + Escape.dotLabel("∂J/∂x [2]") + "</b>", "upstream (its shape) · local Jacobian = contribution"))
            rows.append(row(Escape.dotLabel("[0.1, 0.2] ↦") + "<b> " + Escape.dotLabel("[0.3]") + "</b>", "the numbers, when few: upstream ↦ contribution"))
            rows.append(row("thick / thin", "large / small ‖contribution‖ (log scale over the trace)"))
            rows.append(row("sum of 2 contributions", "branch point: gradient = sum of contributions"))
        } else {
            rows.append(row(Escape.dotLabel("∂h/∂x = W [3×2]"), "local Jacobian: its symbol and size (result × operand elements)"))
        }
        for kind in JacobianKind.allCases {
            rows.append("<tr><td align=\"right\">\(TensorLabels.glyph(kind))</td><td align=\"left\"><font color=\"\(TensorLabels.color(of: kind))\">\(Escape.dotLabel(Self.meaning(of: kind)))</font></td></tr>")
        }
        let scale = [-1, -0.5, 0, 0.5, 1].map {
            "<td width=\"10\" height=\"8\" fixedsize=\"true\" bgcolor=\"\(Heatmap.color($0, scale: 1))\"></td>"
        }.joined() + "<td width=\"4\" height=\"8\" fixedsize=\"true\"></td><td width=\"10\" height=\"8\" fixedsize=\"true\" bgcolor=\"\(Heatmap.nonFinite)\"></td>"
        // Fixed size (the cells' 64 × 8 points, a frame and a point of slack): a wider cell would stretch it.
        let bar = "<table border=\"1\" color=\"#CBD5E0\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"0\" fixedsize=\"true\" width=\"68\" height=\"12\"><tr>\(scale)</tr></table>"
        rows.append(row(bar,
                        "heatmap of block means from −m through 0 to +m (m: the largest |mean|); NaN or ±∞"))
        return Legend.node(rows: rows, reading: "arrows run from operand to result; edge glyph: the Jacobian's pattern", prefix: prefix, after: anchor)
    }

    private func row(_ sample: String, _ meaning: String) -> String {
        "<tr><td align=\"right\">\(sample)</td><td align=\"left\">\(Escape.dotLabel(meaning))</td></tr>"
    }
}
