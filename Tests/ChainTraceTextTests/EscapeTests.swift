import ChainTraceTestSupport
import ChainTraceText
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Each output context against the hostile-name corpus: the text stays text, and reads back as itself
/// (with only the documented replacements).
@Suite("escaping for each output context")
struct EscapeTests {
    /// What XML can carry of a name: forbidden scalars, DEL and C1 controls as U+FFFD.
    static func xmlVisible(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map {
            ($0.value < 0x20 && $0 != "\t" && $0 != "\n") || (0x7F ... 0x9F).contains($0.value) || $0.value == 0xFFFE || $0.value == 0xFFFF ? "\u{FFFD}" : $0
        }))
    }

    @Test("XML text and attribute: one element, its text and attribute are the name", arguments: HostileText.names)
    func xml(name: String) throws {
        let document = "<r a=\"\(Escape.xmlAttribute(name))\" b='\(Escape.xmlAttribute(name))'>\(Escape.xmlText(name))</r>"
        let xml = try XMLDocument(data: Data(document.utf8), options: [.nodePreserveWhitespace])
        let root = try #require(xml.rootElement())
        #expect(root.childCount == (name.isEmpty ? 0 : 1))
        #expect(root.children?.allSatisfy { $0.kind == .text } ?? true)
        #expect(root.stringValue == Self.xmlVisible(name))
        #expect(root.attribute(forName: "a")?.stringValue == Self.xmlVisible(name))
        #expect(root.attribute(forName: "b")?.stringValue == Self.xmlVisible(name))
    }

    @Test("MathML from a control-character name is well-formed")
    func controlCharactersInMathML() throws {
        let mathML = "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mi>\(Escape.xmlText("esc\u{1B}[31m\u{0}"))</mi></math>"
        let xml = try XMLDocument(data: Data(mathML.utf8), options: [])
        #expect(xml.rootElement()?.stringValue == "esc\u{FFFD}[31m\u{FFFD}")
    }

    @Test("DOT HTML label: no markup, no quote, no bracket, no line break, backslashes doubled", arguments: HostileText.names)
    func dotLabel(name: String) {
        let label = Escape.dotLabel(name).replacingOccurrences(of: "<br/>", with: "")
        #expect(!label.contains("<") && !label.contains(">") && !label.contains("\"") && !label.contains("]"))
        #expect(!label.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0xFFFE || $0.value == 0xFFFF })
        #expect(label.replacingOccurrences(of: "\\\\", with: "").contains("\\") == false)
    }

    @Test("DOT tooltip: one quoted string whose quotes and backslashes are escaped", arguments: HostileText.names)
    func dotTooltip(name: String) {
        let tooltip = Escape.dotTooltip(name)
        #expect(tooltip.hasPrefix("\"") && tooltip.hasSuffix("\"") && tooltip.count >= 2)
        let inner = tooltip.dropFirst().dropLast()
        // Remove escaped pairs; what is left may hold no quote and no backslash.
        let bare = inner.replacingOccurrences(of: "\\\\", with: "").replacingOccurrences(of: "\\\"", with: "").replacingOccurrences(of: "\\n", with: "")
        #expect(!bare.contains("\"") && !bare.contains("\\"))
        #expect(!tooltip.unicodeScalars.contains { $0.value < 0x20 })
    }

    @Test("a line or paragraph separator is a line break in a diagram")
    func separatorsBreakLines() {
        #expect(Escape.dotLabel("a\u{2028}b\u{2029}c") == "a<br/>b<br/>c")
        #expect(Escape.dotTooltip("a\u{2028}b") == "\"a\\nb\"")
    }

    @Test("JSON string reads back as the name", arguments: HostileText.names)
    func jsonString(name: String) throws {
        let literal = Escape.jsonString(name)
        let value = try JSONSerialization.jsonObject(with: Data("[\(literal)]".utf8)) as? [String]
        #expect(value == [name])
        #expect(!literal.unicodeScalars.contains { $0.value < 0x20 })
    }

    @Test("JSON in a script element: no markup character, same value", arguments: HostileText.names + ["</script><!--\u{2028}\u{2029}"])
    func scriptJSON(name: String) throws {
        let safe = Escape.scriptJSON("[\(Escape.jsonString(name))]")
        #expect(!safe.unicodeScalars.contains { "<>&\u{2028}\u{2029}".unicodeScalars.contains($0) })
        #expect(try JSONSerialization.jsonObject(with: Data(safe.utf8)) as? [String] == [name])
    }

    @Test("terminal: no control, no bidirectional override, nothing else changed", arguments: HostileText.names)
    func terminal(name: String) {
        let shown = Escape.terminal(name)
        let dangerous = { (scalar: Unicode.Scalar) in
            scalar.value < 0x20 || (0x7F ... 0x9F).contains(scalar.value) || (0x2028 ... 0x202E).contains(scalar.value)
                || (0x2066 ... 0x2069).contains(scalar.value)
        }
        #expect(!shown.unicodeScalars.contains(where: dangerous))
        if !name.unicodeScalars.contains(where: dangerous) { #expect(shown == name) }
    }

    @Test("terminal: controls are spelled as Swift writes them; laid-out text keeps its lines")
    func terminalSpelling() {
        #expect(Escape.terminal("a\u{1B}[2Jb\u{0}\u{202E}c\td\n") == "a\\u{1B}[2Jb\\u{0}\\u{202E}c\\u{9}d\\u{A}")
        #expect(Escape.terminalLines("row\u{1B}]0;x\u{7}\tcell\n") == "row\\u{1B}]0;x\\u{7}\tcell\n")
    }

    @Test("identifiers keep only [A-Za-z0-9_-]")
    func identifier() {
        #expect(Escape.identifier("ct\"><script>-a_1 é") == "ctscript-a_1")
    }
}
