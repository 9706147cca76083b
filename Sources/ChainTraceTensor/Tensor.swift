/// A tensor's numbers: its shape and its elements in row-major order.
public struct Tensor: Sendable, Equatable, CustomStringConvertible {
    /// The shape.
    public let shape: Shape
    /// The elements, row-major (the last index varies fastest); `shape.count` of them.
    public var elements: [Double]

    /// A tensor of `shape` holding `elements` (row-major; exactly `shape.count` of them).
    public init(shape: Shape, elements: [Double]) {
        precondition(elements.count == shape.count, "a tensor of shape \(shape) has \(shape.count) elements, not \(elements.count)")
        self.shape = shape
        self.elements = elements
    }

    /// A rank-0 tensor.
    public init(scalar: Double) {
        self.init(shape: .scalar, elements: [scalar])
    }

    /// A vector.
    public init(vector: [Double]) {
        self.init(shape: Shape([vector.count]), elements: vector)
    }

    /// A matrix from its rows, which must all have one length.
    public init(rows: [[Double]]) {
        let columns = rows.first?.count ?? 0
        precondition(rows.allSatisfy { $0.count == columns }, "a matrix's rows all have one length")
        self.init(shape: Shape([rows.count, columns]), elements: rows.flatMap { $0 })
    }

    /// A tensor of `shape` filled with `value`.
    public init(repeating value: Double, shape: Shape) {
        self.init(shape: shape, elements: [Double](repeating: value, count: shape.count))
    }

    /// The element at `index` (one position per dimension).
    public subscript(_ index: Int...) -> Double {
        elements[shape.offset(of: index)]
    }

    /// `[3×2] [1, 2, 3, 4, 5, 6]`: the shape, then the elements row-major.
    public var description: String {
        "\(shape) [" + elements.map { "\($0)" }.joined(separator: ", ") + "]"
    }

    /// Equal shapes and elements, a NaN equal to a NaN (so a record with NaN equals its copy).
    public static func == (lhs: Tensor, rhs: Tensor) -> Bool {
        lhs.shape == rhs.shape && zip(lhs.elements, rhs.elements).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }
}
