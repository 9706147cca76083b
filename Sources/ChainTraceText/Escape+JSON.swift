extension Escape {
    /// A JSON string literal: quotes, backslashes and control characters escaped.
    public static func jsonString(_ text: String) -> String {
        let buffer = ByteBuffer(capacity: text.utf8.count + 2)
        appendJSONString(text, to: buffer)
        return String(decoding: buffer.bytes, as: UTF8.self)
    }

    /// Appends the JSON string literal of `text` as ``jsonString(_:)`` spells it.
    ///
    /// Works on UTF-8 bytes: every byte that needs escaping is ASCII, and the bytes of a multi-byte
    /// character are all 0x80 and above, so runs of plain bytes are copied as they are.
    package static func appendJSONString(_ text: String, to buffer: ByteBuffer) {
        buffer.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                buffer.append(UnsafeBufferPointer(rebasing: utf8[runStart ..< index]))
                runStart = index + 1
                buffer.append(jsonEscape(byte))
            }
            buffer.append(UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        buffer.append(UInt8(ascii: "\""))
    }

    private static func jsonEscape(_ byte: UInt8) -> String {
        switch byte {
        case UInt8(ascii: "\""): return "\\\""
        case UInt8(ascii: "\\"): return "\\\\"
        case UInt8(ascii: "\n"): return "\\n"
        case UInt8(ascii: "\r"): return "\\r"
        case UInt8(ascii: "\t"): return "\\t"
        default:
            let hex = String(byte, radix: 16)
            return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
    }

    /// JSON text made safe inside `<script type="application/json">`.
    ///
    /// `<`, `>`, `&`, U+2028 and U+2029 become `\u003c`, `\u003e`, `\u0026`, `\u2028`, `\u2029`:
    /// `</script>` and `<!--` can then never end or alter the element, and the JSON still parses
    /// to the same value (these characters can only occur inside JSON strings).
    ///
    /// A byte loop of its own: a report holds megabytes of it (the diagrams' SVG as JSON strings,
    /// the trace), where `<` and `>` are most of what it replaces.
    public static func scriptJSON(_ json: String) -> String {
        var json = json
        let escaped: ByteBuffer? = json.withUTF8 { utf8 in
            var out: ByteBuffer?
            var runStart = 0
            for index in utf8.indices {
                let escape: StaticString
                switch utf8[index] {
                case UInt8(ascii: "<"): escape = "\\u003c"
                case UInt8(ascii: ">"): escape = "\\u003e"
                case UInt8(ascii: "&"): escape = "\\u0026"
                // U+2028 and U+2029 are E2 80 A8 and E2 80 A9 (E2 only ever leads), replaced at their last byte.
                case 0xA8 where index >= 2 && utf8[index - 2] == 0xE2 && utf8[index - 1] == 0x80: escape = "\\u2028"
                case 0xA9 where index >= 2 && utf8[index - 2] == 0xE2 && utf8[index - 1] == 0x80: escape = "\\u2029"
                default: continue
                }
                let first = utf8[index] < 0x80 ? index : index - 2
                let buffer = out ?? ByteBuffer(capacity: utf8.count + utf8.count / 8)
                buffer.append(UnsafeBufferPointer(rebasing: utf8[runStart ..< first]))
                buffer.append(escape)
                out = buffer
                runStart = index + 1
            }
            out?.append(UnsafeBufferPointer(rebasing: utf8[runStart...]))
            return out
        }
        return escaped.map { String(decoding: $0.bytes, as: UTF8.self) } ?? json
    }
}
