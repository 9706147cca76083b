import ChainTrace

extension PathAnalysis {
    /// The `k` paths with the largest |product|, largest first, found without listing the others.
    ///
    /// Every path is the best completion from ``start`` (at each node the edge whose local partial
    /// times the best |product| onward is largest) with some *detours*: steps off that
    /// edge. A path's children take one more detour after its last one, then continue best; each
    /// path has exactly one parent, so each comes off the queue once, complete, and ranked by its
    /// own |product| (Hoffman and Pavley's deviations; Eppstein's k shortest paths use the same
    /// tree). The work is about `k` × (edges along a path) whatever the ties, and the queue is cut
    /// back to the candidates that can still be among the `k`.
    ///
    /// Order: largest |product| first (NaN ranks above everything, as the one to look at first);
    /// equal |products| in the order ``paths(limit:)`` lists them (depth-first, edges by index).
    public func top(_ k: Int) -> [Path] {
        precondition(k >= 0, "top(_:) needs a non-negative number of paths")
        guard k > 0, onPath[start] else { return [] }
        var found: [[Int]] = []
        var queue = PriorityQueue()
        // A candidate is the path found[parent] up to node `position`, then `edge`, then the best completion.
        var candidates: [(parent: Int, position: Int, edge: Int)] = [(-1, 0, -1)]
        queue.push(priority: bestToEnd[start], link: 0)
        while found.count < k, let entry = queue.pop() {
            let candidate = candidates[entry.link]
            var edges: [Int] = candidate.parent < 0 ? [] : Array(found[candidate.parent][..<candidate.position]) + [candidate.edge]
            var node = edges.last.map { tape.consumer(of: $0) } ?? start
            while node != end, case let edge = toEnd.bestEdge[node], edge >= 0 {
                edges.append(edge)
                node = tape.consumer(of: edge)
            }
            found.append(edges)
            // Detours go after the candidate's own, so that no path is reached twice.
            let firstDetour = candidate.parent < 0 ? 0 : candidate.position + 1
            var prefix = edges[..<firstDetour].reduce(1.0) { $0 * tape.partial(of: $1) }
            var at = firstDetour == 0 ? start : tape.consumer(of: edges[firstDetour - 1])
            for position in firstDetour ..< edges.count {
                for edge in outgoing[at] where edge != edges[position] {
                    let product = prefix * tape.partial(of: edge)
                    let priority = (Self.magnitude(product) * bestToEnd[tape.consumer(of: edge)]).nanAsInfinity
                    candidates.append((found.count - 1, position, edge))
                    queue.push(priority: priority, link: candidates.count - 1)
                }
                prefix *= tape.partial(of: edges[position])
                at = tape.consumer(of: edges[position])
            }
            queue.trim(keeping: k - found.count)
        }
        return found.map { Path(edges: $0, from: start, on: tape) }.sorted(by: Self.ranksBefore)
    }

    /// Larger |product| first; equal ones in depth-first order (lexicographic by edge index).
    private static func ranksBefore(_ a: Path, _ b: Path) -> Bool {
        let (x, y) = (magnitude(a.product), magnitude(b.product))
        if x != y { return x > y }
        return a.edges.lexicographicallyPrecedes(b.edges)
    }
}
