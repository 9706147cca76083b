/// A tensor in a few numbers, found in one pass: how many elements, the smallest, mean and largest
/// finite element, the Euclidean norm ‖·‖₂, and how many are zero, NaN or ±∞.
///
/// Minimum, mean and maximum read the finite elements only, so one NaN does not hide the rest; the
/// counts say what was left out. The norm reads every element, so it is NaN or +∞ when the tensor
/// holds one: a norm that silently skipped them would understate the tensor. The norm is accumulated
/// with a running scale (as LAPACK's `dnrm2`), so elements near `Double.greatestFiniteMagnitude` or
/// below `sqrt(leastNormalMagnitude)` neither overflow nor vanish when squared.
public struct TensorSummary: Sendable, Equatable {
    /// How many elements.
    public let count: Int
    /// The smallest finite element; nil when no element is finite.
    public let min: Double?
    /// The mean of the finite elements; nil when no element is finite.
    public let mean: Double?
    /// The largest finite element; nil when no element is finite.
    public let max: Double?
    /// ‖·‖₂: the square root of the sum of squares of every element (NaN or +∞ when one is).
    public let norm: Double
    /// How many elements are zero (either sign).
    public let zeroCount: Int
    /// How many elements are NaN.
    public let nanCount: Int
    /// How many elements are +∞ or −∞.
    public let infinityCount: Int

    /// The summary of `tensor`'s elements.
    public init(_ tensor: Tensor) {
        self.init(elements: tensor.elements)
    }

    /// The summary of `elements` (of any tensor, any order).
    public init(elements: some Sequence<Double>) {
        var count = 0, finite = 0, zeros = 0, nans = 0, infinities = 0
        var low = Double.infinity, high = -Double.infinity, sum = 0.0
        var scale = 0.0, scaledSquares = 1.0  // ‖x‖₂ = scale · √scaledSquares
        for x in elements {
            count += 1
            guard x.isFinite else {
                if x.isNaN { nans += 1 } else { infinities += 1 }
                continue
            }
            finite += 1
            low = Swift.min(low, x)
            high = Swift.max(high, x)
            sum += x
            if x == 0 { zeros += 1; continue }
            let magnitude = x.magnitude
            if magnitude > scale {
                scaledSquares = 1 + scaledSquares * (scale / magnitude) * (scale / magnitude)
                scale = magnitude
            } else {
                scaledSquares += (magnitude / scale) * (magnitude / scale)
            }
        }
        self.count = count
        zeroCount = zeros
        nanCount = nans
        infinityCount = infinities
        min = finite > 0 ? low : nil
        max = finite > 0 ? high : nil
        mean = finite > 0 ? sum / Double(finite) : nil
        norm = nans > 0 ? .nan : infinities > 0 ? .infinity : scale * scaledSquares.squareRoot()
    }

    /// Whether every element is finite.
    public var isFinite: Bool { nanCount == 0 && infinityCount == 0 }
}
