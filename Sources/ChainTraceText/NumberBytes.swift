/// Numbers as ASCII bytes appended to a buffer, with no String made per number: the JSON writer's
/// hot path (a large trace JSON document is mostly numbers).
enum NumberBytes {
    /// The decimal digits of `value`, with a minus sign when it is negative.
    static func append(_ value: Int64, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(value.magnitude, to: &bytes)
    }

    /// The text of `Double.description` for the finite `x`, without its trailing `.0` (`300`, `0.1`,
    /// `1e-05`, `-0`): the shortest text that reads back as exactly `x`.
    static func appendShortest(_ x: Double, to bytes: inout [UInt8]) {
        // Whole numbers below 10^15 are exact integers, and `description` writes them positionally:
        // their digits are the integer's.
        if x.magnitude < 1e15, x == x.rounded(.towardZero) {
            if x.sign == .minus { bytes.append(UInt8(ascii: "-")) }
            appendDigits(UInt64(x.magnitude), to: &bytes)
            return
        }
        var stream = ASCIIStream()
        swap(&stream.bytes, &bytes)
        let start = stream.bytes.count
        x.write(to: &stream)
        swap(&stream.bytes, &bytes)
        let end = bytes.count
        if end - start > 2, bytes[end - 1] == UInt8(ascii: "0"), bytes[end - 2] == UInt8(ascii: ".") {
            bytes.removeLast(2)
        }
    }

    private static func appendDigits(_ value: UInt64, to bytes: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var rest = value
            var first = digits.count
            repeat {
                first -= 1
                digits[first] = UInt8(truncatingIfNeeded: rest % 10) &+ UInt8(ascii: "0")
                rest /= 10
            } while rest > 0
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[first...]))
        }
    }
}

/// Appends what it is given to a byte array: `Double.write(to:)` hands its digits to
/// `_writeASCII` from a stack buffer, so writing a number through it allocates nothing.
private struct ASCIIStream: TextOutputStream {
    var bytes: [UInt8] = []

    mutating func write(_ string: String) {
        bytes.append(contentsOf: string.utf8)
    }

    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: buffer)
    }
}
