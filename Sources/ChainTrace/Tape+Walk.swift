extension Tape {
    /// Each node's name, scope and line as indices into the tape's tables, read in node order.
    ///
    /// ``name(of:)`` hashes the node id, and ``scope(of:)`` and ``line(of:)`` binary-search their
    /// runs: right for one node, a cost per node for a writer that goes through them all (trace
    /// JSON). The walk steps through the named nodes (sorted once) and the runs instead.
    package struct AttributeWalk {
        /// The named nodes and their names' indices, by node.
        private let named: [(node: Int32, name: Int32)]
        private let scopes: Runs
        private let lines: Runs
        private var nextNamed = 0, nextScopeRun = 0, nextLineRun = 0
        private var scope: Int32 = 0, line: Int32 = 0
        /// The node ``next()`` reads.
        package private(set) var node = 0

        init(_ tape: Tape) {
            named = tape.nameIndices.map { (node: $0.key, name: $0.value) }.sorted { $0.node < $1.node }
            scopes = tape.scopeIndices
            lines = tape.lines
        }

        /// The next node's name (an index into ``Tape/names``, nil when it has none), scope (an
        /// index into ``Tape/scopes``) and source line (0 when unknown); nodes come in order from 0.
        package mutating func next() -> (name: Int32?, scope: Int32, line: Int32) {
            let id = Int32(truncatingIfNeeded: node)
            node += 1
            while nextScopeRun < scopes.starts.count, scopes.starts[nextScopeRun] <= id {
                scope = scopes.values[nextScopeRun]
                nextScopeRun += 1
            }
            while nextLineRun < lines.starts.count, lines.starts[nextLineRun] <= id {
                line = lines.values[nextLineRun]
                nextLineRun += 1
            }
            guard nextNamed < named.count, named[nextNamed].node == id else { return (nil, scope, line) }
            nextNamed += 1
            return (named[nextNamed - 1].name, scope, line)
        }
    }

    /// A walk through the nodes' names, scopes and lines, from node 0.
    package func attributeWalk() -> AttributeWalk { AttributeWalk(self) }

    /// The distinct names, in the order first given; ``AttributeWalk`` names a node by its index here.
    package var names: [String] { nameTable }
}
