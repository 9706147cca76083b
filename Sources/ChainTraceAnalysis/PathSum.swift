import ChainTrace

/// The sum over paths written compactly: products where every path passes one node, sums where paths part.
///
/// colah's nine paths through X → Y → Z (three edges α, β, γ into Y, three δ, ε, ζ out of it) are
/// `.product([.sum([α, β, γ]), .sum([δ, ε, ζ])])`, i.e. (α+β+γ)(δ+ε+ζ), rather than nine products.
public indirect enum PathSum: Sendable, Equatable {
    /// One edge: its local partial.
    case edge(Int)
    /// Paths that pass through nodes in sequence: the product of the segments, from the start towards the output.
    case product([PathSum])
    /// Alternative routes between the same two nodes: the sum of their path sums.
    case sum([PathSum])
    /// The empty path from a node to itself: 1.
    case one

    /// The value, with every edge's local partial read off `tape`.
    public func value(on tape: Tape) -> Double {
        switch self {
        case .edge(let edge): tape.partial(of: edge)
        case .product(let factors): factors.reduce(1) { $0 * $1.value(on: tape) }
        case .sum(let terms): terms.reduce(0) { $0 + $1.value(on: tape) }
        case .one: 1
        }
    }

    /// How many edge occurrences the written form has.
    public var edgeCount: Int {
        switch self {
        case .edge: 1
        case .product(let parts), .sum(let parts): parts.reduce(0) { $0 + $1.edgeCount }
        case .one: 0
        }
    }
}

extension PathSum {
    /// How deeply a factored form may nest (sums within products within sums…): deeper forms are
    /// unreadable, and building them would recurse as deep.
    public static let maximumNesting = 200
}

extension PathAnalysis {
    /// The path sum from ``start`` to ``end`` factored at the nodes every path passes, and grouped
    /// by first step where paths part; nil when that form would still need more than `maxEdges`
    /// edges or nest deeper than ``PathSum/maximumNesting``.
    public func factored(maxEdges: Int = 200) -> PathSum? {
        factored(from: start, to: end, maxEdges: maxEdges)
    }

    /// The factored path sum between two nodes on the paths of this analysis (see ``factored(maxEdges:)``).
    public func factored(from first: NodeID, to last: NodeID, maxEdges: Int = 200) -> PathSum? {
        guard first == last || onPath[first] && onPath[last] && first < last else { return first == last ? .one : nil }
        var factoring = Factoring(analysis: self, budget: maxEdges)
        return factoring.sum(from: first, to: last, depth: 0)
    }
}

/// The recursive factoring, memoised on (first, last) and abandoned once over budget.
///
/// Every level of recursion adds at least one edge to the written form, so recursing deeper than
/// the edge budget can only end over budget; recursion also stops at ``PathSum/maximumNesting``,
/// which keeps the call stack short whatever the graph (2,000 interleaved sums overflowed it).
private struct Factoring {
    let analysis: PathAnalysis
    let budget: Int
    var memo: [Pair: PathSum] = [:]

    struct Pair: Hashable {
        let first: NodeID
        let last: NodeID
    }

    init(analysis: PathAnalysis, budget: Int) {
        self.analysis = analysis
        self.budget = budget
    }

    mutating func sum(from first: NodeID, to last: NodeID, depth: Int) -> PathSum? {
        if first == last { return .one }
        guard depth < Swift.min(budget, PathSum.maximumNesting) else { return nil }
        if let known = memo[Pair(first: first, last: last)] { return known }
        let tape = analysis.tape
        let onPath = PathAnalysis.nodesOnPaths(tape, from: first, to: last)
        let cuts = analysis.cutNodes(from: first, to: last, onPath: onPath)
        var result: PathSum
        // Every segment between consecutive cut nodes has at least one edge.
        if cuts.count - 1 > budget { return nil }
        if cuts.count > 2 {
            var factors: [PathSum] = []
            for (from, to) in zip(cuts, cuts.dropFirst()) {
                guard let factor = sum(from: from, to: to, depth: depth + 1) else { return nil }
                if case .product(let inner) = factor { factors += inner } else { factors.append(factor) }
            }
            result = .product(factors)
        } else {
            // No node is on every path: group the first steps by the node they reach.
            var byConsumer: [(node: NodeID, edges: [Int])] = []
            for edge in analysis.outgoing[first] {
                let consumer = tape.consumer(of: edge)
                guard consumer <= last, onPath[consumer] else { continue }
                if let index = byConsumer.firstIndex(where: { $0.node == consumer }) {
                    byConsumer[index].edges.append(edge)
                } else {
                    byConsumer.append((consumer, [edge]))
                }
            }
            var terms: [PathSum] = []
            for (node, edges) in byConsumer.sorted(by: { $0.node < $1.node }) {
                let step: PathSum = edges.count == 1 ? .edge(edges[0]) : .sum(edges.map(PathSum.edge))
                guard let rest = sum(from: node, to: last, depth: depth + 1) else { return nil }
                switch rest {
                case .one: terms.append(step)
                case .product(let factors): terms.append(.product([step] + factors))
                default: terms.append(.product([step, rest]))
                }
            }
            result = terms.count == 1 ? terms[0] : .sum(terms)
        }
        guard result.edgeCount <= budget else { return nil }
        memo[Pair(first: first, last: last)] = result
        return result
    }
}
