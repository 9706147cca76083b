/// A JSON number as the scanner gathers it: sign, up to 19 significant decimal digits and a power of
/// ten, which is all most numbers need to become the nearest double without the text.
struct DecimalNumber {
    var negative = false
    /// The first 19 significant digits.
    var digits: UInt64 = 0
    var digitCount = 0
    /// Whether a nonzero digit came after the first 19 (then `digits` is not the whole number).
    var truncated = false
    /// The power of ten `digits` is multiplied by.
    var exponent = 0
    /// Whether the text had neither a fraction nor an exponent.
    var isInteger = true

    /// Adds the next digit, of the integer part or of the fraction.
    @inline(__always) mutating func append(_ digit: UInt8, fraction: Bool) {
        if digitCount < 19 {
            digits = digits &* 10 &+ UInt64(digit)
            if digits != 0 { digitCount += 1 }
            if fraction { exponent -= 1 }
        } else {
            if digit != 0 { truncated = true }
            if !fraction { exponent += 1 }
        }
    }

    /// Exact powers of ten a double holds.
    private static let powers: [Double] = (0 ... 22).map { power in (0 ..< power).reduce(1.0) { product, _ in product * 10 } }

    /// The nearest double when one IEEE operation gives it (Clinger's fast path: the digits and the
    /// power of ten are both exact doubles, so the one rounding is the correct one), else nil.
    var exactValue: Double? {
        guard !truncated else { return nil }
        if digits == 0 { return negative ? -0.0 : 0 }
        guard digits <= 1 << 53, (-22 ... 22).contains(exponent) else { return nil }
        let magnitude = exponent < 0 ? Double(digits) / Self.powers[-exponent] : Double(digits) * Self.powers[exponent]
        return negative ? -magnitude : magnitude
    }
}
