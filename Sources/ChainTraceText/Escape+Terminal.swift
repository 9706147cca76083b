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
}
