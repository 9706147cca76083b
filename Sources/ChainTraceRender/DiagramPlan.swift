import ChainTrace
import ChainTraceFormat

/// What a diagram draws: which nodes appear on their own, which are folded into scope summaries,
/// and which are left out to stay within the node budget, with a note for each decision.
struct DiagramPlan {
    /// How a drawn thing is referred to.
    enum Entity: Hashable {
        /// A tape node drawn on its own.
        case node(NodeID)
        /// A summary standing for a collapsed scope (an index into ``summaries``).
        case summary(Int)
    }

    /// A collapsed scope: its path and how many of the drawn nodes it stands for.
    struct Summary {
        let path: [String]
        var members: Int
    }

    /// For every tape node, what represents it, or nil when it is not drawn at all.
    private(set) var entity: [Entity?]
    /// The collapsed scopes, in order of their first node.
    private(set) var summaries: [Summary] = []
    /// What was done to fit the budget, for people.
    private(set) var notes: [String] = []

    /// Plans `tape` under `options`; `ranking` (a backward pass from the output) orders paths by
    /// the gradient they carry when some must be left out.
    init(tape: Tape, output: NodeID, ranking: Backward, options: DiagramOptions) {
        let budget = Swift.max(1, options.maxNodes)
        var kept = (0 ..< tape.count).map { !(options.hidesConstants && tape.op(of: $0) == .constant) || $0 == output }
        let visible = kept.count { $0 }
        var depth = options.collapseDepth.map { Swift.max(0, $0) }
        if let depth {
            let count = Self.entityCount(tape, kept, depth: depth)
            if count < visible {
                notes.append("collapsed scopes nested deeper than \(depth) into summary nodes: \(count) of \(visible) nodes drawn")
            }
        } else if visible > budget {
            let deepest = (0 ..< tape.count).filter { kept[$0] }.map { tape.scope(of: $0).count }.max() ?? 0
            for candidate in stride(from: deepest - 1, through: 0, by: -1) {
                let count = Self.entityCount(tape, kept, depth: candidate)
                if count <= budget {
                    depth = candidate
                    notes.append("\(visible) nodes exceed the budget of \(budget): collapsed scopes nested deeper than \(candidate) into summary nodes (\(count) drawn; --max-nodes raises the budget)")
                    break
                }
            }
        }
        // Graphviz cannot read clusters nested thousands deep: scopes deeper than a trace JSON may
        // hold always fold into summary nodes (a trace recorded in Swift has no such bound).
        let deepest = TraceJSONReader.maximumScopeDepth
        if depth.map({ $0 >= deepest }) ?? true, tape.scopes.contains(where: { $0.count > deepest }) {
            depth = deepest - 1
            notes.append("collapsed scopes nested deeper than \(deepest - 1) into summary nodes: diagrams nest at most \(deepest) scopes")
        }
        if Self.entityCount(tape, kept, depth: depth) > budget {
            kept = Self.strongest(tape, output: output, ranking: ranking, among: kept, count: budget)
            notes.append("\(visible) nodes exceed the budget of \(budget): drew only the \(budget) nodes on the paths that carry the most gradient; \(visible - budget) nodes left out (raise the node budget with --max-nodes to draw more)")
        }
        entity = Array(repeating: nil, count: tape.count)
        var summaryIndex: [[String]: Int] = [:]
        for node in 0 ..< tape.count where kept[node] {
            let scope = tape.scope(of: node)
            guard let depth, scope.count > depth else {
                entity[node] = .node(node)
                continue
            }
            let path = Array(scope[...depth])
            if let index = summaryIndex[path] {
                summaries[index].members += 1
                entity[node] = .summary(index)
            } else {
                summaryIndex[path] = summaries.count
                entity[node] = .summary(summaries.count)
                summaries.append(Summary(path: path, members: 1))
            }
        }
    }

    /// The scope path of the cluster an entity is drawn in.
    func cluster(of entity: Entity, on tape: Tape) -> [String] {
        switch entity {
        case .node(let node): tape.scope(of: node)
        case .summary(let index): Array(summaries[index].path.dropLast())
        }
    }

    /// How many things are drawn when scopes deeper than `depth` are collapsed.
    private static func entityCount(_ tape: Tape, _ kept: [Bool], depth: Int?) -> Int {
        guard let depth else { return kept.count { $0 } }
        var count = 0
        var paths: Set<ArraySlice<String>> = []
        for node in 0 ..< tape.count where kept[node] {
            let scope = tape.scope(of: node)
            if scope.count > depth {
                if paths.insert(scope[...depth]).inserted { count += 1 }
            } else {
                count += 1
            }
        }
        return count
    }

    /// The `count` kept nodes whose widest path to the output (the largest smallest |contribution|
    /// along it) is widest. A node's best path runs through a consumer at least as wide and with a
    /// larger id, so the chosen nodes stay connected to the output.
    private static func strongest(_ tape: Tape, output: NodeID, ranking: Backward, among kept: [Bool], count: Int) -> [Bool] {
        var width = [Double](repeating: -1, count: tape.count)
        width[output] = .infinity
        for consumer in stride(from: output, through: 0, by: -1) where width[consumer] >= 0 {
            for edge in tape.edges(of: consumer) {
                let magnitude = Swift.abs(ranking.contribution(of: edge, on: tape))
                let input = tape.operand(of: edge)
                width[input] = Swift.max(width[input], Swift.min(width[consumer], magnitude.isNaN ? 0 : magnitude))
            }
        }
        let order = (0 ..< tape.count).filter { kept[$0] }.sorted { width[$0] != width[$1] ? width[$0] > width[$1] : $0 > $1 }
        var chosen = [Bool](repeating: false, count: tape.count)
        for node in order.prefix(count) { chosen[node] = true }
        return chosen
    }
}
