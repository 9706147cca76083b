import ChainTraceText
import RealModule

/// Deterministic, locale-free text for numbers: the one number format of tables, diagrams and pages.
///
/// Text for people (``significant(_:digits:)``, ``full(_:)``, ``sum(_:digits:)``) writes the true minus
/// sign U+2212 — in terminal tables too, where it sits beside formulas (`1 − σ(u)`) and symbols (∂, ×,
/// →) that already need UTF-8, so `−0.5` never appears beside `-0.5`. It never writes `−0`, and it
/// switches to an exponent below 0.0001 and from 10^digits on: `0.0001`, `1e−5`, `1.23457e6`.
/// Text for programs (``exact(_:)``, used by the trace JSON) keeps the ASCII hyphen-minus.
public enum NumberText {
    /// The true minus sign, U+2212, of every number and formula written for people.
    public static let minus = "\u{2212}"

    /// The significant digits a person may ask for: one up to the 17 that read back any double exactly.
    public static let significantDigits = 1 ... 17

    /// The shortest text that reads back as exactly `x`, for machine-readable output such as JSON:
    /// ASCII minus (`300`, `0.1`, `1e-05`, `-0`, `NaN`, `inf`, `-inf`).
    public static func exact(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "NaN" : (x > 0 ? "inf" : "-inf") }
        return JSONWriter.shortest(x)
    }

    /// `x` rounded to `digits` significant digits for people, without trailing zeros
    /// (`0.30000000000000004` → `0.3`, `-0.5` → `−0.5`, `1234567` → `1.23457e6` at 6 digits).
    public static func significant(_ x: Double, digits: Int) -> String {
        precondition(digits >= 1, "significant(_:digits:) needs at least one digit")
        guard x.isFinite, x != 0 else { return full(x) }
        return people(rounded(x, digits: digits), largest: digits)
    }

    /// `x` rounded to `digits` significant digits, as a number (`0.49999999999999994` → `0.5` at 10):
    /// the value ``significant(_:digits:)`` writes.
    public static func rounded(_ x: Double, digits: Int) -> Double {
        precondition(digits >= 1, "rounded(_:digits:) needs at least one digit")
        guard x.isFinite, x != 0 else { return x }
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
        return rounded.isFinite ? rounded : x
    }

    /// Every digit `x` needs to read back exactly, for people (tooltips, constant exponents):
    /// `0.30000000000000004`, `−0.5`, `1e−5`, `∞`.
    public static func full(_ x: Double) -> String {
        people(x, largest: 17)
    }

    /// A sum of terms as written for people: a negative term is subtracted (`3 − 2`, not `3 + −2`);
    /// `digits` significant digits, or every digit when nil.
    public static func sum(_ terms: [Double], digits: Int? = nil) -> String {
        terms.enumerated().map { index, x in index == 0 ? text(x, digits: digits) : term(x, digits: digits) }.joined()
    }

    /// One term after the first of a sum, with its operator: ` + 2` or ` − 2`.
    public static func term(_ x: Double, digits: Int? = nil) -> String {
        x < 0 ? " " + minus + " " + text(-x, digits: digits) : " + " + text(x, digits: digits)
    }

    private static func text(_ x: Double, digits: Int?) -> String {
        digits.map { significant(x, digits: $0) } ?? full(x)
    }

    /// Lays out the shortest digits of `x` in positional form when its exponent is from −5 up to
    /// `largest − 1`, otherwise as `d.ddde±n`; every minus sign is U+2212.
    private static func people(_ x: Double, largest: Int) -> String {
        guard x.isFinite else { return x.isNaN ? "NaN" : (x > 0 ? "∞" : minus + "∞") }
        if x == 0 { return "0" }
        let (digits, exponent) = decimal(Swift.abs(x))
        var text: String
        if exponent < -4 || exponent >= largest {
            text = String(digits.first ?? "0")
            if digits.count > 1 { text += "." + digits.dropFirst() }
            text += "e" + (exponent < 0 ? minus : "") + String(Swift.abs(exponent))
        } else if exponent < 0 {
            text = "0." + String(repeating: "0", count: -exponent - 1) + digits
        } else if digits.count > exponent + 1 {
            let point = digits.index(digits.startIndex, offsetBy: exponent + 1)
            text = digits[..<point] + "." + digits[point...]
        } else {
            text = digits + String(repeating: "0", count: exponent + 1 - digits.count)
        }
        return (x < 0 ? minus : "") + text
    }

    /// The shortest round-trip significant digits of a positive finite `x` and its decimal exponent:
    /// `1234.5` → (`12345`, 3), `1e-05` → (`1`, −5).
    private static func decimal(_ x: Double) -> (digits: String, exponent: Int) {
        let text = x.description
        let parts = text.split(separator: "e", maxSplits: 1)
        let mantissa = parts[0]
        let written = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        let point = mantissa.firstIndex(of: ".") ?? mantissa.endIndex
        let whole = mantissa[..<point]
        let fraction = point < mantissa.endIndex ? mantissa[mantissa.index(after: point)...] : ""
        var all = String(whole + fraction)
        var exponent = written + whole.count - 1
        while all.first == "0" && all.count > 1 {
            all.removeFirst()
            exponent -= 1
        }
        while all.last == "0" && all.count > 1 { all.removeLast() }
        return (all, exponent)
    }

    private static func powerOfTen(_ n: Int) -> Double {
        var result = 1.0
        for _ in 0 ..< Swift.min(n, 22) { result *= 10 }
        return n > 22 ? result * Double.pow(10, Double(n - 22)) : result
    }
}
