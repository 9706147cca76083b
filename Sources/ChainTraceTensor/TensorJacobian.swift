/// An edge's local Jacobian written out: rows are the consumer's elements, columns the operand's,
/// both row-major. Only for small shapes (``TensorTape/jacobianLimit``): pictures and explanations.
public struct TensorJacobian: Sendable, Equatable {
    /// The number of rows: the consumer's element count.
    public let rows: Int
    /// The number of columns: the operand's element count.
    public let columns: Int
    /// The entries, row-major: `entries[r * columns + c]` = ∂consumer[r]/∂operand[c].
    public let entries: [Double]

    /// ∂consumer[row]/∂operand[column].
    public subscript(row: Int, column: Int) -> Double { entries[row * columns + column] }
}

extension TensorTape {
    /// The most entries ``localJacobian(of:limit:)`` writes out by default (64 × 64).
    public static let jacobianLimit = 4096

    /// The explicit local Jacobian of an edge, computed from its rule (row r is the contribution for
    /// the unit upstream eᵣ), or nil when it would have more than `limit` entries.
    public func localJacobian(of edge: Int, limit: Int = jacobianLimit) -> TensorJacobian? {
        let consumerShape = shape(of: consumer(of: edge))
        let rows = consumerShape.count, columns = shape(of: operand(of: edge)).count
        guard rows * columns <= limit else { return nil }
        var entries: [Double] = []
        entries.reserveCapacity(rows * columns)
        var unit = Tensor(repeating: 0, shape: consumerShape)
        for row in 0 ..< rows {
            unit.elements[row] = 1
            entries += contribution(of: edge, upstream: unit).elements
            unit.elements[row] = 0
        }
        return TensorJacobian(rows: rows, columns: columns, entries: entries)
    }
}
