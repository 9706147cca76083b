/// One way a tape or a backward record breaks the rules every consumer of a trace relies on.
public struct TapeProblem: Error, Equatable, Sendable, CustomStringConvertible {
    /// Where a problem is.
    public enum Place: Equatable, Sendable {
        /// A node as a whole.
        case node(NodeID)
        /// One operand (edge) of a node, by its position in operand order.
        case operand(NodeID, Int)
        /// The backward record's output.
        case backwardOutput
        /// The backward record's gradient list.
        case gradients
        /// One step of the backward record, by its position in step order.
        case step(Int)
    }

    /// Where the problem is.
    public let place: Place
    /// What is wrong, in words.
    public let message: String

    /// A problem at a place.
    public init(_ place: Place, _ message: String) {
        self.place = place
        self.message = message
    }

    /// `node 3, operand 1: …`
    public var description: String {
        switch place {
        case .node(let node): "node \(node): \(message)"
        case .operand(let node, let index): "node \(node), operand \(index): \(message)"
        case .backwardOutput: "backward output: \(message)"
        case .gradients: "gradients: \(message)"
        case .step(let index): "backward step \(index): \(message)"
        }
    }
}
