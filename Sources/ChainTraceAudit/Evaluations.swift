import ChainTrace

/// The same computation recorded at several input points, with the backward pass from the output at each.
///
/// The tapes share one layout (same operations, same edges), so a node id names the same quantity at
/// every point; only the numbers differ. Matching a hand-written value against a gradient at all of
/// the points is what keeps a coincidence at one point from passing as a match.
struct Evaluations: Sendable {
    let tapes: [Tape]
    let output: NodeID
    /// ∂output/∂node per point.
    let gradients: [[Double]]
    /// The forward computation: the output and every node it depends on.
    let inCone: [Bool]
    /// Per node, the edges from consumers in the forward computation (its contributions' edges).
    let arrivals: [[Int]]

    init(tapes: [Tape], output: NodeID) throws(AuditError) {
        guard let base = tapes.first else { throw AuditError("an audit needs at least one recorded point") }
        guard output >= 0 && output < base.count else { throw AuditError("the output node #\(output) is not on the tape (\(base.count) nodes)") }
        for (index, tape) in tapes.enumerated().dropFirst()
        where !tape.hasSameGraph(as: base) {
            throw AuditError("the computation recorded at point \(index + 1) differs in layout from the first; every point must record the same operations")
        }
        let backwards = tapes.map { Backward(tape: $0, from: output) }
        let reached = backwards[0].reachedNodes(on: base)
        var arrivals = [[Int]](repeating: [], count: base.count)
        for edge in backwards[0].steps {
            arrivals[base.operand(of: Int(edge))].append(Int(edge))
        }
        self.tapes = tapes
        self.output = output
        self.gradients = backwards.map(\.gradients)
        self.inCone = reached.indices.map { reached[$0] && $0 <= output }
        self.arrivals = arrivals
    }

    var base: Tape { tapes[0] }
    var pointCount: Int { tapes.count }

    func values(_ node: NodeID) -> [Double] { tapes.map { $0.value(of: node) } }
    func gradient(_ node: NodeID) -> [Double] { gradients.map { $0[node] } }
    func partial(_ edge: Int) -> [Double] { tapes.map { $0.partial(of: edge) } }

    /// upstream × local partial on `edge` at each point.
    func contribution(_ edge: Int) -> [Double] {
        let consumer = base.consumer(of: edge)
        return tapes.indices.map { gradients[$0][consumer] * tapes[$0].partial(of: edge) }
    }

    /// The contributions on `edges` (all arriving at one node) summed, at each point.
    func contribution(of edges: [Int]) -> [Double] {
        edges.dropFirst().reduce(contribution(edges[0])) { sum, edge in zip(sum, contribution(edge)).map(+) }
    }

    /// Whether a node is a branch point of the forward computation: two or more contributions arrive.
    func isBranchPoint(_ node: NodeID) -> Bool { arrivals[node].count >= 2 }
}

/// |a − b| / max(|a|, |b|); 0 when equal (both zero included), infinite when either is NaN.
func relativeError(_ a: Double, _ b: Double) -> Double {
    if a == b { return 0 }
    let error = Swift.abs(a - b) / Swift.max(Swift.abs(a), Swift.abs(b))
    return error.isNaN ? .infinity : error
}

/// Whether `a` and `b` agree within ``Audit/tolerance`` at every point; the first point decides most
/// comparisons, so it is checked before anything else.
func agrees(_ a: [Double], _ b: [Double]) -> Bool {
    relativeError(a[0], b[0]) <= Audit.tolerance && maxRelativeError(a, b) <= Audit.tolerance
}

/// The largest ``relativeError(_:_:)`` over the points.
func maxRelativeError(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).reduce(0) { Swift.max($0, relativeError($1.0, $1.1)) }
}

extension Array where Element == Double {
    /// Every entry non-zero and finite.
    var allNonZero: Bool { allSatisfy { $0 != 0 && $0.isFinite } }
    /// The same number at every point: a quantity the perturbed inputs do not move.
    var isConstant: Bool { allSatisfy { relativeError($0, self[0]) <= Audit.tolerance } }
}
