import ChainTrace

/// Forward mode: one sweep from an input towards the outputs, carrying every node's tangent ∂node/∂input.
///
/// Each node's tangent is Σ over its edges of local partial × the operand's tangent: the same
/// path sum as the gradient, accumulated from the input's end instead of the output's.
public struct Tangents: Sendable, Equatable {
    /// The input the tangents are taken with respect to.
    public let input: NodeID
    /// ∂node/∂input for every node (1 at the input, 0 where the node does not depend on it).
    public let tangents: [Double]

    /// Runs the tangent sweep over `tape` for `input`.
    public init(tape: Tape, wrt input: NodeID) {
        precondition(input >= 0 && input < tape.count, "Tangents: node \(input) is not on this tape (\(tape.count) nodes)")
        var tangents = [Double](repeating: 0, count: tape.count)
        var reached = [Bool](repeating: false, count: tape.count)
        tangents[input] = 1
        reached[input] = true
        for node in input + 1 ..< tape.count {
            for edge in tape.edges(of: node) where reached[tape.operand(of: edge)] {
                tangents[node] += tape.partial(of: edge) * tangents[tape.operand(of: edge)]
                reached[node] = true
            }
        }
        self.input = input
        self.tangents = tangents
    }
}
