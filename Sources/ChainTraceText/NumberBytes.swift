/// Numbers as ASCII bytes appended to a buffer, with no String made per number: the JSON writer's
/// hot path (a large trace JSON document is mostly numbers).
enum NumberBytes {
    /// The decimal digits of `value`, with a minus sign when it is negative.
    static func append(_ value: Int64, to buffer: ByteBuffer) {
        if value < 0 { buffer.append(UInt8(ascii: "-")) }
        appendDigits(value.magnitude, to: buffer)
    }

    /// The text of `Double.description` for the finite `x`, without its trailing `.0` (`300`, `0.1`,
    /// `1e-05`, `-0`): the shortest text that reads back as exactly `x`.
    static func appendShortest(_ x: Double, to buffer: ByteBuffer) {
        // Whole numbers below 10^15 are exact integers, and `description` writes them positionally:
        // their digits are the integer's.
        if x.magnitude < 1e15, x == x.rounded(.towardZero) {
            if x.sign == .minus { buffer.append(UInt8(ascii: "-")) }
            appendDigits(UInt64(x.magnitude), to: buffer)
            return
        }
        let start = buffer.count
        var stream = BufferStream(buffer: buffer)
        x.write(to: &stream)
        let end = buffer.count
        if end - start > 2, buffer.base[end - 1] == UInt8(ascii: "0"), buffer.base[end - 2] == UInt8(ascii: ".") {
            buffer.removeLast(2)
        }
    }

    private static func appendDigits(_ value: UInt64, to buffer: ByteBuffer) {
        var digits = 1
        var rest = value
        while rest >= 10 {
            rest /= 10
            digits += 1
        }
        buffer.appendInPlace(maximum: digits) { out in
            var rest = value
            for index in stride(from: digits - 1, through: 0, by: -1) {
                out[index] = UInt8(truncatingIfNeeded: rest % 10) &+ UInt8(ascii: "0")
                rest /= 10
            }
            return digits
        }
    }
}

/// Appends what it is given to a buffer: `Double.write(to:)` hands its digits to `_writeASCII`
/// from a stack buffer, so writing a number through it allocates nothing.
private struct BufferStream: TextOutputStream {
    let buffer: ByteBuffer

    func write(_ string: String) {
        buffer.append(string)
    }

    func _writeASCII(_ bytes: UnsafeBufferPointer<UInt8>) {
        buffer.append(bytes)
    }
}
