extension Escape {
    /// Text for XML (and HTML) element content, MathML `<mi>` included: `& < > " '` as character
    /// references; control characters other than tab and newline, DEL, C1 controls and U+FFFE/U+FFFF
    /// become U+FFFD, so the document stays well-formed.
    public static func xmlText(_ text: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case _ where isXMLForbidden(scalar) || isC1OrDelete(scalar): out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Text for a quoted XML attribute value: as ``xmlText(_:)``, and tab and newline as `&#9;` and
    /// `&#10;`, which an XML parser would otherwise turn into spaces.
    public static func xmlAttribute(_ text: String) -> String {
        var out = ""
        for scalar in xmlText(text).unicodeScalars {
            switch scalar {
            case "\t": out += "&#9;"
            case "\n": out += "&#10;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
