import ChainTrace

/// Central finite difference of `f` at `x`, with a step scaled to the value.
func centralDifference(at x: Double, _ f: (Double) -> Double) -> Double {
    let h = 1e-6 * max(1, abs(x))
    return (f(x + h) - f(x - h)) / (2 * h)
}

/// Whether `a` and `b` agree to a relative tolerance (absolute near zero).
func close(_ a: Double, _ b: Double, tolerance: Double = 1e-6) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(a), abs(b))
}

/// A small deterministic random generator (SplitMix64), so random tests repeat exactly.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
