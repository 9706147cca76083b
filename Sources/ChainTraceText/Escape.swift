/// Escaping of untrusted text (node names, scope names, titles, notes) for each output context.
///
/// This is the boundary between text that came from users or from trace JSON made elsewhere and
/// the formats chaintrace writes. Every writer calls the function for its context; none escapes on
/// its own. No function here can let the text add or end an element, an attribute, a DOT
/// statement, a JSON value or a terminal control sequence.
public enum Escape {}

extension Escape {
    /// Scalars that are not allowed in XML 1.0 or that Graphviz drops: C0 controls other than tab and
    /// line feed, and the non-characters U+FFFE, U+FFFF.
    static func isXMLForbidden(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t" && scalar != "\n") || scalar.value == 0xFFFE || scalar.value == 0xFFFF
    }

    /// C1 controls (U+0080–U+009F) and DEL: allowed by XML but shown by nothing.
    static func isC1OrDelete(_ scalar: Unicode.Scalar) -> Bool {
        (0x7F ... 0x9F).contains(scalar.value)
    }
}

extension Escape {
    /// `text` with each scalar for which `replacement` gives a string replaced by it: the one loop
    /// of every escaper that maps characters to entities or escape sequences.
    static func replacingScalars(of text: String, _ replacement: (Unicode.Scalar) -> String?) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if let replaced = replacement(scalar) {
                out += replaced
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
