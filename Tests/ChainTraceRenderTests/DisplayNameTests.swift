import ChainTrace
import ChainTraceGraphviz
import ChainTraceRender
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Names and fonts Graphviz cannot take as they are (issue 11): shortened, cleaned or refused.
@Suite("names and fonts Graphviz cannot take")
struct DisplayNameTests {
    static func document(naming name: String) -> TraceDocument {
        var tape = Tape()
        let x = tape.appendLeaf(.input, value: 2, name: name)
        let y = tape.appendBinary(.mul, x, x, name: "y")
        return TraceDocument(tape: tape, differentiating: y)
    }

    @Test("a 17,000-letter name is drawn shortened (Graphviz's labels hold 16 KB)")
    func longName() throws {
        let name = String(repeating: "a", count: 16_990) + "0123456789"
        let diagram = try Diagram(Self.document(naming: name))
        let svg = try Graphviz.render(diagram.dot, format: .svg)
        _ = try XMLDocument(data: Data(svg), options: [])
        let text = String(decoding: svg, as: UTF8.self)
        #expect(text.contains("…"))
        #expect(text.contains("456789"))
        #expect(!text.contains(String(repeating: "a", count: 61)))
    }

    @Test("a name with nothing to draw is drawn as U+FFFD", arguments: ["\u{200B}\u{2028}\u{FEFF}", "\u{200B}", "\u{2060} "])
    func invisibleName(_ name: String) throws {
        let dot = try Diagram(Self.document(naming: name)).dot
        #expect(dot.contains("<b>\u{FFFD}</b>"))
        #expect(!dot.contains("\u{200B}") && !dot.contains("\u{FEFF}") && !dot.contains("\u{2028}"))
    }

    @Test("a font option that is not a font name is refused; font names give well-formed SVG")
    func fonts() throws {
        var options = DiagramOptions()
        for bad in ["\"/><script>alert(1)</script><x a=\"", "a&b", "x\"y", ""] {
            options.fontName = bad
            #expect(throws: DiagramError.self) { try Diagram(Self.document(naming: "x"), options: options) }
        }
        for good in ["DejaVu Sans", "Helvetica,Arial", "Noto_Sans-Bold.1"] {
            options.fontName = good
            let svg = try Graphviz.render(Diagram(HostileNameTests.hostileDocument(), options: options).dot, format: .svg)
            _ = try XMLDocument(data: Data(svg), options: [])
            #expect(!String(decoding: svg, as: UTF8.self).contains("<script"))
        }
    }
}
