import ChainTrace
import ChainTraceTensor

/// The tensor form of ``BranchSearch``: gradients computed with only some of a branch point's
/// contributions, the missing sum of hand-written backpropagation (a weight-decay term forgotten).
///
/// If a branch point b's gradient were the sum over a subset S of its contributions only, every node n
/// below it would get ∂output/∂n minus the vector-Jacobian product of Δ = ∂output/∂b − Σ_S through
/// b's computation (the chain rule is linear in b's gradient): one backward pass from b seeded with Δ
/// (`TensorBackward(tape:from:upstream:)`) per subset and point.
struct TensorBranchSearch {
    /// A node's gradient with a subset of a branch point's contributions, point after point.
    struct Incomplete {
        let branchPoint: TensorNodeID
        let edges: [Int]
        let node: TensorNodeID
        let gradient: [Double]
    }

    let found: [Incomplete]
    /// False when the budget stopped the search before every branch point was prepared.
    let complete: Bool

    init(evaluations: TensorEvaluations, budget: Int) {
        var found: [Incomplete] = []
        var spent = 0
        var complete = true
        let tape = evaluations.base
        search: for branchPoint in stride(from: evaluations.output - 1, through: 0, by: -1)
        where evaluations.inCone[branchPoint] && evaluations.isBranchPoint(branchPoint) && tape.op(of: branchPoint) != .constant {
            let edges = evaluations.arrivals[branchPoint]
            let masks: [[Int]] = edges.count <= BranchSearch.allSubsetsUpTo
                ? (1 ..< (1 << edges.count) - 1).map { mask in edges.indices.filter { mask & (1 << $0) != 0 } }
                : edges.indices.map { [$0] }
            let contributions = edges.map { edge in evaluations.backwards.map { $0.contribution(of: edge) } }
            for members in masks {
                spent += (branchPoint + 1) * evaluations.pointCount
                if spent > budget {
                    complete = false
                    break search
                }
                let passes = evaluations.tapes.indices.map { point in
                    var missing = evaluations.backwards[point].gradient(of: branchPoint)
                    for member in members {
                        guard let contribution = contributions[member][point] else { continue }
                        for i in missing.elements.indices { missing.elements[i] -= contribution.elements[i] }
                    }
                    return TensorBackward(tape: evaluations.tapes[point], from: branchPoint, upstream: missing)
                }
                let reached = passes[0].reachedNodes(on: tape)
                for node in 0 ... branchPoint where reached[node] && tape.op(of: node) != .constant {
                    let gradient = evaluations.tapes.indices.flatMap { point in
                        zip(evaluations.backwards[point].gradient(of: node).elements, passes[point].gradient(of: node).elements).map { $0 - $1 }
                    }
                    guard gradient.contains(where: { $0 != 0 }), gradient.allSatisfy(\.isFinite) else { continue }
                    found.append(Incomplete(branchPoint: branchPoint, edges: members.map { edges[$0] }, node: node, gradient: gradient))
                }
            }
        }
        self.found = found
        self.complete = complete
    }

    /// The incomplete gradient of a node of `shape` that equals `values` at every point, the preferred node first.
    func match(_ values: [Double], shape: Shape, evaluations: TensorEvaluations, naming: TensorAuditNaming)
        -> (incomplete: Incomplete, error: Double)? {
        var best: (incomplete: Incomplete, error: Double)?
        for incomplete in found where evaluations.shape(incomplete.node) == shape {
            guard relativeError(values[0], incomplete.gradient[0]) <= Audit.tolerance else { continue }
            let error = maxRelativeError(values, incomplete.gradient)
            guard error <= Audit.tolerance else { continue }
            let rank = naming.rank(incomplete.node)
            if best.map({ rank != naming.rank($0.incomplete.node) ? rank < naming.rank($0.incomplete.node) : incomplete.node > $0.incomplete.node }) ?? true {
                best = (incomplete, error)
            }
        }
        return best
    }
}
