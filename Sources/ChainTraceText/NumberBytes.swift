/// Numbers as ASCII bytes written in place, with no String made per number: the JSON writers' hot
/// path (a large trace JSON document is mostly numbers).
package enum NumberBytes {
    /// The most bytes ``write(_:to:)-(Int64,_)`` or ``writeJSON(_:to:)`` writes for one number
    /// (`-2.2250738585072014e-308` is 24; room is kept for the `.0` that `write(to:)` adds and is taken off).
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
    package static func writeShortest(_ x: Double, to out: UnsafeMutablePointer<UInt8>) -> Int {
        // Whole numbers below 10^15 are exact integers, and `description` writes them positionally:
        // their digits are the integer's.
        if x.magnitude < 1e15, x == x.rounded(.towardZero) {
            guard x.sign == .minus else { return writeDigits(UInt64(x.magnitude), to: out) }
            out[0] = UInt8(ascii: "-")
            return 1 + writeDigits(UInt64(x.magnitude), to: out + 1)
        }
        var stream = PointerStream(out: out)
        x.write(to: &stream)
        let count = stream.count
        if count > 2, out[count - 1] == UInt8(ascii: "0"), out[count - 2] == UInt8(ascii: ".") { return count - 2 }
        return count
    }

    /// The decimal digits of `value`; returns how many.
    @usableFromInline
    static func writeDigits(_ value: UInt64, to out: UnsafeMutablePointer<UInt8>) -> Int {
        var digits = 1
        var rest = value
        while rest >= 10 {
            rest /= 10
            digits += 1
        }
        rest = value
        for index in stride(from: digits - 1, through: 0, by: -1) {
            out[index] = UInt8(truncatingIfNeeded: rest % 10) &+ UInt8(ascii: "0")
            rest /= 10
        }
        return digits
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

/// Copies what it is given to `out`: `Double.write(to:)` hands its digits to `_writeASCII` from a
/// stack buffer, so writing a number through it allocates nothing.
private struct PointerStream: TextOutputStream {
    let out: UnsafeMutablePointer<UInt8>
    var count = 0

    mutating func write(_ string: String) {
        var string = string
        string.withUTF8 { _writeASCII($0) }
    }

    mutating func _writeASCII(_ bytes: UnsafeBufferPointer<UInt8>) {
        // `description` is at most 24 bytes (and `.0`): within `maximumCount`.
        precondition(count + bytes.count <= NumberBytes.maximumCount, "a number's text is longer than NumberBytes.maximumCount")
        guard let source = bytes.baseAddress else { return }
        (out + count).update(from: source, count: bytes.count)
        count += bytes.count
    }
}
