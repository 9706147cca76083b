/// A place in a text file for people: line and column (both from 1), from a byte offset.
///
/// Columns count Unicode scalars, as editors do, so a message points at the same place the user sees.
public struct TextLocation: Sendable, Equatable, CustomStringConvertible {
    /// The line, from 1.
    public let line: Int
    /// The column on that line, from 1, in Unicode scalars.
    public let column: Int

    /// The location of the byte at `offset` in `bytes` (an offset at the end points after the last byte).
    public init(offset: Int, in bytes: some Collection<UInt8>) {
        let before = bytes.prefix(max(0, offset))
        var line = 1, column = 1
        for byte in before {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                // Continuation bytes belong to the scalar their lead byte started.
                column += 1
            }
        }
        self.line = line
        self.column = column
    }

    /// `line 3, column 14`
    public var description: String { "line \(line), column \(column)" }

    /// Where `bytes` stop being UTF-8 and why, `line 2, column 7: not UTF-8 text: byte 12 (0xFF) …`,
    /// or nil when all of `bytes` is well-formed UTF-8.
    public static func utf8Problem(in bytes: some Collection<UInt8>) -> (location: TextLocation, message: String)? {
        guard let offset = firstInvalidUTF8(in: bytes) else { return nil }
        let byte = bytes.dropFirst(offset).first ?? 0
        let hex = String(byte, radix: 16, uppercase: true)
        return (TextLocation(offset: offset, in: bytes),
                "not UTF-8 text: byte \(offset) (0x\(hex.count == 1 ? "0" + hex : hex)) does not start or continue a character")
    }

    /// The offset of the first byte that is not well-formed UTF-8, or nil when all of `bytes` is.
    public static func firstInvalidUTF8(in bytes: some Sequence<UInt8>) -> Int? {
        // Well-formed text, the common case, passes the standard library's validation in one fast pass.
        if bytes.withContiguousStorageIfAvailable({ String(validating: $0, as: UTF8.self) != nil }) == true { return nil }
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}
