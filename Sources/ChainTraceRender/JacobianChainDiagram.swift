import ChainTrace
import ChainTraceTensor
import ChainTraceText
import RealModule

/// ∂output/∂node of a tensor trace drawn as the chain rule on Jacobians (`TensorChain`): one row per
/// path (wrapped like text after ``factorsPerLine`` factors), each local Jacobian ∂consumer/∂operand a
/// picture from the output down, then the path's product; with several paths their sum; and whether
/// that equals the backward pass's gradient.
///
/// A factor shows its derivative (`∂o/∂t10`), its symbol (`diag(σ′(t10))`), its shape `[rows×columns]`
/// and structure, and its entries as a ``Heatmap`` (with the numbers in the cells when there are at
/// most ``numbersLimit``) when `TensorTape.localJacobian(of:limit:)` writes it out; a larger one is
/// a box of its shape's proportions. An identity is drawn small: its entries say nothing `I` does not.
///
/// DOT ids are synthetic; SVG ids are `<prefix>-p<path>-f<factor>`, `<prefix>-p<path>-product`,
/// `<prefix>-sum` and `<prefix>-gradient`.
public struct JacobianChainDiagram: Sendable {
    /// The DOT text; the same trace and options always give the same bytes.
    public let dot: String

    /// The most entries a heatmap writes its numbers into.
    public static let numbersLimit = 36
    /// The most factors in one line of a path's row; a longer path wraps onto more lines.
    public static let factorsPerLine = 6
    /// The side of a heatmap cell without numbers, in points.
    static let cellSide = 10

    /// Draws `chain` (of `tape`). Of `options`, it uses the digits, font, id prefix and tooltips.
    /// `direction` is where the next line of factors goes: top to bottom (each line a row, read like
    /// an equation) or left to right (each line a column, for a wide page).
    public init(chain: TensorChain, tape: TensorTape, options: DiagramOptions = DiagramOptions(), direction: RankDirection = .topToBottom) {
        let prefix = options.safePrefix
        let style = DiagramStyle(digits: options.digits)
        let font = Escape.dotTooltip(options.fontName)
        let derivative = chain.derivative(on: tape)
        let name = { (node: TensorNodeID) in TensorExpansion.displayName(of: node, on: tape) }
        let counted = chain.pathCount == 1 ? "one path" : "\(chain.pathCount == Int.max ? "more than \(Int.max)" : String(chain.pathCount)) paths"
        var title = "<b>\(Escape.dotLabel(derivative))</b> \(Escape.dotLabel(name(chain.node) + " " + tape.shape(of: chain.node).description))"
        title += " as the chain rule on Jacobians: \(counted), each the product of its local Jacobians ∂consumer/∂operand"
        title += "<br/><font color=\"\(DiagramStyle.muted)\" point-size=\"11\">rows: the consumer's elements, columns: the operand's (row-major);"
        title += " colour: sign and size of each entry (blue +, red −)</font>"
        var out = "digraph \"\(prefix)\" {\n"
        out += "  graph [id=\"\(prefix)\", class=\"chaintrace jacobian-chain\", rankdir=\"\(direction.rawValue)\", newrank=true, nodesep=\"0.3\", ranksep=\"0.3\""
        out += ", pad=\"0.3\", bgcolor=\"#FFFFFF\", fontname=\(font), fontsize=\"14\", fontcolor=\"#1A202C\", labelloc=\"t\", labeljust=\"l\""
        out += ", label=<\(title)>, tooltip=\(Escape.dotTooltip("chaintrace: " + derivative + " as a chain of Jacobians"))]\n"
        out += "  node [shape=\"plaintext\", margin=\"0\", width=\"0\", height=\"0\", fontname=\(font), fontsize=\"11\", fontcolor=\"#1A202C\"]\n"
        out += "  edge [fontname=\(font), fontsize=\"16\", arrowhead=\"none\", color=\"\(DiagramStyle.faded)\", fontcolor=\"#1A202C\"]\n"
        if chain.paths.isEmpty {
            out += "  none [id=\"\(prefix)-none\", label=<\(Escape.dotLabel(name(chain.output))) does not depend on \(Escape.dotLabel(name(chain.node))): the gradient is 0>]\n"
        }
        // An edge between two nodes of one line. Left to right, Graphviz stacks a line's nodes bottom to
        // top along such edges, so there it is written head first: the line then reads top to bottom.
        let flat = { (tail: String, head: String, label: String) in
            let (from, to) = direction == .leftToRight ? (head, tail) : (tail, head)
            return "  \(from) -> \(to) [label=\"\(label)\"]\n"
        }
        var lastLineStart: String?
        for index in chain.paths.indices {
            let factors = chain.factors(ofPath: index, on: tape)
            let route = ([chain.node] + chain.paths[index].map(tape.consumer(of:))).map(name).joined(separator: " → ")
            out += "  subgraph cluster_p\(index) {\n"
            out += "    graph [id=\"\(prefix)-p\(index)\", class=\"path\", label=<\(Escape.dotLabel("path \(index + 1): " + DisplayText.diagramName(route)))>"
            out += ", fontsize=\"11\", fontcolor=\"\(DiagramStyle.muted)\", color=\"\(DiagramStyle.faded)\", style=\"rounded\", labeljust=\"l\"]\n"
            for (position, factor) in factors.enumerated() {
                let jacobian = factor.isIdentity ? nil : tape.localJacobian(of: factor.edge)
                out += "    p\(index)f\(position) [id=\"\(prefix)-p\(index)-f\(position)\", class=\"factor \(factor.kind.rawValue)\""
                out += ", label=<\(Self.factorLabel(factor, jacobian: jacobian, style: style))>"
                if options.tooltips { out += ", tooltip=\(Escape.dotTooltip(tape.rule(of: factor.edge).description))" }
                out += "]\n"
            }
            let product = chain.products[index]
            out += "    p\(index)product [id=\"\(prefix)-p\(index)-product\", class=\"product\", label=<"
            out += Self.tensorLabel(heading: chain.paths.count == 1 ? derivative : "path \(index + 1)", product, colors: DiagramStyle.intermediate, style: style) + ">]\n"
            // A long path wraps like text: lines of `factorsPerLine` factors, read left to right, top to bottom.
            var lines = stride(from: 0, to: factors.count, by: Self.factorsPerLine).map { start in
                (start ..< Swift.min(start + Self.factorsPerLine, factors.count)).map { "p\(index)f\($0)" }
            }
            lines[lines.count - 1] += ["p\(index)product"] + (chain.paths.count == 1 ? ["gradient"] : [])
            for line in lines { out += "    { rank=same; " + line.joined(separator: "; ") + " }\n" }
            out += "  }\n"
            // The next path's row goes below this one's last line.
            if let previous = lastLineStart { out += "  \(previous) -> p\(index)f0 [style=\"invis\"]\n" }
            lastLineStart = lines[lines.count - 1][0]
            for position in factors.indices.dropFirst() {
                if position % Self.factorsPerLine == 0 {
                    out += "  p\(index)f\(position - 1) -> p\(index)f\(position) [label=\"·\"]\n"
                } else {
                    out += flat("p\(index)f\(position - 1)", "p\(index)f\(position)", "·")
                }
            }
            out += flat("p\(index)f\(factors.count - 1)", "p\(index)product", "=")
        }
        if !chain.paths.isEmpty {
            var result = "p0product"
            if chain.paths.count > 1 {
                let heading = chain.isComplete ? "sum over the \(chain.paths.count) paths" : "the \(chain.paths.count) paths listed"
                out += "  sum [id=\"\(prefix)-sum\", class=\"sum\", label=<"
                out += Self.tensorLabel(heading: heading, chain.productSum, colors: DiagramStyle.summary, style: style) + ">]\n"
                for index in chain.paths.indices { out += "  p\(index)product -> sum [label=\"+\"]\n" }
                result = "sum"
            }
            // The edge into the gradient says how the chain compares: =, ≠, or "vs" when paths were left out.
            let equal = chain.isComplete && chain.sumEqualsGradient
            let heading = chain.isComplete ? "the backward pass's gradient" : "the backward pass's gradient (\(chain.pathCount) paths; \(chain.paths.count) drawn)"
            out += "  gradient [id=\"\(prefix)-gradient\", class=\"gradient \(equal ? "equal" : "unequal")\", label=<"
            out += Self.tensorLabel(heading: heading, chain.gradient, colors: DiagramStyle.output, style: style) + ">]\n"
            let relation = equal ? "=" : chain.isComplete ? "≠" : "vs"
            out += chain.paths.count == 1 ? flat(result, "gradient", relation) : "  \(result) -> gradient [label=\"\(relation)\"]\n"
        }
        dot = out + "}\n"
    }

    /// A factor's card: derivative, symbol, `[rows×columns] · kind`, then its entries or its shape.
    static func factorLabel(_ factor: TensorChain.Factor, jacobian: TensorJacobian?, style: DiagramStyle) -> String {
        let colors = factor.isIdentity ? DiagramStyle.constant : DiagramStyle.intermediate
        var label = "<table border=\"1\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"3\" style=\"rounded\" color=\"\(colors.border)\" bgcolor=\"\(colors.fill)\">"
        label += "<tr><td><b>\(Escape.dotLabel(factor.derivative))</b></td></tr>"
        label += "<tr><td>\(Escape.dotLabel(factor.symbol))</td></tr>"
        label += "<tr><td><font color=\"\(DiagramStyle.muted)\">[\(factor.rows)×\(factor.columns)] · \(factor.kind.rawValue)</font></td></tr>"
        if !factor.isIdentity {
            let picture = jacobian.map { heatmap(Tensor(shape: Shape([$0.rows, $0.columns]), elements: $0.entries), style: style) }
                ?? shapeBox(rows: factor.rows, columns: factor.columns)
            label += "<tr><td>" + picture + "</td></tr>"
        }
        return label + "</table>"
    }

    /// A tensor's card: a heading, its shape, and its entries as a heatmap.
    static func tensorLabel(heading: String, _ tensor: Tensor, colors: DiagramStyle.NodeColors, style: DiagramStyle) -> String {
        var label = "<table border=\"1\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"3\" style=\"rounded\" color=\"\(colors.border)\" bgcolor=\"\(colors.fill)\">"
        label += "<tr><td><b>\(Escape.dotLabel(heading))</b> <font color=\"\(DiagramStyle.muted)\">\(tensor.shape)</font></td></tr>"
        return label + "<tr><td>" + heatmap(tensor, style: style) + "</td></tr></table>"
    }

    /// The cells of a ``Heatmap``: the numbers written in when the tensor has at most ``numbersLimit``
    /// elements, each in a cell of its own, else plain squares of colour (block means past 16 a side).
    static func heatmap(_ tensor: Tensor, style: DiagramStyle) -> String {
        let map = Heatmap(tensor)
        let numbered = tensor.elements.count <= numbersLimit && map.rowsPerCell == 1 && map.columnsPerCell == 1
        var table = "<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" cellpadding=\"\(numbered ? 3 : 0)\" color=\"#FFFFFF\">"
        for row in 0 ..< map.rows {
            table += "<tr>"
            for column in 0 ..< map.columns {
                let cell = row * map.columns + column, value = map.values[cell]
                let ink = value.isFinite && map.scale > 0 && value.magnitude / map.scale > 0.6 ? "#FFFFFF" : "#1A202C"
                if numbered {
                    table += "<td bgcolor=\"\(map.colors[cell])\" align=\"right\"><font color=\"\(ink)\">\(style.number(value))</font></td>"
                } else {
                    table += "<td bgcolor=\"\(map.colors[cell])\" width=\"\(cellSide)\" height=\"\(cellSide)\" fixedsize=\"true\"></td>"
                }
            }
            table += "</tr>"
        }
        return table + "</table>"
    }

    /// A grey box whose sides follow `rows` and `columns` (on a log scale, so a 1×4096 box stays on
    /// the page), for a Jacobian too large to write out.
    static func shapeBox(rows: Int, columns: Int) -> String {
        let side = { (count: Int) in 12 + Int((Double.log2(Double(Swift.max(count, 1))) * 6).rounded()) }
        return "<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" color=\"\(DiagramStyle.neutral)\">"
            + "<tr><td bgcolor=\"#EDF2F7\" width=\"\(side(columns))\" height=\"\(side(rows))\" fixedsize=\"true\"></td></tr>"
            + "<tr><td border=\"0\"><font point-size=\"9\" color=\"\(DiagramStyle.muted)\">more than \(TensorTape.jacobianLimit) entries: not written out</font></td></tr></table>"
    }
}
