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
    public static func scriptJSON(_ json: String) -> String {
        replacingScalars(of: json) { scalar in
            switch scalar {
            case "<": "\\u003c"
            case ">": "\\u003e"
            case "&": "\\u0026"
            case "\u{2028}": "\\u2028"
            case "\u{2029}": "\\u2029"
            default: nil
            }
        }
    }
}
