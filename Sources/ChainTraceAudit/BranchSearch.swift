import ChainTrace

/// Finds values that equal a gradient computed with only some of a branch point's contributions: the
/// missing `+=` of hand-written backpropagation.
///
/// If a branch point b's gradient were the sum over a subset S of its contributions only, every node n
/// below it would get ∂output/∂n − Δ · ∂b/∂n with Δ = ∂output/∂b − Σ_S (the chain rule is linear in
/// b's gradient), so one backward pass from b per point gives every node's incomplete gradient.
struct BranchSearch {
    struct Site {
        let branchPoint: NodeID
        /// The nodes b depends on (b included), each with ∂b/∂n per point.
        let below: [(node: NodeID, partials: [Double])]
        /// Proper non-empty subsets of b's contributions, each with Δ per point.
        let subsets: [(edges: [Int], missing: [Double])]
    }

    let sites: [Site]
    /// False when the budget stopped the search before every branch point was prepared.
    let complete: Bool
    /// How much work preparing the branch points may do: node visits of their backward passes over all points.
    static let budget = 4_000_000
    /// Branch points with at most this many contributions have every subset tried; larger ones single contributions.
    static let allSubsetsUpTo = 6

    init(evaluations: Evaluations, budget: Int) {
        var sites: [Site] = []
        var spent = 0
        var complete = true
        let tape = evaluations.base
        for node in stride(from: evaluations.output - 1, through: 0, by: -1)
        where evaluations.inCone[node] && evaluations.isBranchPoint(node) && tape.op(of: node) != .constant {
            spent += (node + 1) * evaluations.pointCount
            if spent > budget {
                complete = false
                break
            }
            let passes = evaluations.tapes.map { Backward(tape: $0, from: node) }
            let reached = passes[0].reachedNodes(on: tape)
            let below = (0 ... node).filter { reached[$0] && tape.op(of: $0) != .constant }.map { n in
                (node: n, partials: passes.map { $0.gradients[n] })
            }
            let edges = evaluations.arrivals[node]
            let contributions = edges.map(evaluations.contribution)
            let total = evaluations.gradient(node)
            var subsets: [(edges: [Int], missing: [Double])] = []
            let masks: [[Int]] = edges.count <= Self.allSubsetsUpTo
                ? (1 ..< (1 << edges.count) - 1).map { mask in edges.indices.filter { mask & (1 << $0) != 0 } }
                : edges.indices.map { [$0] }
            for members in masks {
                let missing = total.indices.map { point in
                    total[point] - members.reduce(0) { $0 + contributions[$1][point] }
                }
                subsets.append((members.map { edges[$0] }, missing))
            }
            sites.append(Site(branchPoint: node, below: below, subsets: subsets))
        }
        self.sites = sites
        self.complete = complete
    }

    /// The branch point, the contributions included and the node whose incomplete gradient equals `values`.
    func match(_ values: [Double], evaluations: Evaluations, naming: AuditNaming)
        -> (branchPoint: NodeID, edges: [Int], node: NodeID, error: Double)? {
        var best: (branchPoint: NodeID, edges: [Int], node: NodeID, error: Double)?
        for site in sites {
            for subset in site.subsets {
                for (node, partials) in site.below {
                    let incomplete = values.indices.map { point in
                        evaluations.gradients[point][node] - subset.missing[point] * partials[point]
                    }
                    guard relativeError(values[0], incomplete[0]) <= Audit.tolerance, incomplete.allNonZero else { continue }
                    let error = maxRelativeError(values, incomplete)
                    guard error <= Audit.tolerance else { continue }
                    if best.map({ naming.preferred(node, over: $0.node) }) ?? true {
                        best = (site.branchPoint, subset.edges, node, error)
                    }
                }
            }
        }
        return best
    }
}

extension BranchSearch {
    /// What one written term may stand for among the contributions `arrivals` at a node: each edge on
    /// its own, then the edges from one consumer that uses the node more than once (`W2 ⊙ W2`, `w·w`)
    /// together, whose contributions a term such as `decay · W2` sums in one; in arrival order.
    static func contributionGroups(_ arrivals: [Int], consumer: (Int) -> Int) -> [[Int]] {
        var consumers: [Int] = []
        var byConsumer: [Int: [Int]] = [:]
        for edge in arrivals {
            let node = consumer(edge)
            if byConsumer[node] == nil { consumers.append(node) }
            byConsumer[node, default: []].append(edge)
        }
        return arrivals.map { [$0] } + consumers.compactMap { byConsumer[$0] }.filter { $0.count > 1 }
    }

    /// The contributions a written-out sum adds at a branch point: for each term's values (point after
    /// point) the first of `groups` (``contributionGroups(_:consumer:)`` with their contributions summed)
    /// it equals, no edge twice, in the order written; empty unless the terms cover all `total` contributions.
    static func writtenSum(_ terms: [[Double]], groups: [(edges: [Int], contribution: [Double])], total: Int) -> [Int] {
        var remaining = groups
        var used = Set<Int>()
        var edges: [Int] = []
        for values in terms {
            guard let index = remaining.firstIndex(where: { group in
                group.contribution.count == values.count && group.edges.allSatisfy { !used.contains($0) } && agrees(values, group.contribution)
            }) else { return [] }
            let group = remaining.remove(at: index).edges
            edges += group
            used.formUnion(group)
        }
        return edges.count == total ? edges : []
    }
}
