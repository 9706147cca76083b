import ChainTrace
import ChainTraceTensor

/// A tensor computation recorded at several input points, with the backward pass from the output at each.
///
/// The tapes share one layout (ops, shapes, edges), so a node id names the same tensor at every point.
/// A node's numbers over all points are one flat array, point after point, each point its elements
/// row-major: a match compares every element at every point at once.
struct TensorEvaluations {
    let tapes: [TensorTape]
    let output: TensorNodeID
    let backwards: [TensorBackward]
    /// The forward computation: the output and every node it depends on.
    let inCone: [Bool]
    /// Per node, the edges from consumers in the forward computation (its contributions' edges).
    let arrivals: [[Int]]

    init(tapes: [TensorTape], output: TensorNodeID) throws(AuditError) {
        guard let base = tapes.first else { throw AuditError("an audit needs at least one recorded point") }
        guard output >= 0 && output < base.count else { throw AuditError("the output node #\(output) is not on the tape (\(base.count) nodes)") }
        for (index, tape) in tapes.enumerated().dropFirst() where !Self.sameLayout(tape, base) {
            throw AuditError("the computation recorded at point \(index + 1) differs in layout from the first; every point must record the same operations")
        }
        var backwards: [TensorBackward] = []
        for tape in tapes {
            do {
                backwards.append(try TensorBackward(tape: tape, from: output))
            } catch {
                throw AuditError(error.description)
            }
        }
        let reached = backwards[0].reachedNodes(on: base)
        self.tapes = tapes
        self.output = output
        self.backwards = backwards
        self.inCone = reached.indices.map { reached[$0] && $0 <= output }
        self.arrivals = backwards[0].arrivals(on: base)
    }

    private static func sameLayout(_ a: TensorTape, _ b: TensorTape) -> Bool {
        a.count == b.count && a.edgeCount == b.edgeCount && (0 ..< a.count).allSatisfy { node in
            a.op(of: node) == b.op(of: node) && a.shape(of: node) == b.shape(of: node)
                && a.parameter(of: node) == b.parameter(of: node) && a.inputs(of: node) == b.inputs(of: node)
        }
    }

    var base: TensorTape { tapes[0] }
    var pointCount: Int { tapes.count }
    func shape(_ node: TensorNodeID) -> Shape { base.shape(of: node) }

    func values(_ node: TensorNodeID) -> [Double] { tapes.flatMap { $0.value(of: node).elements } }
    func gradient(_ node: TensorNodeID) -> [Double] { backwards.flatMap { $0.gradient(of: node).elements } }

    /// Upstream · local partial on `edge` (the operand's shape) at each point.
    func contribution(_ edge: Int) -> [Double] {
        backwards.indices.flatMap { point in
            backwards[point].contribution(of: edge)?.elements ?? tapes[point].contribution(of: edge, upstream: backwards[point].upstream(of: edge, on: tapes[point])).elements
        }
    }

    /// The contributions on `edges` (all arriving at one node) summed, at each point.
    func contribution(of edges: [Int]) -> [Double] {
        edges.dropFirst().reduce(contribution(edges[0])) { sum, edge in zip(sum, contribution(edge)).map(+) }
    }

    /// The diagonal of an elementwise edge's local Jacobian at each point: its rule applied to an upstream of ones.
    func diagonal(_ edge: Int) -> [Double] {
        let ones = Tensor(repeating: 1, shape: shape(base.consumer(of: edge)))
        return tapes.flatMap { $0.contribution(of: edge, upstream: ones).elements }
    }

    /// Whether a node is a branch point of the forward computation: two or more contributions arrive.
    func isBranchPoint(_ node: TensorNodeID) -> Bool { arrivals[node].count >= 2 }

    /// Flat numbers of a matrix of `shape` with each point's matrix transposed.
    static func transposed(_ numbers: [Double], shape: Shape) -> [Double] {
        let rows = shape.dimensions[0], columns = shape.dimensions[1], size = rows * columns
        return numbers.indices.map { index in
            let point = index / size, offset = index % size
            let row = offset / rows, column = offset % rows
            return numbers[point * size + column * columns + row]
        }
    }
}
