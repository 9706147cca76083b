import ChainTrace

extension PathAnalysis {
    /// The `k` paths with the largest |product|, largest first, found without listing the others.
    ///
    /// A best-first search over partial paths from ``start``: each is ranked by |product so far| ×
    /// the largest |product| any completion can reach (computed once, backwards from ``end``). That
    /// bound is exact, so complete paths come off the queue in order of |product| and the search
    /// stops after `k` of them. Ties keep depth-first order. NaN products rank first.
    public func top(_ k: Int) -> [Path] {
        precondition(k >= 0, "top(_:) needs a non-negative number of paths")
        guard k > 0, onPath[start] else { return [] }
        // Partial paths form a tree of (edge, parent) links, so extending one copies nothing.
        var links: [(edge: Int, parent: Int, product: Double, node: NodeID)] = [(-1, -1, 1, start)]
        var queue = PriorityQueue()
        queue.push(priority: bestToEnd[start], link: 0)
        var found: [Path] = []
        while found.count < k, let entry = queue.pop() {
            let link = links[entry.link]
            if link.node == end {
                var edges: [Int] = []
                var cursor = entry.link
                while links[cursor].edge >= 0 {
                    edges.append(links[cursor].edge)
                    cursor = links[cursor].parent
                }
                found.append(Path(edges: edges.reversed(), from: start, on: tape))
                continue
            }
            for edge in outgoing[link.node] {
                let consumer = Int(tape.edgeConsumers[edge])
                let product = link.product * tape.partials[edge]
                links.append((edge, entry.link, product, consumer))
                queue.push(priority: (Self.magnitude(product) * bestToEnd[consumer]).nanAsInfinity, link: links.count - 1)
            }
        }
        return found
    }
}
