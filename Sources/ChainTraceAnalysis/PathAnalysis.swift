import ChainTrace

/// The paths from one node to another on a tape, counted exactly and listed on demand.
///
/// ```swift
/// let paths = PathAnalysis(tape: tape, from: x, to: y)
/// paths.count          // exact, however large
/// paths.top(10)        // the ten largest |products|, without listing the rest
/// paths.pathSum        // Σ over paths of Π partials = ∂y/∂x
/// ```
/// Edges are counted with multiplicity: `x * x` gives two paths from `x`, one per operand.
public struct PathAnalysis: Sendable {
    /// The tape the paths run on.
    public let tape: Tape
    /// Where every path starts (typically an input).
    public let start: NodeID
    /// Where every path ends (typically the output).
    public let end: NodeID
    /// The exact number of distinct paths from ``start`` to ``end``.
    public let count: ExactCount
    /// Whether each node lies on at least one path.
    public let onPath: [Bool]
    /// The sum of all path products, computed without listing them (a forward sweep from ``start``).
    public let pathSum: Double
    /// ``onPath`` over the span from ``start`` to ``end``.
    let onPathSpan: NodeSpan
    /// What every start shares: the edges towards ``end`` and each node's count and best |product| to it.
    let toEnd: PathsToEnd
    /// Each node's edges towards ``end`` (edges whose operand it is and whose consumer reaches ``end``), by edge index.
    var outgoing: [[Int]] { toEnd.outgoing }
    /// Each node's largest |product| over its paths to ``end`` (NaN counts as infinite); the bound that guides ``top(_:)``.
    var bestToEnd: [Double] { toEnd.best }

    /// Analyses the paths from `start` to `end`; none exist unless `start ≤ end` and `end` depends on `start`.
    public init(tape: Tape, from start: NodeID, to end: NodeID) {
        precondition((0 ..< tape.count).contains(start) && (0 ..< tape.count).contains(end),
                     "PathAnalysis: nodes \(start) and \(end) must both be on the tape (\(tape.count) nodes)")
        self.init(tape: tape, from: start, toEnd: PathsToEnd(tape: tape, end: end))
    }

    /// The paths from another node to the same ``end``, reusing the work done towards ``end``:
    /// for many inputs, one sweep each instead of a whole analysis each.
    public func starting(at other: NodeID) -> PathAnalysis {
        precondition((0 ..< tape.count).contains(other), "starting(at:): node \(other) is not on the tape (\(tape.count) nodes)")
        return PathAnalysis(tape: tape, from: other, toEnd: toEnd)
    }

    private init(tape: Tape, from start: NodeID, toEnd: PathsToEnd) {
        let end = toEnd.end
        self.tape = tape
        self.start = start
        self.end = end
        self.toEnd = toEnd
        let onPath = Self.nodesOnPaths(tape, from: start, to: end)
        self.onPathSpan = onPath
        self.onPath = (0 ..< tape.count).map { onPath[$0] }
        self.count = onPath[start] ? toEnd.counts[start] : .zero
        var sums = [Double](repeating: 0, count: Swift.max(0, end - start + 1))
        if onPath[start] { sums[0] = 1 }
        for consumer in start ..< Swift.max(start, end + 1) where consumer > start && onPath[consumer] {
            for edge in tape.edges(of: consumer) where onPath[tape.operand(of: edge)] {
                sums[consumer - start] += tape.partial(of: edge) * sums[tape.operand(of: edge) - start]
            }
        }
        self.pathSum = sums.last ?? 0
    }

    /// Lists paths in depth-first order (operands' edges by index), stopping after `limit`.
    public func paths(limit: Int) -> PathListing {
        precondition(limit >= 0, "paths(limit:) needs a non-negative limit")
        guard onPath[start] else { return PathListing([], of: self) }
        var found: [Path] = []
        var edges: [Int] = []
        // An explicit stack of (node, next outgoing edge to try): paths can be longer than the call stack is deep.
        var stack: [(node: NodeID, next: Int)] = [(start, 0)]
        while let top = stack.last, found.count < limit {
            let outgoing = self.outgoing[top.node]
            if top.node == end || top.next == outgoing.count {
                if top.node == end { found.append(Path(edges: edges, from: start, on: tape)) }
                stack.removeLast()
                if !edges.isEmpty { edges.removeLast() }
                continue
            }
            stack[stack.count - 1].next += 1
            let edge = outgoing[top.next]
            edges.append(edge)
            stack.append((tape.consumer(of: edge), 0))
        }
        return PathListing(found, of: self)
    }

    /// The nodes every path passes through, in id order, ``start`` and ``end`` included (empty when there is no path).
    ///
    /// These are where the path sum factors into a product: ∂end/∂start = Π over consecutive
    /// pairs of the path sums between them.
    public var cutNodes: [NodeID] { cutNodes(from: start, to: end, onPath: onPathSpan) }

    func cutNodes(from first: NodeID, to last: NodeID, onPath: NodeSpan) -> [NodeID] {
        guard first <= last, onPath[first] else { return [] }
        // A node is skipped by some path exactly when a path edge jumps over its id.
        var jumps = [Int](repeating: 0, count: last - first + 2)
        for node in first ... last where onPath[node] {
            for edge in tape.edges(of: node) where node > first {
                let operand = tape.operand(of: edge)
                guard operand >= first, onPath[operand] else { continue }
                jumps[operand - first + 1] += 1
                jumps[node - first] -= 1
            }
        }
        var open = 0
        var cuts: [NodeID] = []
        for node in first ... last {
            open += jumps[node - first]
            if onPath[node] && open == 0 { cuts.append(node) }
        }
        return cuts
    }

    /// Which nodes lie on a path from `first` to `last`.
    static func nodesOnPaths(_ tape: Tape, from first: NodeID, to last: NodeID) -> NodeSpan {
        var onPath = NodeSpan(first: first, last: last)
        guard first <= last else { return onPath }
        // Plain index loops: this runs once per start, over the whole span.
        var reachable = NodeSpan(first: first, last: last)
        reachable[first] = true
        var node = first + 1
        while node <= last {
            let edges = tape.edges(of: node)
            var edge = edges.lowerBound
            while edge < edges.upperBound && !reachable[tape.operand(of: edge)] { edge += 1 }
            reachable[node] = edge < edges.upperBound
            node += 1
        }
        guard reachable[last] else { return onPath }
        onPath[last] = true
        node = last
        while node > first {
            if onPath[node] {
                for edge in tape.edges(of: node) where reachable[tape.operand(of: edge)] {
                    onPath[tape.operand(of: edge)] = true
                }
            }
            node -= 1
        }
        return onPath
    }

    /// |x|, with NaN ranked above everything: a NaN product is the one to look at first.
    static func magnitude(_ x: Double) -> Double { x.isNaN ? .infinity : Swift.abs(x) }
}

/// The paths from every node to one end, counted and bounded in one sweep backwards from the end;
/// shared by the analyses of every start.
struct PathsToEnd: Sendable {
    let end: NodeID
    /// Each node's edges whose consumer reaches ``end``, by edge index (empty for nodes that do not reach it).
    let outgoing: [[Int]]
    /// Each node's exact number of paths to ``end``.
    let counts: [ExactCount]
    /// Each node's largest |product| over its paths to ``end`` (NaN counts as infinite).
    let best: [Double]
    /// Each node's first outgoing edge (by index) on which that largest |product| continues; -1 for none.
    let bestEdge: [Int]

    init(tape: Tape, end: NodeID) {
        self.end = end
        var outgoing = [[Int]](repeating: [], count: tape.count)
        var counts = [ExactCount](repeating: .zero, count: tape.count)
        var best = [Double](repeating: 0, count: tape.count)
        counts[end] = .one
        best[end] = 1
        for consumer in stride(from: end, through: 0, by: -1) where !counts[consumer].isZero {
            for edge in tape.edges(of: consumer) {
                let operand = tape.operand(of: edge)
                outgoing[operand].append(edge)
                counts[operand] += counts[consumer]
                best[operand] = Swift.max(best[operand], PathAnalysis.magnitude(tape.partial(of: edge)) * best[consumer]).nanAsInfinity
            }
        }
        // Edges were met consumer by consumer from the end backwards: put each node's in index order.
        self.outgoing = outgoing.map { $0.count > 1 ? $0.sorted() : $0 }
        self.counts = counts
        self.best = best
        self.bestEdge = self.outgoing.indices.map { [outgoing = self.outgoing] node in
            outgoing[node].first { edge in
                (PathAnalysis.magnitude(tape.partial(of: edge)) * best[tape.consumer(of: edge)]).nanAsInfinity == best[node]
            } ?? outgoing[node].first ?? -1
        }
    }
}

extension Double {
    var nanAsInfinity: Double { isNaN ? .infinity : self }
}

extension Backward {
    /// The paths from `node` to this pass's output; their products sum to `gradients[node]`.
    public func paths(from node: NodeID, on tape: Tape) -> PathAnalysis {
        PathAnalysis(tape: tape, from: node, to: output)
    }
}
