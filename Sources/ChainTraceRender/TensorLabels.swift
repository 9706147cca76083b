import ChainTrace
import ChainTraceTensor
import ChainTraceText

/// The text of a tensor diagram's nodes (this file) and edges (`TensorLabels+Edge.swift`), with what
/// they share: names, which nodes the backward pass reached, which edges each branch point sums, and
/// every contribution's norm (read once, for edge widths and branch sums alike).
struct TensorLabels {
    let tape: TensorTape
    let backward: TensorBackward?
    let style: DiagramStyle
    /// Whether the backward pass reached each node (every node without a backward pass).
    let reached: [Bool]
    /// For each node, the edges whose contributions its gradient sums, in arrival order.
    let arrivals: [[Int]]
    /// ‖contribution‖₂ of each edge; nil where there is none.
    let norms: [Double?]
    /// The smallest and largest finite positive norm, the range edge widths span.
    let normRange: ClosedRange<Double>?

    /// The most terms a branch point's sum writes out; beyond, it shows the first ones and a count.
    static let termLimit = 4
    /// The most elements a number written on an edge or in a sum may have.
    static let inlineLimit = 4
    /// The side of one heatmap cell, in points.
    static let cellSize = 5

    init(tape: TensorTape, backward: TensorBackward?, digits: Int) {
        self.tape = tape
        self.backward = backward
        style = DiagramStyle(digits: digits)
        reached = backward?.reachedNodes(on: tape) ?? Array(repeating: true, count: tape.count)
        arrivals = backward?.arrivals(on: tape) ?? Array(repeating: [], count: tape.count)
        norms = (0 ..< tape.edgeCount).map { edge in backward?.contribution(of: edge).map { TensorSummary($0).norm } }
        let positive = norms.compactMap { $0 }.filter { $0.isFinite && $0 > 0 }
        normRange = positive.min().flatMap { low in positive.max().map { low ... $0 } }
    }

    /// A node's name as diagrams show it (`t5` when unnamed), shortened.
    func name(_ node: TensorNodeID) -> String {
        DisplayText.diagramName(TensorExpansion.displayName(of: node, on: tape))
    }

    /// `∂J/∂W1`.
    func gradientSymbol(_ node: TensorNodeID) -> String? {
        backward.map { "∂" + name($0.output) + "/∂" + name(node) }
    }

    /// `input`, `operation`, `constant`, with `branch` for a branch point and `unreached` where the pass did not go.
    func classes(of node: TensorNodeID) -> String {
        var classes = [tape.op(of: node).isLeaf ? tape.op(of: node).name : "operation"]
        if node == backward?.output { classes.append("output") }
        if arrivals[node].count > 1 { classes.append("branch") }
        if !reached[node] { classes.append("unreached") }
        return classes.joined(separator: " ")
    }

    /// The node's table: name, operation and shape; value; the branch point's sum; gradient.
    func nodeLabel(_ node: TensorNodeID) -> String {
        let colors: DiagramStyle.NodeColors = switch tape.op(of: node) {
        case _ where node == backward?.output: DiagramStyle.output
        case .input: DiagramStyle.input
        case .constant: DiagramStyle.constant
        default: reached[node] ? DiagramStyle.intermediate : DiagramStyle.unreached
        }
        var label = "<table border=\"\(node == backward?.output ? 2 : 1)\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"3\" style=\"rounded\""
        label += " color=\"\(colors.border)\" bgcolor=\"\(colors.fill)\">"
        label += "<tr><td colspan=\"3\" cellpadding=\"4\"><b>\(Escape.dotLabel(name(node)))</b> = \(Escape.dotLabel(Self.operation(node, on: tape)))"
        label += " <font color=\"\(DiagramStyle.muted)\">\(tape.shape(of: node))</font></td></tr><hr/>"
        label += row("value", numbers(tape.value(of: node)))
        if let backward, let symbol = gradientSymbol(node) {
            if arrivals[node].count > 1 {
                label += row("sum of \(arrivals[node].count) contributions", "<td colspan=\"2\" align=\"right\">" + branchTerms(node) + "</td>")
            }
            label += row(symbol, numbers(backward.gradient(of: node), bold: true))
        }
        return label + "</table>"
    }

    /// Everything about a node in one line of plain text.
    func nodeTooltip(_ node: TensorNodeID) -> String {
        var text = "\(name(node)) \(tape.shape(of: node)): \(Self.operation(node, on: tape))"
        if arrivals[node].count > 1 { text += "; branch point: its gradient is the sum of \(arrivals[node].count) contributions" }
        return text
    }

    /// A titled row of the node's three columns (title, then the content's two cells).
    private func row(_ title: String, _ cells: String) -> String {
        "<tr><td align=\"left\" valign=\"top\"><font color=\"\(DiagramStyle.muted)\">\(Escape.dotLabel(title))</font></td>\(cells)</tr>"
    }

    /// The terms a branch point sums: their numbers when each is small, else their norms.
    private func branchTerms(_ node: TensorNodeID) -> String {
        let edges = arrivals[node]
        let shown = edges.count > Self.termLimit + 2 ? Array(edges.prefix(Self.termLimit)) : edges
        let rest = shown.count < edges.count ? " + … (\(edges.count) terms)" : ""
        guard tape.shape(of: node).count <= Self.inlineLimit else {
            let terms = shown.map { norms[$0].map(style.number) ?? "?" }
            return "‖·‖ " + Escape.dotLabel(terms.joined(separator: ", ") + (rest.isEmpty ? "" : ", … (\(edges.count) terms)"))
        }
        let terms = shown.map { edge in backward?.contribution(of: edge).map { $0.text(digits: style.digits) } ?? "?" }
        return Escape.dotLabel(terms.joined(separator: " + ") + rest)
    }

    /// A tensor's numbers as the two content cells of a node's row: a little matrix spanning both when
    /// ``TensorDiagram/showsMatrix(of:)``, else its heatmap, then its summary. Heatmaps and summaries
    /// sit in the node's own columns, as nested tables would be stretched to the row's width.
    func numbers(_ tensor: Tensor, bold: Bool = false) -> String {
        let (open, close) = bold ? ("<b>", "</b>") : ("", "")
        guard TensorDiagram.showsMatrix(of: tensor.shape) else {
            return heatmap(Heatmap(tensor)) + "<td align=\"left\" balign=\"left\" valign=\"top\">"
                + open + summary(TensorSummary(tensor)) + close + "</td>"
        }
        let columns = tensor.shape.rank == 2 ? tensor.shape.dimensions[1] : tensor.elements.count
        var table = "<td colspan=\"2\" align=\"right\"><table border=\"0\" cellborder=\"0\" cellspacing=\"4\" cellpadding=\"0\">"
        for start in stride(from: 0, to: tensor.elements.count, by: Swift.max(columns, 1)) {
            table += "<tr>" + tensor.elements[start ..< Swift.min(start + columns, tensor.elements.count)].map {
                "<td align=\"right\">" + open + style.number($0) + close + "</td>"
            }.joined() + "</tr>"
        }
        return table + "</table></td>"
    }

    /// Short lines beside a heatmap: `min −0.2 · max 0.2`, `mean 0 · ‖·‖ 1.3`, `4 zeros`, then the NaN
    /// and ±∞ counts in red. Minimum, mean and maximum are of the finite elements.
    func summary(_ summary: TensorSummary) -> String {
        var lines: [String] = []
        if let low = summary.min, let mean = summary.mean, let high = summary.max {
            lines.append("min \(style.number(low)) · max \(style.number(high))")
            lines.append("mean \(style.number(mean)) · ‖·‖ \(style.number(summary.norm))")
        } else {
            lines.append("no finite element · ‖·‖ \(style.number(summary.norm))")
        }
        lines.append("\(summary.zeroCount) zero\(summary.zeroCount == 1 ? "" : "s") of \(summary.count)")
        var text = lines.map(Escape.dotLabel).joined(separator: "<br/>")
        let nonFinite = [(summary.nanCount, "NaN"), (summary.infinityCount, "±∞")].filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
        if !nonFinite.isEmpty {
            text += "<br/><font color=\"\(DiagramStyle.negative)\">" + Escape.dotLabel(nonFinite.joined(separator: " · ")) + "</font>"
        }
        return text
    }

    /// The heatmap as a cell holding a framed table of coloured cells. The table has a fixed size (its
    /// cells' plus a point of slack on each side): a table in a wider cell would be stretched, and a
    /// fixed-size cell (rather than table) is misplaced by Graphviz 2.42 when its row is taller.
    func heatmap(_ map: Heatmap) -> String {
        let height = map.rows <= 2 ? 2 * Self.cellSize : Self.cellSize
        let cell = "<td width=\"\(Self.cellSize)\" height=\"\(height)\" fixedsize=\"true\" bgcolor=\""
        var table = "<td valign=\"top\" cellpadding=\"1\"><table border=\"1\" color=\"#CBD5E0\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"0\""
        table += " fixedsize=\"true\" width=\"\(map.columns * Self.cellSize + 4)\" height=\"\(map.rows * height + 4)\" valign=\"top\">"
        for row in 0 ..< map.rows {
            table += "<tr>"
            for column in 0 ..< map.columns { table += cell + map.colors[row * map.columns + column] + "\"></td>" }
            table += "</tr>"
        }
        return table + "</table></td>"
    }

    /// The operation as a node shows it: `input`, `matmul`, `sigmoid`, `sum over axis 0`, `index [1, 0]`, `^2`.
    static func operation(_ node: TensorNodeID, on tape: TensorTape) -> String {
        let op = tape.op(of: node)
        if case .unary(.powConstant) = op { return "^" + NumberText.significant(tape.parameter(of: node), digits: 6) }
        if let axis = op.axis { return op.name + " over axis \(axis)" }
        if let index = op.selectedIndex { return "index [" + index.map(String.init).joined(separator: ", ") + "]" }
        return op.name
    }
}
