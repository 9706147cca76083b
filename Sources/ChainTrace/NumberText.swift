import RealModule

/// Deterministic, locale-free text for numbers, shared by the table printer and the renderers.
public enum NumberText {
    /// The shortest text that reads back as exactly `x` (`300`, `0.1`, `1e-05`, `NaN`, `inf`, `-inf`).
    public static func exact(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "NaN" : (x > 0 ? "inf" : "-inf") }
        return trimmed(x.description)
    }

    /// `x` rounded to `digits` significant digits, without trailing zeros (`0.30000000000000004` → `0.3`).
    public static func significant(_ x: Double, digits: Int) -> String {
        precondition(digits >= 1, "significant(_:digits:) needs at least one digit")
        guard x.isFinite, x != 0 else { return exact(x) }
        let exponent = Int(Double.log10(Swift.abs(x)).rounded(.down))
        let shift = digits - 1 - exponent
        let rounded: Double
        if shift >= 0 {
            let scale = powerOfTen(shift)
            rounded = (x * scale).rounded() / scale
        } else {
            let scale = powerOfTen(-shift)
            rounded = (x / scale).rounded() * scale
        }
        return rounded.isFinite ? exact(rounded) : exact(x)
    }

    private static func powerOfTen(_ n: Int) -> Double {
        var result = 1.0
        for _ in 0 ..< Swift.min(n, 22) { result *= 10 }
        return n > 22 ? result * Double.pow(10, Double(n - 22)) : result
    }

    private static func trimmed(_ text: String) -> String {
        text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }
}
