/// Escaping of untrusted text (node names, scope names, titles, notes) for each output context.
///
/// This is the boundary between text that came from users or from trace JSON made elsewhere and
/// the formats chaintrace writes. Every writer calls the function for its context; none escapes on
/// its own. No function here can let the text add or end an element, an attribute, a DOT
/// statement, a JSON value or a terminal control sequence.
public enum Escape {}

extension Escape {
    /// Scalars that are not allowed in XML 1.0 or that Graphviz drops: C0 controls other than tab and
    /// line feed, and the non-characters U+FFFE, U+FFFF.
    static func isXMLForbidden(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t" && scalar != "\n") || scalar.value == 0xFFFE || scalar.value == 0xFFFF
    }

    /// C1 controls (U+0080–U+009F) and DEL: allowed by XML but shown by nothing.
    static func isC1OrDelete(_ scalar: Unicode.Scalar) -> Bool {
        (0x7F ... 0x9F).contains(scalar.value)
    }
}

extension Escape {
    /// `text` with each scalar for which `replacement` gives a string replaced by it: the one loop
    /// of every escaper that maps characters to entities or escape sequences.
    ///
    /// Works on the UTF-8 bytes: runs of scalars kept as they are are copied in one piece, and a text
    /// with nothing to replace (most names and numbers) is returned as it is. Appending scalar by
    /// scalar to a String cost about 400 instructions a scalar, most of a large diagram's DOT text.
    static func replacingScalars(of text: String, _ replacement: (Unicode.Scalar) -> String?) -> String {
        var text = text
        let replaced: ByteBuffer? = text.withUTF8 { utf8 in
            var out: ByteBuffer?
            var runStart = 0, index = 0
            while index < utf8.count {
                let (scalar, length) = decodedScalar(utf8, at: index)
                if let replacement = replacement(scalar) {
                    let buffer = out ?? ByteBuffer(capacity: utf8.count + 16)
                    buffer.append(UnsafeBufferPointer(rebasing: utf8[runStart ..< index]))
                    buffer.append(replacement)
                    out = buffer
                    runStart = index + length
                }
                index += length
            }
            out?.append(UnsafeBufferPointer(rebasing: utf8[runStart...]))
            return out
        }
        return replaced.map { String(decoding: $0.bytes, as: UTF8.self) } ?? text
    }

    /// The scalar whose UTF-8 encoding starts at `index` of `utf8` (a String's, so valid), and its length in bytes.
    @inline(__always)
    private static func decodedScalar(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let lead = utf8[index]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let length = min(lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2, utf8.count - index)
        var value = UInt32(lead) & (0x7F >> length)
        for offset in 1 ..< length {
            value = value << 6 | UInt32(utf8[index + offset] & 0x3F)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }
}
