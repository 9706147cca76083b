extension Escape {
    /// Text inside a Graphviz HTML-like label: entities for `& < > " '` and `]`, `\\` for a backslash
    /// (Graphviz substitutes `\N` even there), `<br/>` for a newline;
    /// other characters cleaned as ``dotTooltip(_:)`` says.
    ///
    /// The rules are the measured ones in the project's Graphviz notes: no name may add or change a
    /// node, an edge or an attribute.
    public static func dotLabel(_ text: String) -> String {
        replacingScalars(of: graphvizSafe(text)) { scalar in
            switch scalar {
            case "&": "&amp;"
            case "<": "&lt;"
            case ">": "&gt;"
            case "\"": "&quot;"
            case "'": "&#39;"
            case "]": "&#93;"
            case "\\": "\\\\"
            case "\n": "<br/>"
            default: nil
            }
        }
    }

    /// A double-quoted DOT attribute value for `tooltip`, whose backslashes Graphviz 2.42 processes twice.
    ///
    /// Before escaping, text is made safe for Graphviz to copy into SVG and hand to Pango: a tab
    /// becomes a space (Graphviz would drop it), CR, CRLF, U+2028 and U+2029 a newline, other
    /// control characters and U+FFFE/U+FFFF U+FFFD.
    public static func dotTooltip(_ text: String) -> String {
        let escaped = replacingScalars(of: graphvizSafe(text)) { scalar in
            switch scalar {
            case "\\": "\\\\\\\\"
            case "\"": "\\\""
            case "&": "&amp;"
            case "\n": "\\n"
            default: nil
            }
        }
        return "\"" + escaped + "\""
    }

    /// The cleaning ``dotLabel(_:)`` and ``dotTooltip(_:)`` share.
    static func graphvizSafe(_ text: String) -> String {
        var previousWasCR = false
        return replacingScalars(of: text) { scalar in
            defer { previousWasCR = scalar == "\r" }
            switch scalar.value {
            case 0x0D, 0x2028, 0x2029: return "\n"
            case 0x0A: return previousWasCR ? "" : nil
            case 0x09: return " "
            case _ where isXMLForbidden(scalar): return "\u{FFFD}"
            default: return nil
            }
        }
    }

    /// Only the characters allowed in generated ids and classes: `[A-Za-z0-9_-]`.
    public static func identifier(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter {
            ("a" ... "z").contains($0) || ("A" ... "Z").contains($0) || ("0" ... "9").contains($0) || $0 == "_" || $0 == "-"
        }))
    }
}
