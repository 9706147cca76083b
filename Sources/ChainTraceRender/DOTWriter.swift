import ChainTrace
import ChainTraceAnalysis
import ChainTraceText

/// Assembles the DOT text of a planned diagram: graph attributes, scope clusters, nodes, edges, legend.
///
/// DOT identifiers are synthetic (`n12`, `g0`, `cluster_3`); user text only ever appears inside
/// escaped labels and tooltips. SVG ids are `<prefix>-n<node>`, `<prefix>-e<edge>`,
/// `<prefix>-g<summary>`, `<prefix>-s<cluster>` and `<prefix>-legend`.
struct DOTWriter {
    let tape: Tape
    let output: NodeID
    let outputs: Set<NodeID>
    let backward: Backward?
    let plan: DiagramPlan
    let highlight: Highlight?
    let options: DiagramOptions
    private let prefix: String
    private let text: NodeText
    private let arrivals: [[Int]]
    private let stepped: [Bool]
    private let reached: [Bool]
    private let uses: [Int]
    /// Each node's level: 0 for leaves, one more than its deepest operand otherwise.
    private let depth: [Int]
    private(set) var drawnNodes: [NodeID] = []
    private(set) var drawnEdges: [Int] = []
    /// DOT ids that edges run from or to but no statement declares; Graphviz would draw each as a
    /// stray ellipse labelled with the id. Empty unless the writer has a bug.
    var undeclaredEndpoints: [String] { endpoints.filter { !declared.contains($0) } }
    private var declared: Set<String> = []
    private var endpoints: [String] = []
    private var out = ""
    /// Whether nodes are two-line boxes and edges unlabelled (set by `write`).
    private(set) var compact = false

    init(tape: Tape, output: NodeID, outputs: Set<NodeID>, backward: Backward?, plan: DiagramPlan,
         highlight: Highlight?, options: DiagramOptions) {
        self.tape = tape
        self.output = output
        self.outputs = outputs
        self.backward = backward
        self.plan = plan
        self.highlight = highlight
        self.options = options
        prefix = options.safePrefix
        let shown = Self.displayTape(tape)
        text = NodeText(tape: shown, output: output, backward: backward, style: DiagramStyle(digits: options.digits),
                        hidesConstants: options.hidesConstants, names: NodeNames(tape: shown, digits: options.digits))
        arrivals = backward?.arrivals(on: tape) ?? Array(repeating: [], count: tape.count)
        var stepped = [Bool](repeating: false, count: tape.edgeCount)
        for step in backward?.steps ?? [] { stepped[Int(step)] = true }
        self.stepped = stepped
        reached = backward?.reachedNodes(on: tape) ?? Array(repeating: true, count: tape.count)
        var uses = [Int](repeating: 0, count: tape.count)
        for edge in 0 ..< tape.edgeCount { uses[tape.operand(of: edge)] += 1 }
        self.uses = uses
        var depth = [Int](repeating: 0, count: tape.count)
        for node in 0 ..< tape.count {
            for edge in tape.edges(of: node) { depth[node] = Swift.max(depth[node], depth[tape.operand(of: edge)] + 1) }
        }
        self.depth = depth
    }

    /// The whole DOT text.
    mutating func write() -> String {
        let edges = groupedEdges()
        let tree = ClusterTree(plan: plan, tape: tape)
        let drawnCount = tree.clusters.reduce(0) { $0 + $1.members.count }
        compact = options.detail == .compact || (options.detail == .automatic && drawnCount > options.compactAbove)
        out = "digraph \"\(prefix)\" {\n"
        writeGraphAttributes(edgeCount: edges.single.count + edges.aggregated.count)
        writeCluster(tree, index: 0, indent: "  ")
        let largest = largestContribution(edges)
        for edge in edges.single { writeEdge(edge, largest: largest, asXLabel: edges.usesXLabels) }
        for group in edges.aggregated { writeAggregate(group, largest: largest, asXLabel: edges.usesXLabels) }
        if options.showsLegend {
            // The output may be folded into a collapsed scope: the legend then sits beyond its summary.
            let anchor = plan.entity[output].map(name)
            out += Legend(prefix: prefix, backward: backward != nil).dot(after: anchor)
            declared.insert(Legend.id)
            if let anchor { endpoints += [anchor, Legend.id] }
        }
        out += "}\n"
        return out
    }

    // MARK: Graph

    private mutating func writeGraphAttributes(edgeCount: Int) {
        let font = Escape.dotTooltip(options.fontName)
        let outputName = Escape.dotLabel(text.shortName(output))
        // The bold run takes the colon and the plain run after it starts with a space, so SVG joins them (see NodeText.edgeLabel).
        let title = backward == nil
            ? "Forward pass to<b> \(outputName):</b> values and local partials"
            : "Backward pass from<b> \(outputName):</b> each edge multiplies upstream × local partial"
        out += "  graph [id=\"\(prefix)\", class=\"chaintrace \(backward == nil ? "forward" : "backward")\", rankdir=\"\(options.rankDirection.rawValue)\""
        out += ", newrank=true, nodesep=\"0.35\", ranksep=\"0.55\", pad=\"0.3\", bgcolor=\"#FFFFFF\""
        out += ", fontname=\(font), fontsize=\"14\", fontcolor=\"#1A202C\", labelloc=\"t\", labeljust=\"l\""
        out += ", label=<\(title)>, tooltip=\(Escape.dotTooltip("chaintrace diagram"))]\n"
        out += "  node [shape=\"plaintext\", margin=\"0\", width=\"0\", height=\"0\", fontname=\(font), fontsize=\"11\", fontcolor=\"#1A202C\"]\n"
        out += "  edge [fontname=\(font), fontsize=\"10\", arrowsize=\"0.7\", color=\"\(DiagramStyle.forward)\"]\n"
    }

    /// The tape with every name as the diagram shows it (``DisplayText/diagramName(_:)``): a
    /// 17,000-letter name would exceed Graphviz's 16 KB label limit, an invisible one makes Pango fail.
    private static func displayTape(_ tape: Tape) -> Tape {
        var shown = tape
        for node in 0 ..< tape.count {
            if let name = tape.name(of: node), DisplayText.diagramName(name) != name { shown.setName(DisplayText.diagramName(name), of: node) }
        }
        return shown
    }

    private mutating func writeCluster(_ tree: ClusterTree, index: Int, indent: String) {
        let cluster = tree.clusters[index]
        var inner = indent
        if index > 0 {
            let name = Escape.dotLabel(DisplayText.diagramName(cluster.path.last ?? ""))
            out += "\(indent)subgraph cluster_\(index) {\n"
            inner += "  "
            out += "\(inner)graph [id=\"\(prefix)-s\(index)\", class=\"scope\", label=<<b>\(name)</b>>, tooltip=\(Escape.dotTooltip("scope " + cluster.path.map(DisplayText.diagramName).joined(separator: "/")))"
            out += ", style=\"rounded,filled\", fillcolor=\"#F7F9FC\", color=\"#B8C2D0\", fontcolor=\"\(DiagramStyle.muted)\", fontsize=\"12\"]\n"
        }
        for member in cluster.members {
            switch member {
            case .node(let node): writeNode(node, indent: inner)
            case .summary(let summary): writeSummary(summary, indent: inner)
            }
        }
        for child in cluster.children { writeCluster(tree, index: child, indent: inner) }
        if index > 0 { out += "\(indent)}\n" }
    }

    // MARK: Nodes

    private mutating func writeNode(_ node: NodeID, indent: String) {
        drawnNodes.append(node)
        declared.insert("n\(node)")
        let kind = kindName(node)
        var classes = [kind]
        if uses[node] > 1 { classes.append("branch") }
        if !reached[node] { classes.append("unreached") }
        let faded = highlight.map { !$0.onPath[node] } ?? false
        if let highlight { classes.append(highlight.onPath[node] ? "highlighted" : "faded") }
        var colors = nodeColors(node, kind: kind)
        if faded { colors = DiagramStyle.faded(colors) }
        let label = kind == "constant" ? constantLabel(node, colors: colors)
            : compact ? compactLabel(node) : tableLabel(node, colors: colors, faded: faded)
        out += "\(indent)n\(node) [id=\"\(prefix)-n\(node)\", class=\"\(classes.joined(separator: " "))\", label=<\(label)>"
        if compact && kind != "constant" {
            out += ", shape=\"box\", style=\"filled\", margin=\"0.06,0.03\", fillcolor=\"\(colors.fill)\", color=\"\(colors.border)\""
            if outputs.contains(node) { out += ", penwidth=\"2\"" }
        }
        out += ", fontcolor=\"\(colors.text)\""
        if options.tooltips { out += ", tooltip=\(Escape.dotTooltip(text.nodeTooltip(node, arrivals: arrivals[node])))" }
        out += "]\n"
    }

    private func kindName(_ node: NodeID) -> String {
        if outputs.contains(node) { return "output" }
        switch tape.op(of: node) {
        case .input: return "input"
        case .constant: return "constant"
        default: return "intermediate"
        }
    }

    private func nodeColors(_ node: NodeID, kind: String) -> DiagramStyle.NodeColors {
        switch kind {
        case "output": DiagramStyle.output
        case "input": DiagramStyle.input
        case "constant": DiagramStyle.constant
        default: reached[node] ? DiagramStyle.intermediate : DiagramStyle.unreached
        }
    }

    private func tableLabel(_ node: NodeID, colors: DiagramStyle.NodeColors, faded: Bool) -> String {
        let border = outputs.contains(node) ? 2 : 1
        let muted = faded ? DiagramStyle.fadedText : DiagramStyle.muted
        var label = "<table border=\"\(border)\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"3\" style=\"rounded\" color=\"\(colors.border)\" bgcolor=\"\(colors.fill)\">"
        label += "<tr>\(Self.arrowGap)<td colspan=\"2\" cellpadding=\"4\">\(text.header(node))</td></tr><hr/>"
        for (name, value) in text.rows(node, arrivals: arrivals[node]) {
            label += "<tr>\(Self.arrowGap)<td align=\"left\"><font color=\"\(muted)\">\(name)</font></td><td align=\"right\">\(value)</td></tr>"
        }
        let missing = tape.edges(of: node).count { plan.entity[tape.operand(of: $0)] == nil && !isHiddenConstant(tape.operand(of: $0)) }
        if missing > 0 {
            label += "<tr><td colspan=\"3\"><font point-size=\"9\" color=\"\(muted)\">\(missing) operand\(missing == 1 ? "" : "s") not drawn</font></td></tr>"
        }
        return label + "</table>"
    }

    /// An empty cell before each row's text: edges enter a node from the left (`LR`), and an
    /// arrowhead ending at the border would otherwise touch the row's first word.
    static let arrowGap = "<td width=\"4\"></td>"

    /// Two short lines: the header, then the value and (backward view) the gradient.
    /// Without bold, each line is one SVG text element: fewer elements for the browser to lay out.
    /// (User text is escaped, so the only `<b>` tags are the ones the table labels add.)
    private func compactLabel(_ node: NodeID) -> String {
        let rows = text.rows(node, arrivals: [])
        let label = text.header(node) + "<br/>" + rows.map { "\($0.0) \($0.1)" }.joined(separator: " · ")
        return Self.withoutBold(label)
    }

    /// `label` without its `<b>` and `</b>` tags, cut from the bytes (String's generic `replacing`
    /// cost a diagram of 2,000 compact nodes about 0.1 s).
    static func withoutBold(_ label: String) -> String {
        let open = Array("<b>".utf8), close = Array("</b>".utf8)
        let bytes = Array(label.utf8)
        var kept: [UInt8] = []
        kept.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "<") {
                if bytes[index...].starts(with: open) { index += open.count; continue }
                if bytes[index...].starts(with: close) { index += close.count; continue }
            }
            kept.append(bytes[index])
            index += 1
        }
        return String(decoding: kept, as: UTF8.self)
    }

    private func constantLabel(_ node: NodeID, colors: DiagramStyle.NodeColors) -> String {
        "<table border=\"1\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"2\" style=\"rounded\" color=\"\(colors.border)\" bgcolor=\"\(colors.fill)\">"
            + "<tr><td><font point-size=\"9\">\(text.header(node))</font></td></tr></table>"
    }

    private func isHiddenConstant(_ node: NodeID) -> Bool {
        options.hidesConstants && tape.op(of: node) == .constant
    }

    private mutating func writeSummary(_ index: Int, indent: String) {
        let summary = plan.summaries[index]
        let colors = DiagramStyle.summary
        let path = summary.path.map(DisplayText.diagramName).joined(separator: "/")
        var label = "<table border=\"1\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"4\" style=\"rounded\" color=\"\(colors.border)\" bgcolor=\"\(colors.fill)\">"
        label += "<tr>\(Self.arrowGap)<td><b>\(Escape.dotLabel(path))</b></td></tr><hr/>"
        label += "<tr>\(Self.arrowGap)<td><font color=\"\(DiagramStyle.muted)\">collapsed scope: \(summary.members) node\(summary.members == 1 ? "" : "s")</font></td></tr>"
        if plan.entity[output] == .summary(index) {
            label += "<tr>\(Self.arrowGap)<td><font color=\"\(DiagramStyle.muted)\">holds the output</font><b> \(Escape.dotLabel(text.shortName(output)))</b></td></tr>"
        }
        label += "</table>"
        declared.insert("g\(index)")
        out += "\(indent)g\(index) [id=\"\(prefix)-g\(index)\", class=\"summary\", label=<\(label)>"
        out += ", tooltip=\(Escape.dotTooltip("scope \(path), collapsed: \(summary.members) nodes"))]\n"
    }

    // MARK: Edges

    /// Edges between collapsed things, merged: every tape edge they stand for, in edge order.
    private struct Aggregate {
        let from: DiagramPlan.Entity
        let to: DiagramPlan.Entity
        var edges: [Int]
    }

    private func groupedEdges() -> (single: [Int], aggregated: [Aggregate], usesXLabels: Bool) {
        var single: [Int] = []
        var aggregated: [Aggregate] = []
        var lookup: [[DiagramPlan.Entity]: Int] = [:]
        for edge in 0 ..< tape.edgeCount {
            guard let from = plan.entity[tape.operand(of: edge)], let to = plan.entity[tape.consumer(of: edge)], from != to else { continue }
            if case .node = from, case .node = to {
                single.append(edge)
            } else if let index = lookup[[from, to]] {
                aggregated[index].edges.append(edge)
            } else {
                lookup[[from, to]] = aggregated.count
                aggregated.append(Aggregate(from: from, to: to, edges: [edge]))
            }
        }
        // An edge `label` is a virtual node in dot's ranking: fine for a slide, slow for big graphs.
        return (single, aggregated, single.count + aggregated.count > 150)
    }

    private func largestContribution(_ edges: (single: [Int], aggregated: [Aggregate], usesXLabels: Bool)) -> Double {
        guard backward != nil else { return 0 }
        let singles = edges.single.filter { stepped[$0] }.map { Swift.abs(contribution($0)) }
        let groups = edges.aggregated.map { Swift.abs($0.edges.filter { stepped[$0] }.reduce(0) { $0 + contribution($1) }) }
        return (singles + groups).filter(\.isFinite).max() ?? 0
    }

    private func contribution(_ edge: Int) -> Double {
        backward?.contribution(of: edge, on: tape) ?? 0
    }

    private mutating func writeEdge(_ edge: Int, largest: Double, asXLabel: Bool) {
        drawnEdges.append(edge)
        let input = tape.operand(of: edge)
        var classes: [String] = []
        var color = DiagramStyle.forward
        var width = 1.2
        if backward != nil {
            if stepped[edge] {
                let value = contribution(edge)
                classes.append(value > 0 ? "positive" : value < 0 ? "negative" : "zero")
                color = DiagramStyle.color(ofContribution: value)
                width = DiagramStyle.penWidth(Swift.abs(value), largest: largest)
            } else {
                classes.append("unreached")
                color = DiagramStyle.unreached.border
                width = 0.8
            }
        }
        if uses[input] > 1 { classes.append("branch") }
        if let highlight {
            let on = highlight.contains(edge: edge, on: tape)
            classes.append(on ? "highlighted" : "faded")
            if !on {
                color = DiagramStyle.faded
                width = Swift.min(width, 1)
            }
        }
        var source = "n\(input)"
        if isProxied(edge) {
            source = "p\(edge)"
            writeProxy(of: input, for: edge)
            classes.append("proxied")
        }
        endpoints += [source, "n\(tape.consumer(of: edge))"]
        out += "  \(source) -> n\(tape.consumer(of: edge)) [id=\"\(prefix)-e\(edge)\""
        if !classes.isEmpty { out += ", class=\"\(classes.joined(separator: " "))\"" }
        if !compact { out += ", \(asXLabel ? "xlabel" : "label")=<\(text.edgeLabel(edge, stepped: stepped[edge]))>" }
        out += ", color=\"\(color)\", fontcolor=\"\(color == DiagramStyle.faded ? DiagramStyle.fadedText : color)\", penwidth=\"\(width)\""
        if options.tooltips { out += ", tooltip=\(Escape.dotTooltip(text.edgeTooltip(edge, stepped: stepped[edge])))" }
        out += "]\n"
    }

    /// Values used more often than this are drawn again, small, beside each distant consumer.
    ///
    /// A value feeding consumers all along a deep graph (a shared weight, an input or a bias reused
    /// by every step) makes one long edge per use; dot's ranking and crossing minimisation then slow
    /// to minutes and its recursion can exhaust the stack. Copies keep every edge short; the value
    /// itself is still drawn once, with its branch sum.
    static let proxyFanOut = 8

    /// Consumers more than this many levels deeper than a heavily used operand get a copy of it.
    static let proxySpan = 2

    private func isProxied(_ edge: Int) -> Bool {
        let input = tape.operand(of: edge)
        guard uses[input] > Self.proxyFanOut else { return false }
        return tape.op(of: input).isLeaf || depth[tape.consumer(of: edge)] - depth[input] > Self.proxySpan
    }

    private mutating func writeProxy(of node: NodeID, for edge: Int) {
        declared.insert("p\(edge)")
        let colors = tape.op(of: node) == .input ? DiagramStyle.input : tape.op(of: node) == .constant ? DiagramStyle.constant : DiagramStyle.intermediate
        out += "  p\(edge) [id=\"\(prefix)-n\(node)-p\(edge)\", class=\"proxy\", label=<<table border=\"1\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"2\" style=\"rounded,dashed\" color=\"\(colors.border)\" bgcolor=\"\(colors.fill)\"><tr><td><font point-size=\"9\">\(text.header(node))</font></td></tr></table>>"
        out += ", tooltip=\(Escape.dotTooltip("\(text.shortName(node)) (node #\(node)), drawn again beside one of its \(uses[node]) uses; the node itself shows how its gradient sums their contributions"))]\n"
    }

    private mutating func writeAggregate(_ group: Aggregate, largest: Double, asXLabel: Bool) {
        let style = DiagramStyle(digits: options.digits)
        let count = "\(group.edges.count) edge\(group.edges.count == 1 ? "" : "s")"
        var label = count
        var color = DiagramStyle.forward
        var width = 1.2
        var classes = ["aggregate"]
        var tooltip = "\(count) into or out of a collapsed scope: " + group.edges.map(String.init).joined(separator: ", ")
        if backward != nil {
            let total = group.edges.filter { stepped[$0] }.reduce(0) { $0 + contribution($1) }
            label = "Σ \(Escape.dotLabel(style.number(total))) (\(count))"
            tooltip += "\nsum of contributions = \(DiagramStyle.exact(total))"
            color = DiagramStyle.color(ofContribution: total)
            width = DiagramStyle.penWidth(Swift.abs(total), largest: largest)
            classes.append(total > 0 ? "positive" : total < 0 ? "negative" : "zero")
        }
        endpoints += [name(group.from), name(group.to)]
        out += "  \(name(group.from)) -> \(name(group.to)) [id=\"\(prefix)-e\(group.edges[0])\", class=\"\(classes.joined(separator: " "))\""
        out += ", \(asXLabel ? "xlabel" : "label")=<\(label)>, color=\"\(color)\", fontcolor=\"\(color)\", penwidth=\"\(width)\", style=\"dashed\""
        out += ", tooltip=\(Escape.dotTooltip(tooltip))]\n"
    }

    private func name(_ entity: DiagramPlan.Entity) -> String {
        switch entity {
        case .node(let node): "n\(node)"
        case .summary(let index): "g\(index)"
        }
    }
}

/// Scopes as nested clusters, each with the things drawn directly in it, in order of first appearance.
private struct ClusterTree {
    struct Cluster {
        let path: [String]
        var members: [DiagramPlan.Entity] = []
        var children: [Int] = []
    }

    private(set) var clusters = [Cluster(path: [])]

    init(plan: DiagramPlan, tape: Tape) {
        var index: [[String]: Int] = [[]: 0]
        var placed: Set<DiagramPlan.Entity> = []
        for node in 0 ..< tape.count {
            guard let entity = plan.entity[node], placed.insert(entity).inserted else { continue }
            let path = plan.cluster(of: entity, on: tape)
            var parent = 0
            for depth in 0 ..< path.count {
                let prefix = Array(path[...depth])
                if let existing = index[prefix] {
                    parent = existing
                } else {
                    clusters.append(Cluster(path: prefix))
                    index[prefix] = clusters.count - 1
                    clusters[parent].children.append(clusters.count - 1)
                    parent = clusters.count - 1
                }
            }
            clusters[parent].members.append(entity)
        }
    }
}
