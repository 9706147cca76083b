import ChainTrace

/// Central finite difference of `f` at `x`, with a step scaled to the value.
func centralDifference(at x: Double, _ f: (Double) -> Double) -> Double {
    let h = 1e-6 * max(1, abs(x))
    return (f(x + h) - f(x - h)) / (2 * h)
}
