/// An operation applied to shapes it does not accept: the message names the op and every shape.
///
/// The language prefixes it with the location and the expression
/// (`file:line:col: W1 @ x: shapes [3×2] and [3] do not match for a matrix product`).
public struct ShapeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The operation that was refused.
    public let op: TensorOp
    /// The operands' shapes, in operand order.
    public let shapes: [Shape]
    /// What is wrong, naming the shapes: `shapes [3×2] and [3] do not match for a matrix product`.
    public let message: String

    /// An error for `op` applied to operands of `shapes`.
    public init(op: TensorOp, shapes: [Shape], message: String) {
        self.op = op
        self.shapes = shapes
        self.message = message
    }

    /// `matmul: shapes [3×2] and [3] do not match for a matrix product`.
    public var description: String { "\(op.name): \(message)" }
}
