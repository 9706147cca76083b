import ChainTrace

/// ∂output/∂node of a tensor trace spelled out as the chain rule on Jacobians: one product of local
/// Jacobians per path from the node to the output, the paths summed where they part at branch points.
///
/// Each factor is one edge's local Jacobian ∂consumer/∂operand (rows: the consumer's elements,
/// columns: the operand's, both row-major), with its symbol (`diag(σ′(t5))`, `I ⊗ xᵀ`, `W2`), its
/// shape and structure; ``TensorTape/localJacobian(of:limit:)`` writes its numbers when it is small.
/// Each path's product is computed with the edges' rules (vector-Jacobian products), so it exists
/// whatever the sizes; the sum over all paths is the backward pass's gradient.
///
/// ```swift
/// let backward = try TensorBackward(tape: tape, from: loss)
/// let chain = TensorChain(tape: tape, backward: backward, wrt: w1)
/// print(chain.text(on: tape))
/// ```
public struct TensorChain: Sendable {
    /// The node differentiated (one element).
    public let output: TensorNodeID
    /// The node the gradient is taken with respect to.
    public let node: TensorNodeID
    /// The paths listed, each as its edges from `node` towards the output; at most the `limit` given.
    public let paths: [[Int]]
    /// How many paths lead from `node` to the output (saturating at `Int.max`).
    public let pathCount: Int
    /// Each listed path's product of local Jacobians, as a tensor of `node`'s shape (the path's contribution).
    public let products: [Tensor]
    /// ∂output/∂node from the backward pass.
    public let gradient: Tensor

    /// The chain of ∂output/∂`node` on `tape`, listing at most `limit` paths (in the order of the
    /// node's consumers, depth first).
    public init(tape: TensorTape, backward: TensorBackward, wrt node: TensorNodeID, limit: Int = 16) {
        precondition(node >= 0 && node < tape.count, "TensorChain: node \(node) is not on this tape (\(tape.count) nodes)")
        precondition(limit >= 1, "TensorChain: limit must be at least 1")
        let output = backward.output
        let reached = backward.reachedNodes(on: tape)
        var consumerEdges = [[Int]](repeating: [], count: tape.count)
        for edge in 0 ..< tape.edgeCount where reached[tape.consumer(of: edge)] {
            consumerEdges[tape.operand(of: edge)].append(edge)
        }
        // Paths to the output from each node, counted from the output down (consumers come later).
        var counts = [Int](repeating: 0, count: tape.count)
        if output < tape.count { counts[output] = 1 }
        for n in stride(from: min(output, tape.count - 1), through: 0, by: -1) where n != output {
            for edge in consumerEdges[n] {
                let (sum, overflow) = counts[n].addingReportingOverflow(counts[tape.consumer(of: edge)])
                counts[n] = overflow ? Int.max : sum
            }
        }
        // Depth-first with an explicit stack: the depth is the trace's, which the user controls.
        var paths: [[Int]] = []
        var stack: [(node: TensorNodeID, edges: [Int])] = node <= output && counts[node] > 0 ? [(node, [])] : []
        while let (current, edges) = stack.popLast(), paths.count < limit {
            if current == output {
                paths.append(edges)
                continue
            }
            for edge in consumerEdges[current].reversed() where counts[tape.consumer(of: edge)] > 0 {
                stack.append((tape.consumer(of: edge), edges + [edge]))
            }
        }
        self.output = output
        self.node = node
        self.paths = paths
        self.pathCount = counts[node]
        self.products = paths.map { path in
            var product = Tensor(repeating: 1, shape: tape.shape(of: output))
            for edge in path.reversed() { product = tape.contribution(of: edge, upstream: product) }
            return product
        }
        self.gradient = backward.gradient(of: node)
    }

    /// Whether every path is listed, so the products sum to the gradient.
    public var isComplete: Bool { paths.count == pathCount }

    /// The sum of the listed paths' products, a tensor of the node's shape.
    public var productSum: Tensor {
        var sum = Tensor(repeating: 0, shape: gradient.shape)
        for product in products {
            for i in sum.elements.indices { sum.elements[i] += product.elements[i] }
        }
        return sum
    }
}
