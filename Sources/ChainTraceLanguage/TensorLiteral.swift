/// The numbers of a tensor literal, row-major, with its dimensions: `[[1, 2], [3, 4]]` is `[2, 2]`
/// with elements `1, 2, 3, 4`; `[5, 6]` is `[2]`.
public struct TensorLiteral: Equatable, Sendable {
    /// The length of each dimension, outermost first (one for a vector, two for a matrix).
    public let dimensions: [Int]
    /// The numbers, row-major.
    public let elements: [Double]
}
