extension Escape {
    /// Text for XML (and HTML) element content, MathML `<mi>` included: `& < > " '` as character
    /// references; control characters other than tab and newline, DEL, C1 controls and U+FFFE/U+FFFF
    /// become U+FFFD, so the document stays well-formed.
    public static func xmlText(_ text: String) -> String {
        replacingScalars(of: text) { scalar in
            switch scalar {
            case "&": "&amp;"
            case "<": "&lt;"
            case ">": "&gt;"
            case "\"": "&quot;"
            case "'": "&#39;"
            case _ where isXMLForbidden(scalar) || isC1OrDelete(scalar): "\u{FFFD}"
            default: nil
            }
        }
    }

    /// Text for a quoted XML attribute value: as ``xmlText(_:)``, and tab and newline as `&#9;` and
    /// `&#10;`, which an XML parser would otherwise turn into spaces.
    public static func xmlAttribute(_ text: String) -> String {
        replacingScalars(of: xmlText(text)) { scalar in
            switch scalar {
            case "\t": "&#9;"
            case "\n": "&#10;"
            default: nil
            }
        }
    }
}
