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
    /// For each edge, its position among its consumer's operands (tells `x * x`'s two edges apart).
    public let operands: [Int]
    /// The local partial on each edge, in the same order as ``edges``.
    public let partials: [Double]
    /// The product of ``partials``, multiplied from the start node towards the output.
    public let product: Double

    /// The path along `edges` (in order from the start node), reading nodes and partials off `tape`.
    public init(edges: [Int], from start: NodeID, on tape: Tape) {
        self.edges = edges
        self.nodes = [start] + edges.map { tape.consumer(of: $0) }
        self.operands = edges.map { tape.position(of: $0) }
        self.partials = edges.map { tape.partial(of: $0) }
        self.product = partials.reduce(1, *)
    }
}

extension Path {
    /// The arrow before each node after the first: ` → `, or ` →(operand 2) ` where the consumer
    /// takes the same node as several operands (`x * x`), so the paths through each stay apart.
    public func arrows(on tape: Tape) -> [String] {
        zip(edges, operands).map { edge, position in
            let consumer = tape.consumer(of: edge), operand = tape.operand(of: edge)
            guard tape.edges(of: consumer).filter({ tape.operand(of: $0) == operand }).count > 1 else { return " → " }
            return " →(operand \(position + 1)) "
        }
    }

    /// The path as text, `x → u →(operand 1) y`, each node named by `label`.
    public func route(on tape: Tape, label: (NodeID) -> String) -> String {
        zip(arrows(on: tape), nodes.dropFirst()).reduce(label(nodes[0])) { $0 + $1.0 + label($1.1) }
    }
}
