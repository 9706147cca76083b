extension Escape {
    /// A name or other untrusted text for a terminal: every scalar that can move the cursor, start an
    /// escape sequence or reorder the line is written as Swift spells it, `\u{1B}`.
    ///
    /// That covers C0 controls (tab and newline included: a name must not break a table's row),
    /// DEL, C1 controls, the line and paragraph separators and the bidirectional overrides and
    /// isolates (U+202A–U+202E, U+2066–U+2069), which could make text read in a different order.
    public static func terminal(_ text: String) -> String {
        terminal(text, keepingLayout: false)
    }

    /// Text already laid out in lines for a terminal (a table, a message): as ``terminal(_:)``, but
    /// tab and newline stay as they are.
    public static func terminalLines(_ text: String) -> String {
        terminal(text, keepingLayout: true)
    }

    private static func terminal(_ text: String, keepingLayout: Bool) -> String {
        // Most text has nothing to escape: one pass over its bytes says so (tables run to megabytes).
        guard mayNeedEscaping(text, keepingLayout: keepingLayout) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if keepingLayout, scalar == "\n" || scalar == "\t" {
                out.unicodeScalars.append(scalar)
            } else if scalar.value < 0x20 || isC1OrDelete(scalar) || (0x2028 ... 0x2029).contains(scalar.value)
                || (0x202A ... 0x202E).contains(scalar.value) || (0x2066 ... 0x2069).contains(scalar.value) {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Whether `text` has a scalar that ``terminal(_:keepingLayout:)`` escapes, read from its UTF-8
    /// bytes: a C0 control (but tab and newline when the layout is kept), DEL, a C1 control
    /// (C2 80–C2 9F), U+2028–U+202E (E2 80 A8–AE) or U+2066–U+2069 (E2 81 A6–A9).
    private static func mayNeedEscaping(_ text: String, keepingLayout: Bool) -> Bool {
        // Over contiguous bytes: iterating `utf8` costs tens of instructions a byte, and tables run to megabytes.
        text.utf8.withContiguousStorageIfAvailable { mayNeedEscaping($0, keepingLayout: keepingLayout) }
            ?? Array(text.utf8).withUnsafeBufferPointer { mayNeedEscaping($0, keepingLayout: keepingLayout) }
    }

    private static func mayNeedEscaping(_ bytes: UnsafeBufferPointer<UInt8>, keepingLayout: Bool) -> Bool {
        for index in bytes.indices {
            let byte = bytes[index]
            // Printable ASCII, nearly every byte, first.
            if byte >= 0x20 && byte < 0x7F { continue }
            if byte < 0x20 {
                if keepingLayout && (byte == 0x0A || byte == 0x09) { continue }
                return true
            }
            if byte == 0x7F { return true }
            // The last byte of a sequence that is escaped.
            let previous = index >= 1 ? bytes[index - 1] : 0, first = index >= 2 ? bytes[index - 2] : 0
            if previous == 0xC2 && (0x80 ... 0x9F).contains(byte) || first == 0xE2 && previous == 0x80 && (0xA8 ... 0xAE).contains(byte)
                || first == 0xE2 && previous == 0x81 && (0xA6 ... 0xA9).contains(byte) {
                return true
            }
        }
        return false
    }
}
