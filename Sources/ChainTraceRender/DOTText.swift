/// Escaping of user text (node names, scope names) for each place DOT puts it.
///
/// The rules are the measured ones in the project's Graphviz notes: names come from users and
/// from trace JSON made elsewhere, so no name may add or change a node, an edge or an attribute.
enum DOTText {
    /// Text made safe for XML output: a tab becomes a space (Graphviz would drop it), other control
    /// characters and the non-characters U+FFFE/U+FFFF become U+FFFD, CR and CRLF a newline.
    static func sanitized(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar.value {
            case 0x0D: out.append("\n")
            case 0x0A: if !previousWasCR { out.append(scalar) }
            case 0x09: out.append(" ")
            case 0x00 ..< 0x20, 0xFFFE, 0xFFFF: out.append("\u{FFFD}")
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// Text inside an HTML-like label: entities for `& < > " '` and `]`, `\\` for a backslash
    /// (Graphviz substitutes `\N` even there), `<br/>` for a newline.
    static func html(_ text: String) -> String {
        var out = ""
        for scalar in sanitized(text).unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "]": out += "&#93;"
            case "\\": out += "\\\\"
            case "\n": out += "<br/>"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A double-quoted attribute value for `tooltip`, whose backslashes Graphviz 2.42 processes twice.
    static func tooltip(_ text: String) -> String {
        var out = "\""
        for scalar in sanitized(text).unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\\\\\"
            case "\"": out += "\\\""
            case "&": out += "&amp;"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Only the characters allowed in generated ids and classes: `[A-Za-z0-9_-]`.
    static func identifier(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter {
            ("a" ... "z").contains($0) || ("A" ... "Z").contains($0) || ("0" ... "9").contains($0) || $0 == "_" || $0 == "-"
        }))
    }
}
