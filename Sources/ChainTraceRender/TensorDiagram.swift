import ChainTrace
import ChainTraceTensor
import ChainTraceText

/// A diagram of a tensor trace as DOT text: one node per tensor operation and one edge per operand,
/// so a network of a million parameters draws as tens of nodes.
///
/// A node shows its name, operation and shape, then its value and gradient: as a little matrix up to
/// ``matrixLimit`` elements, else as a `TensorSummary` beside a ``Heatmap`` thumbnail. A branch point
/// also shows the contributions its gradient sums. An edge shows the chain rule for a whole tensor,
/// `Ḡ[3] · (I ⊗ xᵀ) = ∂J/∂W1 [3×2]` (upstream · local Jacobian = contribution, with shapes), the
/// numbers when they are few, and a glyph of its Jacobian's structure (`JacobianKind`) in that
/// kind's colour; its width follows ‖contribution‖ on a log scale over the trace's range.
///
/// Every element is read a bounded number of times: once for a summary and once for a heatmap of each
/// value and gradient, once for the norm of each contribution; nothing writes a string per element of
/// a large tensor. User text only appears inside escaped labels and tooltips; DOT ids are synthetic
/// (`n3`). SVG ids are `<prefix>-n<node>` and `<prefix>-e<edge>`, as in ``Diagram``.
public struct TensorDiagram: Sendable {
    /// The DOT text; the same trace and options always give the same bytes.
    public let dot: String

    /// The most elements a node shows as numbers; larger tensors show a summary and a heatmap.
    public static let matrixLimit = 16

    /// Whether a node shows a tensor of this shape as its numbers, a little matrix of at most
    /// ``matrixLimit`` elements in at most 4 rows of at most 8: a scalar, a vector of up to 8, a matrix
    /// up to 4×4 or 2×8. Anything larger, or of rank 3 and above, shows a summary and a heatmap.
    public static func showsMatrix(of shape: Shape) -> Bool {
        let columns = shape.dimensions.last ?? 1, rows = shape.rank == 2 ? shape.dimensions[0] : 1
        return shape.rank <= 2 && shape.count <= matrixLimit && rows <= 4 && columns <= 8
    }

    /// Draws `tape` with its backward pass (`backward`: gradients in the nodes, contributions on the
    /// edges) or without it (values and local Jacobians only). Of `options`, it uses the direction,
    /// digits, font, id prefix, legend and tooltips.
    public init(tape: TensorTape, backward: TensorBackward?, options: DiagramOptions = DiagramOptions()) {
        let prefix = options.safePrefix
        let labels = TensorLabels(tape: tape, backward: backward, digits: options.digits)
        let font = Escape.dotTooltip(options.fontName)
        var out = "digraph \"\(prefix)\" {\n"
        let title = backward.map { "Tensor trace, backward pass from<b> \(Escape.dotLabel(labels.name($0.output))):</b> each edge multiplies the upstream Ḡ by its local Jacobian" }
            ?? "Tensor trace: values, and each edge's local Jacobian"
        out += "  graph [id=\"\(prefix)\", class=\"chaintrace tensor\", rankdir=\"\(options.rankDirection.rawValue)\", newrank=true"
        out += ", nodesep=\"0.35\", ranksep=\"0.6\", pad=\"0.3\", bgcolor=\"#FFFFFF\", fontname=\(font), fontsize=\"14\""
        out += ", fontcolor=\"#1A202C\", labelloc=\"t\", labeljust=\"l\", label=<\(title)>, tooltip=\(Escape.dotTooltip("chaintrace tensor diagram"))]\n"
        out += "  node [shape=\"plaintext\", margin=\"0\", width=\"0\", height=\"0\", fontname=\(font), fontsize=\"11\", fontcolor=\"#1A202C\"]\n"
        out += "  edge [fontname=\(font), fontsize=\"10\", arrowsize=\"0.7\", color=\"\(DiagramStyle.forward)\"]\n"
        for node in 0 ..< tape.count {
            out += "  n\(node) [id=\"\(prefix)-n\(node)\", class=\"\(labels.classes(of: node))\", label=<\(labels.nodeLabel(node))>"
            if options.tooltips { out += ", tooltip=\(Escape.dotTooltip(labels.nodeTooltip(node)))" }
            out += "]\n"
        }
        for edge in 0 ..< tape.edgeCount {
            let kind = tape.rule(of: edge).kind
            let consumer = tape.consumer(of: edge)
            let reached = labels.reached[consumer]
            out += "  n\(tape.operand(of: edge)) -> n\(consumer) [id=\"\(prefix)-e\(edge)\", class=\"\(kind.rawValue)\""
            out += ", label=<\(labels.edgeLabel(edge))>, color=\"\(reached ? TensorLabels.color(of: kind) : DiagramStyle.faded)\""
            out += ", penwidth=\"\(labels.penWidth(of: edge))\", fontcolor=\"\(reached ? DiagramStyle.muted : DiagramStyle.fadedText)\""
            if options.tooltips { out += ", tooltip=\(Escape.dotTooltip(labels.edgeTooltip(edge)))" }
            out += "]\n"
        }
        if options.showsLegend {
            out += TensorLegend(prefix: prefix, backward: backward != nil).dot(after: tape.count > 0 ? "n\(backward?.output ?? tape.count - 1)" : nil)
        }
        dot = out + "}\n"
    }
}
