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

    /// The offset of the first byte that is not well-formed UTF-8, or nil when all of `bytes` is.
    public static func firstInvalidUTF8(in bytes: some Sequence<UInt8>) -> Int? {
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
