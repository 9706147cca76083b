/// The shape of a tensor: its dimensions, outermost first (row-major), each at least 1.
///
/// Rank 0 is a scalar (`[]`), rank 1 a vector (`[3]`), rank 2 a matrix (`[3×2]`, 3 rows of 2).
/// The language writes ranks 0 to 2; the engine handles any rank where it costs nothing.
public struct Shape: Sendable, Hashable, CustomStringConvertible {
    /// The dimensions, outermost first.
    public let dimensions: [Int]

    /// A shape with these dimensions; each must be at least 1 (the language has no empty tensors).
    public init(_ dimensions: [Int]) {
        precondition(dimensions.allSatisfy { $0 >= 1 }, "a tensor's dimensions are at least 1, not \(dimensions)")
        self.dimensions = dimensions
    }

    /// The shape of a scalar (rank 0, one element).
    public static let scalar = Shape([])

    /// The number of dimensions.
    public var rank: Int { dimensions.count }

    /// The number of elements (1 for a scalar).
    public var count: Int { dimensions.reduce(1, *) }

    /// How far apart (in elements) consecutive indices of each dimension are in row-major order.
    public var strides: [Int] {
        var strides = [Int](repeating: 1, count: rank)
        for axis in stride(from: rank - 2, through: 0, by: -1) {
            strides[axis] = strides[axis + 1] * dimensions[axis + 1]
        }
        return strides
    }

    /// `[3×2]`, `[3]`, and `[]` for a scalar.
    public var description: String {
        "[" + dimensions.map(String.init).joined(separator: "×") + "]"
    }

    /// The row-major position of the element at `index` (one entry per dimension, each in range).
    public func offset(of index: [Int]) -> Int {
        precondition(index.count == rank, "index \(index) has \(index.count) positions for a shape of rank \(rank)")
        var offset = 0
        for (position, dimension) in zip(index, dimensions) {
            precondition(position >= 0 && position < dimension, "index \(index) is out of bounds for \(self)")
            offset = offset * dimension + position
        }
        return offset
    }

    /// The index (one entry per dimension) of the element at row-major position `offset`.
    public func index(of offset: Int) -> [Int] {
        var index = [Int](repeating: 0, count: rank)
        var rest = offset
        for axis in stride(from: rank - 1, through: 0, by: -1) {
            index[axis] = rest % dimensions[axis]
            rest /= dimensions[axis]
        }
        return index
    }

    /// The shape NumPy's broadcasting gives two operands, or nil when they do not broadcast.
    ///
    /// Dimensions are matched from the last; each pair must be equal or contain a 1, and the
    /// shorter shape is padded with 1s in front (so a scalar broadcasts against anything).
    public static func broadcast(_ a: Shape, _ b: Shape) -> Shape? {
        let rank = Swift.max(a.rank, b.rank)
        var dimensions = [Int](repeating: 1, count: rank)
        for axis in 0 ..< rank {
            let x = a.dimension(fromEnd: rank - axis), y = b.dimension(fromEnd: rank - axis)
            guard x == y || x == 1 || y == 1 else { return nil }
            dimensions[axis] = Swift.max(x, y)
        }
        return Shape(dimensions)
    }

    /// The axes of `result` that broadcasting expanded to reach it from this shape: the leading axes
    /// this shape lacks and those where it has size 1 but `result` does not. Summing a gradient of
    /// shape `result` over them gives this shape's gradient (un-broadcasting).
    public func broadcastAxes(to result: Shape) -> [Int] {
        let lead = result.rank - rank
        return (0 ..< result.rank).filter { axis in
            axis < lead || (dimensions[axis - lead] == 1 && result.dimensions[axis] != 1)
        }
    }

    /// The dimension `position` places from the end (1 = the last), or 1 beyond the rank.
    private func dimension(fromEnd position: Int) -> Int {
        position <= rank ? dimensions[rank - position] : 1
    }
}
