import CGraphviz

/// A laid-out graph's positions, read from its attributes and set on another graph of the same
/// objects, which the `nop2` engine then draws where they are (see `Graphviz.renderFrames`).
///
/// Nodes and clusters are matched by name; edges by their ends and their order among the edges with
/// the same ends (`x * x` draws two), as both graphs come from DOT text that declares them in one order.
struct GraphvizPins {
    private struct EdgeKey: Hashable {
        let tail: String, head: String, ordinal: Int
    }

    private var graph: [(String, String)] = []
    private var clusters: [String: [(String, String)]] = [:]
    private var nodes: [String: [(String, String)]] = [:]
    private var edges: [EdgeKey: [(String, String)]] = [:]

    /// Reads the positions of `root`, which `gvLayout` has laid out.
    init(_ root: UnsafeMutablePointer<Agraph_t>) {
        // Stores the layout as attributes (pos, width, height, bb, lp), as rendering to DOT does.
        attach_attrs(root)
        // Not the graph label's position: the engine places it by `labeljust` from its own size, as `dot` did.
        graph = Self.read(UnsafeMutableRawPointer(root), ["bb"])
        Self.eachCluster(root) { clusters[$0] = Self.read(UnsafeMutableRawPointer($1), ["bb", "lp"]) }
        Self.eachNode(root) { name, node in
            nodes[name] = Self.read(UnsafeMutableRawPointer(node), ["pos", "width", "height"])
            Self.eachEdge(root, from: node, named: name) { key, edge in edges[key] = Self.read(UnsafeMutableRawPointer(edge), ["pos", "lp", "xlp"]) }
        }
    }

    /// Sets the positions on `root`, read but not yet laid out; each node's position is fixed (`pos=…!`).
    func apply(_ root: UnsafeMutablePointer<Agraph_t>) {
        Self.set(UnsafeMutableRawPointer(root), graph)
        Self.eachCluster(root) { name, cluster in Self.set(UnsafeMutableRawPointer(cluster), clusters[name] ?? []) }
        Self.eachNode(root) { name, node in
            Self.set(UnsafeMutableRawPointer(node), (nodes[name] ?? []).map { $0.0 == "pos" ? ($0.0, $0.1 + "!") : $0 })
            Self.eachEdge(root, from: node, named: name) { key, edge in Self.set(UnsafeMutableRawPointer(edge), edges[key] ?? []) }
        }
    }

    private static func read(_ object: UnsafeMutableRawPointer, _ names: [String]) -> [(String, String)] {
        names.map { ($0, Graphviz.attributeText(object, $0)) }.filter { !$0.1.isEmpty }
    }

    private static func set(_ object: UnsafeMutableRawPointer, _ attributes: [(String, String)]) {
        for (name, value) in attributes { Graphviz.setAttribute(object, name, value) }
    }

    private static func name(_ object: UnsafeMutableRawPointer) -> String {
        agnameof(object).map { String(cString: $0) } ?? ""
    }

    private static func eachNode(_ graph: UnsafeMutablePointer<Agraph_t>, _ body: (String, UnsafeMutablePointer<Agnode_t>) -> Void) {
        var node = agfstnode(graph)
        while let current = node {
            body(name(UnsafeMutableRawPointer(current)), current)
            node = agnxtnode(graph, current)
        }
    }

    /// The edges out of `node`, in the order they were declared, each with its key.
    private static func eachEdge(
        _ graph: UnsafeMutablePointer<Agraph_t>, from node: UnsafeMutablePointer<Agnode_t>, named tail: String,
        _ body: (EdgeKey, UnsafeMutablePointer<Agedge_t>) -> Void
    ) {
        var seen: [String: Int] = [:]
        var edge = agfstout(graph, node)
        while let current = edge {
            // An out-edge's `node` is its head (cgraph's `aghead` is a macro Swift cannot call).
            let head = name(UnsafeMutableRawPointer(current.pointee.node))
            let ordinal = seen[head, default: 0]
            seen[head] = ordinal + 1
            body(EdgeKey(tail: tail, head: head, ordinal: ordinal), current)
            edge = agnxtout(graph, current)
        }
    }

    /// Clusters at every depth, with a stack (scopes nest as deep as the user's code does).
    private static func eachCluster(_ graph: UnsafeMutablePointer<Agraph_t>, _ body: (String, UnsafeMutablePointer<Agraph_t>) -> Void) {
        var pending: [UnsafeMutablePointer<Agraph_t>] = []
        var child = agfstsubg(graph)
        while let next = child { pending.append(next); child = agnxtsubg(next) }
        while let subgraph = pending.popLast() {
            let name = name(UnsafeMutableRawPointer(subgraph))
            if name.hasPrefix("cluster") { body(name, subgraph) }
            var inner = agfstsubg(subgraph)
            while let next = inner { pending.append(next); inner = agnxtsubg(next) }
        }
    }
}
