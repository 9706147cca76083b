import Foundation
import ChainTrace

/// The points of scikit-learn's `make_moons` (two interleaved half circles, Gaussian noise), made
/// by a fixed-seed generator so that the Swift program and the Python peers run on the same data.
struct Moons {
    /// Each point's two coordinates.
    var points: [(Double, Double)] = []
    /// Each point's label, −1 (outer moon) or +1 (inner moon), as micrograd's demo sets `y*2 - 1`.
    var labels: [Double] = []

    /// `count` points with noise of standard deviation `noise`, as `make_moons(count, noise=noise)`
    /// lays them out (without its shuffle: the order does not change the loss or its gradient).
    init(count: Int, noise: Double = 0.1, seed: UInt64 = 2026) {
        var generator = SplitMix64(seed: seed)
        let outer = count / 2, inner = count - outer
        for i in 0 ..< outer {
            let angle = Double.pi * Double(i) / Double(max(outer - 1, 1))
            append(cos(angle), sin(angle), label: -1, noise: noise, &generator)
        }
        for i in 0 ..< inner {
            let angle = Double.pi * Double(i) / Double(max(inner - 1, 1))
            append(1 - cos(angle), 1 - sin(angle) - 0.5, label: 1, noise: noise, &generator)
        }
    }

    private mutating func append(_ x: Double, _ y: Double, label: Double, noise: Double, _ generator: inout SplitMix64) {
        points.append((x + noise * Self.gaussian(&generator), y + noise * Self.gaussian(&generator)))
        labels.append(label)
    }

    /// A standard normal sample (Box–Muller, one of the pair).
    private static func gaussian(_ generator: inout SplitMix64) -> Double {
        let u1 = (Double(generator.next() >> 11) + 1) / Double(UInt64(1) << 53)  // in (0, 1], so log is finite
        let u2 = Double(generator.next() >> 11) / Double(UInt64(1) << 53)
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
