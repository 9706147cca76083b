/// Text shortened and checked before it is shown: in a table, a diagram or a font setting.
///
/// Escaping keeps text from changing a format; these keep it from breaking a layout: a name of
/// 100,000 letters would pad every row of a table and exceeds Graphviz's 16 KB label limit.
public enum DisplayText {
    /// `text` at most `limit` characters long: longer text keeps its start and end around `…`.
    public static func shortened(_ text: String, to limit: Int) -> String {
        precondition(limit >= 3, "shortened(_:to:) needs a limit of at least 3 characters")
        // A character takes at least one byte, so a text of at most `limit` bytes fits without counting.
        guard text.utf8.count > limit, text.count > limit else { return text }
        let tail = (limit - 1) / 3
        return String(text.prefix(limit - 1 - tail)) + "…" + String(text.suffix(tail))
    }

    /// `text`, or U+FFFD when it has nothing Graphviz can draw: empty, or only spaces, line breaks
    /// and invisible format characters (U+200B, U+2060, U+FEFF, …), on which Pango fails.
    public static func drawable(_ text: String) -> String {
        let invisible = text.unicodeScalars.allSatisfy {
            $0.properties.isWhitespace || $0.properties.isDefaultIgnorableCodePoint || $0.properties.generalCategory == .format
                || $0.properties.generalCategory == .control
        }
        return invisible && !text.isEmpty ? "\u{FFFD}" : text
    }

    /// The most characters of a name or scope name a diagram shows, in labels and tooltips alike.
    public static let diagramWidth = 60

    /// A name as a diagram shows it: at most ``diagramWidth`` characters and drawable (the full
    /// name stays in the trace JSON).
    public static func diagramName(_ name: String) -> String {
        drawable(shortened(name, to: diagramWidth))
    }

    /// Whether `name` is a font name: letters, digits, spaces and `-`, `_`, `,`, `.` only, and not
    /// empty. Graphviz copies the font name into SVG unescaped, so nothing else may reach it.
    public static func isFontName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy {
            $0.properties.isAlphabetic || ("0" ... "9").contains($0) || " -_,.".unicodeScalars.contains($0)
        }
    }
}
