import ChainTrace

/// One path from a node to the output: a sequence of edges, each with its local partial.
///
/// By the chain rule the path's contribution to the gradient is the product of its partials;
/// the gradient is the sum of the products of all paths.
public struct Path: Sendable, Equatable {
    /// The edges from the start node to the output (edge indices on the tape).
    public let edges: [Int]
    /// The nodes visited, from the start node to the output: one more than ``edges``.
    public let nodes: [NodeID]
    /// The local partial on each edge, in the same order as ``edges``.
    public let partials: [Double]
    /// The product of ``partials``, multiplied from the start node towards the output.
    public let product: Double

    /// The path along `edges` (in order from the start node), reading nodes and partials off `tape`.
    public init(edges: [Int], from start: NodeID, on tape: Tape) {
        self.edges = edges
        self.nodes = [start] + edges.map { Int(tape.edgeConsumers[$0]) }
        self.partials = edges.map { tape.partials[$0] }
        self.product = partials.reduce(1, *)
    }
}
