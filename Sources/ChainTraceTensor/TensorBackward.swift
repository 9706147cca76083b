/// The record of one backward pass over a ``TensorTape``: every node's gradient, every edge's upstream
/// and contribution, in the order the pass computed them.
///
/// The pass visits consumers from the output down (reverse recording order). At each consumer and
/// each of its edges it applies the edge's rule to the **upstream** gradient (the consumer's gradient)
/// and adds the resulting **contribution** (a tensor of the operand's shape) to the operand's gradient.
/// A node used by several edges (a **branch point**) receives one contribution per edge; its gradient
/// is their sum (``branchSum(of:on:)``).
public struct TensorBackward: Sendable, Equatable {
    /// The node the pass ran from: one element with gradient 1, or the seed of ``init(tape:from:upstream:)``.
    public let output: TensorNodeID
    /// ∂output/∂node for every node, a tensor of the node's shape; zeros where the output does not depend on it.
    public let gradients: [Tensor]
    /// The edges whose contributions were computed, in the order the pass computed them.
    public let steps: [Int]
    /// Each edge's contribution; nil for edges the pass did not reach.
    private let contributions: [Tensor?]

    /// A record made elsewhere (read from a trace JSON), kept as given: one gradient per node, the
    /// edges in the order they were computed, one contribution per edge (nil where not computed).
    /// Check it against its tape before trusting it (shapes, branch-point sums).
    public init(output: TensorNodeID, gradients: [Tensor], steps: [Int], contributions: [Tensor?]) {
        self.output = output
        self.gradients = gradients
        self.steps = steps
        self.contributions = contributions
    }

    /// Runs reverse-mode differentiation of `output` over `tape`; throws when the output has more
    /// than one element (a gradient is of one number).
    public init(tape: TensorTape, from output: TensorNodeID) throws(TensorBackwardError) {
        precondition(output >= 0 && output < tape.count, "TensorBackward: node \(output) is not on this tape (\(tape.count) nodes)")
        let shape = tape.shape(of: output)
        guard shape.count == 1 else { throw TensorBackwardError(node: output, name: tape.name(of: output), shape: shape) }
        self.init(tape: tape, from: output, upstream: Tensor(repeating: 1, shape: shape))
    }

    /// The same pass from any node, seeded with `upstream` (the node's shape) in place of 1: every
    /// gradient is then the vector-Jacobian product Σ upstreamᵢ · ∂nodeᵢ/∂n. The audit seeds it with
    /// the part of a branch point's gradient a hand-written sum left out.
    public init(tape: TensorTape, from output: TensorNodeID, upstream: Tensor) {
        precondition(output >= 0 && output < tape.count, "TensorBackward: node \(output) is not on this tape (\(tape.count) nodes)")
        precondition(upstream.shape == tape.shape(of: output), "the seed of node \(output) has shape \(tape.shape(of: output)), not \(upstream.shape)")
        var gradients = (0 ..< tape.count).map { Tensor(repeating: 0, shape: tape.shape(of: $0)) }
        var contributions = [Tensor?](repeating: nil, count: tape.edgeCount)
        var reached = [Bool](repeating: false, count: output + 1)
        var steps: [Int] = []
        gradients[output] = upstream
        reached[output] = true
        for consumer in stride(from: output, through: 0, by: -1) where reached[consumer] {
            for edge in tape.edges(of: consumer) {
                let input = tape.operand(of: edge)
                let contribution = tape.contribution(of: edge, upstream: gradients[consumer])
                for i in contribution.elements.indices { gradients[input].elements[i] += contribution.elements[i] }
                contributions[edge] = contribution
                reached[input] = true
                steps.append(edge)
            }
        }
        self.output = output
        self.gradients = gradients
        self.steps = steps
        self.contributions = contributions
    }

    /// ∂output/∂node, a tensor of the node's shape.
    public func gradient(of node: TensorNodeID) -> Tensor { gradients[node] }

    /// The upstream gradient an edge's rule was applied to: the gradient of its consumer.
    public func upstream(of edge: Int, on tape: TensorTape) -> Tensor { gradients[tape.consumer(of: edge)] }

    /// The contribution an edge sent to its operand (the operand's shape), or nil if the pass did not reach it.
    public func contribution(of edge: Int) -> Tensor? { contributions[edge] }

    /// For every node, the edges whose contributions it received, in the order they arrived.
    public func arrivals(on tape: TensorTape) -> [[Int]] {
        var arrivals = [[Int]](repeating: [], count: tape.count)
        for edge in steps { arrivals[tape.operand(of: edge)].append(edge) }
        return arrivals
    }

    /// At a branch point (a node that received two or more contributions), their sum in arrival
    /// order, which is its gradient; nil for any other node.
    public func branchSum(of node: TensorNodeID, on tape: TensorTape) -> Tensor? {
        let edges = steps.filter { tape.operand(of: $0) == node }
        guard edges.count >= 2, var sum = contributions[edges[0]] else { return nil }
        for edge in edges.dropFirst() {
            guard let contribution = contributions[edge] else { continue }
            for i in sum.elements.indices { sum.elements[i] += contribution.elements[i] }
        }
        return sum
    }

    /// For every node, whether the pass reached it (the output depends on it, or it is the output).
    public func reachedNodes(on tape: TensorTape) -> [Bool] {
        var reached = [Bool](repeating: false, count: tape.count)
        reached[output] = true
        for edge in steps { reached[tape.operand(of: edge)] = true }
        return reached
    }
}

/// A backward pass asked of an output with more than one element.
public struct TensorBackwardError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The node asked for.
    public let node: TensorNodeID
    /// Its name, if it has one.
    public let name: String?
    /// Its shape (more than one element).
    public let shape: Shape

    /// `a gradient is taken of one number, but h has shape [3] (3 elements); reduce it first, e.g. sum(h)`.
    public var description: String {
        "a gradient is taken of one number, but \(name ?? "node \(node)") has shape \(shape) (\(shape.count) elements); reduce it first, e.g. sum(\(name ?? "…"))"
    }
}
