import ChainTrace
import ChainTraceTensor
import ChainTraceText

/// A first diagram of a tensor trace as DOT text: one node per tensor operation (name, operation,
/// shape, its value and gradient as a little matrix when small, else min/mean/max) and one edge per
/// operand, labelled with its rule (the vector-Jacobian product), the shapes and the Jacobian's structure.
///
/// User text only appears inside escaped labels and tooltips; DOT ids are synthetic (`n3`). SVG ids are
/// `<prefix>-n<node>` and `<prefix>-e<edge>`, as in ``Diagram``.
public struct TensorDiagram: Sendable {
    /// The DOT text; the same trace and options always give the same bytes.
    public let dot: String

    /// The largest tensor whose numbers a node shows as a matrix; larger ones show min, mean and max.
    public static let matrixLimit = 16

    /// Draws `tape` with its backward pass (`backward`: gradients in the nodes) or without it (values only).
    /// Of `options`, it uses the direction, digits, font, id prefix and tooltips.
    public init(tape: TensorTape, backward: TensorBackward?, options: DiagramOptions = DiagramOptions()) {
        let prefix = options.safePrefix
        let style = DiagramStyle(digits: options.digits)
        let font = Escape.dotTooltip(options.fontName)
        let reached = backward?.reachedNodes(on: tape) ?? Array(repeating: true, count: tape.count)
        let name = { (node: TensorNodeID) in DisplayText.diagramName(TensorExpansion.displayName(of: node, on: tape)) }
        var out = "digraph \"\(prefix)\" {\n"
        let title = backward.map { "Tensor trace, backward pass from<b> \(Escape.dotLabel(name($0.output))):</b> each edge applies its rule to the upstream Ḡ" }
            ?? "Tensor trace: values, and each edge's rule"
        out += "  graph [id=\"\(prefix)\", class=\"chaintrace tensor\", rankdir=\"\(options.rankDirection.rawValue)\", newrank=true"
        out += ", nodesep=\"0.35\", ranksep=\"0.6\", pad=\"0.3\", bgcolor=\"#FFFFFF\", fontname=\(font), fontsize=\"14\""
        out += ", fontcolor=\"#1A202C\", labelloc=\"t\", labeljust=\"l\", label=<\(title)>, tooltip=\(Escape.dotTooltip("chaintrace tensor diagram"))]\n"
        out += "  node [shape=\"plaintext\", margin=\"0\", width=\"0\", height=\"0\", fontname=\(font), fontsize=\"11\", fontcolor=\"#1A202C\"]\n"
        out += "  edge [fontname=\(font), fontsize=\"10\", arrowsize=\"0.7\", color=\"\(DiagramStyle.forward)\"]\n"
        for node in 0 ..< tape.count {
            let colors: DiagramStyle.NodeColors = switch tape.op(of: node) {
            case _ where node == backward?.output: DiagramStyle.output
            case .input: DiagramStyle.input
            case .constant: DiagramStyle.constant
            default: reached[node] ? DiagramStyle.intermediate : DiagramStyle.unreached
            }
            var label = "<table border=\"\(node == backward?.output ? 2 : 1)\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"3\" style=\"rounded\""
            label += " color=\"\(colors.border)\" bgcolor=\"\(colors.fill)\">"
            label += "<tr><td colspan=\"2\" cellpadding=\"4\"><b>\(Escape.dotLabel(name(node)))</b> = \(Escape.dotLabel(Self.operation(node, on: tape)))"
            label += " <font color=\"\(DiagramStyle.muted)\">\(tape.shape(of: node))</font></td></tr><hr/>"
            label += "<tr><td align=\"left\" valign=\"top\"><font color=\"\(DiagramStyle.muted)\">value</font></td><td align=\"right\">"
            label += Self.numbers(tape.value(of: node), style: style) + "</td></tr>"
            if let backward {
                let symbol = "∂" + name(backward.output) + "/∂" + name(node)
                label += "<tr><td align=\"left\" valign=\"top\"><font color=\"\(DiagramStyle.muted)\">\(Escape.dotLabel(symbol))</font></td><td align=\"right\">"
                label += Self.numbers(backward.gradient(of: node), style: style, bold: true) + "</td></tr>"
            }
            out += "  n\(node) [id=\"\(prefix)-n\(node)\", class=\"\(tape.op(of: node).isLeaf ? tape.op(of: node).name : "operation")\", label=<\(label)</table>>"
            if options.tooltips {
                out += ", tooltip=\(Escape.dotTooltip("\(name(node)) \(tape.shape(of: node)): \(Self.operation(node, on: tape))"))"
            }
            out += "]\n"
        }
        for edge in 0 ..< tape.edgeCount {
            let rule = tape.rule(of: edge)
            let consumer = tape.consumer(of: edge)
            let text = rule.text + "\nḠ \(rule.upstreamShape) → \(rule.operandShape) · \(rule.kind.rawValue)"
            let color = reached[consumer] ? DiagramStyle.forward : DiagramStyle.faded
            out += "  n\(tape.operand(of: edge)) -> n\(consumer) [id=\"\(prefix)-e\(edge)\", class=\"\(rule.kind.rawValue)\""
            out += ", label=<\(Escape.dotLabel(text))>, color=\"\(color)\", fontcolor=\"\(reached[consumer] ? DiagramStyle.muted : DiagramStyle.fadedText)\""
            if options.tooltips { out += ", tooltip=\(Escape.dotTooltip(rule.description))" }
            out += "]\n"
        }
        dot = out + "}\n"
    }

    /// The operation as a node shows it: `input`, `matmul`, `sigmoid`, `sum over axis 0`, `index [1, 0]`, `^2`.
    public static func operation(_ node: TensorNodeID, on tape: TensorTape) -> String {
        let op = tape.op(of: node)
        if case .unary(.powConstant) = op { return "^" + NumberText.significant(tape.parameter(of: node), digits: 6) }
        if let axis = op.axis { return op.name + " over axis \(axis)" }
        if let index = op.selectedIndex { return "index [" + index.map(String.init).joined(separator: ", ") + "]" }
        return op.name
    }

    /// A tensor's numbers as a little table of cells (rank 0 to 2, at most ``matrixLimit`` elements), else `min · mean · max`.
    static func numbers(_ tensor: Tensor, style: DiagramStyle, bold: Bool = false) -> String {
        let (open, close) = bold ? ("<b>", "</b>") : ("", "")
        guard tensor.elements.count <= matrixLimit, tensor.shape.rank <= 2, !tensor.elements.isEmpty else {
            let finite = tensor.elements.filter(\.isFinite)
            guard let low = finite.min(), let high = finite.max() else { return "no finite element" }
            let mean = finite.reduce(0, +) / Double(finite.count)
            return open + "min \(style.number(low)) · mean \(style.number(mean)) · max \(style.number(high))" + close
        }
        let columns = tensor.shape.rank == 2 ? tensor.shape.dimensions[1] : tensor.elements.count
        var table = "<table border=\"0\" cellborder=\"0\" cellspacing=\"4\" cellpadding=\"0\">"
        for start in stride(from: 0, to: tensor.elements.count, by: Swift.max(columns, 1)) {
            table += "<tr>" + tensor.elements[start ..< Swift.min(start + columns, tensor.elements.count)].map {
                "<td align=\"right\">" + open + style.number($0) + close + "</td>"
            }.joined() + "</tr>"
        }
        return table + "</table>"
    }
}
