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
    ///
    /// Works on the UTF-8 bytes of `x.description` and writes the text in one go: tables and pages
    /// write hundreds of thousands of numbers.
    private static func people(_ x: Double, largest: Int) -> String {
        guard x.isFinite else { return x.isNaN ? "NaN" : (x > 0 ? "∞" : minus + "∞") }
        if x == 0 { return "0" }
        var description = Swift.abs(x).description
        return description.withUTF8 { text in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: text.count) { buffer in
                let (digits, exponent) = decimal(text, into: buffer)
                return layout(UnsafeBufferPointer(rebasing: digits), exponent: exponent, negative: x < 0, largest: largest)
            }
        }
    }

    /// The shortest round-trip significant digits of a positive finite number from its description
    /// (`1234.5`, `1e-05`, `1.5e+16`), copied into `buffer`, and its decimal exponent:
    /// `1234.5` → (`12345`, 3), `1e-05` → (`1`, −5). No leading or trailing zeros but a lone `0`.
    private static func decimal(_ text: UnsafeBufferPointer<UInt8>, into buffer: UnsafeMutableBufferPointer<UInt8>) -> (Slice<UnsafeMutableBufferPointer<UInt8>>, Int) {
        var count = 0, whole = 0, written = 0, afterPoint = false
        var index = 0
        while index < text.count {
            let byte = text[index]
            index += 1
            if byte == UInt8(ascii: ".") {
                afterPoint = true
            } else if byte == UInt8(ascii: "e") {
                var negative = false
                if index < text.count, text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+") {
                    negative = text[index] == UInt8(ascii: "-")
                    index += 1
                }
                while index < text.count {
                    written = written * 10 + Int(text[index] &- UInt8(ascii: "0"))
                    index += 1
                }
                if negative { written = -written }
            } else {
                buffer[count] = byte
                count += 1
                if !afterPoint { whole += 1 }
            }
        }
        var exponent = written + whole - 1
        var start = 0, end = count
        while start < end - 1 && buffer[start] == UInt8(ascii: "0") {
            start += 1
            exponent -= 1
        }
        while end - start > 1 && buffer[end - 1] == UInt8(ascii: "0") { end -= 1 }
        return (buffer[start ..< end], exponent)
    }

    /// `digits` with the decimal exponent `exponent` as ``people(_:largest:)`` writes them.
    private static func layout(_ digits: UnsafeBufferPointer<UInt8>, exponent: Int, negative: Bool, largest: Int) -> String {
        let minusBytes: (UInt8, UInt8, UInt8) = (0xE2, 0x88, 0x92)  // U+2212, `minus` in UTF-8
        let scientific = exponent < -4 || exponent >= largest
        var powerDigits = 1
        var rest = Swift.abs(exponent)
        while rest >= 10 { rest /= 10; powerDigits += 1 }
        let length: Int
        if scientific {
            length = 1 + (digits.count > 1 ? digits.count : 0) + 1 + (exponent < 0 ? 3 : 0) + powerDigits
        } else if exponent < 0 {
            length = 1 - exponent + digits.count
        } else {
            length = digits.count > exponent + 1 ? digits.count + 1 : exponent + 1
        }
        return String(unsafeUninitializedCapacity: (negative ? 3 : 0) + length) { out in
            var at = 0
            func put(_ byte: UInt8) { out[at] = byte; at += 1 }
            func put(_ bytes: some Sequence<UInt8>) { for byte in bytes { put(byte) } }
            func putMinus() { put(minusBytes.0); put(minusBytes.1); put(minusBytes.2) }
            if negative { putMinus() }
            if scientific {
                put(digits[0])
                if digits.count > 1 {
                    put(UInt8(ascii: "."))
                    put(digits.dropFirst())
                }
                put(UInt8(ascii: "e"))
                if exponent < 0 { putMinus() }
                var power = Swift.abs(exponent)
                for place in stride(from: powerDigits - 1, through: 0, by: -1) {
                    out[at + place] = UInt8(ascii: "0") + UInt8(power % 10)
                    power /= 10
                }
                at += powerDigits
            } else if exponent < 0 {
                put(UInt8(ascii: "0"))
                put(UInt8(ascii: "."))
                put(repeatElement(UInt8(ascii: "0"), count: -exponent - 1))
                put(digits)
            } else if digits.count > exponent + 1 {
                put(digits.prefix(exponent + 1))
                put(UInt8(ascii: "."))
                put(digits.dropFirst(exponent + 1))
            } else {
                put(digits)
                put(repeatElement(UInt8(ascii: "0"), count: exponent + 1 - digits.count))
            }
            return at
        }
    }

    private static func powerOfTen(_ n: Int) -> Double {
        var result = 1.0
        for _ in 0 ..< Swift.min(n, 22) { result *= 10 }
        return n > 22 ? result * Double.pow(10, Double(n - 22)) : result
    }
}
