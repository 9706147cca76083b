import ChainTraceFormat

/// Escaping for each context user text can reach in the page.
public enum Escaping {
    /// Text for HTML element content or a quoted attribute value: `& < > " '` as character references.
    ///
    /// Control characters other than tab and newline become U+FFFD, so the page stays well-formed.
    public static func html(_ text: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || (0x7f ... 0x9f).contains(scalar.value): out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// JSON text made safe inside `<script type="application/json">`.
    ///
    /// `<`, `>`, `&`, U+2028 and U+2029 become `\u003c`, `\u003e`, `\u0026`, `\u2028`, `\u2029`:
    /// `</script>` and `<!--` can then never end or alter the element, and the JSON still parses
    /// to the same value (these characters can only occur inside JSON strings).
    public static func scriptJSON(_ json: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(json.unicodeScalars.count)
        for scalar in json.unicodeScalars {
            switch scalar {
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped (as trace JSON writes them).
    public static func jsonString(_ text: String) -> String {
        TraceJSONWriter.string(text)
    }
}
