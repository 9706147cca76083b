import ChainTrace
import ChainTraceTensor
import RealModule
import Testing

/// A tensor in a few numbers: exact on small tensors, honest about NaN and ±∞, and neither
/// overflowing nor underflowing where squaring each element would.
struct TensorSummaryTests {
    @Test func countsAndStatisticsOfASmallTensor() {
        let summary = TensorSummary(Tensor(rows: [[3, 0, -4], [0, 1, 2]]))
        #expect(summary.count == 6)
        #expect(summary.min == -4 && summary.max == 3)
        #expect(summary.mean == 2.0 / 6)
        #expect(summary.norm.isApproximatelyEqual(to: 30.0.squareRoot(), relativeTolerance: 1e-15))
        #expect(summary.zeroCount == 2 && summary.nanCount == 0 && summary.infinityCount == 0)
        #expect(summary.isFinite)
    }

    @Test func nonFiniteElementsAreCountedAndLeftOutOfMinimumMeanAndMaximum() {
        let summary = TensorSummary(Tensor(vector: [.nan, 2, -.infinity, -1, .nan, .infinity, 0]))
        #expect(summary.nanCount == 2 && summary.infinityCount == 2 && summary.zeroCount == 1)
        #expect(summary.min == -1 && summary.max == 2 && summary.mean == 1.0 / 3)
        #expect(summary.norm.isNaN)
        #expect(!summary.isFinite)
        #expect(TensorSummary(Tensor(vector: [1, .infinity])).norm == .infinity)
        let none = TensorSummary(Tensor(vector: [.nan, .nan]))
        #expect(none.min == nil && none.mean == nil && none.max == nil && none.count == 2)
    }

    @Test func theNormNeitherOverflowsNorUnderflows() {
        let huge = TensorSummary(Tensor(vector: [1e300, -1e300, 1e300, 1e300]))
        #expect(huge.norm.isApproximatelyEqual(to: 2e300, relativeTolerance: 1e-14))
        let tiny = TensorSummary(Tensor(vector: [3e-200, 4e-200]))
        #expect(tiny.norm.isApproximatelyEqual(to: 5e-200, relativeTolerance: 1e-14))
        #expect(TensorSummary(Tensor(repeating: 0, shape: Shape([3, 3]))).norm == 0)
    }

    @Test func aMillionElementsAgreeWithASecondComputation() throws {
        var random = SplitMix64(seed: 7)
        let elements = (0 ..< 1_000_000).map { _ in Double.random(in: -1 ... 1, using: &random) }
        let summary = TensorSummary(Tensor(shape: Shape([1000, 1000]), elements: elements))
        #expect(summary.min == elements.min() && summary.max == elements.max())
        #expect(try #require(summary.mean).isApproximatelyEqual(to: elements.reduce(0, +) / 1e6, absoluteTolerance: 1e-12))
        let squares = elements.reduce(0) { $0 + $1 * $1 }.squareRoot()
        #expect(summary.norm.isApproximatelyEqual(to: squares, relativeTolerance: 1e-12))
    }
}
