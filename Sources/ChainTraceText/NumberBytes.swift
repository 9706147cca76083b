/// Numbers as ASCII bytes written in place, with no String made per number: the JSON writers' hot
/// path (a large trace JSON document is mostly numbers).
package enum NumberBytes {
    /// The most bytes ``write(_:to:)-(Int64,_)`` or ``writeJSON(_:to:)`` writes for one number
    /// (`-2.2250738585072014e-308` is 24, `-9223372036854775808` 20).
    package static let maximumCount = 32

    /// The decimal digits of `value`, with a minus sign when it is negative; returns the bytes written.
    @inlinable
    package static func write(_ value: Int64, to out: UnsafeMutablePointer<UInt8>) -> Int {
        guard value < 0 else { return writeDigits(value.magnitude, to: out) }
        out[0] = UInt8(ascii: "-")
        return 1 + writeDigits(value.magnitude, to: out + 1)
    }

    /// A number as trace JSON writes it: ``writeShortest(_:to:)`` for a finite number, the strings
    /// `"NaN"`, `"Infinity"` and `"-Infinity"` (JSON has no such numbers) for the others.
    package static func writeJSON(_ x: Double, to out: UnsafeMutablePointer<UInt8>) -> Int {
        guard !x.isFinite else { return writeShortest(x, to: out) }
        let text: StaticString = x.isNaN ? "\"NaN\"" : (x > 0 ? "\"Infinity\"" : "\"-Infinity\"")
        out.update(from: text.utf8Start, count: text.utf8CodeUnitCount)
        return text.utf8CodeUnitCount
    }

    /// The text of `Double.description` for the finite `x`, without its trailing `.0` (`300`, `0.1`,
    /// `1e-05`, `-0`): the shortest text that reads back as exactly `x`. Returns the bytes written.
    ///
    /// The digits are ``ShortestDigits``'; the layout is `description`'s: positional from 10^−4 up to
    /// 2^53, otherwise `d.ddde±XX` with at least two exponent digits.
    package static func writeShortest(_ x: Double, to out: UnsafeMutablePointer<UInt8>) -> Int {
        guard x.isFinite else { return writeDescription(x, to: out) }
        var sign = 0
        if x.sign == .minus {
            out[0] = UInt8(ascii: "-")
            sign = 1
        }
        let p = out + sign
        // Whole numbers below 10^15 are exact integers, and `description` writes them positionally:
        // their digits are the integer's (zero among them).
        if x.magnitude < 1e15, x == x.rounded(.towardZero) { return sign + writeDigits(UInt64(x.magnitude), to: p) }
        let (digits, exponent) = ShortestDigits.of(x.magnitude)
        let count = digitCount(digits)
        // x = 0.d₁d₂… × 10^point
        let point = exponent &+ count
        if point < -3 || x.magnitude > 9_007_199_254_740_992 {
            // d.ddd, written one place to the right and its first digit moved left over the point.
            writeDigits(digits, count: count, endingAt: p + count + 1)
            p[0] = p[1]
            var length = 1
            if count > 1 {
                p[1] = UInt8(ascii: ".")
                length = count + 1
            }
            p[length] = UInt8(ascii: "e")
            p[length + 1] = point > 0 ? UInt8(ascii: "+") : UInt8(ascii: "-")
            var power = point > 0 ? point - 1 : 1 - point
            length += 2
            if power >= 100 {
                p[length] = UInt8(truncatingIfNeeded: power / 100) &+ UInt8(ascii: "0")
                power %= 100
                length += 1
            }
            writeDigits(UInt64(power), count: 2, endingAt: p + length + 2)
            return sign + length + 2
        }
        if point <= 0 {
            // 0.000ddd
            let zeros = -point
            p.update(repeating: UInt8(ascii: "0"), count: zeros + 2)
            p[1] = UInt8(ascii: ".")
            writeDigits(digits, count: count, endingAt: p + 2 + zeros + count)
            return sign + 2 + zeros + count
        }
        if count <= point {
            // ddd000 (`description`'s `.0` left off)
            writeDigits(digits, count: count, endingAt: p + count)
            (p + count).update(repeating: UInt8(ascii: "0"), count: point - count)
            return sign + point
        }
        // ddd.ddd: the whole part written one place to the left of its final place, then moved over the point.
        writeDigits(digits, count: count, endingAt: p + count + 1)
        for index in 0 ..< point { p[index] = p[index + 1] }
        p[point] = UInt8(ascii: ".")
        return sign + count + 1
    }

    /// `x.description` for a non-finite `x` (`inf`, `-inf`, `nan`), which JSON writers never ask for.
    private static func writeDescription(_ x: Double, to out: UnsafeMutablePointer<UInt8>) -> Int {
        var text = x.description
        return text.withUTF8 { utf8 in
            guard let source = utf8.baseAddress else { return 0 }
            let count = Swift.min(utf8.count, maximumCount)
            out.update(from: source, count: count)
            return count
        }
    }

    /// The decimal digits of `value`; returns how many.
    @usableFromInline
    static func writeDigits(_ value: UInt64, to out: UnsafeMutablePointer<UInt8>) -> Int {
        let count = digitCount(value)
        writeDigits(value, count: count, endingAt: out + count)
        return count
    }

    /// How many decimal digits `value` has: the shortest digits of a double mostly have 15 to 17.
    @inline(__always)
    static func digitCount(_ value: UInt64) -> Int {
        if value >= 10_000_000_000_000_000 { return value >= 10_000_000_000_000_000_000 ? 20 : (value >= 1_000_000_000_000_000_000 ? 19 : (value >= 100_000_000_000_000_000 ? 18 : 17)) }
        if value >= 1_000_000_000_000_000 { return 16 }
        if value >= 100_000_000_000_000 { return 15 }
        var count = 1, power: UInt64 = 10
        while value >= power {
            count &+= 1
            power &*= 10
        }
        return count
    }

    /// The last `count` decimal digits of `value` (zero-padded), written to end just before `end`,
    /// two at a time.
    @inline(__always)
    static func writeDigits(_ value: UInt64, count: Int, endingAt end: UnsafeMutablePointer<UInt8>) {
        let pairs = twoDigits
        var value = value, position = end
        var left = count
        while left >= 2 {
            let pair = Int(truncatingIfNeeded: value % 100) &* 2
            value /= 100
            position -= 2
            position[0] = pairs[pair]
            position[1] = pairs[pair &+ 1]
            left &-= 2
        }
        if left == 1 { (position - 1).pointee = UInt8(truncatingIfNeeded: value % 10) &+ UInt8(ascii: "0") }
    }

    /// "00", "01", … "99", one after another.
    private static var twoDigits: UnsafePointer<UInt8> {
        let pairs: StaticString = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"
        return pairs.utf8Start
    }
}

extension ByteBuffer {
    /// Appends the decimal digits of `value`.
    func append(_ value: Int64) {
        appendInPlace(maximum: NumberBytes.maximumCount) { NumberBytes.write(value, to: $0) }
    }

    /// Appends a number as ``NumberBytes/writeJSON(_:to:)`` writes it.
    func appendJSON(_ x: Double) {
        appendInPlace(maximum: NumberBytes.maximumCount) { NumberBytes.writeJSON(x, to: $0) }
    }
}
