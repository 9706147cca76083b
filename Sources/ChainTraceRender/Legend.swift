import ChainTrace
import ChainTraceText

/// The key to a diagram's encoding: node kinds, edge labels, colours and widths.
struct Legend {
    let prefix: String
    let backward: Bool

    /// The legend's DOT id.
    static let id = "legend"

    /// The legend as a DOT node, tied by an invisible edge to `anchor` (the DOT id of whatever
    /// draws the output) so it sits beyond it.
    func dot(after anchor: String?) -> String {
        let kinds = [
            swatch(DiagramStyle.input, "<b>x</b>", "input"),
            swatch(DiagramStyle.constant, "<font point-size=\"9\">1</font>", "constant"),
            swatch(DiagramStyle.intermediate, "<b>u</b> = a · b", "operation"),
            swatch(DiagramStyle.output, "<b>y</b>", "output"),
        ]
        var rows = ["<tr><td colspan=\"2\"><table border=\"0\" cellspacing=\"3\" cellpadding=\"2\"><tr>\(kinds.joined())</tr></table></td></tr>"]
        if backward {
            rows += [
                row("75 × 4 =<b> 300</b>", "upstream × local partial = contribution"),
                row(line(DiagramStyle.positive) + line(DiagramStyle.negative, leading: " "), "positive / negative contribution"),
                row("thick / thin", "large / small |contribution| (log scale)"),
                row("3 − 6 =<b> −3</b>", "branch point: gradient = sum of contributions"),
            ]
        } else {
            rows.append(row("2x = 4", "local partial ∂result/∂operand: formula = value"))
        }
        return Self.node(rows: rows, reading: "arrows run from operand to result", prefix: prefix, after: anchor)
    }

    /// A legend's DOT node: "How to read" (`reading` in brackets after it) above `rows` (DOT HTML table
    /// rows), tied by an invisible edge to `anchor` so it sits beyond it. The scalar and tensor legends share it.
    static func node(rows: [String], reading: String, prefix: String, after anchor: String?) -> String {
        var label = "<table border=\"1\" cellborder=\"0\" cellspacing=\"1\" cellpadding=\"2\" style=\"rounded\" color=\"#CBD5E0\" bgcolor=\"#FFFFFF\">"
        label += "<tr><td colspan=\"2\" align=\"left\"><b>How to read</b><font color=\"\(DiagramStyle.muted)\"> (\(reading))</font></td></tr>"
        label += rows.joined() + "</table>"
        let node = "  \(id) [id=\"\(prefix)-legend\", class=\"legend\", fontsize=\"9\", label=<\(label)>, tooltip=\(Escape.dotTooltip("legend"))]\n"
        guard let anchor else { return node }
        return node + "  \(anchor) -> \(id) [id=\"\(prefix)-legend-link\", class=\"legend\", style=\"invis\", minlen=\"1\"]\n"
    }

    private func swatch(_ colors: DiagramStyle.NodeColors, _ sample: String, _ meaning: String) -> String {
        "<td border=\"1\" color=\"\(colors.border)\" bgcolor=\"\(colors.fill)\" style=\"rounded\">\(sample)</td><td align=\"left\">\(meaning)</td>"
    }

    private func row(_ sample: String, _ meaning: String) -> String {
        "<tr><td align=\"right\">\(sample)</td><td align=\"left\">\(meaning)</td></tr>"
    }

    private func line(_ color: String, leading space: String = "") -> String {
        "<font color=\"\(color)\"><b>\(space)━━━</b></font>"
    }
}
